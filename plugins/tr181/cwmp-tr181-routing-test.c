/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Routing. against the kernel, as root in a network namespace of its
 * own: the forwarding tables compared with `ip -j route`, static routes
 * added, changed and deleted through the data model, kernel routes refused,
 * routes added or deleted outside reaching the core, and static entries kept
 * across restarts (and put back when the kernel lost their route).
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <json-glib/json-glib.h>
#include <net/if.h>
#include <string.h>

#include "cwmp-dm-private.h"
#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

#define ROUTER "Device.Routing.Router.1."
#define IPV4   ROUTER "IPv4Forwarding."
#define IPV6   ROUTER "IPv6Forwarding."

/* `ip -j <args>` as JSON, the command failing the test */
static JsonNode *
cwmp_tr181_routing_test_ip_json(const gchar *format, ...) G_GNUC_PRINTF(1, 2);

static JsonNode *
cwmp_tr181_routing_test_ip_json(const gchar *format, ...)
{
	g_autofree gchar *args = NULL;
	g_autofree gchar *command = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_auto(GStrv) argv = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	gint	status = 0;
	va_list ap;

	va_start(ap, format);
	args = g_strdup_vprintf(format, ap);
	va_end(ap);
	command = g_strconcat("ip -j ", args, NULL);
	if (!g_shell_parse_argv(command, NULL, &argv, &error) ||
	    !g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
			  &error) ||
	    !g_spawn_check_wait_status(status, &error))
		g_error("%s: %s %s", command, error->message, err != NULL ? err : "");
	if (!json_parser_load_from_data(parser, out, -1, &error))
		g_error("%s: %s", command, error->message);
	return json_node_copy(json_parser_get_root(parser));
}

/* the routes `ip -j route show <selector>` lists */
static guint
cwmp_tr181_routing_test_count_routes(const gchar *family, const gchar *selector)
{
	g_autoptr(JsonNode) root =
	    cwmp_tr181_routing_test_ip_json("%s route show %s", family, selector);
	return json_array_get_length(json_node_get_array(root));
}

static gchar *
cwmp_tr181_routing_test_route_gateway(const gchar *family, const gchar *selector)
{
	g_autoptr(JsonNode) root =
	    cwmp_tr181_routing_test_ip_json("%s route show %s", family, selector);
	JsonArray  *routes = json_node_get_array(root);
	JsonObject *route;

	g_assert_cmpuint(json_array_get_length(routes), ==, 1);
	route = json_array_get_object_element(routes, 0);
	return g_strdup(json_object_get_string_member_with_default(route, "gateway", ""));
}

static gchar *
cwmp_tr181_routing_test_value(CwmpTr181TestAgent *agent,
			      const gchar	 *table,
			      guint32		  instance,
			      const gchar	 *name)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.%s", table, instance, name);
	return cwmp_tr181_test_agent_get(agent, path);
}

static void
cwmp_tr181_routing_test_assert(CwmpTr181TestAgent *agent,
			       const gchar	  *table,
			       guint32		   instance,
			       const gchar	  *name,
			       const gchar	  *expected)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.%s", table, instance, name);
	cwmp_tr181_test_agent_assert_value(agent, path, expected);
}

/* one SetParameterValues of several parameters; returns 0 or the first fault */
static gint
cwmp_tr181_routing_test_set(CwmpTr181TestAgent *agent, gchar **message, ...)
{
	g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent->dm);
	g_autoptr(GError) error = NULL;
	GPtrArray   *faults;
	gboolean     ok = TRUE;
	const gchar *path;
	va_list	     ap;

	va_start(ap, message);
	while ((path = va_arg(ap, const gchar *)) != NULL) {
		const gchar *value = va_arg(ap, const gchar *);
		ok = cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_NONE) && ok;
	}
	va_end(ap);
	if (ok && cwmp_dm_txn_commit(txn, &error))
		return 0;
	faults = cwmp_dm_txn_get_faults(txn);
	if (faults != NULL && faults->len > 0) {
		CwmpDmFault *fault = g_ptr_array_index(faults, 0);
		g_test_message("fault %s: %d %s", fault->path, fault->code, fault->message);
		if (message != NULL)
			*message = g_strdup(fault->message);
		return fault->code;
	}
	g_assert_nonnull(error);
	g_test_message("fault: %s", error->message);
	if (message != NULL)
		*message = g_strdup(error->message);
	return cwmp_error_to_fault(error);
}

typedef struct {
	CwmpDm	    *dm;
	const gchar *table;
	const gchar *key;
	gboolean     present;
} CwmpTr181RoutingTestWait;

static gboolean
cwmp_tr181_routing_test_pushed_cond(gpointer user_data)
{
	CwmpTr181RoutingTestWait *wait = user_data;
	return cwmp_tr181_test_has_instance(wait->dm, ROUTER, wait->table, wait->key) ==
	       wait->present;
}

/* the ip module's path for a link, or "" while it has none */
static gchar *
cwmp_tr181_routing_test_if_path(CwmpTr181TestAgent *agent, const gchar *ifname)
{
	gchar *path = cwmp_tr181_ip_dup_interface_path(agent->dm, ifname);
	return path != NULL ? path : g_strdup("");
}

/* --- pure logic ------------------------------------------------------------ */

static void
cwmp_tr181_routing_test_key_func(void)
{
	struct rtnl_route   *route = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr	    *dst = NULL;
	struct nl_addr	    *gw = NULL;
	g_autofree gchar    *key = NULL;
	g_autofree gchar    *key_tos = NULL;

	g_assert_cmpint(nl_addr_parse("10.9.0.0/16", AF_INET, &dst), ==, 0);
	g_assert_cmpint(nl_addr_parse("10.1.0.254", AF_INET, &gw), ==, 0);
	rtnl_route_set_family(route, AF_INET);
	rtnl_route_set_dst(route, dst);
	rtnl_route_set_priority(route, 20);
	rtnl_route_nh_set_gateway(nh, gw);
	rtnl_route_nh_set_ifindex(nh, 3);
	rtnl_route_add_nexthop(route, nh);
	key = cwmp_tr181_routing_route_key(route);
	g_assert_cmpstr(key, ==, "10.9.0.0/16|10.1.0.254|3|20");
	rtnl_route_set_tos(route, 16);
	key_tos = cwmp_tr181_routing_route_key(route);
	g_assert_cmpstr(key_tos, ==, "10.9.0.0/16|10.1.0.254|3|20|16");
	nl_addr_put(dst);
	nl_addr_put(gw);
	rtnl_route_put(route);
}

/* --- the tables against the kernel ----------------------------------------- */

static void
cwmp_tr181_routing_test_compare_family(CwmpTr181TestAgent *agent, gboolean ipv6)
{
	const gchar *table = ipv6 ? IPV6 : IPV4;
	g_autoptr(JsonNode) root =
	    cwmp_tr181_routing_test_ip_json("%s route show table main", ipv6 ? "-6" : "-4");
	JsonArray *routes = json_node_get_array(root);
	g_autoptr(GPtrArray) instances = cwmp_tr181_test_agent_list_instances(agent, table);
	guint listed = 0;

	for (guint i = 0; i < json_array_get_length(routes); i++) {
		JsonObject  *route = json_array_get_object_element(routes, i);
		const gchar *dst = json_object_get_string_member(route, "dst");
		const gchar *type =
		    json_object_get_string_member_with_default(route, "type", "unicast");
		const gchar *protocol =
		    json_object_get_string_member_with_default(route, "protocol", "boot");
		const gchar *gateway =
		    json_object_get_string_member_with_default(route, "gateway", "");
		const gchar *dev = json_object_get_string_member_with_default(route, "dev", "");
		gint64	     metric = json_object_get_int_member_with_default(route, "metric", 0);
		g_autofree gchar *mask = NULL;
		g_autofree gchar *metric_text = g_strdup_printf("%" G_GINT64_FORMAT, metric);
		g_autofree gchar *if_path = cwmp_tr181_routing_test_if_path(agent, dev);
		guint32		  instance = 0;
		gboolean	  is_static =
		    g_strcmp0(protocol, "static") == 0 || g_strcmp0(protocol, "boot") == 0;

		if (g_strcmp0(type, "unicast") != 0 && g_strcmp0(type, "blackhole") != 0 &&
		    g_strcmp0(type, "unreachable") != 0 && g_strcmp0(type, "prohibit") != 0)
			continue;
		listed++;
		/* find the instance by its unique key: destination, gateway, metric, interface */
		for (guint j = 0; j < instances->len && instance == 0; j++) {
			const gchar *path = g_ptr_array_index(instances, j);
			guint32 number = (guint32) g_ascii_strtoull(path + strlen(table), NULL, 10);
			g_autofree gchar *dest_now = NULL;
			g_autofree gchar *gw_now = NULL;
			g_autofree gchar *metric_now = NULL;
			g_autofree gchar *if_now = NULL;
			g_autofree gchar *expected_dest = NULL;

			if (ipv6) {
				dest_now = cwmp_tr181_routing_test_value(agent, table, number,
									 "DestIPPrefix");
				gw_now =
				    cwmp_tr181_routing_test_value(agent, table, number, "NextHop");
				expected_dest = g_strcmp0(dst, "default") == 0 ? g_strdup("")
						: strchr(dst, '/') != NULL
						    ? g_strdup(dst)
						    : g_strconcat(dst, "/128", NULL);
			} else {
				dest_now = cwmp_tr181_routing_test_value(agent, table, number,
									 "DestIPAddress");
				gw_now = cwmp_tr181_routing_test_value(agent, table, number,
								       "GatewayIPAddress");
				expected_dest = g_strcmp0(dst, "default") == 0
						    ? g_strdup("")
						    : g_strndup(dst, strcspn(dst, "/"));
			}
			metric_now =
			    cwmp_tr181_routing_test_value(agent, table, number, "ForwardingMetric");
			if_now = cwmp_tr181_routing_test_value(agent, table, number, "Interface");
			if (g_strcmp0(dest_now, expected_dest) == 0 &&
			    g_strcmp0(gw_now, gateway) == 0 &&
			    g_strcmp0(metric_now, metric_text) == 0 &&
			    g_strcmp0(if_now, if_path) == 0)
				instance = number;
		}
		if (instance == 0)
			g_error("no %s entry for the kernel route %s via '%s' metric %s", table,
				dst, gateway, metric_text);
		g_test_message("%s route %s -> instance %u", ipv6 ? "IPv6" : "IPv4", dst, instance);
		cwmp_tr181_routing_test_assert(agent, table, instance, "Enable", "true");
		cwmp_tr181_routing_test_assert(agent, table, instance, "Status", "Enabled");
		cwmp_tr181_routing_test_assert(agent, table, instance, "ForwardingPolicy", "-1");
		cwmp_tr181_routing_test_assert(agent, table, instance, "Interface", if_path);
		if (!ipv6) {
			cwmp_tr181_routing_test_assert(agent, table, instance, "StaticRoute",
						       is_static ? "true" : "false");
			if (g_strcmp0(dst, "default") != 0 && strchr(dst, '/') != NULL) {
				guint plen =
				    (guint) g_ascii_strtoull(strchr(dst, '/') + 1, NULL, 10);
				guint32 bits = plen == 0 ? 0 : G_MAXUINT32 << (32 - plen);
				mask =
				    g_strdup_printf("%u.%u.%u.%u", bits >> 24, (bits >> 16) & 0xff,
						    (bits >> 8) & 0xff, bits & 0xff);
				cwmp_tr181_routing_test_assert(agent, table, instance,
							       "DestSubnetMask", mask);
			}
		} else {
			cwmp_tr181_routing_test_assert(agent, table, instance, "Origin",
						       g_strcmp0(protocol, "ra") == 0 ? "RA"
										      : "Static");
		}
	}
	g_assert_cmpuint(instances->len, ==, listed);
}

static void
cwmp_tr181_routing_test_table_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GPtrArray) routers = NULL;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_netns_ip("route add 10.9.0.0/16 via 10.1.0.254");
	cwmp_tr181_test_netns_ip("route add 10.8.0.0/16 via 10.1.0.253 metric 7 proto static");
	cwmp_tr181_test_netns_ip("route add blackhole 10.7.0.0/16");
	cwmp_tr181_test_netns_ip("-6 route add 2001:db8:9::/48 via 2001:db8:1::fe");
	cwmp_tr181_test_agent_start(&agent, NULL);

	routers = cwmp_tr181_test_agent_list_instances(&agent, "Device.Routing.Router.");
	g_assert_cmpuint(routers->len, ==, 1);
	cwmp_tr181_test_agent_assert_value(&agent, ROUTER "Enable", "true");
	cwmp_tr181_test_agent_assert_value(&agent, ROUTER "Status", "Enabled");
	cwmp_tr181_routing_test_compare_family(&agent, FALSE);
	cwmp_tr181_routing_test_compare_family(&agent, TRUE);
	{
		guint32 blackhole =
		    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.7.0.0");
		guint32 static_route =
		    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.8.0.0");
		g_assert_cmpuint(blackhole, !=, 0);
		cwmp_tr181_routing_test_assert(&agent, IPV4, blackhole, "Type", "Blackhole");
		g_assert_cmpuint(static_route, !=, 0);
		cwmp_tr181_routing_test_assert(&agent, IPV4, static_route, "ForwardingMetric", "7");
		cwmp_tr181_routing_test_assert(&agent, IPV4, static_route, "StaticRoute", "true");
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("route del 10.9.0.0/16");
	cwmp_tr181_test_netns_ip("route del 10.8.0.0/16");
	cwmp_tr181_test_netns_ip("route del blackhole 10.7.0.0/16");
	cwmp_tr181_test_netns_ip("-6 route del 2001:db8:9::/48");
}

/* --- static routes through the data model ---------------------------------- */

static void
cwmp_tr181_routing_test_static_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *enable = NULL;
	g_autofree gchar *gateway = NULL;
	g_autofree gchar *message = NULL;
	g_autoptr(JsonNode) root = NULL;
	JsonObject *route;
	guint32	    instance = 0;
	guint32	    instance6 = 0;
	gint	    fault;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_agent_start(&agent, NULL);

	/* a new entry is disabled and reaches the kernel once complete and enabled */
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance, &error));
	g_assert_no_error(error);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Enable", "false");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Disabled");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "StaticRoute", "true");
	path = g_strdup_printf(IPV4 "%u.", instance);
	enable = g_strconcat(path, "Enable", NULL);
	gateway = g_strconcat(path, "GatewayIPAddress", NULL);
	{
		g_autofree gchar *dest = g_strconcat(path, "DestIPAddress", NULL);
		g_autofree gchar *mask = g_strconcat(path, "DestSubnetMask", NULL);
		g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, dest, "10.20.0.0", mask,
							    "255.255.0.0", gateway, "10.1.0.254",
							    enable, "true", NULL),
				==, 0);
	}
	root = cwmp_tr181_routing_test_ip_json("-4 route show 10.20.0.0/16");
	g_assert_cmpuint(json_array_get_length(json_node_get_array(root)), ==, 1);
	route = json_array_get_object_element(json_node_get_array(root), 0);
	g_assert_cmpstr(json_object_get_string_member(route, "gateway"), ==, "10.1.0.254");
	g_assert_cmpstr(json_object_get_string_member(route, "protocol"), ==, "static");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Enabled");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "DestSubnetMask", "255.255.0.0");
	{
		g_autofree gchar *if_path = cwmp_tr181_routing_test_if_path(&agent, "rt0");
		/* set up by its gateway: the egress interface is reported */
		cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Interface", if_path);
	}

	/* a change replaces the route; the instance stays */
	g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, gateway, "10.1.0.253", NULL), ==,
			0);
	{
		g_autofree gchar *now = cwmp_tr181_routing_test_route_gateway("-4", "10.20.0.0/16");
		g_assert_cmpstr(now, ==, "10.1.0.253");
	}
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.20.0.0"), ==,
	    instance);

	/* the kernel refuses an unreachable gateway: the old route stays */
	fault = cwmp_tr181_routing_test_set(&agent, &message, gateway, "10.99.0.1", NULL);
	g_assert_cmpint(fault, ==, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_test_message("unreachable gateway: %d %s", fault, message);
	{
		g_autofree gchar *now = cwmp_tr181_routing_test_route_gateway("-4", "10.20.0.0/16");
		g_assert_cmpstr(now, ==, "10.1.0.253");
	}
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "GatewayIPAddress", "10.1.0.253");

	/* a mask with holes is no mask */
	{
		g_autofree gchar *mask = g_strconcat(path, "DestSubnetMask", NULL);
		g_assert_cmpint(
		    cwmp_tr181_routing_test_set(&agent, NULL, mask, "255.0.255.0", NULL), ==,
		    CWMP_FAULT_INVALID_PARAMETER_VALUE);
		g_assert_cmpint(
		    cwmp_tr181_routing_test_set(&agent, NULL, gateway, "2001:db8::1", NULL), ==,
		    CWMP_FAULT_INVALID_PARAMETER_VALUE);
	}
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "DestSubnetMask", "255.255.0.0");
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.20.0.0/16"), ==, 1);

	/* disabled: out of the kernel, the entry stays */
	g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, enable, "false", NULL), ==, 0);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.20.0.0/16"), ==, 0);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Disabled");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "DestIPAddress", "10.20.0.0");
	g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, enable, "true", NULL), ==, 0);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.20.0.0/16"), ==, 1);

	/* DeleteObject takes it out of the kernel */
	g_assert_true(cwmp_dm_delete_object(agent.dm, path, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.20.0.0/16"), ==, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.20.0.0"), ==, 0);

	/* IPv6 the same way */
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV6, &instance6, &error));
	g_assert_no_error(error);
	{
		g_autofree gchar *path6 = g_strdup_printf(IPV6 "%u.", instance6);
		g_autofree gchar *prefix = g_strconcat(path6, "DestIPPrefix", NULL);
		g_autofree gchar *next_hop = g_strconcat(path6, "NextHop", NULL);
		g_autofree gchar *enable6 = g_strconcat(path6, "Enable", NULL);
		g_autofree gchar *now = NULL;

		g_assert_cmpint(
		    cwmp_tr181_routing_test_set(&agent, NULL, prefix, "2001:db8:20::/48", next_hop,
						"2001:db8:1::fe", enable6, "true", NULL),
		    ==, 0);
		now = cwmp_tr181_routing_test_route_gateway("-6", "2001:db8:20::/48");
		g_assert_cmpstr(now, ==, "2001:db8:1::fe");
		cwmp_tr181_routing_test_assert(&agent, IPV6, instance6, "Status", "Enabled");
		/* bits right of the prefix: misconfigured, nothing in the kernel */
		g_assert_cmpint(
		    cwmp_tr181_routing_test_set(&agent, NULL, prefix, "2001:db8:20::1/48", NULL),
		    ==, 0);
		cwmp_tr181_routing_test_assert(&agent, IPV6, instance6, "Status",
					       "Error_Misconfigured");
		g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-6", "2001:db8:20::/48"), ==,
				 0);
		g_assert_true(cwmp_dm_delete_object(agent.dm, path6, &error));
		g_assert_no_error(error);
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

/* --- routes that are not ours ------------------------------------------------ */

static void
cwmp_tr181_routing_test_kernel_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *metric = NULL;
	guint32		  instance;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_agent_start(&agent, NULL);
	/* the connected route of 10.1.0.1/24 */
	instance = cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.1.0.0");
	g_assert_cmpuint(instance, !=, 0);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "StaticRoute", "false");
	path = g_strdup_printf(IPV4 "%u.", instance);
	g_assert_false(cwmp_dm_delete_object(agent.dm, path, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
	g_assert_nonnull(strstr(error->message, "route owned by the kernel"));
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.1.0.0/24"), ==, 1);
	metric = g_strconcat(path, "ForwardingMetric", NULL);
	g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, metric, "5", NULL), ==,
			CWMP_FAULT_REQUEST_DENIED);
	{
		g_autoptr(JsonNode) root = cwmp_tr181_routing_test_ip_json("-4 route show "
									   "10.1.0.0/24");
		JsonObject *route = json_array_get_object_element(json_node_get_array(root), 0);
		g_assert_false(json_object_has_member(route, "metric"));
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

static void
cwmp_tr181_routing_test_outside_func(void)
{
	CwmpTr181TestAgent	 agent = {NULL};
	CwmpTr181RoutingTestWait wait = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *key = NULL;
	g_autofree gchar *gateway = NULL;
	guint32		  instance;
	guint		  ifindex = if_nametoindex("rt0");

	if (cwmp_tr181_test_netns_skip())
		return;
	g_assert_cmpuint(ifindex, !=, 0);
	cwmp_tr181_test_agent_start(&agent, NULL);
	/* the table was read once, as an ACS request does */
	g_autoptr(GPtrArray) before = cwmp_tr181_test_agent_list_instances(&agent, IPV4);
	g_assert_nonnull(before);

	/* pushed from the notification, with no request in between */
	cwmp_tr181_test_netns_ip("route add 10.30.0.0/16 via 10.1.0.254");
	key = g_strdup_printf("10.30.0.0/16|10.1.0.254|%u|0", ifindex);
	wait.dm = agent.dm;
	wait.table = "IPv4Forwarding";
	wait.key = key;
	wait.present = TRUE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_routing_test_pushed_cond, &wait));
	instance = cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.30.0.0");
	g_assert_cmpuint(instance, !=, 0);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "StaticRoute", "true");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "GatewayIPAddress", "10.1.0.254");

	/* an admin's static route is ours to change: the instance keeps its number */
	gateway = g_strdup_printf(IPV4 "%u.GatewayIPAddress", instance);
	g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, gateway, "10.1.0.253", NULL), ==,
			0);
	{
		g_autofree gchar *now = cwmp_tr181_routing_test_route_gateway("-4", "10.30.0.0/16");
		g_assert_cmpstr(now, ==, "10.1.0.253");
	}
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.30.0.0"), ==,
	    instance);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Enabled");

	/* removed outside: gone from the core */
	cwmp_tr181_test_netns_ip("route add 10.31.0.0/16 via 10.1.0.254");
	g_free(key);
	key = g_strdup_printf("10.31.0.0/16|10.1.0.254|%u|0", ifindex);
	wait.key = key;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_routing_test_pushed_cond, &wait));
	cwmp_tr181_test_netns_ip("route del 10.31.0.0/16");
	wait.present = FALSE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_routing_test_pushed_cond, &wait));
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.31.0.0"), ==, 0);

	/* our route removed outside: the entry stays, in error */
	cwmp_tr181_test_netns_ip("route del 10.30.0.0/16");
	cwmp_tr181_test_netns_drain();
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.30.0.0"), ==,
	    instance);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Error");
	{
		g_autofree gchar *path = g_strdup_printf(IPV4 "%u.", instance);
		g_assert_true(cwmp_dm_delete_object(agent.dm, path, &error));
		g_assert_no_error(error);
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

/* --- static entries kept across restarts ----------------------------------- */

#define STATE_FILE "tr181-routing.state"

/* the path of rt0's Device.IP.Interface. instance, once the core knows it */
static gchar *
cwmp_tr181_routing_test_rt0_path(CwmpTr181TestAgent *agent)
{
	const gchar *table = "Device.IP.Interface.";
	g_autoptr(GPtrArray) interfaces = cwmp_tr181_test_agent_list_instances(agent, table);
	gchar *path = cwmp_tr181_routing_test_if_path(agent, "rt0");

	g_assert_cmpuint(interfaces->len, >, 0);
	g_assert_cmpstr(path, !=, "");
	return path;
}

/* whether the state file in @directory holds the entry keyed @key */
static gboolean
cwmp_tr181_routing_test_state_has(const gchar *directory, const gchar *key)
{
	g_autofree gchar *filename = g_build_filename(directory, STATE_FILE, NULL);
	g_autofree gchar *contents = NULL;
	g_autofree gchar *record = g_strdup_printf("\nE\t%s\t", key);
	g_autoptr(GError) error = NULL;

	if (!g_file_get_contents(filename, &contents, NULL, &error))
		g_error("%s: %s", filename, error->message);
	return strstr(contents, record) != NULL;
}

static gchar *
cwmp_tr181_routing_test_key(CwmpTr181TestAgent *agent, const gchar *table, guint32 instance)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.", table, instance);
	CwmpDmObject	 *object = cwmp_dm_lookup_object(agent->dm, path);

	g_assert_nonnull(object);
	return g_strdup(cwmp_dm_object_get_key(object));
}

/* the instances of @table whose @param is @value */
static guint
cwmp_tr181_routing_test_count_instances(CwmpTr181TestAgent *agent,
					const gchar	   *table,
					const gchar	   *param,
					const gchar	   *value)
{
	g_autoptr(GPtrArray) paths = cwmp_tr181_test_agent_list_instances(agent, table);
	guint count = 0;

	for (guint i = 0; i < paths->len; i++) {
		g_autofree gchar *param_path =
		    g_strconcat(g_ptr_array_index(paths, i), param, NULL);
		g_autofree gchar *now = cwmp_tr181_test_agent_get(agent, param_path);
		if (g_strcmp0(now, value) == 0)
			count++;
	}
	return count;
}

/* stop and start again on the same state directory, @between run while it is down */
static void
cwmp_tr181_routing_test_restart(CwmpTr181TestAgent *agent, const gchar *between)
{
	g_autofree gchar *directory = g_strdup(agent->directory);

	cwmp_tr181_test_agent_stop(agent, FALSE);
	if (between != NULL)
		cwmp_tr181_test_netns_ip("%s", between);
	cwmp_tr181_test_agent_start(agent, directory);
}

/* the route in the kernel, made by us: protocol static, @gateway, @metric */
static void
cwmp_tr181_routing_test_assert_kernel(const gchar *family,
				      const gchar *selector,
				      const gchar *gateway,
				      gint64	   metric)
{
	g_autoptr(JsonNode) root =
	    cwmp_tr181_routing_test_ip_json("%s route show %s", family, selector);
	JsonArray  *routes = json_node_get_array(root);
	JsonObject *route;

	g_assert_cmpuint(json_array_get_length(routes), ==, 1);
	route = json_array_get_object_element(routes, 0);
	g_assert_cmpstr(json_object_get_string_member(route, "gateway"), ==, gateway);
	g_assert_cmpstr(json_object_get_string_member(route, "protocol"), ==, "static");
	g_assert_cmpint(json_object_get_int_member_with_default(route, "metric", 0), ==, metric);
}

static void
cwmp_tr181_routing_test_persist_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *path_off = NULL;
	g_autofree gchar *key = NULL;
	g_autofree gchar *key_off = NULL;
	g_autofree gchar *key_new = NULL;
	g_autofree gchar *if_path = NULL;
	guint32		  instance = 0;
	guint32		  instance_off = 0;
	guint32		  instance_new = 0;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_agent_start(&agent, NULL);
	if_path = cwmp_tr181_routing_test_rt0_path(&agent);

	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance, &error));
	g_assert_no_error(error);
	path = g_strdup_printf(IPV4 "%u.", instance);
	key = cwmp_tr181_routing_test_key(&agent, IPV4, instance);
	/* written before AddObject returned */
	g_assert_true(cwmp_tr181_routing_test_state_has(agent.directory, key));
	{
		g_autofree gchar *dest = g_strconcat(path, "DestIPAddress", NULL);
		g_autofree gchar *mask = g_strconcat(path, "DestSubnetMask", NULL);
		g_autofree gchar *gateway = g_strconcat(path, "GatewayIPAddress", NULL);
		g_autofree gchar *metric = g_strconcat(path, "ForwardingMetric", NULL);
		g_autofree gchar *enable = g_strconcat(path, "Enable", NULL);
		g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, dest, "10.40.0.0", mask,
							    "255.255.0.0", gateway, "10.1.0.254",
							    metric, "9", enable, "true", NULL),
				==, 0);
	}
	cwmp_tr181_routing_test_assert_kernel("-4", "10.40.0.0/16", "10.1.0.254", 9);
	/* complete but disabled: kept, never in the kernel */
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance_off, &error));
	g_assert_no_error(error);
	path_off = g_strdup_printf(IPV4 "%u.", instance_off);
	key_off = cwmp_tr181_routing_test_key(&agent, IPV4, instance_off);
	{
		g_autofree gchar *dest = g_strconcat(path_off, "DestIPAddress", NULL);
		g_autofree gchar *iface = g_strconcat(path_off, "Interface", NULL);
		g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, dest, "10.41.0.1", iface,
							    if_path, NULL),
				==, 0);
	}

	/* a restart: the route is still in the kernel, listed once, under the same number */
	cwmp_tr181_routing_test_restart(&agent, NULL);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.40.0.0"), ==,
	    instance);
	/* the kernel's copy is the entry, not an instance of its own */
	g_assert_cmpuint(
	    cwmp_tr181_routing_test_count_instances(&agent, IPV4, "DestIPAddress", "10.40.0.0"), ==,
	    1);
	{
		g_autofree gchar *key_now = cwmp_tr181_routing_test_key(&agent, IPV4, instance);
		g_assert_cmpstr(key_now, ==, key);
	}
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Enable", "true");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Enabled");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "StaticRoute", "true");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "DestSubnetMask", "255.255.0.0");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "GatewayIPAddress", "10.1.0.254");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "ForwardingMetric", "9");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Interface", if_path);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "Enable", "false");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "Status", "Disabled");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "DestIPAddress", "10.41.0.1");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "DestSubnetMask", "");
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "Interface", if_path);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance_off, "ForwardingMetric", "-1");
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.41.0.1"), ==, 0);

	/* a reboot: the kernel lost the route while cwmpd was down; start puts it back */
	cwmp_tr181_routing_test_restart(&agent, "route del 10.40.0.0/16");
	cwmp_tr181_routing_test_assert_kernel("-4", "10.40.0.0/16", "10.1.0.254", 9);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.40.0.0"), ==,
	    instance);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "Status", "Enabled");
	/* the kernel's copy is the entry, not an instance of its own */
	g_assert_cmpuint(
	    cwmp_tr181_routing_test_count_instances(&agent, IPV4, "DestIPAddress", "10.40.0.0"), ==,
	    1);

	/* a change is kept too */
	{
		g_autofree gchar *gateway = g_strconcat(path, "GatewayIPAddress", NULL);
		g_assert_cmpint(
		    cwmp_tr181_routing_test_set(&agent, NULL, gateway, "10.1.0.253", NULL), ==, 0);
	}
	cwmp_tr181_routing_test_restart(&agent, "route del 10.40.0.0/16");
	cwmp_tr181_routing_test_assert_kernel("-4", "10.40.0.0/16", "10.1.0.253", 9);
	cwmp_tr181_routing_test_assert(&agent, IPV4, instance, "GatewayIPAddress", "10.1.0.253");

	/* DeleteObject: out of the kernel and the file, and it stays out */
	g_assert_true(cwmp_dm_delete_object(agent.dm, path, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.40.0.0/16"), ==, 0);
	g_assert_false(cwmp_tr181_routing_test_state_has(agent.directory, key));
	g_assert_true(cwmp_tr181_routing_test_state_has(agent.directory, key_off));
	cwmp_tr181_routing_test_restart(&agent, NULL);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.40.0.0/16"), ==, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV4, "DestIPAddress", "10.40.0.0"), ==, 0);

	/* ids are not handed out again after a restart */
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance_new, &error));
	g_assert_no_error(error);
	key_new = cwmp_tr181_routing_test_key(&agent, IPV4, instance_new);
	g_assert_cmpstr(key_new, !=, key);
	g_assert_cmpstr(key_new, !=, key_off);
	g_assert_cmpuint(instance_new, !=, instance);
	{
		g_autofree gchar *path_new = g_strdup_printf(IPV4 "%u.", instance_new);
		g_assert_true(cwmp_dm_delete_object(agent.dm, path_new, &error));
		g_assert_no_error(error);
	}
	g_assert_true(cwmp_dm_delete_object(agent.dm, path_off, &error));
	g_assert_no_error(error);
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

static void
cwmp_tr181_routing_test_persist_ipv6_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *key = NULL;
	g_autofree gchar *if_path = NULL;
	guint32		  instance = 0;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_agent_start(&agent, NULL);
	if_path = cwmp_tr181_routing_test_rt0_path(&agent);
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV6, &instance, &error));
	g_assert_no_error(error);
	path = g_strdup_printf(IPV6 "%u.", instance);
	key = cwmp_tr181_routing_test_key(&agent, IPV6, instance);
	{
		g_autofree gchar *prefix = g_strconcat(path, "DestIPPrefix", NULL);
		g_autofree gchar *next_hop = g_strconcat(path, "NextHop", NULL);
		g_autofree gchar *iface = g_strconcat(path, "Interface", NULL);
		g_autofree gchar *metric = g_strconcat(path, "ForwardingMetric", NULL);
		g_autofree gchar *enable = g_strconcat(path, "Enable", NULL);
		g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, prefix,
							    "2001:db8:40::/48", next_hop,
							    "2001:db8:1::fe", iface, if_path,
							    metric, "50", enable, "true", NULL),
				==, 0);
	}
	cwmp_tr181_routing_test_assert_kernel("-6", "2001:db8:40::/48", "2001:db8:1::fe", 50);

	cwmp_tr181_routing_test_restart(&agent, NULL);
	cwmp_tr181_routing_test_compare_family(&agent, TRUE);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV6, "DestIPPrefix", "2001:db8:40::/48"),
	    ==, instance);

	cwmp_tr181_routing_test_restart(&agent, "-6 route del 2001:db8:40::/48");
	cwmp_tr181_routing_test_assert_kernel("-6", "2001:db8:40::/48", "2001:db8:1::fe", 50);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV6, "DestIPPrefix", "2001:db8:40::/48"),
	    ==, instance);
	cwmp_tr181_routing_test_assert(&agent, IPV6, instance, "Status", "Enabled");
	cwmp_tr181_routing_test_assert(&agent, IPV6, instance, "NextHop", "2001:db8:1::fe");
	cwmp_tr181_routing_test_assert(&agent, IPV6, instance, "Interface", if_path);
	cwmp_tr181_routing_test_assert(&agent, IPV6, instance, "ForwardingMetric", "50");
	cwmp_tr181_routing_test_compare_family(&agent, TRUE);

	g_assert_true(cwmp_dm_delete_object(agent.dm, path, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-6", "2001:db8:40::/48"), ==, 0);
	g_assert_false(cwmp_tr181_routing_test_state_has(agent.directory, key));
	cwmp_tr181_routing_test_restart(&agent, NULL);
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-6", "2001:db8:40::/48"), ==, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, IPV6, "DestIPPrefix", "2001:db8:40::/48"),
	    ==, 0);
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

/* the files in @directory whose name starts with @prefix */
static guint
cwmp_tr181_routing_test_count_files(const gchar *directory, const gchar *prefix)
{
	g_autoptr(GDir) dir = g_dir_open(directory, 0, NULL);
	const gchar *name;
	guint	     count = 0;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_prefix(name, prefix))
			count++;
	}
	return count;
}

static void
cwmp_tr181_routing_test_persist_damaged_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *filename = NULL;
	g_autofree gchar *contents = NULL;
	g_autofree gchar *key = NULL;
	g_autofree gchar *key_new = NULL;
	gsize		  length = 0;
	guint32		  instance = 0;
	guint32		  instance_new = 0;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_agent_start(&agent, NULL);
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance, &error));
	g_assert_no_error(error);
	key = cwmp_tr181_routing_test_key(&agent, IPV4, instance);
	{
		g_autofree gchar *path = g_strdup_printf(IPV4 "%u.", instance);
		g_autofree gchar *dest = g_strconcat(path, "DestIPAddress", NULL);
		g_autofree gchar *gateway = g_strconcat(path, "GatewayIPAddress", NULL);
		g_autofree gchar *enable = g_strconcat(path, "Enable", NULL);
		g_assert_cmpint(cwmp_tr181_routing_test_set(&agent, NULL, dest, "10.42.0.1",
							    gateway, "10.1.0.254", enable, "true",
							    NULL),
				==, 0);
	}
	g_assert_cmpuint(cwmp_tr181_routing_test_count_routes("-4", "10.42.0.1"), ==, 1);
	filename = g_build_filename(agent.directory, STATE_FILE, NULL);
	{
		g_autofree gchar *directory = g_strdup(agent.directory);

		cwmp_tr181_test_agent_stop(&agent, FALSE);
		/* cut in the middle, as a crash in a write without rename would */
		g_assert_true(g_file_get_contents(filename, &contents, &length, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(length, >, 20);
		g_test_message("%s before the damage:\n%s", filename, contents);
		g_assert_true(g_file_set_contents(filename, contents, (gssize) length / 2, &error));
		g_assert_no_error(error);
		g_test_expect_message(G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
				      "*" STATE_FILE "*moved aside*");
		cwmp_tr181_test_agent_start(&agent, directory);
		g_test_assert_expected_messages();
	}
	/* kept for inspection, and the module runs without the entries */
	g_assert_false(g_file_test(filename, G_FILE_TEST_EXISTS));
	g_assert_cmpuint(cwmp_tr181_routing_test_count_files(agent.directory, STATE_FILE ".corrupt"
											 "-"),
			 ==, 1);
	cwmp_tr181_routing_test_compare_family(&agent, FALSE);
	g_assert_true(cwmp_dm_add_object(agent.dm, IPV4, &instance_new, &error));
	g_assert_no_error(error);
	key_new = cwmp_tr181_routing_test_key(&agent, IPV4, instance_new);
	/* the lost entry's id is not handed out again */
	g_assert_cmpstr(key_new, !=, key);
	g_assert_true(g_file_test(filename, G_FILE_TEST_EXISTS));
	g_assert_true(cwmp_tr181_routing_test_state_has(agent.directory, key_new));
	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("route del 10.42.0.1");
}

int
main(int argc, char **argv)
{
	gboolean netns = cwmp_tr181_test_netns_enter();

	g_test_init(&argc, &argv, NULL);
	if (netns) {
		cwmp_tr181_test_netns_ip("link add rt0 type veth peer name rt0p");
		cwmp_tr181_test_netns_ip("link set rt0p up");
		cwmp_tr181_test_netns_ip("link set rt0 up");
		cwmp_tr181_test_netns_ip("addr add 10.1.0.1/24 dev rt0");
		cwmp_tr181_test_netns_ip("-6 addr add 2001:db8:1::1/64 dev rt0 nodad");
	}
	g_test_add_func("/cwmp/tr181/routing/key", cwmp_tr181_routing_test_key_func);
	g_test_add_func("/cwmp/tr181/routing/table", cwmp_tr181_routing_test_table_func);
	g_test_add_func("/cwmp/tr181/routing/static", cwmp_tr181_routing_test_static_func);
	g_test_add_func("/cwmp/tr181/routing/kernel-owned", cwmp_tr181_routing_test_kernel_func);
	g_test_add_func("/cwmp/tr181/routing/outside", cwmp_tr181_routing_test_outside_func);
	g_test_add_func("/cwmp/tr181/routing/persist", cwmp_tr181_routing_test_persist_func);
	g_test_add_func("/cwmp/tr181/routing/persist-ipv6",
			cwmp_tr181_routing_test_persist_ipv6_func);
	g_test_add_func("/cwmp/tr181/routing/persist-damaged",
			cwmp_tr181_routing_test_persist_damaged_func);
	return g_test_run();
}
