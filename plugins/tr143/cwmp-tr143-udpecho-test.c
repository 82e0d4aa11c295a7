/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * UDPEchoConfig (the echo server) against a client written here, checking
 * the Echo Plus fields, the counters and the SourceIPAddress filter;
 * UDPEchoDiagnostics (the client) against the server; and, as root with tc
 * netem, the client through a veth pair into a network namespace with 20 ms
 * delay and 10 % loss.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-config.h"
#include "cwmp-dm-private.h"
#include "cwmp-dm-txn.h"
#include "cwmp-host.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-tr143-private.h"
#include "cwmp-tr143-test-fixture.h"

#define TEST_CFG  "Device.IP.Diagnostics.UDPEchoConfig."
#define TEST_DIAG "Device.IP.Diagnostics.UDPEchoDiagnostics."

typedef CwmpTr143TestFixture TestFixture;

static const CwmpTr143Module *const test_modules[] = {
    &cwmp_tr143_capabilities_module,
    &cwmp_tr143_udpecho_module,
    NULL,
};

static void
test_fixture_setup(TestFixture *fx, gconstpointer data)
{
	cwmp_tr143_test_fixture_setup(fx, test_modules, "udpecho");
}

static void
test_fixture_teardown(TestFixture *fx, gconstpointer data)
{
	cwmp_tr143_test_fixture_teardown(fx);
}

/* a test client socket bound to @source */
static GSocket *
test_client_new(const gchar *source)
{
	GSocket *socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) from = g_inet_address_new_from_string(source);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(from, 0);

	g_assert_true(g_socket_bind(socket, address, TRUE, NULL));
	g_socket_set_blocking(socket, FALSE);
	return socket;
}

/* sends @size bytes with TestGenSN @sn; returns the answer's length, 0 if none in 1 s */
static gssize
test_client_echo(GSocket *socket, guint16 port, guint32 sn, gsize size, guint8 *answer)
{
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) to = g_inet_socket_address_new(lo, port);
	g_autofree guint8 *packet = g_malloc0(size);
	guint32		   be = g_htonl(sn);
	gint64		   until = g_get_monotonic_time() + G_USEC_PER_SEC;

	memcpy(packet, &be, sizeof(be));
	for (gsize i = 20; i < size; i++)
		packet[i] = (guint8) i;
	g_assert_cmpint(g_socket_send_to(socket, to, (gchar *) packet, size, NULL, NULL), ==,
			(gssize) size);
	while (g_get_monotonic_time() < until) {
		gssize n = g_socket_receive(socket, (gchar *) answer, 65536, NULL, NULL);
		if (n > 0) {
			/* the padding (a short packet: all of it) comes back as sent */
			if (size > 20)
				g_assert_cmpmem(answer + 20, n - 20, packet + 20, size - 20);
			else
				g_assert_cmpmem(answer, n, packet, size);
			return n;
		}
		g_main_context_iteration(NULL, FALSE);
		g_usleep(1000);
	}
	return 0;
}

static guint32
test_field(const guint8 *answer, guint index)
{
	guint32 value;
	memcpy(&value, answer + 4 * index, sizeof(value));
	return g_ntohl(value);
}

static void
test_server(TestFixture *fx, gconstpointer data)
{
	guint16		  port = cwmp_tr143_test_free_port(G_SOCKET_TYPE_DATAGRAM);
	g_autofree gchar *port_text = g_strdup_printf("%u", port);
	g_autoptr(GSocket) client = test_client_new("127.0.0.1");
	g_autofree guint8 *answer = g_malloc(65536);
	guint32		   last_reply = 0;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "UDPPort", port_text,
						    TEST_CFG "EchoPlusEnabled", "true",
						    TEST_CFG "Enable", "true", NULL),
			==, 0);
	for (guint32 i = 1; i <= 3; i++) {
		guint32 received, replied;
		g_assert_cmpint(test_client_echo(client, port, 100 + i, 40, answer), ==, 40);
		g_assert_cmpuint(test_field(answer, 0), ==, 100 + i); /* TestGenSN kept */
		g_assert_cmpuint(test_field(answer, 1), ==, i);	      /* TestRespSN */
		received = test_field(answer, 2);
		replied = test_field(answer, 3);
		g_assert_cmpuint(replied - received, <, 1000000); /* modulo 2^32 */
		if (i > 1)
			g_assert_cmpuint(replied - last_reply, <, 0x80000000u);
		last_reply = replied;
		g_assert_cmpuint(test_field(answer, 4), ==, 0); /* no failures */
	}
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==, 3);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsResponded"), ==, 3);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "BytesReceived"), ==,
			 3 * (40 + 8));
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "BytesResponded"), ==,
			 3 * (40 + 8));
	g_assert_cmpint(cwmp_tr143_test_get_time(fx->dm, TEST_CFG "TimeFirstPacketReceived"), <=,
			cwmp_tr143_test_get_time(fx->dm, TEST_CFG "TimeLastPacketReceived"));

	/* a short packet is echoed as it is, even with Echo Plus on */
	g_assert_cmpint(test_client_echo(client, port, 7, 12, answer), ==, 12);

	/* Echo Plus off: the payload comes back untouched */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "EchoPlusEnabled", "false", NULL),
			==, 0);
	g_assert_cmpint(test_client_echo(client, port, 9, 40, answer), ==, 40);
	g_assert_cmpuint(test_field(answer, 1), ==, 0);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==, 5);

	/* only the SourceIPAddress is answered */
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_CFG "SourceIPAddress", "127.0.0.2", NULL), ==, 0);
	g_assert_cmpint(test_client_echo(client, port, 10, 40, answer), ==, 0);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==, 5);
	{
		g_autoptr(GSocket) other = test_client_new("127.0.0.2");
		g_assert_cmpint(test_client_echo(other, port, 11, 40, answer), ==, 40);
		g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==,
				 6);
	}
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_CFG "SourceIPAddress", "not-an-address", NULL), ==,
	    9007);

	/* disable and enable again: counters start over */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "Enable", "false", NULL), ==, 0);
	g_assert_cmpint(test_client_echo(client, port, 12, 40, answer), ==, 0);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "Enable", "true",
						    TEST_CFG "SourceIPAddress", "", NULL),
			==, 0);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==, 0);
	g_assert_cmpint(test_client_echo(client, port, 13, 40, answer), ==, 40);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsReceived"), ==, 1);
}

static void
test_client(TestFixture *fx, gconstpointer data)
{
	guint16		  port = cwmp_tr143_test_free_port(G_SOCKET_TYPE_DATAGRAM);
	g_autofree gchar *port_text = g_strdup_printf("%u", port);
	g_autofree gchar *state = NULL;
	guint64		  min, avg, max;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "UDPPort", port_text,
						    TEST_CFG "EchoPlusEnabled", "true",
						    TEST_CFG "Enable", "true", NULL),
			==, 0);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(
			    fx, TEST_DIAG "Host", "127.0.0.1", TEST_DIAG "Port", port_text,
			    TEST_DIAG "NumberOfRepetitions", "5", TEST_DIAG "InterTransmissionTime",
			    "10", TEST_DIAG "Timeout", "2000", TEST_DIAG "DataBlockSize", "64",
			    TEST_DIAG "EnableIndividualPacketResults", "true",
			    TEST_DIAG "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DIAG);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(fx->events, ==, 1);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "SuccessCount"), ==, 5);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "FailureCount"), ==, 0);
	min = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "MinimumResponseTime");
	avg = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "AverageResponseTime");
	max = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "MaximumResponseTime");
	g_assert_cmpuint(min, <=, avg);
	g_assert_cmpuint(avg, <=, max);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "IndividualPacketResultNumberOf"
								    "Entries"),
			 ==, 5);
	for (guint i = 1; i <= 5; i++) {
		g_autofree gchar *prefix =
		    g_strdup_printf(TEST_DIAG "IndividualPacketResult.%u.", i);
		g_autofree gchar *p_gen = g_strconcat(prefix, "TestGenSN", NULL);
		g_autofree gchar *p_resp = g_strconcat(prefix, "TestRespSN", NULL);
		g_autofree gchar *p_ok = g_strconcat(prefix, "PacketSuccess", NULL);
		g_autofree gchar *p_send = g_strconcat(prefix, "PacketSendTime", NULL);
		g_autofree gchar *p_recv = g_strconcat(prefix, "PacketReceiveTime", NULL);
		g_autofree gchar *ok = cwmp_tr143_test_get(fx->dm, p_ok);
		g_assert_cmpstr(ok, ==, "true");
		g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, p_gen), ==, i);
		g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, p_resp), ==, i);
		g_assert_cmpint(cwmp_tr143_test_get_time(fx->dm, p_send), <=,
				cwmp_tr143_test_get_time(fx->dm, p_recv));
	}
	/* the server counted the client's packets */
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "PacketsResponded"), ==, 5);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "BytesReceived"), ==,
			 5 * (64 + 8));

	/* nobody answering: every packet fails after its timeout */
	g_clear_pointer(&state, g_free);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "Enable", "false", NULL), ==, 0);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(
			    fx, TEST_DIAG "NumberOfRepetitions", "3", TEST_DIAG "Timeout", "100",
			    TEST_DIAG "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DIAG);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "SuccessCount"), ==, 0);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "FailureCount"), ==, 3);

	/* a name that does not resolve */
	g_clear_pointer(&state, g_free);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DIAG "Host", "no-such-host.invalid",
						    TEST_DIAG "DiagnosticsState", "Requested",
						    NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DIAG);
	g_assert_cmpstr(state, ==, "Error_CannotResolveHostName");
}

static void
test_persist(TestFixture *fx, gconstpointer data)
{
	guint16		  port = cwmp_tr143_test_free_port(G_SOCKET_TYPE_DATAGRAM);
	g_autofree gchar *port_text = g_strdup_printf("%u", port);
	g_autoptr(GSocket) client = test_client_new("127.0.0.1");
	g_autofree guint8 *answer = g_malloc(65536);
	g_autofree gchar  *state = NULL;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_CFG "UDPPort", port_text,
						    TEST_CFG "Enable", "true", NULL),
			==, 0);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(
			    fx, TEST_DIAG "Host", "127.0.0.1", TEST_DIAG "Port", port_text,
			    TEST_DIAG "NumberOfRepetitions", "2", TEST_DIAG "InterTransmissionTime",
			    "1", TEST_DIAG "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DIAG);
	g_assert_cmpstr(state, ==, "Complete");
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_fixture_start(fx, 0);
	/* the server is back on its port (opened from the main loop), the
	 * results are still there */
	while (g_main_context_iteration(NULL, FALSE))
		;
	g_assert_cmpint(test_client_echo(client, port, 1, 40, answer), ==, 40);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_DIAG "DiagnosticsState");
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "SuccessCount"), ==, 2);

	/* a damaged state file is set aside: None, the defaults, no server */
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_damage_state(fx->directory, "tr143-udpecho.state");
	cwmp_tr143_test_fixture_start(fx, 0);
	g_test_assert_expected_messages();
	g_assert_true(cwmp_tr143_test_state_set_aside(fx->directory, "tr143-udpecho.state"));
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_DIAG "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "SuccessCount"), ==, 0);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_CFG "UDPPort"), ==, 0);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_CFG "Enable");
	g_assert_cmpstr(state, ==, "false");
}

/* --- through netem in a network namespace --------------------------------- */

static void
test_netem(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *ns = g_strdup_printf("cwmp-tr143-ue-%d", (gint) getpid());
	g_autofree gchar *veth = g_strdup_printf("ue%d", (gint) getpid() % 100000);
	g_autofree gchar *peer = g_strdup_printf("%sp", veth);
	g_autofree gchar *command = NULL;
	g_autoptr(GSubprocess) echo = NULL;
	g_autofree gchar *state = NULL;
	g_autoptr(GError) error = NULL;
	guint64 success, failure, min, avg;

	if (getuid() != 0) {
		g_test_skip("needs root for a network namespace");
		return;
	}
	if (!cwmp_tr143_test_run("tc qdisc show dev lo") ||
	    !g_file_test("/usr/bin/python3", G_FILE_TEST_EXISTS)) {
		g_test_skip("tc or /usr/bin/python3 is missing");
		return;
	}
	command = g_strdup_printf("ip netns add %s", ns);
	if (!cwmp_tr143_test_run("%s", command)) {
		g_test_skip("cannot create a network namespace");
		return;
	}
	g_free(command);
	command = g_strdup_printf("sh -c 'ip link add %s type veth peer name %s netns %s && "
				  "ip addr add 10.251.0.1/30 dev %s && ip link set %s up && "
				  "ip -n %s addr add 10.251.0.2/30 dev %s && ip -n %s link set %s "
				  "up "
				  "&& ip -n %s link set lo up'",
				  veth, peer, ns, veth, veth, ns, peer, ns, peer, ns);
	g_assert_true(cwmp_tr143_test_run("%s", command));
	g_free(command);
	command = g_strdup_printf("tc qdisc add dev %s root netem delay 20ms loss 10%%", veth);
	if (!cwmp_tr143_test_run("%s", command)) {
		g_free(command);
		command = g_strdup_printf("sh -c 'ip link del %s; ip netns del %s'", veth, ns);
		cwmp_tr143_test_run("%s", command);
		g_test_skip("tc netem is not available (sch_netem module)");
		return;
	}
	echo = g_subprocess_new(G_SUBPROCESS_FLAGS_NONE, &error, "ip", "netns", "exec", ns,
				"/usr/bin/python3", "-c",
				"import socket\n"
				"s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
				"s.bind(('10.251.0.2', 7))\n"
				"while True:\n"
				"    d, a = s.recvfrom(65536)\n"
				"    s.sendto(d, a)\n",
				NULL);
	g_assert_no_error(error);
	g_usleep(500000);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(
			    fx, TEST_DIAG "Host", "10.251.0.2", TEST_DIAG "Port", "7",
			    TEST_DIAG "NumberOfRepetitions", "60",
			    TEST_DIAG "InterTransmissionTime", "10", TEST_DIAG "Timeout", "500",
			    TEST_DIAG "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DIAG);
	g_subprocess_force_exit(echo);
	g_subprocess_wait(echo, NULL, NULL);
	g_free(command);
	command = g_strdup_printf("sh -c 'ip link del %s; ip netns del %s'", veth, ns);
	cwmp_tr143_test_run("%s", command);

	g_assert_cmpstr(state, ==, "Complete");
	success = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "SuccessCount");
	failure = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "FailureCount");
	min = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "MinimumResponseTime");
	avg = cwmp_tr143_test_get_uint(fx->dm, TEST_DIAG "AverageResponseTime");
	g_test_message("netem: %" G_GUINT64_FORMAT " ok, %" G_GUINT64_FORMAT
		       " lost, min %" G_GUINT64_FORMAT " us, avg %" G_GUINT64_FORMAT " us",
		       success, failure, min, avg);
	g_assert_cmpuint(success + failure, ==, 60);
	/* 10 % loss one way: 6 expected; P(more than 24) is negligible */
	g_assert_cmpuint(failure, <=, 24);
	g_assert_cmpuint(success, >, 0);
	/* delay on one direction: 20 ms, tolerance for a loaded machine */
	g_assert_cmpuint(min, >=, 19000);
	g_assert_cmpuint(avg, <, 200000);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define TEST_ADD(name, func)                                                                       \
	g_test_add("/tr143/udpecho/" name, TestFixture, NULL, test_fixture_setup, func,            \
		   test_fixture_teardown)
	TEST_ADD("server", test_server);
	TEST_ADD("client", test_client);
	TEST_ADD("persist", test_persist);
	TEST_ADD("netem", test_netem);
	return g_test_run();
}
