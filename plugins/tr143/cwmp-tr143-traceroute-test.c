/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.TraceRoute. over a chain of three network
 * namespaces: this one (10.44.1.1, fd44:1::1), a router (10.44.1.2 |
 * 10.44.2.1, fd44:1::2 | fd44:2::1) with forwarding on, and a target
 * (10.44.2.2, fd44:2::2). The route has two hops, whose addresses are known.
 */

#include "config.h"

#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-ip-private.h"
#include "cwmp-tr143-ip-test-agent.h"
#include "cwmp-tr143-test-fixture.h"
#include "cwmp-tr181-test-netns.h"

#define TR "Device.IP.Diagnostics.TraceRoute."

static gchar *router_ns = NULL;
static gchar *target_ns = NULL;

static gboolean
setup_chain(void)
{
	if (router_ns != NULL)
		return TRUE;
	router_ns = g_strdup_printf("tr143r%d", (gint) getpid());
	target_ns = g_strdup_printf("tr143t%d", (gint) getpid());
	if (!cwmp_tr143_test_run("ip netns add %s", router_ns) ||
	    !cwmp_tr143_test_run("ip netns add %s", target_ns))
		return FALSE;
	cwmp_tr181_test_netns_ip("link add a0 type veth peer name r0 netns %s", router_ns);
	cwmp_tr181_test_netns_ip("-n %s link add r1 type veth peer name t0 netns %s", router_ns,
				 target_ns);
	cwmp_tr181_test_netns_ip("addr add 10.44.1.1/24 dev a0");
	cwmp_tr181_test_netns_ip("addr add fd44:1::1/64 dev a0 nodad");
	cwmp_tr181_test_netns_ip("link set a0 up");
	cwmp_tr181_test_netns_ip("route add 10.44.2.0/24 via 10.44.1.2");
	cwmp_tr181_test_netns_ip("route add fd44:2::/64 via fd44:1::2");
	cwmp_tr181_test_netns_ip("-n %s addr add 10.44.1.2/24 dev r0", router_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add fd44:1::2/64 dev r0 nodad", router_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add 10.44.2.1/24 dev r1", router_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add fd44:2::1/64 dev r1 nodad", router_ns);
	cwmp_tr181_test_netns_ip("-n %s link set r0 up", router_ns);
	cwmp_tr181_test_netns_ip("-n %s link set r1 up", router_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add 10.44.2.2/24 dev t0", target_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add fd44:2::2/64 dev t0 nodad", target_ns);
	cwmp_tr181_test_netns_ip("-n %s link set t0 up", target_ns);
	cwmp_tr181_test_netns_ip("-n %s route add default via 10.44.2.1", target_ns);
	cwmp_tr181_test_netns_ip("-n %s route add default via fd44:2::1", target_ns);
	/* forwarding, and no ICMP rate limit to make replies depend on timing */
	if (!cwmp_tr143_test_run("ip netns exec %s sysctl -qw net.ipv4.ip_forward=1 "
				 "net.ipv6.conf.all.forwarding=1 net.ipv4.icmp_ratelimit=0 "
				 "net.ipv6.icmp.ratelimit=0",
				 router_ns) ||
	    !cwmp_tr143_test_run("ip netns exec %s sysctl -qw net.ipv4.icmp_ratelimit=0 "
				 "net.ipv6.icmp.ratelimit=0",
				 target_ns))
		return FALSE;
	return TRUE;
}

static void
teardown_chain(void)
{
	if (router_ns != NULL)
		cwmp_tr143_test_run("ip netns del %s", router_ns);
	if (target_ns != NULL)
		cwmp_tr143_test_run("ip netns del %s", target_ns);
	g_clear_pointer(&router_ns, g_free);
	g_clear_pointer(&target_ns, g_free);
}

static gchar *
get_hop(CwmpTr143TestAgent *agent, guint hop, const gchar *name)
{
	g_autofree gchar *path = g_strdup_printf(TR "RouteHops.%u.%s", hop, name);
	return cwmp_tr143_test_agent_get(agent, path);
}

static void
assert_state(CwmpTr143TestAgent *agent, const gchar *expected)
{
	g_autofree gchar *state = cwmp_tr143_test_agent_get(agent, TR "DiagnosticsState");
	g_assert_cmpstr(state, ==, expected);
}

/* three tries per hop, each an RTT >= 1 ms (rounded up) or 0 for no answer */
static void
assert_times(const gchar *times, guint n, gboolean all_answered)
{
	g_auto(GStrv) items = g_strsplit(times, ",", -1);
	g_assert_cmpuint(g_strv_length(items), ==, n);
	for (guint i = 0; i < n; i++) {
		guint64 ms = 0;
		g_assert_true(g_ascii_string_to_unsigned(items[i], 10, 0, 60000, &ms, NULL));
		if (all_answered)
			g_assert_cmpuint(ms, >=, 1);
	}
}

static void
test_traceroute_chain(gconstpointer data)
{
	gboolean	   ipv6 = GPOINTER_TO_INT(data);
	CwmpTr143TestAgent agent = {0};
	const gchar	  *hop1 = ipv6 ? "fd44:1::2" : "10.44.1.2";
	const gchar	  *target = ipv6 ? "fd44:2::2" : "10.44.2.2";

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_chain()) {
		g_test_skip("cannot build the namespace chain (ip netns, sysctl)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", target, TR "NumberOfTries", "3",
				  TR "Timeout", "2000", TR "MaxHopCount", "8",
				  TR "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 60000));
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, TR "RouteHopsNumberOfEntries"), ==,
			 2);
	{
		g_autofree gchar *a1 = get_hop(&agent, 1, "HostAddress");
		g_autofree gchar *a2 = get_hop(&agent, 2, "HostAddress");
		g_autofree gchar *h2 = get_hop(&agent, 2, "Host");
		g_autofree gchar *t1 = get_hop(&agent, 1, "RTTimes");
		g_autofree gchar *t2 = get_hop(&agent, 2, "RTTimes");
		g_autofree gchar *e1 = get_hop(&agent, 1, "ErrorCode");
		g_autofree gchar *used = cwmp_tr143_test_agent_get(&agent, TR "IPAddressUsed");
		g_assert_cmpstr(a1, ==, hop1);
		g_assert_cmpstr(a2, ==, target);
		g_assert_cmpstr(h2, ==, target);
		/* time exceeded in transit: code 0 */
		g_assert_cmpstr(e1, ==, "0");
		assert_times(t1, 3, TRUE);
		assert_times(t2, 3, TRUE);
		g_assert_cmpstr(used, ==, ipv6 ? "fd44:1::1" : "10.44.1.1");
	}
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, TR "ResponseTime"), >=, 1);
	g_assert_cmpuint(agent.events->len, ==, 1);

	/* one hop allowed: the router answers, the target is never reached */
	cwmp_tr143_test_agent_set(&agent, 0, TR "MaxHopCount", "1", TR "NumberOfTries", "1",
				  TR "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 60000));
	assert_state(&agent, "Error_MaxHopCountExceeded");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, TR "RouteHopsNumberOfEntries"), ==,
			 1);
	{
		g_autofree gchar *a1 = get_hop(&agent, 1, "HostAddress");
		g_assert_cmpstr(a1, ==, hop1);
	}
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

/* a target nobody has: the router answers hop 1, then nothing within the timeout */
static void
test_traceroute_timeout(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_chain()) {
		g_test_skip("cannot build the namespace chain (ip netns, sysctl)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "10.44.2.99", TR "NumberOfTries", "2",
				  TR "Timeout", "300", TR "MaxHopCount", "3", TR "DiagnosticsState",
				  "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 60000));
	{
		g_autofree gchar *state = cwmp_tr143_test_agent_get(&agent, TR "DiagnosticsState");
		g_autofree gchar *a1 = get_hop(&agent, 1, "HostAddress");
		g_autofree gchar *t2 = get_hop(&agent, 2, "RTTimes");
		g_autofree gchar *a2 = get_hop(&agent, 2, "HostAddress");
		/* the router's host-unreachable comes after ARP gives up, seconds later */
		g_test_message("state %s, hop 2 '%s' times %s", state, a2, t2);
		g_assert_cmpstr(a1, ==, "10.44.1.2");
		if (g_strcmp0(state, "Error_MaxHopCountExceeded") == 0) {
			g_assert_cmpstr(t2, ==, "0,0");
			g_assert_cmpstr(a2, ==, "");
		} else {
			g_assert_cmpstr(state, ==, "Error_NoRouteToHost");
		}
	}
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_traceroute_loopback_and_errors(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	g_assert_true(cwmp_tr143_traceroute_is_supported(AF_INET));
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "127.0.0.1", TR "NumberOfTries", "2",
				  TR "Timeout", "1000", TR "DSCP", "10", TR "DiagnosticsState",
				  "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 20000));
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, TR "RouteHopsNumberOfEntries"), ==,
			 1);
	{
		g_autofree gchar *a1 = get_hop(&agent, 1, "HostAddress");
		g_assert_cmpstr(a1, ==, "127.0.0.1");
	}
	/* out of range */
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, TR "MaxHopCount",
				  "65", NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, TR "NumberOfTries",
				  "4", NULL);
	/* the unresolvable and the unroutable */
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "nowhere.invalid", TR "DiagnosticsState",
				  "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 60000));
	assert_state(&agent, "Error_CannotResolveHostName");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, TR "RouteHopsNumberOfEntries"), ==,
			 0);
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "198.51.100.1", TR "DiagnosticsState",
				  "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, TR, 20000));
	assert_state(&agent, "Error_NoRouteToHost");
	g_assert_cmpuint(agent.events->len, ==, 3);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_traceroute_cancel(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_chain()) {
		g_test_skip("cannot build the namespace chain (ip netns, sysctl)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "10.44.2.99", TR "NumberOfTries", "3",
				  TR "Timeout", "1000", TR "MaxHopCount", "10",
				  TR "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(1500);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "10.44.2.2", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_spin(1500);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);
	/* the agent stops while a test runs: nothing of it may outlive the plugin */
	cwmp_tr143_test_agent_set(&agent, 0, TR "Host", "10.44.2.99", TR "DiagnosticsState",
				  "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	cwmp_tr143_test_agent_spin(1500);
}

int
main(int argc, char **argv)
{
	int ret;

	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/tr143/traceroute/loopback-and-errors",
			test_traceroute_loopback_and_errors);
	g_test_add_data_func("/tr143/traceroute/chain-ipv4", GINT_TO_POINTER(FALSE),
			     test_traceroute_chain);
	g_test_add_data_func("/tr143/traceroute/chain-ipv6", GINT_TO_POINTER(TRUE),
			     test_traceroute_chain);
	g_test_add_func("/tr143/traceroute/timeout", test_traceroute_timeout);
	g_test_add_func("/tr143/traceroute/cancel", test_traceroute_cancel);
	ret = g_test_run();
	teardown_chain();
	return ret;
}
