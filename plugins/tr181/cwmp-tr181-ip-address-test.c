/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Interface.{i}.IPv4Address/IPv6Address/IPv6Prefix against the
 * kernel of a private network namespace, compared with what `ip -j addr`
 * prints
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <json-glib/json-glib.h>
#include <linux/if_addr.h>
#include <stdio.h>
#include <string.h>

#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

#define INFINITE "9999-12-31T23:59:59Z"

/* --- pure logic ------------------------------------------------------------ */

static void
cwmp_tr181_ip_address_test_mask(void)
{
	g_autoptr(GError) error = NULL;
	guint		  len = 99;
	g_autofree gchar *m16 = cwmp_tr181_ip_address_prefixlen_to_mask(16);
	g_autofree gchar *m0 = cwmp_tr181_ip_address_prefixlen_to_mask(0);
	g_autofree gchar *m32 = cwmp_tr181_ip_address_prefixlen_to_mask(32);
	g_autofree gchar *m27 = cwmp_tr181_ip_address_prefixlen_to_mask(27);

	g_assert_true(cwmp_tr181_ip_address_mask_to_prefixlen("255.255.0.0", &len, &error));
	g_assert_cmpuint(len, ==, 16);
	g_assert_true(cwmp_tr181_ip_address_mask_to_prefixlen("255.255.255.224", &len, &error));
	g_assert_cmpuint(len, ==, 27);
	g_assert_true(cwmp_tr181_ip_address_mask_to_prefixlen("0.0.0.0", &len, &error));
	g_assert_cmpuint(len, ==, 0);
	g_assert_true(cwmp_tr181_ip_address_mask_to_prefixlen("255.255.255.255", &len, &error));
	g_assert_cmpuint(len, ==, 32);
	g_assert_false(cwmp_tr181_ip_address_mask_to_prefixlen("255.0.255.0", &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	g_assert_false(cwmp_tr181_ip_address_mask_to_prefixlen("0.255.255.255", &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	g_assert_false(cwmp_tr181_ip_address_mask_to_prefixlen("255.255.0", &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_assert_cmpstr(m16, ==, "255.255.0.0");
	g_assert_cmpstr(m0, ==, "0.0.0.0");
	g_assert_cmpstr(m32, ==, "255.255.255.255");
	g_assert_cmpstr(m27, ==, "255.255.255.224");
}

static void
cwmp_tr181_ip_address_test_prefix(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *p64 = cwmp_tr181_ip_address_prefix_of("2001:db8::1", 64);
	g_autofree gchar *p60 = cwmp_tr181_ip_address_prefix_of("2001:db8:0:1f::1", 60);
	g_autofree gchar *p0 = cwmp_tr181_ip_address_prefix_of("2001:db8::1", 0);
	g_autofree gchar *bad = cwmp_tr181_ip_address_prefix_of("10.0.0.1", 8);
	g_autofree gchar *network = NULL;
	g_autofree gchar *canonical = NULL;
	guint		  len = 0;

	g_assert_cmpstr(p64, ==, "2001:db8::/64");
	g_assert_cmpstr(p60, ==, "2001:db8:0:10::/60");
	g_assert_cmpstr(p0, ==, "::/0");
	g_assert_null(bad);
	g_assert_true(
	    cwmp_tr181_ip_address_parse_prefix("2001:DB8:1:0::/64", &network, &len, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(network, ==, "2001:db8:1::");
	g_assert_cmpuint(len, ==, 64);
	g_clear_pointer(&network, g_free);
	/* host bits after the length are an error, not silently cleared */
	g_assert_false(
	    cwmp_tr181_ip_address_parse_prefix("2001:db8::1/64", &network, &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	g_assert_false(
	    cwmp_tr181_ip_address_parse_prefix("2001:db8::/129", &network, &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	g_assert_false(cwmp_tr181_ip_address_parse_prefix("2001:db8::", &network, &len, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_clear_error(&error);
	canonical = cwmp_tr181_ip_address_canonical(AF_INET6, "2001:0DB8:0000::0001", &error);
	g_assert_cmpstr(canonical, ==, "2001:db8::1");
	g_assert_null(cwmp_tr181_ip_address_canonical(AF_INET, "10.0.0.256", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
}

static void
cwmp_tr181_ip_address_test_lifetime(void)
{
	g_autoptr(GError) error = NULL;
	/* 2026-01-01T00:00:00Z */
	gint64		  now = 1767225600;
	g_autofree gchar *forever = cwmp_tr181_ip_address_format_lifetime(G_MAXUINT32, now);
	g_autofree gchar *hour = cwmp_tr181_ip_address_format_lifetime(3600, now);
	guint32		  remaining = 0;

	g_assert_cmpstr(forever, ==, INFINITE);
	g_assert_cmpstr(hour, ==, "2026-01-01T01:00:00Z");
	g_assert_true(cwmp_tr181_ip_address_parse_lifetime(INFINITE, now, &remaining, &error));
	g_assert_cmpuint(remaining, ==, G_MAXUINT32);
	g_assert_true(cwmp_tr181_ip_address_parse_lifetime(hour, now, &remaining, &error));
	g_assert_cmpuint(remaining, ==, 3600);
	g_assert_false(
	    cwmp_tr181_ip_address_parse_lifetime("2025-12-31T00:00:00Z", now, &remaining, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
}

static void
cwmp_tr181_ip_address_test_origin(void)
{
	g_assert_cmpstr(cwmp_tr181_ip_address_addressing_type("10.0.0.1", IFA_F_PERMANENT), ==,
			"Static");
	g_assert_cmpstr(cwmp_tr181_ip_address_addressing_type("10.0.0.1", 0), ==, "DHCP");
	g_assert_cmpstr(cwmp_tr181_ip_address_addressing_type("169.254.3.4", IFA_F_PERMANENT), ==,
			"AutoIP");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_origin("::1", 128, IFA_F_PERMANENT), ==,
			"WellKnown");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_origin("fe80::1", 64, IFA_F_PERMANENT), ==,
			"AutoConfigured");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_origin("2001:db8::1", 64, IFA_F_PERMANENT), ==,
			"Static");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_origin("2001:db8::1", 64, 0), ==,
			"AutoConfigured");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_origin("2001:db8::1", 128, 0), ==, "DHCPv6");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_status(0), ==, "Preferred");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_status(IFA_F_TENTATIVE), ==, "Tentative");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_status(IFA_F_TENTATIVE | IFA_F_OPTIMISTIC), ==,
			"Optimistic");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_status(IFA_F_DEPRECATED), ==, "Deprecated");
	g_assert_cmpstr(cwmp_tr181_ip_address_ipv6_status(IFA_F_TENTATIVE | IFA_F_DADFAILED), ==,
			"Duplicate");
}

/* --- what the kernel says ---------------------------------------------------- */

typedef struct {
	gchar	*local; /* "10.1.0.1" */
	guint	 prefixlen;
	gboolean dynamic;
	gboolean tentative;
	gboolean deprecated;
	gint64	 valid;
} CwmpTr181IpAddressTestKernel;

static void
cwmp_tr181_ip_address_test_kernel_free(CwmpTr181IpAddressTestKernel *k)
{
	g_free(k->local);
	g_free(k);
}

/* the addresses of @family ("inet", "inet6") on addr0, as `ip -j addr` prints them */
static GPtrArray *
cwmp_tr181_ip_address_test_ip_addrs(const gchar *family)
{
	const gchar *argv[] = {"ip", "-j", "addr", "show", "dev", "addr0", NULL};
	g_autoptr(GPtrArray) out =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_tr181_ip_address_test_kernel_free);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	gint		  status = 0;
	JsonArray	 *links;

	if (!g_spawn_sync(NULL, (gchar **) argv, NULL,
			  G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
			  &status, &error) ||
	    !g_spawn_check_wait_status(status, &error))
		g_error("ip -j addr: %s", error->message);
	if (!json_parser_load_from_data(parser, text, -1, &error))
		g_error("ip -j addr: %s", error->message);
	links = json_node_get_array(json_parser_get_root(parser));
	g_assert_cmpuint(json_array_get_length(links), ==, 1);
	{
		JsonObject *link = json_array_get_object_element(links, 0);
		JsonArray  *infos = json_object_get_array_member(link, "addr_info");
		for (guint i = 0; i < json_array_get_length(infos); i++) {
			JsonObject *info = json_array_get_object_element(infos, i);
			CwmpTr181IpAddressTestKernel *k;
			if (g_strcmp0(json_object_get_string_member(info, "family"), family) != 0)
				continue;
			k = g_new0(CwmpTr181IpAddressTestKernel, 1);
			k->local = g_strdup(json_object_get_string_member(info, "local"));
			k->prefixlen = (guint) json_object_get_int_member(info, "prefixlen");
			k->dynamic =
			    json_object_get_boolean_member_with_default(info, "dynamic", FALSE);
			k->tentative =
			    json_object_get_boolean_member_with_default(info, "tentative", FALSE);
			k->deprecated =
			    json_object_get_boolean_member_with_default(info, "deprecated", FALSE);
			k->valid =
			    json_object_get_int_member_with_default(info, "valid_life_time", -1);
			g_ptr_array_add(out, k);
		}
	}
	return g_steal_pointer(&out);
}

static gboolean
cwmp_tr181_ip_address_test_kernel_has(const gchar *family, const gchar *local, guint prefixlen)
{
	g_autoptr(GPtrArray) addrs = cwmp_tr181_ip_address_test_ip_addrs(family);
	for (guint i = 0; i < addrs->len; i++) {
		CwmpTr181IpAddressTestKernel *k = g_ptr_array_index(addrs, i);
		if (g_strcmp0(k->local, local) == 0 && k->prefixlen == prefixlen)
			return TRUE;
	}
	return FALSE;
}

static guint
cwmp_tr181_ip_address_test_kernel_count(const gchar *family, const gchar *local)
{
	g_autoptr(GPtrArray) addrs = cwmp_tr181_ip_address_test_ip_addrs(family);
	guint n = 0;
	for (guint i = 0; i < addrs->len; i++) {
		CwmpTr181IpAddressTestKernel *k = g_ptr_array_index(addrs, i);
		if (g_strcmp0(k->local, local) == 0)
			n++;
	}
	return n;
}

/* --- fixture ------------------------------------------------------------------ */

typedef struct {
	CwmpTr181TestAgent agent;
	guint32		   iface;
	gchar		  *v4;	   /* "Device.IP.Interface.N.IPv4Address." */
	gchar		  *v6;	   /* "...IPv6Address." */
	gchar		  *prefix; /* "...IPv6Prefix." */
} CwmpTr181IpAddressTest;

static void
cwmp_tr181_ip_address_test_find_iface(CwmpTr181IpAddressTest *t)
{
	g_autofree gchar *base = NULL;
	t->iface =
	    cwmp_tr181_test_agent_find_instance(&t->agent, "Device.IP.Interface.", "Name", "addr0");
	g_assert_cmpuint(t->iface, !=, 0);
	base = g_strdup_printf("Device.IP.Interface.%u.", t->iface);
	g_free(t->v4);
	g_free(t->v6);
	g_free(t->prefix);
	t->v4 = g_strconcat(base, "IPv4Address.", NULL);
	t->v6 = g_strconcat(base, "IPv6Address.", NULL);
	t->prefix = g_strconcat(base, "IPv6Prefix.", NULL);
}

static gboolean
cwmp_tr181_ip_address_test_setup(CwmpTr181IpAddressTest *t)
{
	if (cwmp_tr181_test_netns_skip())
		return FALSE;
	/* veth, not dummy: kernels without the dummy module have veth */
	cwmp_tr181_test_netns_ip("link add addr0 type veth peer name addr0p");
	/* no duplicate address detection: the link-local address is usable at once */
	{
		/* a proc file: written in place, not replaced */
		FILE *f = fopen("/proc/sys/net/ipv6/conf/addr0/accept_dad", "w");
		g_assert_nonnull(f);
		g_assert_cmpint(fputs("0", f), >=, 0);
		g_assert_cmpint(fclose(f), ==, 0);
	}
	cwmp_tr181_test_netns_ip("link set addr0p up");
	cwmp_tr181_test_netns_ip("link set addr0 up");
	cwmp_tr181_test_netns_ip("addr add 10.1.0.1/24 dev addr0");
	cwmp_tr181_test_netns_ip("-6 addr add 2001:db8::1/64 dev addr0 nodad");
	cwmp_tr181_test_agent_start(&t->agent, NULL);
	cwmp_tr181_ip_address_test_find_iface(t);
	return TRUE;
}

static void
cwmp_tr181_ip_address_test_teardown(CwmpTr181IpAddressTest *t)
{
	cwmp_tr181_test_agent_stop(&t->agent, TRUE);
	cwmp_tr181_test_netns_ip("link del addr0");
	g_free(t->v4);
	g_free(t->v6);
	g_free(t->prefix);
}

static gchar *
cwmp_tr181_ip_address_test_get(CwmpTr181IpAddressTest *t,
			       const gchar	      *table,
			       guint32		       instance,
			       const gchar	      *param)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.%s", table, instance, param);
	return cwmp_tr181_test_agent_get(&t->agent, path);
}

static void
cwmp_tr181_ip_address_test_assert(CwmpTr181IpAddressTest *t,
				  const gchar		 *table,
				  guint32		  instance,
				  const gchar		 *param,
				  const gchar		 *expected)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.%s", table, instance, param);
	cwmp_tr181_test_agent_assert_value(&t->agent, path, expected);
}

static void
cwmp_tr181_ip_address_test_set(CwmpTr181IpAddressTest *t,
			       const gchar	      *table,
			       guint32		       instance,
			       const gchar	      *param,
			       const gchar	      *value,
			       CwmpType		       type,
			       gint		       fault)
{
	g_autofree gchar *path = g_strdup_printf("%s%u.%s", table, instance, param);
	cwmp_tr181_test_agent_set(&t->agent, path, value, type, fault);
}

static guint32
cwmp_tr181_ip_address_test_add(CwmpTr181IpAddressTest *t, const gchar *table)
{
	g_autoptr(GError) error = NULL;
	guint32 instance = 0;
	if (!cwmp_dm_add_object(t->agent.dm, table, &instance, &error))
		g_error("AddObject %s: %s", table, error->message);
	g_assert_cmpuint(instance, !=, 0);
	return instance;
}

static guint
cwmp_tr181_ip_address_test_count(CwmpTr181IpAddressTest *t, const gchar *table)
{
	g_autoptr(GPtrArray) paths = cwmp_tr181_test_agent_list_instances(&t->agent, table);
	return paths->len;
}

/* --- every value compared with the kernel -------------------------------------- */

static void
cwmp_tr181_ip_address_test_values(void)
{
	CwmpTr181IpAddressTest t = {0};
	g_autoptr(GPtrArray) v4 = NULL;
	g_autoptr(GPtrArray) v6 = NULL;
	g_autoptr(GHashTable) prefixes =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	if (!cwmp_tr181_ip_address_test_setup(&t))
		return;
	/* a leased address too: a finite lifetime is what DHCP clients give */
	cwmp_tr181_test_netns_ip("addr add 10.9.0.1/24 dev addr0 valid_lft 3000 preferred_lft "
				 "2000");
	g_assert_true(
	    cwmp_tr181_test_agent_wait_instance(&t.agent, t.v4, "IPAddress", "10.9.0.1", TRUE));

	v4 = cwmp_tr181_ip_address_test_ip_addrs("inet");
	g_assert_cmpuint(v4->len, ==, 2);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.v4), ==, v4->len);
	for (guint i = 0; i < v4->len; i++) {
		CwmpTr181IpAddressTestKernel *k = g_ptr_array_index(v4, i);
		g_autofree gchar *mask = cwmp_tr181_ip_address_prefixlen_to_mask(k->prefixlen);
		guint32		  n =
		    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", k->local);
		g_assert_cmpuint(n, !=, 0);
		cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "SubnetMask", mask);
		cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Enable", "true");
		cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Enabled");
		cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "AddressingType",
						  k->dynamic ? "DHCP" : "Static");
		g_assert_true(k->dynamic == (g_strcmp0(k->local, "10.9.0.1") == 0));
	}

	v6 = cwmp_tr181_ip_address_test_ip_addrs("inet6");
	/* 2001:db8::1 and the link-local address */
	g_assert_cmpuint(v6->len, ==, 2);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.v6), ==, v6->len);
	for (guint i = 0; i < v6->len; i++) {
		CwmpTr181IpAddressTestKernel *k = g_ptr_array_index(v6, i);
		g_autofree gchar *prefix = cwmp_tr181_ip_address_prefix_of(k->local, k->prefixlen);
		g_autofree gchar *prefix_path = NULL;
		g_autofree gchar *prefix_value = NULL;
		guint32		  n =
		    cwmp_tr181_test_agent_find_instance(&t.agent, t.v6, "IPAddress", k->local);
		g_assert_cmpuint(n, !=, 0);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "Enable", "true");
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "Status", "Enabled");
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "IPAddressStatus",
						  k->tentative	  ? "Tentative"
						  : k->deprecated ? "Deprecated"
								  : "Preferred");
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "Origin",
						  g_str_has_prefix(k->local, "fe80:") ? "AutoConfig"
											"ured"
										      : "Static");
		g_assert_cmpint(k->valid, ==, G_MAXUINT32);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "ValidLifetime", INFINITE);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "PreferredLifetime", INFINITE);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, n, "Anycast", "false");
		/* Prefix names the IPv6Prefix instance of the address's prefix */
		prefix_path = cwmp_tr181_ip_address_test_get(&t, t.v6, n, "Prefix");
		g_assert_true(g_str_has_prefix(prefix_path, t.prefix));
		{
			g_autofree gchar *p = g_strconcat(prefix_path, "Prefix", NULL);
			prefix_value = cwmp_tr181_test_agent_get(&t.agent, p);
		}
		g_assert_cmpstr(prefix_value, ==, prefix);
		g_hash_table_add(prefixes, g_steal_pointer(&prefix));
	}

	/* one IPv6Prefix per prefix of the addresses, no more */
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.prefix), ==,
			 g_hash_table_size(prefixes));
	{
		guint32 n = cwmp_tr181_test_agent_find_instance(&t.agent, t.prefix, "Prefix",
								"2001:db8::/64");
		g_assert_cmpuint(n, !=, 0);
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "Origin", "Static");
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "Status", "Enabled");
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "PrefixStatus", "Preferred");
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "OnLink", "true");
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "ValidLifetime", INFINITE);
		n = cwmp_tr181_test_agent_find_instance(&t.agent, t.prefix, "Prefix", "fe80::/64");
		g_assert_cmpuint(n, !=, 0);
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "Origin", "WellKnown");
		cwmp_tr181_ip_address_test_assert(&t, t.prefix, n, "StaticType", "Inapplicable");
	}

	/* the leased address's lifetime is a date about 3000 s ahead; writes are refused */
	{
		guint32 n =
		    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.9.0.1");
		g_autoptr(GError) error = NULL;
		g_autofree gchar *path = g_strdup_printf("%s%u.", t.v4, n);
		cwmp_tr181_ip_address_test_set(&t, t.v4, n, "IPAddress", "10.9.0.2",
					       CWMP_TYPE_STRING, CWMP_FAULT_NON_WRITABLE_PARAMETER);
		g_assert_false(cwmp_dm_delete_object(t.agent.dm, path, &error));
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
		g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.9.0.1", 24));
	}
	/* a derived prefix is not the ACS's to delete */
	{
		guint32 n = cwmp_tr181_test_agent_find_instance(&t.agent, t.prefix, "Prefix",
								"2001:db8::/64");
		g_autoptr(GError) error = NULL;
		g_autofree gchar *path = g_strdup_printf("%s%u.", t.prefix, n);
		g_assert_false(cwmp_dm_delete_object(t.agent.dm, path, &error));
		g_assert_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED);
		cwmp_tr181_ip_address_test_set(&t, t.prefix, n, "Enable", "false",
					       CWMP_TYPE_BOOLEAN,
					       CWMP_FAULT_NON_WRITABLE_PARAMETER);
	}
	cwmp_tr181_ip_address_test_teardown(&t);
}

/* --- IPv4 through the data model ------------------------------------------------- */

static void
cwmp_tr181_ip_address_test_ipv4_write(void)
{
	CwmpTr181IpAddressTest t = {0};
	g_autofree gchar      *directory = NULL;
	g_autofree gchar      *path = NULL;
	g_autoptr(GError) error = NULL;
	guint32 n;
	guint	before;

	if (!cwmp_tr181_ip_address_test_setup(&t))
		return;
	before = cwmp_tr181_ip_address_test_count(&t, t.v4);
	n = cwmp_tr181_ip_address_test_add(&t, t.v4);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.v4), ==, before + 1);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Enable", "false");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Disabled");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "AddressingType", "Static");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "IPAddress", "");

	/* invalid values: refused, nothing changes */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "IPAddress", "10.0.0.256", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "SubnetMask", "255.0.255.0", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "IPAddress", "");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "SubnetMask", "");

	/* pending until complete and enabled */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "Enable", "true", CWMP_TYPE_BOOLEAN, 0);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Error_Misconfigured");
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "IPAddress", "10.2.0.1", CWMP_TYPE_STRING, 0);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.2.0.1"), ==, 0);
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "SubnetMask", "255.255.0.0", CWMP_TYPE_STRING,
				       0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.1", 16));
	/* the same instance, not a second one for the kernel's address */
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Enabled");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "IPAddress", "10.2.0.1");
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.2.0.1"), ==, n);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.v4), ==, before + 1);

	/* a new mask replaces the kernel's address */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "SubnetMask", "255.255.255.0", CWMP_TYPE_STRING,
				       0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.1", 24));
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.2.0.1"), ==, 1);
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "IPAddress", "10.2.0.7", CWMP_TYPE_STRING, 0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.7", 24));
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.2.0.1"), ==, 0);

	/* an address the kernel refuses (it is there already): fault, nothing changes */
	cwmp_tr181_test_netns_ip("addr add 10.4.0.1/24 dev addr0");
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "IPAddress", "10.4.0.1", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.7", 24));
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.4.0.1"), ==, 1);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "IPAddress", "10.2.0.7");
	cwmp_tr181_test_netns_ip("addr del 10.4.0.1/24 dev addr0");

	/* an invalid write leaves the kernel alone too */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "SubnetMask", "255.0.255.0", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.7", 24));

	/* disabled: out of the kernel, still in the table */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "Enable", "false", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.2.0.7"), ==, 0);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Disabled");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "IPAddress", "10.2.0.7");
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "Enable", "true", CWMP_TYPE_BOOLEAN, 0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.7", 24));

	/* a restart with the same state keeps the instance and its number */
	directory = g_strdup(t.agent.directory);
	cwmp_tr181_test_agent_stop(&t.agent, FALSE);
	cwmp_tr181_test_agent_start(&t.agent, directory);
	cwmp_tr181_ip_address_test_find_iface(&t);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.2.0.7"), ==, n);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "AddressingType", "Static");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "SubnetMask", "255.255.255.0");

	/* removed from the kernel outside: the instance stays and says so, pushed */
	path = g_strdup_printf("%s%u.Status", t.v4, n);
	cwmp_tr181_test_agent_watch(&t.agent, path);
	cwmp_tr181_test_netns_ip("addr del 10.2.0.7/24 dev addr0");
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&t.agent, path));
	cwmp_tr181_test_agent_assert_value(&t.agent, path, "Error");
	/* and a restart puts what the ACS configured back */
	cwmp_tr181_test_agent_stop(&t.agent, FALSE);
	cwmp_tr181_test_agent_start(&t.agent, directory);
	cwmp_tr181_ip_address_test_find_iface(&t);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.2.0.7", 24));
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Enabled");

	/* deleted: gone from the kernel and the table */
	g_clear_pointer(&path, g_free);
	path = g_strdup_printf("%s%u.", t.v4, n);
	if (!cwmp_dm_delete_object(t.agent.dm, path, &error))
		g_error("DeleteObject %s: %s", path, error->message);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.2.0.7"), ==, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.2.0.7"), ==, 0);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_count(&t, t.v4), ==, before);
	cwmp_tr181_ip_address_test_teardown(&t);
}

/* --- changes made outside ----------------------------------------------------------- */

static void
cwmp_tr181_ip_address_test_external(void)
{
	CwmpTr181IpAddressTest t = {0};
	g_autofree gchar      *path = NULL;
	g_autoptr(GError) error = NULL;
	guint32 n;

	if (!cwmp_tr181_ip_address_test_setup(&t))
		return;
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.3.0.1"), ==, 0);
	cwmp_tr181_test_netns_ip("addr add 10.3.0.1/24 dev addr0");
	g_assert_true(
	    cwmp_tr181_test_agent_wait_instance(&t.agent, t.v4, "IPAddress", "10.3.0.1", TRUE));
	n = cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.3.0.1");
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "AddressingType", "Static");

	/* the admin's static address is writable: taken over, same instance number */
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "SubnetMask", "255.255.0.0", CWMP_TYPE_STRING,
				       0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet", "10.3.0.1", 16));
	g_assert_false(cwmp_tr181_ip_address_test_kernel_has("inet", "10.3.0.1", 24));
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v4, "IPAddress", "10.3.0.1"), ==, n);
	cwmp_tr181_ip_address_test_set(&t, t.v4, n, "Enable", "false", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet", "10.3.0.1"), ==, 0);
	cwmp_tr181_ip_address_test_assert(&t, t.v4, n, "Status", "Disabled");
	path = g_strdup_printf("%s%u.", t.v4, n);
	if (!cwmp_dm_delete_object(t.agent.dm, path, &error))
		g_error("DeleteObject %s: %s", path, error->message);

	/* added and removed outside: the instance comes and goes */
	cwmp_tr181_test_netns_ip("addr add 10.3.0.9/24 dev addr0");
	g_assert_true(
	    cwmp_tr181_test_agent_wait_instance(&t.agent, t.v4, "IPAddress", "10.3.0.9", TRUE));
	cwmp_tr181_test_netns_ip("addr del 10.3.0.9/24 dev addr0");
	g_assert_true(
	    cwmp_tr181_test_agent_wait_instance(&t.agent, t.v4, "IPAddress", "10.3.0.9", FALSE));

	/* IPv6 too, with its prefix */
	cwmp_tr181_test_netns_ip("-6 addr add 2001:db8:5::1/64 dev addr0 nodad");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&t.agent, t.v6, "IPAddress",
							  "2001:db8:5::1", TRUE));
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&t.agent, t.prefix, "Prefix",
							  "2001:db8:5::/64", TRUE));
	cwmp_tr181_test_netns_ip("-6 addr del 2001:db8:5::1/64 dev addr0");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&t.agent, t.v6, "IPAddress",
							  "2001:db8:5::1", FALSE));
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&t.agent, t.prefix, "Prefix",
							  "2001:db8:5::/64", FALSE));
	cwmp_tr181_ip_address_test_teardown(&t);
}

/* --- IPv6 through the data model ------------------------------------------------------ */

static void
cwmp_tr181_ip_address_test_ipv6_write(void)
{
	CwmpTr181IpAddressTest t = {0};
	g_autofree gchar      *prefix_path = NULL;
	g_autofree gchar      *path = NULL;
	g_autoptr(GError) error = NULL;
	guint32 a;
	guint32 p;

	if (!cwmp_tr181_ip_address_test_setup(&t))
		return;
	a = cwmp_tr181_ip_address_test_add(&t, t.v6);
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "Origin", "Static");
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "Status", "Disabled");
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "IPAddressStatus", "Invalid");
	cwmp_tr181_ip_address_test_set(&t, t.v6, a, "IPAddress", "2001:db8::1::5", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_ip_address_test_set(&t, t.v6, a, "IPAddress", "2001:DB8:1::5", CWMP_TYPE_STRING,
				       0);
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "IPAddress", "2001:db8:1::5");
	cwmp_tr181_ip_address_test_set(&t, t.v6, a, "Enable", "true", CWMP_TYPE_BOOLEAN, 0);
	/* no Prefix: a /128 as DHCPv6 IA_NA addresses are */
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet6", "2001:db8:1::5", 128));
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "Status", "Enabled");
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "Prefix", "");
	cwmp_tr181_ip_address_test_set(&t, t.v6, a, "Anycast", "true", CWMP_TYPE_BOOLEAN,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);

	/* a static prefix, then the address placed in it */
	p = cwmp_tr181_ip_address_test_add(&t, t.prefix);
	cwmp_tr181_ip_address_test_set(&t, t.prefix, p, "Prefix", "2001:db8:1::1/64",
				       CWMP_TYPE_STRING, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_ip_address_test_set(&t, t.prefix, p, "Prefix", "2001:db8:1::/64",
				       CWMP_TYPE_STRING, 0);
	cwmp_tr181_ip_address_test_set(&t, t.prefix, p, "Enable", "true", CWMP_TYPE_BOOLEAN, 0);
	cwmp_tr181_ip_address_test_assert(&t, t.prefix, p, "Status", "Enabled");
	cwmp_tr181_ip_address_test_assert(&t, t.prefix, p, "Origin", "Static");
	cwmp_tr181_ip_address_test_assert(&t, t.prefix, p, "StaticType", "Static");
	cwmp_tr181_ip_address_test_set(&t, t.prefix, p, "OnLink", "true", CWMP_TYPE_BOOLEAN, 0);
	cwmp_tr181_ip_address_test_assert(&t, t.prefix, p, "OnLink", "true");
	cwmp_tr181_ip_address_test_set(&t, t.prefix, p, "StaticType", "Child", CWMP_TYPE_STRING,
				       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	prefix_path = g_strdup_printf("%s%u.", t.prefix, p);
	cwmp_tr181_ip_address_test_set(&t, t.v6, a, "Prefix", prefix_path, CWMP_TYPE_STRING, 0);
	g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet6", "2001:db8:1::5", 64));
	g_assert_false(cwmp_tr181_ip_address_test_kernel_has("inet6", "2001:db8:1::5", 128));
	cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "Prefix", prefix_path);
	/* the static prefix stands for the prefix of the kernel's address: no second instance */
	{
		g_autoptr(GPtrArray) paths =
		    cwmp_tr181_test_agent_list_instances(&t.agent, t.prefix);
		guint same = 0;
		for (guint i = 0; i < paths->len; i++) {
			g_autofree gchar *pp =
			    g_strconcat(g_ptr_array_index(paths, i), "Prefix", NULL);
			g_autofree gchar *value = cwmp_tr181_test_agent_get(&t.agent, pp);
			if (g_strcmp0(value, "2001:db8:1::/64") == 0)
				same++;
		}
		g_assert_cmpuint(same, ==, 1);
	}
	/* a Prefix the address is not in is refused */
	{
		guint32 other = cwmp_tr181_test_agent_find_instance(&t.agent, t.prefix, "Prefix",
								    "2001:db8::/64");
		g_autofree gchar *other_path = g_strdup_printf("%s%u.", t.prefix, other);
		g_assert_cmpuint(other, !=, 0);
		cwmp_tr181_ip_address_test_set(&t, t.v6, a, "Prefix", other_path, CWMP_TYPE_STRING,
					       CWMP_FAULT_INVALID_PARAMETER_VALUE);
		g_assert_true(cwmp_tr181_ip_address_test_kernel_has("inet6", "2001:db8:1::5", 64));
	}
	/* a finite lifetime reaches the kernel */
	{
		g_autoptr(GDateTime) now = g_date_time_new_now_utc();
		g_autoptr(GDateTime) later = g_date_time_add_seconds(now, 7200);
		g_autofree gchar *text = g_date_time_format(later, "%Y-%m-%dT%H:%M:%SZ");
		g_autoptr(GPtrArray) addrs = NULL;
		gboolean found = FALSE;
		/* the kernel refuses a preferred lifetime longer than the valid one */
		cwmp_tr181_ip_address_test_set(&t, t.v6, a, "ValidLifetime", text,
					       CWMP_TYPE_DATE_TIME,
					       CWMP_FAULT_INVALID_PARAMETER_VALUE);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "ValidLifetime", INFINITE);
		cwmp_tr181_ip_address_test_set(&t, t.v6, a, "PreferredLifetime", text,
					       CWMP_TYPE_DATE_TIME, 0);
		cwmp_tr181_ip_address_test_set(&t, t.v6, a, "ValidLifetime", text,
					       CWMP_TYPE_DATE_TIME, 0);
		cwmp_tr181_ip_address_test_assert(&t, t.v6, a, "ValidLifetime", text);
		addrs = cwmp_tr181_ip_address_test_ip_addrs("inet6");
		for (guint i = 0; i < addrs->len; i++) {
			CwmpTr181IpAddressTestKernel *k = g_ptr_array_index(addrs, i);
			if (g_strcmp0(k->local, "2001:db8:1::5") != 0)
				continue;
			found = TRUE;
			g_assert_cmpint(k->valid, >, 7000);
			g_assert_cmpint(k->valid, <=, 7200);
		}
		g_assert_true(found);
		cwmp_tr181_ip_address_test_set(&t, t.v6, a, "ValidLifetime", "2001-01-01T00:00:00Z",
					       CWMP_TYPE_DATE_TIME,
					       CWMP_FAULT_INVALID_PARAMETER_VALUE);
	}

	/* deleted: gone from the kernel and the table */
	path = g_strdup_printf("%s%u.", t.v6, a);
	if (!cwmp_dm_delete_object(t.agent.dm, path, &error))
		g_error("DeleteObject %s: %s", path, error->message);
	g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet6", "2001:db8:1::5"), ==, 0);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.v6, "IPAddress", "2001:db8:1::5"), ==,
	    0);
	if (!cwmp_dm_delete_object(t.agent.dm, prefix_path, &error))
		g_error("DeleteObject %s: %s", prefix_path, error->message);
	g_assert_cmpuint(
	    cwmp_tr181_test_agent_find_instance(&t.agent, t.prefix, "Prefix", "2001:db8:1::/64"),
	    ==, 0);

	/* the kernel's static IPv6 address can be deleted through the data model */
	{
		guint32 n =
		    cwmp_tr181_test_agent_find_instance(&t.agent, t.v6, "IPAddress", "2001:db8::1");
		g_autofree gchar *npath = g_strdup_printf("%s%u.", t.v6, n);
		g_assert_cmpuint(n, !=, 0);
		if (!cwmp_dm_delete_object(t.agent.dm, npath, &error))
			g_error("DeleteObject %s: %s", npath, error->message);
		g_assert_cmpuint(cwmp_tr181_ip_address_test_kernel_count("inet6", "2001:db8::1"),
				 ==, 0);
		g_assert_true(cwmp_tr181_test_agent_wait_instance(&t.agent, t.prefix, "Prefix",
								  "2001:db8::/64", FALSE));
	}
	cwmp_tr181_ip_address_test_teardown(&t);
}

int
main(int argc, char **argv)
{
	/* before any thread: a network namespace of our own, or a reason to skip */
	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/tr181/ip-address/mask", cwmp_tr181_ip_address_test_mask);
	g_test_add_func("/cwmp/tr181/ip-address/prefix", cwmp_tr181_ip_address_test_prefix);
	g_test_add_func("/cwmp/tr181/ip-address/lifetime", cwmp_tr181_ip_address_test_lifetime);
	g_test_add_func("/cwmp/tr181/ip-address/origin", cwmp_tr181_ip_address_test_origin);
	g_test_add_func("/cwmp/tr181/ip-address/values", cwmp_tr181_ip_address_test_values);
	g_test_add_func("/cwmp/tr181/ip-address/ipv4-write", cwmp_tr181_ip_address_test_ipv4_write);
	g_test_add_func("/cwmp/tr181/ip-address/external", cwmp_tr181_ip_address_test_external);
	g_test_add_func("/cwmp/tr181/ip-address/ipv6-write", cwmp_tr181_ip_address_test_ipv6_write);
	return g_test_run();
}
