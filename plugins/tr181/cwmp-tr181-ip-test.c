/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Ethernet., Device.IP. (the interfaces) and Device.InterfaceStack.
 * against the kernel, in a network namespace of the test's own: every value
 * compared with sysfs, writes checked in sysfs, changes made with ip(8)
 * reaching the core as value changes and instances.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <glib/gstdio.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <string.h>

#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

/* --- what the kernel says, read by the test itself ------------------------ */

static guint64
cwmp_tr181_ip_test_flags(const gchar *ifname)
{
	g_autofree gchar *text = cwmp_tr181_test_netns_read_sysfs(ifname, "flags");
	return g_ascii_strtoull(text, NULL, 16);
}

/* TR-181 Status from sysfs operstate, flags and carrier */
static const gchar *
cwmp_tr181_ip_test_status(const gchar *ifname)
{
	g_autofree gchar *operstate = cwmp_tr181_test_netns_read_sysfs(ifname, "operstate");

	if ((cwmp_tr181_ip_test_flags(ifname) & IFF_UP) == 0)
		return "Down";
	if (g_strcmp0(operstate, "up") == 0)
		return "Up";
	if (g_strcmp0(operstate, "dormant") == 0)
		return "Dormant";
	if (g_strcmp0(operstate, "notpresent") == 0)
		return "NotPresent";
	if (g_strcmp0(operstate, "lowerlayerdown") == 0)
		return "LowerLayerDown";
	if (g_strcmp0(operstate, "down") == 0)
		return "Down";
	if (g_strcmp0(operstate, "unknown") == 0) {
		g_autofree gchar *carrier = cwmp_tr181_test_netns_read_sysfs(ifname, "carrier");
		return g_strcmp0(carrier, "1") == 0 ? "Up" : "Down";
	}
	return "Unknown";
}

/* the links of the namespace, from sysfs */
static GPtrArray *
cwmp_tr181_ip_test_list_links(void)
{
	g_autoptr(GDir) dir = g_dir_open("/sys/class/net", 0, NULL);
	GPtrArray   *names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *flags = g_build_filename("/sys/class/net", name, "flags", NULL);
		if (g_file_test(flags, G_FILE_TEST_EXISTS))
			g_ptr_array_add(names, g_strdup(name));
	}
	return names;
}

/* what the test expects to be an Ethernet port: the rule of cwmp-tr181-ethernet.c */
static gboolean
cwmp_tr181_ip_test_is_ethernet(const gchar *ifname)
{
	g_autofree gchar *type = cwmp_tr181_test_netns_read_sysfs(ifname, "type");
	g_autofree gchar *uevent = cwmp_tr181_test_netns_read_sysfs(ifname, "uevent");
	g_autofree gchar *device = g_build_filename("/sys/class/net", ifname, "device", NULL);
	g_autofree gchar *out = NULL;
	g_autofree gchar *cmd = g_strdup_printf("ip -d -o link show dev %s", ifname);

	if (g_strcmp0(type, "1") != 0 || (cwmp_tr181_ip_test_flags(ifname) & IFF_LOOPBACK) != 0)
		return FALSE;
	g_assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
	if (strstr(out, " veth ") != NULL || strstr(out, " dummy ") != NULL)
		return TRUE;
	return g_file_test(device, G_FILE_TEST_EXISTS) && strstr(uevent, "DEVTYPE=") == NULL;
}

static gint
cwmp_tr181_ip_test_min_mtu(const gchar *ifname)
{
	g_autofree gchar *cmd = g_strdup_printf("ip -d -o link show dev %s", ifname);
	g_autofree gchar *out = NULL;
	const gchar	 *at;

	g_assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
	at = strstr(out, " minmtu ");
	g_assert_nonnull(at);
	return (gint) g_ascii_strtoll(at + strlen(" minmtu "), NULL, 10);
}

static gchar *
cwmp_tr181_ip_test_path(const gchar *table, guint32 instance, const gchar *param)
{
	return g_strdup_printf("%s%u.%s", table, instance, param);
}

static gchar *
cwmp_tr181_ip_test_get(CwmpTr181TestAgent *agent,
		       const gchar	  *table,
		       guint32		   instance,
		       const gchar	  *param)
{
	g_autofree gchar *path = cwmp_tr181_ip_test_path(table, instance, param);
	return cwmp_tr181_test_agent_get(agent, path);
}

static void
cwmp_tr181_ip_test_assert(CwmpTr181TestAgent *agent,
			  const gchar	     *table,
			  guint32	      instance,
			  const gchar	     *param,
			  const gchar	     *expected)
{
	g_autofree gchar *path = cwmp_tr181_ip_test_path(table, instance, param);
	cwmp_tr181_test_agent_assert_value(agent, path, expected);
}

static guint32
cwmp_tr181_ip_test_instance(CwmpTr181TestAgent *agent, const gchar *table, const gchar *ifname)
{
	guint32 n = cwmp_tr181_test_agent_find_instance(agent, table, "Name", ifname);
	if (n == 0)
		g_error("%s has no instance named %s", table, ifname);
	return n;
}

/* a counter of the data model lies between two readings of the kernel's */
static void
cwmp_tr181_ip_test_assert_stats(CwmpTr181TestAgent *agent,
				const gchar	   *stats_path,
				const gchar	   *ifname,
				gboolean	    collisions)
{
	const gchar *const map[][3] = {
	    {"BytesSent", "tx_bytes", "64"},
	    {"BytesReceived", "rx_bytes", "64"},
	    {"PacketsSent", "tx_packets", "64"},
	    {"PacketsReceived", "rx_packets", "64"},
	    {"ErrorsSent", "tx_errors", "32"},
	    {"ErrorsReceived", "rx_errors", "32"},
	    {"DiscardPacketsSent", "tx_dropped", "32"},
	    {"DiscardPacketsReceived", "rx_dropped", "32"},
	    {"MulticastPacketsReceived", "multicast", "64"},
	    {"UnknownProtoPacketsReceived", "rx_nohandler", "32"},
	    {"Collisions", "collisions", "64"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(map); i++) {
		g_autofree gchar *path = g_strconcat(stats_path, map[i][0], NULL);
		g_autofree gchar *file = g_strconcat("statistics/", map[i][1], NULL);
		g_autofree gchar *value = NULL;
		guint64		  before, after, now;
		gboolean	  c32 = g_strcmp0(map[i][2], "32") == 0;

		if (!collisions && g_strcmp0(map[i][0], "Collisions") == 0)
			continue;
		before = cwmp_tr181_test_netns_read_sysfs_uint(ifname, file);
		value = cwmp_tr181_test_agent_get(agent, path);
		after = cwmp_tr181_test_netns_read_sysfs_uint(ifname, file);
		now = g_ascii_strtoull(value, NULL, 10);
		if (c32) {
			before &= G_MAXUINT32;
			after &= G_MAXUINT32;
		}
		if (now < before || now > after)
			g_error("%s = %s, the kernel counted %" G_GUINT64_FORMAT
				" then %" G_GUINT64_FORMAT,
				path, value, before, after);
	}
}

/* --- fixtures -------------------------------------------------------------- */

/* dummy0 up; v0 up with its peer v1 down (so v0 is LowerLayerDown) */
static void
cwmp_tr181_ip_test_links_add(void)
{
	cwmp_tr181_test_netns_add_link("dummy0");
	cwmp_tr181_test_netns_ip("link set dummy0 up");
	cwmp_tr181_test_netns_ip("link add v0 type veth peer name v1");
	cwmp_tr181_test_netns_ip("link set v0 up");
}

static void
cwmp_tr181_ip_test_links_remove(void)
{
	cwmp_tr181_test_netns_ip("link del dummy0");
	cwmp_tr181_test_netns_ip("link del v0");
	cwmp_tr181_test_netns_drain();
}

/* --- pure logic ------------------------------------------------------------ */

static void
cwmp_tr181_ip_test_status_func(void)
{
	const struct {
		guint	     flags;
		guint8	     operstate;
		const gchar *status;
	} cases[] = {
	    {0, IF_OPER_UP, "Down"}, /* administratively down wins */
	    {IFF_UP | IFF_LOWER_UP, IF_OPER_UP, "Up"},
	    {IFF_UP, IF_OPER_DOWN, "Down"},
	    {IFF_UP, IF_OPER_LOWERLAYERDOWN, "LowerLayerDown"},
	    {IFF_UP, IF_OPER_DORMANT, "Dormant"},
	    {IFF_UP, IF_OPER_NOTPRESENT, "NotPresent"},
	    {IFF_UP, IF_OPER_TESTING, "Unknown"},
	    /* drivers without operstate: carrier tells */
	    {IFF_UP | IFF_LOWER_UP, IF_OPER_UNKNOWN, "Up"},
	    {IFF_UP, IF_OPER_UNKNOWN, "Down"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct rtnl_link *link = rtnl_link_alloc();
		rtnl_link_set_flags(link, cases[i].flags);
		rtnl_link_set_operstate(link, cases[i].operstate);
		g_assert_cmpstr(cwmp_tr181_ip_link_status(link), ==, cases[i].status);
		rtnl_link_put(link);
	}
}

static void
cwmp_tr181_ip_test_make_dir(const gchar *root, const gchar *relpath)
{
	g_autofree gchar *path = g_build_filename(root, relpath, NULL);
	g_assert_cmpint(g_mkdir_with_parents(path, 0755), ==, 0);
}

static void
cwmp_tr181_ip_test_is_ethernet_func(void)
{
	g_autofree gchar *root = g_dir_make_tmp("cwmp-tr181-ip-XXXXXX", NULL);
	g_autoptr(CwmpTr181Plugin) state = NULL;
	const struct {
		const gchar *name;
		const gchar *kind;
		guint	     arptype;
		guint	     flags;
		gboolean     ethernet;
	} cases[] = {
	    {"eth0", NULL, ARPHRD_ETHER, 0, TRUE},   /* a port with a device */
	    {"wlan0", NULL, ARPHRD_ETHER, 0, FALSE}, /* a WiFi radio */
	    {"virt0", NULL, ARPHRD_ETHER, 0, FALSE}, /* no device behind it */
	    {"v0", "veth", ARPHRD_ETHER, 0, TRUE},   /* container ports */
	    {"dummy0", "dummy", ARPHRD_ETHER, 0, TRUE},
	    {"br0", "bridge", ARPHRD_ETHER, 0, FALSE},	 /* Bridging. */
	    {"eth0.10", "vlan", ARPHRD_ETHER, 0, FALSE}, /* VLANTermination. */
	    {"ifb0", "ifb", ARPHRD_ETHER, 0, FALSE},
	    {"lo", NULL, ARPHRD_LOOPBACK, IFF_LOOPBACK, FALSE},
	    {"gre1", "gre", ARPHRD_IPGRE, 0, FALSE},
	};

	g_assert_nonnull(root);
	state = cwmp_tr181_plugin_new(NULL, root);
	cwmp_tr181_ip_test_make_dir(root, "sys/class/net/eth0/device");
	cwmp_tr181_ip_test_make_dir(root, "sys/class/net/wlan0/device");
	cwmp_tr181_ip_test_make_dir(root, "sys/class/net/wlan0/wireless");
	cwmp_tr181_ip_test_make_dir(root, "sys/class/net/virt0");
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct rtnl_link *link = rtnl_link_alloc();
		rtnl_link_set_name(link, cases[i].name);
		rtnl_link_set_family(link, AF_UNSPEC);
		rtnl_link_set_arptype(link, cases[i].arptype);
		rtnl_link_set_flags(link, cases[i].flags);
		if (cases[i].kind != NULL)
			g_assert_cmpint(rtnl_link_set_type(link, cases[i].kind), ==, 0);
		if (cwmp_tr181_ethernet_is_ethernet(state, link) != cases[i].ethernet)
			g_error("%s: expected %s an Ethernet interface", cases[i].name,
				cases[i].ethernet ? "" : "not");
		rtnl_link_put(link);
	}
	cwmp_tr181_test_rm_rf(root);
}

/* --- the data model against the kernel ------------------------------------- */

static void
cwmp_tr181_ip_test_kernel_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GPtrArray) links = NULL;
	g_autoptr(GPtrArray) eth_instances = NULL;
	g_autoptr(GPtrArray) ip_instances = NULL;
	g_autoptr(GPtrArray) stack = NULL;
	g_autoptr(GHashTable) stack_pairs =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	guint	 n_ethernet = 0;
	gboolean ipv6 = g_file_test("/proc/sys/net/ipv6", G_FILE_TEST_IS_DIR);

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_ip_test_links_add();
	cwmp_tr181_test_agent_start(&agent, NULL);

	/* Device.IP. */
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv4Capable", "true");
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv4Enable", "true");
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv4Status", "Enabled");
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv6Capable",
					   ipv6 ? "true" : "false");
	if (ipv6) {
		g_autofree gchar *all = NULL;
		g_assert_true(g_file_get_contents("/proc/sys/net/ipv6/conf/all/disable_ipv6", &all,
						  NULL, NULL));
		cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv6Enable",
						   g_strstrip(all)[0] == '0' ? "true" : "false");
		cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv6Status",
						   all[0] == '0' ? "Enabled" : "Disabled");
	}

	links = cwmp_tr181_ip_test_list_links();
	ip_instances = cwmp_tr181_test_agent_list_instances(&agent, "Device.IP.Interface.");
	eth_instances = cwmp_tr181_test_agent_list_instances(&agent, "Device.Ethernet.Interface.");
	/* one IP interface per link, loopback included */
	g_assert_cmpuint(ip_instances->len, ==, links->len);
	{
		g_autofree gchar *n = g_strdup_printf("%u", links->len);
		cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.InterfaceNumberOfEntries", n);
	}

	for (guint i = 0; i < links->len; i++) {
		const gchar	 *ifname = g_ptr_array_index(links, i);
		guint64		  flags = cwmp_tr181_ip_test_flags(ifname);
		g_autofree gchar *mtu = cwmp_tr181_test_netns_read_sysfs(ifname, "mtu");
		g_autofree gchar *address = cwmp_tr181_test_netns_read_sysfs(ifname, "address");
		g_autofree gchar *disable_ipv6_file =
		    g_strdup_printf("/proc/sys/net/ipv6/conf/%s/disable_ipv6", ifname);
		g_autofree gchar *disable_ipv6 = NULL;
		g_autofree gchar *lower = NULL;
		g_autofree gchar *stats = NULL;
		gboolean	  ethernet = cwmp_tr181_ip_test_is_ethernet(ifname);
		guint32 ip = cwmp_tr181_ip_test_instance(&agent, "Device.IP.Interface.", ifname);
		const gchar *table = "Device.IP.Interface.";

		g_test_message("%s: IP.Interface.%u, %s", ifname, ip,
			       ethernet ? "Ethernet" : "not Ethernet");
		cwmp_tr181_ip_test_assert(&agent, table, ip, "Enable",
					  (flags & IFF_UP) != 0 ? "true" : "false");
		cwmp_tr181_ip_test_assert(&agent, table, ip, "Status",
					  cwmp_tr181_ip_test_status(ifname));
		cwmp_tr181_ip_test_assert(&agent, table, ip, "MaxMTUSize", mtu);
		cwmp_tr181_ip_test_assert(&agent, table, ip, "Type",
					  (flags & IFF_LOOPBACK) != 0 ? "Loopback" : "Normal");
		cwmp_tr181_ip_test_assert(&agent, table, ip, "Loopback",
					  (flags & IFF_LOOPBACK) != 0 ? "true" : "false");
		/* nothing changed since the agent started */
		cwmp_tr181_ip_test_assert(&agent, table, ip, "LastChange", "0");
		if (g_file_get_contents(disable_ipv6_file, &disable_ipv6, NULL, NULL))
			cwmp_tr181_ip_test_assert(&agent, table, ip, "IPv6Enable",
						  g_strstrip(disable_ipv6)[0] == '0' ? "true"
										     : "false");
		else
			cwmp_tr181_ip_test_assert(&agent, table, ip, "IPv6Enable", "false");
		stats = g_strdup_printf("Device.IP.Interface.%u.Stats.", ip);
		cwmp_tr181_ip_test_assert_stats(&agent, stats, ifname, FALSE);

		lower = cwmp_tr181_ip_test_get(&agent, table, ip, "LowerLayers");
		if (!ethernet) {
			g_assert_cmpstr(lower, ==, "");
			g_assert_cmpuint(cwmp_tr181_test_agent_find_instance(
					     &agent, "Device.Ethernet.Interface.", "Name", ifname),
					 ==, 0);
			continue;
		}
		n_ethernet++;
		{
			guint32 eth = cwmp_tr181_ip_test_instance(
			    &agent, "Device.Ethernet.Interface.", ifname);
			guint32 link =
			    cwmp_tr181_ip_test_instance(&agent, "Device.Ethernet.Link.", ifname);
			g_autofree gchar *link_path =
			    g_strdup_printf("Device.Ethernet.Link.%u.", link);
			g_autofree gchar *eth_path =
			    g_strdup_printf("Device.Ethernet.Interface.%u.", eth);
			g_autofree gchar *ip_path = g_strdup_printf("Device.IP.Interface.%u.", ip);
			g_autofree gchar *eth_stats = g_strconcat(eth_path, "Stats.", NULL);
			g_autofree gchar *link_stats = g_strconcat(link_path, "Stats.", NULL);
			g_autofree gchar *speed_file =
			    g_build_filename("/sys/class/net", ifname, "speed", NULL);
			g_autofree gchar *duplex_file =
			    g_build_filename("/sys/class/net", ifname, "duplex", NULL);
			g_autofree gchar *speed = NULL;
			g_autofree gchar *duplex = NULL;
			g_autofree gchar *max_bit_rate = NULL;
			gint64		  kernel_speed = 0;

			/* the IP interface sits on the Ethernet link, which sits on the port */
			g_assert_cmpstr(lower, ==, link_path);
			cwmp_tr181_ip_test_assert(&agent, "Device.Ethernet.Link.", link,
						  "LowerLayers", eth_path);
			g_hash_table_add(stack_pairs, g_strconcat(ip_path, "|", link_path, NULL));
			g_hash_table_add(stack_pairs, g_strconcat(link_path, "|", eth_path, NULL));

			table = "Device.Ethernet.Interface.";
			cwmp_tr181_ip_test_assert(&agent, table, eth, "Enable",
						  (flags & IFF_UP) != 0 ? "true" : "false");
			cwmp_tr181_ip_test_assert(&agent, table, eth, "Status",
						  cwmp_tr181_ip_test_status(ifname));
			cwmp_tr181_ip_test_assert(&agent, table, eth, "MACAddress", address);
			cwmp_tr181_ip_test_assert(&agent, table, eth, "LowerLayers", "");
			cwmp_tr181_ip_test_assert(&agent, table, eth, "Upstream", "false");
			cwmp_tr181_ip_test_assert(&agent, table, eth, "LastChange", "0");
			/* the kernel shows the PHY of a running link only */
			if (g_file_get_contents(speed_file, &speed, NULL, NULL))
				kernel_speed = g_ascii_strtoll(g_strstrip(speed), NULL, 10);
			if (g_file_get_contents(duplex_file, &duplex, NULL, NULL))
				g_strstrip(duplex);
			{
				g_autofree gchar *bit_rate = g_strdup_printf(
				    "%" G_GINT64_FORMAT, kernel_speed > 0 ? kernel_speed : 0);
				cwmp_tr181_ip_test_assert(&agent, table, eth, "CurrentBitRate",
							  bit_rate);
			}
			cwmp_tr181_ip_test_assert(&agent, table, eth, "CurrentDuplexMode",
						  g_strcmp0(duplex, "full") == 0   ? "Full"
						  : g_strcmp0(duplex, "half") == 0 ? "Half"
										   : "Unknown");
			max_bit_rate = cwmp_tr181_ip_test_get(&agent, table, eth, "MaxBitRate");
			/* a fixed rate: the one the running link shows */
			if (g_strcmp0(max_bit_rate, "-1") != 0 && kernel_speed > 0)
				g_assert_cmpint(g_ascii_strtoll(max_bit_rate, NULL, 10), ==,
						kernel_speed);
			else if (g_strcmp0(max_bit_rate, "-1") != 0)
				g_assert_cmpint(g_ascii_strtoll(max_bit_rate, NULL, 10), >, 0);
			cwmp_tr181_ip_test_assert_stats(&agent, eth_stats, ifname, TRUE);

			table = "Device.Ethernet.Link.";
			cwmp_tr181_ip_test_assert(&agent, table, link, "Enable",
						  (flags & IFF_UP) != 0 ? "true" : "false");
			cwmp_tr181_ip_test_assert(&agent, table, link, "Status",
						  cwmp_tr181_ip_test_status(ifname));
			cwmp_tr181_ip_test_assert(&agent, table, link, "MACAddress", address);
			cwmp_tr181_ip_test_assert(&agent, table, link, "MTU", mtu);
			cwmp_tr181_ip_test_assert(&agent, table, link, "NoARP",
						  (flags & IFF_NOARP) != 0 ? "true" : "false");
			cwmp_tr181_ip_test_assert_stats(&agent, link_stats, ifname, FALSE);
		}
	}
	/* our fixtures: dummy0 (or its veth stand-in and peer), v0, v1 */
	g_assert_cmpuint(n_ethernet, >=, 3);
	g_assert_cmpuint(eth_instances->len, ==, n_ethernet);
	{
		g_autoptr(GPtrArray) eth_links =
		    cwmp_tr181_test_agent_list_instances(&agent, "Device.Ethernet.Link.");
		g_assert_cmpuint(eth_links->len, ==, n_ethernet);
	}
	/* v0's peer is down */
	{
		guint32 v0 = cwmp_tr181_ip_test_instance(&agent, "Device.IP.Interface.", "v0");
		cwmp_tr181_ip_test_assert(&agent, "Device.IP.Interface.", v0, "Status",
					  "LowerLayerDown");
	}

	/* the interface stack is exactly the layering above */
	stack = cwmp_tr181_test_agent_list_instances(&agent, "Device.InterfaceStack.");
	g_assert_cmpuint(stack->len, ==, g_hash_table_size(stack_pairs));
	for (guint i = 0; i < stack->len; i++) {
		const gchar	 *entry = g_ptr_array_index(stack, i);
		g_autofree gchar *hp = g_strconcat(entry, "HigherLayer", NULL);
		g_autofree gchar *lp = g_strconcat(entry, "LowerLayer", NULL);
		g_autofree gchar *ha = g_strconcat(entry, "HigherAlias", NULL);
		g_autofree gchar *higher = cwmp_tr181_test_agent_get(&agent, hp);
		g_autofree gchar *lower = cwmp_tr181_test_agent_get(&agent, lp);
		g_autofree gchar *alias = cwmp_tr181_test_agent_get(&agent, ha);
		g_autofree gchar *pair = g_strconcat(higher, "|", lower, NULL);
		if (!g_hash_table_contains(stack_pairs, pair))
			g_error("%s: unexpected %s", entry, pair);
		g_assert_nonnull(alias);
	}

	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_ip_test_links_remove();
}

/* --- writes ---------------------------------------------------------------- */

static void
cwmp_tr181_ip_test_write_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	const gchar	  *table = "Device.IP.Interface.";
	g_autofree gchar  *path = NULL;
	g_autofree gchar  *value = NULL;
	g_autofree gchar  *mtu_before = NULL;
	guint32		   v0, dummy0, link_v1;
	gint		   min_mtu;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_ip_test_links_add();
	cwmp_tr181_test_agent_start(&agent, NULL);
	v0 = cwmp_tr181_ip_test_instance(&agent, table, "v0");
	dummy0 = cwmp_tr181_ip_test_instance(&agent, table, "dummy0");

	/* MTU and up/down through a transaction, checked in the kernel */
	path = cwmp_tr181_ip_test_path(table, v0, "MaxMTUSize");
	cwmp_tr181_test_agent_set(&agent, path, "1400", CWMP_TYPE_UNSIGNED_INT, 0);
	value = cwmp_tr181_test_netns_read_sysfs("v0", "mtu");
	g_assert_cmpstr(value, ==, "1400");
	cwmp_tr181_test_agent_assert_value(&agent, path, "1400");
	g_clear_pointer(&value, g_free);
	g_clear_pointer(&path, g_free);

	path = cwmp_tr181_ip_test_path(table, dummy0, "Enable");
	cwmp_tr181_test_agent_set(&agent, path, "false", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_test_flags("dummy0") & IFF_UP, ==, 0);
	cwmp_tr181_test_agent_assert_value(&agent, path, "false");
	cwmp_tr181_ip_test_assert(&agent, table, dummy0, "Status", "Down");
	cwmp_tr181_test_agent_set(&agent, path, "true", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_test_flags("dummy0") & IFF_UP, ==, IFF_UP);
	g_clear_pointer(&path, g_free);

	/* Ethernet.Link: MTU, ARP, MAC address, Enable */
	link_v1 = cwmp_tr181_ip_test_instance(&agent, "Device.Ethernet.Link.", "v1");
	path = cwmp_tr181_ip_test_path("Device.Ethernet.Link.", link_v1, "MTU");
	cwmp_tr181_test_agent_set(&agent, path, "1300", CWMP_TYPE_UNSIGNED_INT, 0);
	value = cwmp_tr181_test_netns_read_sysfs("v1", "mtu");
	g_assert_cmpstr(value, ==, "1300");
	g_clear_pointer(&value, g_free);
	g_clear_pointer(&path, g_free);
	path = cwmp_tr181_ip_test_path("Device.Ethernet.Link.", link_v1, "NoARP");
	cwmp_tr181_test_agent_set(&agent, path, "true", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_test_flags("v1") & IFF_NOARP, ==, IFF_NOARP);
	cwmp_tr181_test_agent_set(&agent, path, "false", CWMP_TYPE_BOOLEAN, 0);
	g_assert_cmpuint(cwmp_tr181_ip_test_flags("v1") & IFF_NOARP, ==, 0);
	g_clear_pointer(&path, g_free);
	path = cwmp_tr181_ip_test_path("Device.Ethernet.Link.", link_v1, "MACAddress");
	cwmp_tr181_test_agent_set(&agent, path, "02:00:5e:10:00:01", CWMP_TYPE_STRING, 0);
	value = cwmp_tr181_test_netns_read_sysfs("v1", "address");
	g_assert_cmpstr(value, ==, "02:00:5e:10:00:01");
	g_clear_pointer(&value, g_free);
	/* a group address is no link address: refused, nothing changed */
	cwmp_tr181_test_agent_set(&agent, path, "01:00:5e:00:00:01", CWMP_TYPE_STRING,
				  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	value = cwmp_tr181_test_netns_read_sysfs("v1", "address");
	g_assert_cmpstr(value, ==, "02:00:5e:10:00:01");
	g_clear_pointer(&value, g_free);
	g_clear_pointer(&path, g_free);
	{
		guint32 eth_v1 =
		    cwmp_tr181_ip_test_instance(&agent, "Device.Ethernet.Interface.", "v1");
		path = cwmp_tr181_ip_test_path("Device.Ethernet.Interface.", eth_v1, "Enable");
		cwmp_tr181_test_agent_set(&agent, path, "true", CWMP_TYPE_BOOLEAN, 0);
		g_assert_cmpuint(cwmp_tr181_ip_test_flags("v1") & IFF_UP, ==, IFF_UP);
		cwmp_tr181_test_agent_set(&agent, path, "false", CWMP_TYPE_BOOLEAN, 0);
		g_assert_cmpuint(cwmp_tr181_ip_test_flags("v1") & IFF_UP, ==, 0);
		g_clear_pointer(&path, g_free);
		/* the PHY is the driver's */
		path = cwmp_tr181_ip_test_path("Device.Ethernet.Interface.", eth_v1, "DuplexMode");
		cwmp_tr181_test_agent_set(&agent, path, "Half", CWMP_TYPE_STRING,
					  CWMP_FAULT_NON_WRITABLE_PARAMETER);
		g_clear_pointer(&path, g_free);
	}

	/* per-interface and global IPv6 switches are the kernel's sysctls */
	if (g_file_test("/proc/sys/net/ipv6/conf/v0/disable_ipv6", G_FILE_TEST_EXISTS)) {
		path = cwmp_tr181_ip_test_path(table, v0, "IPv6Enable");
		cwmp_tr181_test_agent_set(&agent, path, "false", CWMP_TYPE_BOOLEAN, 0);
		g_assert_true(g_file_get_contents("/proc/sys/net/ipv6/conf/v0/disable_ipv6", &value,
						  NULL, NULL));
		g_assert_cmpstr(g_strstrip(value), ==, "1");
		g_clear_pointer(&value, g_free);
		cwmp_tr181_test_agent_set(&agent, path, "true", CWMP_TYPE_BOOLEAN, 0);
		g_assert_true(g_file_get_contents("/proc/sys/net/ipv6/conf/v0/disable_ipv6", &value,
						  NULL, NULL));
		g_assert_cmpstr(g_strstrip(value), ==, "0");
		g_clear_pointer(&value, g_free);
		g_clear_pointer(&path, g_free);

		cwmp_tr181_test_agent_set(&agent, "Device.IP.IPv6Enable", "false",
					  CWMP_TYPE_BOOLEAN, 0);
		g_assert_true(g_file_get_contents("/proc/sys/net/ipv6/conf/all/disable_ipv6",
						  &value, NULL, NULL));
		g_assert_cmpstr(g_strstrip(value), ==, "1");
		g_clear_pointer(&value, g_free);
		cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv6Status", "Disabled");
		cwmp_tr181_test_agent_set(&agent, "Device.IP.IPv6Enable", "true", CWMP_TYPE_BOOLEAN,
					  0);
		g_assert_true(g_file_get_contents("/proc/sys/net/ipv6/conf/all/disable_ipv6",
						  &value, NULL, NULL));
		g_assert_cmpstr(g_strstrip(value), ==, "0");
		g_clear_pointer(&value, g_free);
		cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.IPv6Status", "Enabled");
	}
	/* IPv4 is not switchable on Linux */
	cwmp_tr181_test_agent_set(&agent, "Device.IP.IPv4Enable", "false", CWMP_TYPE_BOOLEAN,
				  CWMP_FAULT_NON_WRITABLE_PARAMETER);

	/* ULAPrefix is kept by the core; only a ULA /48 */
	cwmp_tr181_test_agent_set(&agent, "Device.IP.ULAPrefix", "fd12:3456:789a::/48",
				  CWMP_TYPE_STRING, 0);
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.ULAPrefix", "fd12:3456:789a::/48");
	cwmp_tr181_test_agent_set(&agent, "Device.IP.ULAPrefix", "2001:db8::/48", CWMP_TYPE_STRING,
				  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_test_agent_set(&agent, "Device.IP.ULAPrefix", "fd12:3456:789a::/64",
				  CWMP_TYPE_STRING, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_test_agent_assert_value(&agent, "Device.IP.ULAPrefix", "fd12:3456:789a::/48");

	/* invalid writes: refused with the right fault, the kernel unchanged */
	mtu_before = cwmp_tr181_test_netns_read_sysfs("v0", "mtu");
	path = cwmp_tr181_ip_test_path(table, v0, "MaxMTUSize");
	/* the schema's range is 64..65535 */
	cwmp_tr181_test_agent_set(&agent, path, "10", CWMP_TYPE_UNSIGNED_INT,
				  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	cwmp_tr181_test_agent_set(&agent, path, "70000", CWMP_TYPE_UNSIGNED_INT,
				  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	/* in the schema's range but below what this link's driver takes */
	min_mtu = cwmp_tr181_ip_test_min_mtu("v0");
	g_assert_cmpint(min_mtu, >, 64);
	cwmp_tr181_test_agent_set(&agent, path, "64", CWMP_TYPE_UNSIGNED_INT,
				  CWMP_FAULT_INVALID_PARAMETER_VALUE);
	value = cwmp_tr181_test_netns_read_sysfs("v0", "mtu");
	g_assert_cmpstr(value, ==, mtu_before);
	cwmp_tr181_test_agent_assert_value(&agent, path, mtu_before);
	g_clear_pointer(&value, g_free);
	g_clear_pointer(&path, g_free);
	/* a failed transaction changes nothing, not even its valid part */
	{
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(agent.dm);
		g_autoptr(GError) error = NULL;
		g_autofree gchar *good = cwmp_tr181_ip_test_path(table, dummy0, "MaxMTUSize");
		g_autofree gchar *bad = cwmp_tr181_ip_test_path(table, v0, "MaxMTUSize");
		g_autofree gchar *dummy_mtu = cwmp_tr181_test_netns_read_sysfs("dummy0", "mtu");
		gboolean	  ok = cwmp_dm_txn_set(txn, good, "1280", CWMP_TYPE_UNSIGNED_INT) &&
			      cwmp_dm_txn_set(txn, bad, "64", CWMP_TYPE_UNSIGNED_INT);
		if (ok)
			ok = cwmp_dm_txn_commit(txn, &error);
		g_assert_false(ok);
		value = cwmp_tr181_test_netns_read_sysfs("dummy0", "mtu");
		g_assert_cmpstr(value, ==, dummy_mtu);
		g_clear_pointer(&value, g_free);
	}
	path = cwmp_tr181_ip_test_path(table, v0, "Name");
	cwmp_tr181_test_agent_set(&agent, path, "v9", CWMP_TYPE_STRING,
				  CWMP_FAULT_NON_WRITABLE_PARAMETER);
	g_assert_true(g_file_test("/sys/class/net/v0", G_FILE_TEST_EXISTS));
	g_clear_pointer(&path, g_free);
	path = cwmp_tr181_ip_test_path(table, v0, "Status");
	cwmp_tr181_test_agent_set(&agent, path, "Up", CWMP_TYPE_STRING,
				  CWMP_FAULT_NON_WRITABLE_PARAMETER);
	g_clear_pointer(&path, g_free);
	path = cwmp_tr181_ip_test_path(table, v0, "LowerLayers");
	cwmp_tr181_test_agent_set(&agent, path, "", CWMP_TYPE_STRING,
				  CWMP_FAULT_NON_WRITABLE_PARAMETER);
	g_clear_pointer(&path, g_free);

	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_ip_test_links_remove();
}

/* --- changes made outside reach the core ----------------------------------- */

static void
cwmp_tr181_ip_test_push_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autofree gchar  *ip_status = NULL;
	g_autofree gchar  *ip_mtu = NULL;
	g_autofree gchar  *eth_status = NULL;
	g_autofree gchar  *link_mac = NULL;
	g_autofree gchar  *last_change = NULL;
	g_autofree gchar  *value = NULL;
	guint32		   v0, dummy1;
	gint64		   before;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_ip_test_links_add();
	cwmp_tr181_test_agent_start(&agent, NULL);
	v0 = cwmp_tr181_ip_test_instance(&agent, "Device.IP.Interface.", "v0");
	ip_status = cwmp_tr181_ip_test_path("Device.IP.Interface.", v0, "Status");
	ip_mtu = cwmp_tr181_ip_test_path("Device.IP.Interface.", v0, "MaxMTUSize");
	last_change = cwmp_tr181_ip_test_path("Device.IP.Interface.", v0, "LastChange");
	eth_status = cwmp_tr181_ip_test_path(
	    "Device.Ethernet.Interface.",
	    cwmp_tr181_ip_test_instance(&agent, "Device.Ethernet.Interface.", "v0"), "Status");
	link_mac = cwmp_tr181_ip_test_path(
	    "Device.Ethernet.Link.",
	    cwmp_tr181_ip_test_instance(&agent, "Device.Ethernet.Link.", "v0"), "MACAddress");
	cwmp_tr181_test_agent_watch(&agent, ip_status);
	cwmp_tr181_test_agent_watch(&agent, ip_mtu);
	cwmp_tr181_test_agent_watch(&agent, eth_status);
	cwmp_tr181_test_agent_watch(&agent, link_mac);

	/* nothing polls: only the netlink notification can report these */
	before = g_get_monotonic_time();
	cwmp_tr181_test_netns_ip("link set v0 down");
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, ip_status));
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, eth_status));
	cwmp_tr181_test_agent_assert_value(&agent, ip_status, "Down");
	/* LastChange counts from the change we saw */
	value = cwmp_tr181_test_agent_get(&agent, last_change);
	g_assert_cmpint(g_ascii_strtoll(value, NULL, 10), <=,
			(g_get_monotonic_time() - before) / G_USEC_PER_SEC);
	g_clear_pointer(&value, g_free);

	cwmp_tr181_test_netns_ip("link set v0 mtu 1280");
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, ip_mtu));
	cwmp_tr181_test_agent_assert_value(&agent, ip_mtu, "1280");
	cwmp_tr181_test_netns_ip("link set v0 address 02:00:5e:10:00:02");
	g_assert_true(cwmp_tr181_test_agent_wait_changed(&agent, link_mac));
	cwmp_tr181_test_agent_assert_value(&agent, link_mac, "02:00:5e:10:00:02");

	/* links that come and go are instances that come and go; numbers stay */
	cwmp_tr181_test_netns_add_link("dummy1");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.IP.Interface.", "Name",
							  "dummy1", TRUE));
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.Ethernet.Interface.",
							  "Name", "dummy1", TRUE));
	dummy1 = cwmp_tr181_ip_test_instance(&agent, "Device.IP.Interface.", "dummy1");
	g_assert_cmpuint(dummy1, !=, v0);
	cwmp_tr181_test_netns_ip("link del dummy1");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.IP.Interface.", "Name",
							  "dummy1", FALSE));
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.Ethernet.Link.", "Name",
							  "dummy1", FALSE));
	g_assert_cmpuint(cwmp_tr181_ip_test_instance(&agent, "Device.IP.Interface.", "v0"), ==, v0);

	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_ip_test_links_remove();
}

/* instance numbers survive churn and restarts */
static void
cwmp_tr181_ip_test_stable_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autofree gchar  *directory = NULL;
	const gchar	  *tables[] = {"Device.IP.Interface.", "Device.Ethernet.Interface.",
				       "Device.Ethernet.Link."};
	guint32		   dummy0[G_N_ELEMENTS(tables)];
	guint32		   dummy1[G_N_ELEMENTS(tables)];

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_ip_test_links_add();
	cwmp_tr181_test_agent_start(&agent, NULL);
	directory = g_strdup(agent.directory);
	for (guint t = 0; t < G_N_ELEMENTS(tables); t++)
		dummy0[t] = cwmp_tr181_ip_test_instance(&agent, tables[t], "dummy0");

	cwmp_tr181_test_netns_add_link("dummy1");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.Ethernet.Link.", "Name",
							  "dummy1", TRUE));
	for (guint t = 0; t < G_N_ELEMENTS(tables); t++)
		dummy1[t] = cwmp_tr181_ip_test_instance(&agent, tables[t], "dummy1");
	cwmp_tr181_test_netns_ip("link del dummy1");
	g_assert_true(cwmp_tr181_test_agent_wait_instance(&agent, "Device.IP.Interface.", "Name",
							  "dummy1", FALSE));
	for (guint t = 0; t < G_N_ELEMENTS(tables); t++)
		g_assert_cmpuint(cwmp_tr181_ip_test_instance(&agent, tables[t], "dummy0"), ==,
				 dummy0[t]);
	cwmp_tr181_test_agent_stop(&agent, FALSE);

	/* a restart on the same store: the same numbers, dummy1's kept for it */
	cwmp_tr181_test_netns_add_link("dummy1");
	cwmp_tr181_test_agent_start(&agent, directory);
	for (guint t = 0; t < G_N_ELEMENTS(tables); t++) {
		g_assert_cmpuint(cwmp_tr181_ip_test_instance(&agent, tables[t], "dummy0"), ==,
				 dummy0[t]);
		g_assert_cmpuint(cwmp_tr181_ip_test_instance(&agent, tables[t], "dummy1"), ==,
				 dummy1[t]);
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("link del dummy1");
	cwmp_tr181_ip_test_links_remove();
}

int
main(int argc, char **argv)
{
	/* before GLib starts any thread */
	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/tr181/ip/status", cwmp_tr181_ip_test_status_func);
	g_test_add_func("/cwmp/tr181/ip/is-ethernet", cwmp_tr181_ip_test_is_ethernet_func);
	g_test_add_func("/cwmp/tr181/ip/kernel", cwmp_tr181_ip_test_kernel_func);
	g_test_add_func("/cwmp/tr181/ip/write", cwmp_tr181_ip_test_write_func);
	g_test_add_func("/cwmp/tr181/ip/push", cwmp_tr181_ip_test_push_func);
	g_test_add_func("/cwmp/tr181/ip/stable", cwmp_tr181_ip_test_stable_func);
	return g_test_run();
}
