/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Hosts. against the kernel's neighbour tables, as root in a network
 * namespace of its own: hosts compared with `ip -j neigh`, new neighbours
 * pushed to the core, Active and ActiveLastChange following the state.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <json-glib/json-glib.h>
#include <linux/neighbour.h>
#include <string.h>

#include "cwmp-dm-private.h"
#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

#define HOSTS	     "Device.Hosts.Host."
#define UNKNOWN_TIME "0001-01-01T00:00:00Z"

typedef struct {
	CwmpDm	    *dm;
	const gchar *key;
	gboolean     present;
} CwmpTr181HostsTestWait;

static gboolean
cwmp_tr181_hosts_test_pushed_cond(gpointer user_data)
{
	CwmpTr181HostsTestWait *wait = user_data;
	return cwmp_tr181_test_has_instance(wait->dm, "Device.Hosts.", "Host", wait->key) ==
	       wait->present;
}

static gchar *
cwmp_tr181_hosts_test_value(CwmpTr181TestAgent *agent, guint32 instance, const gchar *name)
{
	g_autofree gchar *path = g_strdup_printf(HOSTS "%u.%s", instance, name);
	return cwmp_tr181_test_agent_get(agent, path);
}

static void
cwmp_tr181_hosts_test_assert(CwmpTr181TestAgent *agent,
			     guint32		 instance,
			     const gchar	*name,
			     const gchar	*expected)
{
	g_autofree gchar *path = g_strdup_printf(HOSTS "%u.%s", instance, name);
	cwmp_tr181_test_agent_assert_value(agent, path, expected);
}

/* the MACs `ip -j neigh` lists as hosts: with an address, resolved, unicast */
static GPtrArray *
cwmp_tr181_hosts_test_kernel_hosts(void)
{
	g_autofree gchar *out = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	const gchar *argv[] = {"ip", "-j", "neigh", "show", NULL};
	GPtrArray   *macs = g_ptr_array_new_with_free_func(g_free);
	JsonArray   *entries;
	gint	     status = 0;

	if (!g_spawn_sync(NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
			  &status, &error) ||
	    !g_spawn_check_wait_status(status, &error) ||
	    !json_parser_load_from_data(parser, out, -1, &error))
		g_error("ip -j neigh: %s", error->message);
	entries = json_node_get_array(json_parser_get_root(parser));
	for (guint i = 0; i < json_array_get_length(entries); i++) {
		JsonObject  *entry = json_array_get_object_element(entries, i);
		const gchar *mac =
		    json_object_get_string_member_with_default(entry, "lladdr", NULL);
		const gchar *dst = json_object_get_string_member(entry, "dst");
		JsonArray   *states = json_object_get_array_member(entry, "state");
		gboolean     skip = mac == NULL || g_ascii_strtoull(mac, NULL, 16) % 2 == 1 ||
				g_str_has_prefix(dst, "ff") || g_str_has_prefix(dst, "22") ||
				g_str_has_prefix(dst, "23");

		for (guint j = 0; states != NULL && j < json_array_get_length(states); j++) {
			const gchar *state = json_array_get_string_element(states, j);
			skip = skip || g_strcmp0(state, "NOARP") == 0 ||
			       g_strcmp0(state, "FAILED") == 0 ||
			       g_strcmp0(state, "INCOMPLETE") == 0;
		}
		if (!skip && !g_ptr_array_find_with_equal_func(macs, mac, g_str_equal, NULL))
			g_ptr_array_add(macs, g_strdup(mac));
	}
	return macs;
}

/* --- pure logic ------------------------------------------------------------ */

static void
cwmp_tr181_hosts_test_state_func(void)
{
	g_assert_true(cwmp_tr181_hosts_state_is_active(NUD_REACHABLE));
	g_assert_true(cwmp_tr181_hosts_state_is_active(NUD_PERMANENT));
	g_assert_true(cwmp_tr181_hosts_state_is_active(NUD_DELAY));
	g_assert_true(cwmp_tr181_hosts_state_is_active(NUD_PROBE));
	g_assert_false(cwmp_tr181_hosts_state_is_active(NUD_STALE));
	g_assert_false(cwmp_tr181_hosts_state_is_active(NUD_FAILED));
	g_assert_false(cwmp_tr181_hosts_state_is_active(NUD_INCOMPLETE));
	g_assert_false(cwmp_tr181_hosts_state_is_active(NUD_NONE));
}

/* --- against the kernel ------------------------------------------------------ */

static void
cwmp_tr181_hosts_test_table_func(void)
{
	CwmpTr181TestAgent     agent = {NULL};
	CwmpTr181HostsTestWait wait = {NULL};
	g_autoptr(GPtrArray) kernel = NULL;
	g_autoptr(GPtrArray) instances = NULL;
	g_autofree gchar *if_path = NULL;
	g_autofree gchar *last_change = NULL;
	g_autoptr(GDateTime) when = NULL;
	g_autoptr(GError) error = NULL;
	gint64	before = g_get_real_time() / G_USEC_PER_SEC;
	guint32 instance;

	if (cwmp_tr181_test_netns_skip())
		return;
	/* a host known before cwmpd starts, and group addresses that are no host */
	cwmp_tr181_test_netns_ip("neigh add 10.1.0.8 lladdr 02:00:00:00:00:08 dev nb0 nud "
				 "permanent");
	cwmp_tr181_test_netns_ip("neigh add 224.0.0.5 lladdr 01:00:5e:00:00:05 dev nb0 nud "
				 "permanent");
	cwmp_tr181_test_agent_start(&agent, NULL);

	/* a new neighbour is pushed within the timeout, nothing asking meanwhile */
	cwmp_tr181_test_netns_ip("neigh add 10.1.0.7 lladdr 02:00:00:00:00:07 dev nb0 nud "
				 "permanent");
	wait.dm = agent.dm;
	wait.key = "02:00:00:00:00:07";
	wait.present = TRUE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_hosts_test_pushed_cond, &wait));
	instance =
	    cwmp_tr181_test_agent_find_instance(&agent, HOSTS, "PhysAddress", "02:00:00:00:00:07");
	g_assert_cmpuint(instance, !=, 0);
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPAddress", "10.1.0.7");
	cwmp_tr181_hosts_test_assert(&agent, instance, "Active", "true");
	cwmp_tr181_hosts_test_assert(&agent, instance, "HostName", "");
	cwmp_tr181_hosts_test_assert(&agent, instance, "InterfaceType", "Ethernet");
	{
		gchar *path = cwmp_tr181_ip_dup_interface_path(agent.dm, "nb0");
		if_path = path != NULL ? path : g_strdup("");
	}
	cwmp_tr181_hosts_test_assert(&agent, instance, "Layer3Interface", if_path);
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPv4AddressNumberOfEntries", "1");
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPv4Address.1.IPAddress", "10.1.0.7");
	/* it appeared after start: it became active then */
	last_change = cwmp_tr181_hosts_test_value(&agent, instance, "ActiveLastChange");
	when = cwmp_value_parse_date_time(last_change, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_date_time_to_unix(when), >=, before);

	/* its IPv6 address joins the same host; the IPv4 one stays first */
	cwmp_tr181_test_netns_ip("-6 neigh add 2001:db8:1::7 lladdr 02:00:00:00:00:07 dev nb0 nud "
				 "permanent");
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_hosts_test_pushed_cond, &wait));
	cwmp_tr181_test_netns_drain();
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPv6AddressNumberOfEntries", "1");
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPv6Address.1.IPAddress", "2001:db8:1::7");
	cwmp_tr181_hosts_test_assert(&agent, instance, "IPAddress", "10.1.0.7");

	/* the same hosts as the kernel lists, no more */
	kernel = cwmp_tr181_hosts_test_kernel_hosts();
	instances = cwmp_tr181_test_agent_list_instances(&agent, HOSTS);
	g_assert_cmpuint(instances->len, ==, kernel->len);
	for (guint i = 0; i < kernel->len; i++)
		g_assert_cmpuint(cwmp_tr181_test_agent_find_instance(&agent, HOSTS, "PhysAddress",
								     g_ptr_array_index(kernel, i)),
				 !=, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&agent, HOSTS, "PhysAddress", "01:00:5e:00:00:05"),
	    ==, 0);

	/* gone from the kernel, gone from the core */
	cwmp_tr181_test_netns_ip("neigh del 10.1.0.7 dev nb0");
	cwmp_tr181_test_netns_ip("-6 neigh del 2001:db8:1::7 dev nb0");
	wait.present = FALSE;
	g_assert_true(cwmp_tr181_test_netns_wait(cwmp_tr181_hosts_test_pushed_cond, &wait));
	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("neigh del 10.1.0.8 dev nb0");
	cwmp_tr181_test_netns_ip("neigh del 224.0.0.5 dev nb0");
}

static void
cwmp_tr181_hosts_test_active_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autofree gchar  *active = NULL;
	g_autofree gchar  *last_change = NULL;
	g_autofree gchar  *value = NULL;
	g_autoptr(GDateTime) when = NULL;
	g_autoptr(GError) error = NULL;
	gint64	before;
	guint32 instance;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_netns_ip("neigh add 10.1.0.9 lladdr 02:00:00:00:00:09 dev nb0 nud "
				 "permanent");
	cwmp_tr181_test_agent_start(&agent, NULL);
	instance =
	    cwmp_tr181_test_agent_find_instance(&agent, HOSTS, "PhysAddress", "02:00:00:00:00:09");
	g_assert_cmpuint(instance, !=, 0);
	cwmp_tr181_hosts_test_assert(&agent, instance, "Active", "true");
	/* there before cwmpd: when it became active is not known */
	cwmp_tr181_hosts_test_assert(&agent, instance, "ActiveLastChange", UNKNOWN_TIME);

	active = g_strdup_printf(HOSTS "%u.Active", instance);
	last_change = g_strdup_printf(HOSTS "%u.ActiveLastChange", instance);
	cwmp_tr181_test_agent_watch(&agent, active);
	cwmp_tr181_test_agent_watch(&agent, last_change);
	before = g_get_real_time() / G_USEC_PER_SEC;
	/* nothing confirmed it lately: inactive, reported as a value change */
	cwmp_tr181_test_netns_ip("neigh change 10.1.0.9 lladdr 02:00:00:00:00:09 dev nb0 nud "
				 "stale");
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, active));
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, last_change));
	cwmp_tr181_test_agent_assert_value(&agent, active, "false");
	value = cwmp_tr181_test_agent_get(&agent, last_change);
	when = cwmp_value_parse_date_time(value, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_date_time_to_unix(when), >=, before);

	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("neigh del 10.1.0.9 dev nb0");
}

int
main(int argc, char **argv)
{
	gboolean netns = cwmp_tr181_test_netns_enter();

	g_test_init(&argc, &argv, NULL);
	if (netns) {
		cwmp_tr181_test_netns_ip("link add nb0 type veth peer name nb0p");
		cwmp_tr181_test_netns_ip("link set nb0p up");
		cwmp_tr181_test_netns_ip("link set nb0 up");
		cwmp_tr181_test_netns_ip("addr add 10.1.0.1/24 dev nb0");
		cwmp_tr181_test_netns_ip("-6 addr add 2001:db8:1::1/64 dev nb0 nodad");
	}
	g_test_add_func("/cwmp/tr181/hosts/state", cwmp_tr181_hosts_test_state_func);
	g_test_add_func("/cwmp/tr181/hosts/table", cwmp_tr181_hosts_test_table_func);
	g_test_add_func("/cwmp/tr181/hosts/active", cwmp_tr181_hosts_test_active_func);
	return g_test_run();
}
