/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.IPPing. against the kernel of a network namespace
 * the test makes: loopback, and a veth pair to a second namespace with netem
 * delay and loss, so the results have a known truth.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-ip-private.h"
#include "cwmp-tr143-ip-test-agent.h"
#include "cwmp-tr143-test-fixture.h"
#include "cwmp-tr181-test-netns.h"

#define PING "Device.IP.Diagnostics.IPPing."

static gchar   *peer_ns = NULL;
static gboolean netem_ok = FALSE;

/* a second namespace behind veth0 (10.43.0.1/24, fd43::1/64): 10.43.0.2, fd43::2 */
static gboolean
setup_peer(void)
{
	if (peer_ns != NULL)
		return TRUE;
	peer_ns = g_strdup_printf("tr143ping%d", (gint) getpid());
	if (!cwmp_tr143_test_run("ip netns add %s", peer_ns))
		return FALSE;
	cwmp_tr181_test_netns_ip("link add veth0 type veth peer name veth1 netns %s", peer_ns);
	cwmp_tr181_test_netns_ip("addr add 10.43.0.1/24 dev veth0");
	cwmp_tr181_test_netns_ip("addr add fd43::1/64 dev veth0 nodad");
	cwmp_tr181_test_netns_ip("link set veth0 up");
	cwmp_tr181_test_netns_ip("-n %s link set lo up", peer_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add 10.43.0.2/24 dev veth1", peer_ns);
	cwmp_tr181_test_netns_ip("-n %s addr add fd43::2/64 dev veth1 nodad", peer_ns);
	cwmp_tr181_test_netns_ip("-n %s link set veth1 up", peer_ns);
	/* 20 ms each way out of here, a fifth of the requests lost */
	netem_ok = cwmp_tr143_test_run("tc qdisc add dev veth0 root netem delay 20ms loss 20%%");
	return TRUE;
}

static void
teardown_peer(void)
{
	if (peer_ns == NULL)
		return;
	cwmp_tr143_test_run("ip netns del %s", peer_ns);
	g_clear_pointer(&peer_ns, g_free);
}

static void
assert_state(CwmpTr143TestAgent *agent, const gchar *expected)
{
	g_autofree gchar *state = cwmp_tr143_test_agent_get(agent, PING "DiagnosticsState");
	g_assert_cmpstr(state, ==, expected);
}

static void
run_ping(CwmpTr143TestAgent *agent, guint wait_ms)
{
	g_assert_true(cwmp_tr143_test_agent_wait_done(agent, PING, wait_ms));
}

static void
test_ping_loopback(gconstpointer data)
{
	gboolean	   ipv6 = GPOINTER_TO_INT(data);
	CwmpTr143TestAgent agent = {0};
	g_autofree gchar  *used = NULL;
	guint64		   min, avg, max;

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!cwmp_tr143_ping_is_supported(ipv6 ? AF_INET6 : AF_INET)) {
		g_test_skip("no ICMP socket for this family here");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_set(
	    &agent, 0, PING "Host", ipv6 ? "::1" : "127.0.0.1", PING "ProtocolVersion",
	    ipv6 ? "IPv6" : "IPv4", PING "NumberOfRepetitions", "5", PING "Timeout", "2000",
	    PING "DataBlockSize", "100", PING "DiagnosticsState", "Requested", NULL);
	/* nothing runs inside the SetParameterValues */
	assert_state(&agent, "Requested");
	run_ping(&agent, 20000);
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==, 5);
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "FailureCount"), ==, 0);
	used = cwmp_tr143_test_agent_get(&agent, PING "IPAddressUsed");
	g_assert_cmpstr(used, ==, ipv6 ? "::1" : "127.0.0.1");
	min = cwmp_tr143_test_agent_get_uint(&agent, PING "MinimumResponseTimeDetailed");
	avg = cwmp_tr143_test_agent_get_uint(&agent, PING "AverageResponseTimeDetailed");
	max = cwmp_tr143_test_agent_get_uint(&agent, PING "MaximumResponseTimeDetailed");
	g_assert_cmpuint(min, >, 0);
	g_assert_cmpuint(min, <=, avg);
	g_assert_cmpuint(avg, <=, max);
	/* loopback answers well under a second even on a loaded machine */
	g_assert_cmpuint(max, <, 1000000);
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "MaximumResponseTime"), ==,
			 (max + 500) / 1000);
	g_assert_cmpuint(agent.events->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(agent.events, 0), ==, "8 DIAGNOSTICS COMPLETE");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_ping_netem(void)
{
	CwmpTr143TestAgent agent = {0};
	guint64		   success, failure, min, avg;

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_peer()) {
		g_test_skip("cannot make a second network namespace (ip netns add)");
		return;
	}
	if (!netem_ok) {
		g_test_skip("no netem qdisc here (sch_netem not available)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "10.43.0.2", PING "NumberOfRepetitions",
				  "40", PING "Timeout", "400", PING "DiagnosticsState", "Requested",
				  NULL);
	run_ping(&agent, 60000);
	assert_state(&agent, "Complete");
	success = cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount");
	failure = cwmp_tr143_test_agent_get_uint(&agent, PING "FailureCount");
	g_test_message("40 probes at 20%% loss: %" G_GUINT64_FORMAT " lost", failure);
	g_assert_cmpuint(success + failure, ==, 40);
	/* binomial(40, 0.2): mean 8, P(0 lost) ~ 1e-4, P(> 24 lost) < 1e-8 */
	g_assert_cmpuint(failure, >=, 1);
	g_assert_cmpuint(failure, <=, 24);
	min = cwmp_tr143_test_agent_get_uint(&agent, PING "MinimumResponseTimeDetailed");
	avg = cwmp_tr143_test_agent_get_uint(&agent, PING "AverageResponseTimeDetailed");
	g_test_message("netem 20 ms: min %" G_GUINT64_FORMAT " us, avg %" G_GUINT64_FORMAT " us",
		       min, avg);
	/* the delay is a floor; the ceiling is generous for a loaded machine */
	g_assert_cmpuint(min, >=, 20000);
	g_assert_cmpuint(avg, <, 200000);
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "MinimumResponseTime"), >=,
			 20);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_ping_interface(void)
{
	CwmpTr143TestAgent agent = {0};
	g_autofree gchar  *veth = NULL;
	g_autofree gchar  *lo = NULL;
	gint		   n;

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_peer()) {
		g_test_skip("cannot make a second network namespace (ip netns add)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	n = cwmp_tr143_test_agent_find_interface(&agent, "veth0");
	g_assert_cmpint(n, >, 0);
	veth = g_strdup_printf("Device.IP.Interface.%d", n);
	n = cwmp_tr143_test_agent_find_interface(&agent, "lo");
	g_assert_cmpint(n, >, 0);
	lo = g_strdup_printf("Device.IP.Interface.%d.", n);

	/* IPv6 over the veth, bound to it */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "fd43::2", PING "Interface", veth,
				  PING "NumberOfRepetitions", "3", PING "Timeout", "1000",
				  PING "DiagnosticsState", "Requested", NULL);
	run_ping(&agent, 20000);
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount") +
			     cwmp_tr143_test_agent_get_uint(&agent, PING "FailureCount"),
			 ==, 3);
	{
		g_autofree gchar *used = cwmp_tr143_test_agent_get(&agent, PING "IPAddressUsed");
		g_assert_cmpstr(used, ==, "fd43::1");
	}

	/* bound to lo, the peer cannot be reached */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "10.43.0.2", PING "Interface", lo,
				  PING "NumberOfRepetitions", "2", PING "Timeout", "300",
				  PING "DiagnosticsState", "Requested", NULL);
	run_ping(&agent, 20000);
	{
		g_autofree gchar *state = cwmp_tr143_test_agent_get(&agent, PING "DiagnosticsStat"
										 "e");
		g_test_message("bound to lo: %s", state);
		if (g_strcmp0(state, "Complete") == 0)
			g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCoun"
										     "t"),
					 ==, 0);
		else
			g_assert_cmpstr(state, ==, "Error_NoRouteToHost");
	}

	/* a reference to nothing is refused in the SetParameterValues */
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, PING "Interface",
				  "Device.IP.Interface.999", NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, PING "Interface",
				  "Device.Ethernet.Interface.1", NULL);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

/* DSCP 46 (EF) must be in the TOS byte of the requests on the wire */
static void
test_ping_dscp(void)
{
	CwmpTr143TestAgent agent = {0};
	gint		   sniffer;
	guint8		   buffer[2048];
	gboolean	   seen = FALSE;
	guint		   n_requests = 0;

	if (cwmp_tr181_test_netns_skip())
		return;
	sniffer = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_ICMP);
	g_assert_cmpint(sniffer, >=, 0);
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "127.0.0.1", PING "DSCP", "46",
				  PING "NumberOfRepetitions", "2", PING "DiagnosticsState",
				  "Requested", NULL);
	run_ping(&agent, 20000);
	assert_state(&agent, "Complete");
	for (;;) {
		gssize n = recv(sniffer, buffer, sizeof(buffer), 0);
		if (n < 0)
			break;
		if (n < 28 || buffer[20] != 8)
			continue;
		n_requests++;
		g_test_message("echo request with TOS 0x%02x", buffer[1]);
		g_assert_cmpuint(buffer[1], ==, 46 << 2);
		seen = TRUE;
	}
	g_assert_true(seen);
	g_assert_cmpuint(n_requests, ==, 2);
	close(sniffer);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

static void
test_ping_errors(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr143_test_agent_start(&agent, NULL);
	/* the ACS writes only Requested and Canceled */
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				  PING "DiagnosticsState", "Complete", NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, PING "DSCP", "64",
				  NULL);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				  PING "NumberOfRepetitions", "0", NULL);
	/* a whole SetParameterValues fails with one bad value: nothing was requested */
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, PING "Timeout", "0",
				  PING "DiagnosticsState", "Requested", NULL);
	assert_state(&agent, "None");

	/* a name no resolver knows (the namespace has no DNS server) */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "no-such-host.invalid",
				  PING "DiagnosticsState", "Requested", NULL);
	run_ping(&agent, 60000);
	assert_state(&agent, "Error_CannotResolveHostName");
	g_assert_cmpuint(agent.events->len, ==, 1);

	/* an IPv4 literal when IPv6 is asked for */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "127.0.0.1", PING "ProtocolVersion",
				  "IPv6", PING "DiagnosticsState", "Requested", NULL);
	run_ping(&agent, 20000);
	assert_state(&agent, "Error_CannotResolveHostName");

	/* no route: the namespace has no default route */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "192.0.2.1", PING "ProtocolVersion",
				  "Any", PING "DiagnosticsState", "Requested", NULL);
	run_ping(&agent, 20000);
	assert_state(&agent, "Error_NoRouteToHost");
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "2001:db8::1", PING "DiagnosticsState",
				  "Requested", NULL);
	run_ping(&agent, 20000);
	assert_state(&agent, "Error_NoRouteToHost");
	g_assert_cmpuint(agent.events->len, ==, 4);

	/* writing a parameter after the test resets the state */
	cwmp_tr143_test_agent_set(&agent, 0, PING "DSCP", "8", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

/* a peer that never answers: cancel by writing a parameter, or by Canceled */
static void
test_ping_cancel(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!setup_peer()) {
		g_test_skip("cannot make a second network namespace (ip netns add)");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	/* 10.43.0.77 is on the link but nobody has it */
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "10.43.0.77", PING "NumberOfRepetitions",
				  "20", PING "Timeout", "1000", PING "DiagnosticsState",
				  "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_set(&agent, 0, PING "Timeout", "900", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_spin(1500);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);

	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Canceled", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_spin(1500);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);
	/* the agent stops while a test runs: nothing of it may outlive the plugin */
	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	cwmp_tr143_test_agent_spin(1500);
}

/* the test waits for the end of the ACS session; results survive a restart */
static void
test_ping_session_and_restart(void)
{
	CwmpTr143TestAgent agent = {0};
	g_autofree gchar  *directory = NULL;
	g_autofree gchar  *avg = NULL;
	g_autofree gchar  *avg2 = NULL;

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_host_set_session_active(agent.host, TRUE);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "127.0.0.1", PING "NumberOfRepetitions",
				  "2", PING "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(500);
	assert_state(&agent, "Requested");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==, 0);
	cwmp_host_set_session_active(agent.host, FALSE);
	run_ping(&agent, 20000);
	assert_state(&agent, "Complete");
	avg = cwmp_tr143_test_agent_get(&agent, PING "AverageResponseTimeDetailed");

	directory = g_strdup(agent.directory);
	cwmp_tr143_test_agent_stop(&agent, FALSE);
	cwmp_tr143_test_agent_start(&agent, directory);
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==, 2);
	avg2 = cwmp_tr143_test_agent_get(&agent, PING "AverageResponseTimeDetailed");
	g_assert_cmpstr(avg, ==, avg2);
	{
		g_autofree gchar *host = cwmp_tr143_test_agent_get(&agent, PING "Host");
		g_assert_cmpstr(host, ==, "127.0.0.1");
	}

	/* a damaged state file is set aside; the diagnostic starts from None */
	cwmp_tr143_test_agent_stop(&agent, FALSE);
	{
		g_autofree gchar *state = NULL;

		cwmp_tr143_test_damage_state(directory, "tr143-ping.state");
		cwmp_tr143_test_agent_start(&agent, directory);
		g_test_assert_expected_messages();
		state = cwmp_tr143_test_agent_get(&agent, PING "DiagnosticsState");
		g_assert_cmpstr(state, ==, "None");
		g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==,
				 0);
		g_assert_true(cwmp_tr143_test_state_set_aside(directory, "tr143-ping.state"));
	}

	/* a test still queued when the agent stops comes back as None */
	cwmp_host_set_session_active(agent.host, TRUE);
	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_stop(&agent, FALSE);
	cwmp_tr143_test_agent_start(&agent, directory);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

/* written in place: a sysctl file cannot be replaced like g_file_set_contents() does */
static gboolean
set_ping_group_range(const gchar *range)
{
	FILE	*file = fopen("/proc/sys/net/ipv4/ping_group_range", "w");
	gboolean ok;

	if (file == NULL)
		return FALSE;
	ok = fputs(range, file) >= 0;
	return fclose(file) == 0 && ok;
}

/* the unprivileged ping sockets (SOCK_DGRAM) instead of raw ones */
static void
test_ping_dgram_sockets(void)
{
	CwmpTr143TestAgent agent = {0};
	g_autofree gchar  *old = NULL;

	if (cwmp_tr181_test_netns_skip())
		return;
	if (!g_file_get_contents("/proc/sys/net/ipv4/ping_group_range", &old, NULL, NULL) ||
	    !set_ping_group_range("0 2147483647")) {
		g_test_skip("cannot change net.ipv4.ping_group_range here");
		return;
	}
	/* with the range open, a datagram ICMP socket opens even for root */
	{
		gint fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		g_assert_cmpint(fd, >=, 0);
		close(fd);
	}
	cwmp_tr143_test_agent_start(&agent, NULL);
	for (guint i = 0; i < 2; i++) {
		cwmp_tr143_test_agent_set(&agent, 0, PING "Host", i == 0 ? "127.0.0.1" : "::1",
					  PING "NumberOfRepetitions", "4", PING "Timeout", "2000",
					  PING "DiagnosticsState", "Requested", NULL);
		run_ping(&agent, 20000);
		assert_state(&agent, "Complete");
		g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==,
				 4);
	}
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	g_assert_true(set_ping_group_range(g_strstrip(old)));
}

/* Requested may come first in the SetParameterValues: the test still uses
 * every value of the same request */
static void
test_ping_request_order(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "192.0.2.1", NULL);
	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Requested", PING "Host",
				  "127.0.0.1", PING "NumberOfRepetitions", "2", NULL);
	assert_state(&agent, "Requested");
	run_ping(&agent, 20000);
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, PING "SuccessCount"), ==, 2);
	/* a later SetParameterValues of a parameter alone cancels a queued test */
	cwmp_host_set_session_active(agent.host, TRUE);
	cwmp_tr143_test_agent_set(&agent, 0, PING "DiagnosticsState", "Requested", NULL);
	cwmp_tr181_test_netns_drain();
	cwmp_tr143_test_agent_set(&agent, 0, PING "NumberOfRepetitions", "3", NULL);
	assert_state(&agent, "None");
	cwmp_host_set_session_active(agent.host, FALSE);
	cwmp_tr143_test_agent_spin(500);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 1);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
}

/* the state directory is full: a change that cannot be kept is refused (9002) */
static void
test_ping_full_disk(void)
{
	CwmpTr143TestAgent agent = {0};
	g_autofree gchar  *directory = g_dir_make_tmp("cwmp-tr143-full-XXXXXX", NULL);
	g_autofree gchar  *filler = g_build_filename(directory, "filler", NULL);
	g_autofree gchar  *block = g_malloc0(4096);
	FILE		  *file;

	if (cwmp_tr181_test_netns_skip())
		return;
	if (mount("tmpfs", directory, "tmpfs", 0, "size=64k") != 0) {
		g_test_skip("cannot mount a small tmpfs here");
		return;
	}
	cwmp_tr143_test_agent_start(&agent, directory);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "127.0.0.1", NULL);
	file = fopen(filler, "w");
	g_assert_nonnull(file);
	while (fwrite(block, 1, 4096, file) == 4096 && fflush(file) == 0)
		;
	fclose(file);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INTERNAL_ERROR, PING "Host", "127.0.0.2",
				  NULL);
	{
		g_autofree gchar *host = cwmp_tr143_test_agent_get(&agent, PING "Host");
		g_assert_cmpstr(host, ==, "127.0.0.1");
	}
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INTERNAL_ERROR, PING "DiagnosticsState",
				  "Requested", NULL);
	assert_state(&agent, "None");
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);
	g_assert_cmpint(g_unlink(filler), ==, 0);
	cwmp_tr143_test_agent_set(&agent, 0, PING "Host", "127.0.0.2", NULL);
	cwmp_tr143_test_agent_stop(&agent, FALSE);
	g_assert_cmpint(umount2(directory, MNT_DETACH), ==, 0);
	cwmp_tr181_test_rm_rf(directory);
}

int
main(int argc, char **argv)
{
	int ret;

	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_data_func("/tr143/ping/loopback-ipv4", GINT_TO_POINTER(FALSE),
			     test_ping_loopback);
	g_test_add_data_func("/tr143/ping/loopback-ipv6", GINT_TO_POINTER(TRUE),
			     test_ping_loopback);
	g_test_add_func("/tr143/ping/dgram-sockets", test_ping_dgram_sockets);
	g_test_add_func("/tr143/ping/request-order", test_ping_request_order);
	g_test_add_func("/tr143/ping/dscp", test_ping_dscp);
	g_test_add_func("/tr143/ping/errors", test_ping_errors);
	g_test_add_func("/tr143/ping/session-and-restart", test_ping_session_and_restart);
	g_test_add_func("/tr143/ping/netem", test_ping_netem);
	g_test_add_func("/tr143/ping/interface", test_ping_interface);
	g_test_add_func("/tr143/ping/cancel", test_ping_cancel);
	g_test_add_func("/tr143/ping/full-disk", test_ping_full_disk);
	ret = g_test_run();
	teardown_peer();
	return ret;
}
