/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.ServerSelectionDiagnostics. in a network namespace
 * of its own: ICMP to loopback addresses, and UDP echo to small responders
 * of the test, one of which waits 60 ms before it answers.
 */

#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include "cwmp-tr143-ip-private.h"
#include "cwmp-tr143-ip-test-agent.h"
#include "cwmp-tr181-test-netns.h"

#define SS "Device.IP.Diagnostics.ServerSelectionDiagnostics."

/* --- a UDP echo responder on the test's main loop ------------------------- */

typedef struct {
	GSocket *socket;
	GSource *source;
	guint	 delay_ms;
	guint	 received;
} Responder;

typedef struct {
	Responder      *responder;
	GSocketAddress *peer;
	GBytes	       *data;
} Reply;

static gboolean
reply_cb(gpointer user_data)
{
	Reply *reply = user_data;
	g_socket_send_to(reply->responder->socket, reply->peer, g_bytes_get_data(reply->data, NULL),
			 g_bytes_get_size(reply->data), NULL, NULL);
	g_object_unref(reply->peer);
	g_bytes_unref(reply->data);
	g_free(reply);
	return G_SOURCE_REMOVE;
}

static gboolean
responder_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	Responder      *responder = user_data;
	guint8		buffer[2048];
	GSocketAddress *peer = NULL;
	gssize		n =
	    g_socket_receive_from(socket, &peer, (gchar *) buffer, sizeof(buffer), NULL, NULL);
	Reply *reply;

	if (n < 0)
		return G_SOURCE_CONTINUE;
	responder->received++;
	reply = g_new0(Reply, 1);
	reply->responder = responder;
	reply->peer = peer;
	reply->data = g_bytes_new(buffer, (gsize) n);
	if (responder->delay_ms > 0)
		g_timeout_add(responder->delay_ms, reply_cb, reply);
	else
		reply_cb(reply);
	return G_SOURCE_CONTINUE;
}

static Responder *
responder_new(const gchar *address, guint16 port, guint delay_ms)
{
	Responder *responder = g_new0(Responder, 1);
	g_autoptr(GInetAddress) inet = g_inet_address_new_from_string(address);
	g_autoptr(GSocketAddress) sa = g_inet_socket_address_new(inet, port);
	g_autoptr(GError) error = NULL;

	responder->delay_ms = delay_ms;
	responder->socket = g_socket_new(g_inet_address_get_family(inet), G_SOCKET_TYPE_DATAGRAM,
					 G_SOCKET_PROTOCOL_UDP, &error);
	g_assert_no_error(error);
	g_socket_set_blocking(responder->socket, FALSE);
	g_assert_true(g_socket_bind(responder->socket, sa, TRUE, &error));
	g_assert_no_error(error);
	responder->source = g_socket_create_source(responder->socket, G_IO_IN, NULL);
	g_source_set_callback(responder->source, (GSourceFunc) (GCallback) responder_cb, responder,
			      NULL);
	g_source_attach(responder->source, NULL);
	return responder;
}

static void
responder_free(Responder *responder)
{
	/* replies still waiting for their delay have gone out by now */
	cwmp_tr143_test_agent_spin(responder->delay_ms + 50);
	g_source_destroy(responder->source);
	g_source_unref(responder->source);
	g_object_unref(responder->socket);
	g_free(responder);
}

static gchar *
get(CwmpTr143TestAgent *agent, const gchar *name)
{
	g_autofree gchar *path = g_strconcat(SS, name, NULL);
	return cwmp_tr143_test_agent_get(agent, path);
}

static void
assert_state(CwmpTr143TestAgent *agent, const gchar *expected)
{
	g_autofree gchar *state = get(agent, "DiagnosticsState");
	g_assert_cmpstr(state, ==, expected);
}

static void
test_server_selection_icmp(void)
{
	CwmpTr143TestAgent agent = {0};

	if (cwmp_tr181_test_netns_skip())
		return;
	cwmp_tr181_test_netns_add_link("ss0");
	cwmp_tr181_test_netns_ip("addr add 10.45.0.1/24 dev ss0");
	cwmp_tr181_test_netns_ip("link set ss0 up");
	cwmp_tr143_test_agent_start(&agent, NULL);
	/* nobody has 10.45.0.77; the .invalid name does not resolve; 127.0.0.1 answers */
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList", "10.45.0.77,no-such.invalid,127.0.0.1",
				  SS "Protocol", "ICMP", SS "NumberOfRepetitions", "3",
				  SS "Timeout", "300", SS "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Complete");
	{
		g_autofree gchar *fastest = get(&agent, "FastestHost");
		g_autofree gchar *used = get(&agent, "IPAddressUsed");
		g_assert_cmpstr(fastest, ==, "127.0.0.1");
		g_assert_cmpstr(used, ==, "127.0.0.1");
	}
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "MinimumResponseTime"), >, 0);
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "MinimumResponseTime"), <=,
			 cwmp_tr143_test_agent_get_uint(&agent, SS "AverageResponseTime"));
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "AverageResponseTime"), <=,
			 cwmp_tr143_test_agent_get_uint(&agent, SS "MaximumResponseTime"));
	g_assert_cmpuint(agent.events->len, ==, 1);

	/* nothing resolves */
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList", "a.invalid,b.invalid",
				  SS "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Error_CannotResolveHostName");

	/* nothing answers: complete, no fastest host */
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList", "10.45.0.77", SS "NumberOfRepetitions",
				  "2", SS "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Complete");
	{
		g_autofree gchar *fastest = get(&agent, "FastestHost");
		g_assert_cmpstr(fastest, ==, "");
	}
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "AverageResponseTime"), ==, 0);
	cwmp_tr143_test_agent_set(&agent, CWMP_FAULT_INVALID_PARAMETER_VALUE, SS "Protocol", "TCP",
				  NULL);
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	cwmp_tr181_test_netns_ip("link del ss0");
}

static void
test_server_selection_udp(void)
{
	CwmpTr143TestAgent agent = {0};
	Responder	  *slow, *fast;

	if (cwmp_tr181_test_netns_skip())
		return;
	slow = responder_new("127.0.0.2", 7007, 60);
	fast = responder_new("127.0.0.3", 7007, 0);
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList",
				  "127.0.0.2:7007,127.0.0.3:7007,127.0.0.4:7007", SS "Protocol",
				  "UDP Echo", SS "NumberOfRepetitions", "4", SS "Timeout", "1000",
				  SS "DiagnosticsState", "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Complete");
	{
		g_autofree gchar *fastest = get(&agent, "FastestHost");
		g_assert_cmpstr(fastest, ==, "127.0.0.3:7007");
	}
	/* the fast one answers at once: well under the slow one's 60 ms */
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "AverageResponseTime"), <,
			 60000);
	g_assert_cmpuint(slow->received, ==, 4);
	g_assert_cmpuint(fast->received, ==, 4);

	/* the slow one alone: every round trip at least its delay */
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList", "127.0.0.2:7007", SS "DiagnosticsState",
				  "Requested", NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_agent_get_uint(&agent, SS "MinimumResponseTime"), >=,
			 60000);
	g_assert_cmpuint(slow->received, ==, 8);

	/* a timeout shorter than the delay: no answer counts */
	cwmp_tr143_test_agent_set(&agent, 0, SS "Timeout", "20", SS "DiagnosticsState", "Requested",
				  NULL);
	g_assert_true(cwmp_tr143_test_agent_wait_done(&agent, SS, 60000));
	assert_state(&agent, "Complete");
	{
		g_autofree gchar *fastest = get(&agent, "FastestHost");
		g_assert_cmpstr(fastest, ==, "");
	}
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	responder_free(slow);
	responder_free(fast);
}

static void
test_server_selection_cancel(void)
{
	CwmpTr143TestAgent agent = {0};
	Responder	  *slow;
	guint		   at_cancel;

	if (cwmp_tr181_test_netns_skip())
		return;
	slow = responder_new("127.0.0.2", 7008, 200);
	cwmp_tr143_test_agent_start(&agent, NULL);
	cwmp_tr143_test_agent_set(&agent, 0, SS "HostList", "127.0.0.2:7008", SS "Protocol",
				  "UDP Echo", SS "NumberOfRepetitions", "10", SS "Timeout", "1000",
				  SS "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_set(&agent, 0, SS "DiagnosticsState", "Canceled", NULL);
	assert_state(&agent, "None");
	at_cancel = slow->received;
	cwmp_tr143_test_agent_spin(600);
	assert_state(&agent, "None");
	g_assert_cmpuint(agent.events->len, ==, 0);
	/* the canceled run sent nothing more (one probe may have been on its way) */
	g_assert_cmpuint(slow->received, <=, at_cancel + 1);
	/* the agent stops while a test runs: nothing of it may outlive the plugin */
	cwmp_tr143_test_agent_set(&agent, 0, SS "DiagnosticsState", "Requested", NULL);
	cwmp_tr143_test_agent_spin(300);
	assert_state(&agent, "Requested");
	cwmp_tr143_test_agent_stop(&agent, TRUE);
	cwmp_tr143_test_agent_spin(1500);
	responder_free(slow);
}

int
main(int argc, char **argv)
{
	cwmp_tr181_test_netns_enter();
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/tr143/server-selection/icmp", test_server_selection_icmp);
	g_test_add_func("/tr143/server-selection/udp-echo", test_server_selection_udp);
	g_test_add_func("/tr143/server-selection/cancel", test_server_selection_cancel);
	return g_test_run();
}
