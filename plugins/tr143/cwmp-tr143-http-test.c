/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * DownloadDiagnostics and UploadDiagnostics on loopback: downloads from a
 * real nginx started with a generated configuration, uploads to a sink in
 * the test, error states provoked with small misbehaving servers, and the
 * capability parameters. Device.IP.Interface.1 is a stand-in table whose
 * Name is "lo", as the tr181 plugin would report it.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "cwmp-config.h"
#include "cwmp-dm-private.h"
#include "cwmp-dm-txn.h"
#include "cwmp-host.h"
#include "cwmp-plugin-context-private.h"
#include "cwmp-test-ftpd.h"
#include "cwmp-tr143-private.h"
#include "cwmp-tr143-test-fixture.h"

#define TEST_DL	       "Device.IP.Diagnostics.DownloadDiagnostics."
#define TEST_UL	       "Device.IP.Diagnostics.UploadDiagnostics."
#define TEST_FILE_SIZE (8 * 1024 * 1024 + 123)

typedef CwmpTr143TestFixture TestFixture;

static const CwmpTr143Module *const test_modules[] = {
    &cwmp_tr143_capabilities_module,
    &cwmp_tr143_http_module,
    NULL,
};

static void
test_fixture_setup(TestFixture *fx, gconstpointer data)
{
	cwmp_tr143_test_fixture_setup(fx, test_modules, "http");
}

static void
test_fixture_teardown(TestFixture *fx, gconstpointer data)
{
	cwmp_tr143_test_fixture_teardown(fx);
}

/* --- nginx ---------------------------------------------------------------- */

/* nginx serving www/file.bin of TEST_FILE_SIZE bytes */
typedef struct {
	CwmpTr143TestNginx *server;
	gchar		   *www;
	guint16		    port;
	gboolean	    ipv6;	   /* also listening on [::1] */
	gsize		    header_length; /* of the 200 answer for /file.bin */
} TestNginx;

/* the length of the response head nginx sends for @path, read once by hand */
static gsize
test_nginx_head_length(guint16 port, const gchar *path)
{
	g_autoptr(GSocketClient) client = g_socket_client_new();
	g_autoptr(GSocketConnection) connection =
	    g_socket_client_connect_to_host(client, "127.0.0.1", port, NULL, NULL);
	g_autofree gchar *request = g_strdup_printf("HEAD %s HTTP/1.1\r\nHost: "
						    "127.0.0.1:%u\r\nUser-Agent: "
						    "cwmpd-tr143\r\nAccept: "
						    "*/*\r\nConnection: close\r\n\r\n",
						    path, port);
	GString		 *answer = g_string_new(NULL);
	gchar		  buffer[4096];
	gssize		  n;
	gsize		  length;

	g_assert_nonnull(connection);
	g_assert_true(
	    g_output_stream_write_all(g_io_stream_get_output_stream(G_IO_STREAM(connection)),
				      request, strlen(request), NULL, NULL, NULL));
	while ((n = g_input_stream_read(g_io_stream_get_input_stream(G_IO_STREAM(connection)),
					buffer, sizeof(buffer), NULL, NULL)) > 0)
		g_string_append_len(answer, buffer, n);
	g_assert_nonnull(strstr(answer->str, "\r\n\r\n"));
	/* HEAD added "Connection: close" to the answer; a GET keeps the connection */
	length = (gsize) (strstr(answer->str, "\r\n\r\n") + 4 - answer->str);
	if (strstr(answer->str, "Connection: close\r\n") != NULL)
		length -= strlen("Connection: close\r\n") - strlen("Connection: keep-alive\r\n");
	g_string_free(answer, TRUE);
	return length;
}

static TestNginx *
test_nginx_start(void)
{
	TestNginx	 *nginx;
	g_autofree gchar *file = NULL;
	g_autofree gchar *data = NULL;

	if (!g_file_test("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
		return NULL;
	nginx = g_new0(TestNginx, 1);
	nginx->www = g_dir_make_tmp("cwmp-tr143-www-XXXXXX", NULL);
	g_assert_nonnull(nginx->www);
	file = g_build_filename(nginx->www, "file.bin", NULL);
	data = g_malloc(TEST_FILE_SIZE);
	for (gsize i = 0; i < TEST_FILE_SIZE; i++)
		data[i] = (gchar) (i * 7);
	g_assert_true(g_file_set_contents(file, data, TEST_FILE_SIZE, NULL));
	nginx->server = cwmp_tr143_test_nginx_start(nginx->www);
	g_assert_nonnull(nginx->server);
	nginx->port = nginx->server->port;
	nginx->ipv6 = nginx->server->ipv6;
	nginx->header_length = test_nginx_head_length(nginx->port, "/file.bin");
	return nginx;
}

static void
test_nginx_stop(TestNginx *nginx)
{
	if (nginx == NULL)
		return;
	cwmp_tr143_test_nginx_stop(nginx->server);
	cwmp_tr143_test_rm_rf(nginx->www);
	g_free(nginx->www);
	g_free(nginx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestNginx, test_nginx_stop)

static gchar *
test_nginx_url(TestNginx *nginx, const gchar *path)
{
	return cwmp_tr143_test_nginx_url(nginx->server, path);
}

/* --- a scripted server in a thread ---------------------------------------- */

typedef enum {
	TEST_SERVER_SINK,	    /* reads a PUT body (length or chunked), answers 201 */
	TEST_SERVER_CUT,	    /* promises 10 MB, sends 1 MB, closes */
	TEST_SERVER_STALL,	    /* promises 10 MB, sends 1 MB, waits */
	TEST_SERVER_SILENT,	    /* reads the request, never answers */
	TEST_SERVER_SINK_FORBIDDEN, /* answers 403 to the request */
	TEST_SERVER_TRICKLE,	    /* 20 body bytes, one per 100 ms */
} TestServerMode;

typedef struct {
	TestServerMode mode;
	GSocket	      *listener;
	guint16	       port;
	GThread	      *thread;
	GCancellable  *cancellable;
	guint64	       body_bytes; /* sink: body bytes read, all connections */
	gint	       tos;	   /* TOS byte of the request's packets */
	guint	       accepted;
} TestServer;

static gboolean
test_server_read_line(GSocket *socket, GString *line, GCancellable *cancellable)
{
	gchar c;
	g_string_truncate(line, 0);
	for (;;) {
		gssize n = g_socket_receive(socket, &c, 1, cancellable, NULL);
		if (n <= 0)
			return FALSE;
		if (c == '\n')
			return TRUE;
		if (c != '\r')
			g_string_append_c(line, c);
	}
}

static gboolean
test_server_skip(GSocket *socket, guint64 length, TestServer *server)
{
	gchar buffer[65536];
	while (length > 0) {
		gssize n = g_socket_receive(socket, buffer, MIN(length, sizeof(buffer)),
					    server->cancellable, NULL);
		if (n <= 0)
			return FALSE;
		length -= (guint64) n;
		__atomic_fetch_add(&server->body_bytes, (guint64) n, __ATOMIC_RELAXED);
	}
	return TRUE;
}

static void
test_server_send(GSocket *socket, const gchar *text)
{
	(void) g_socket_send(socket, text, strlen(text), NULL, NULL);
}

/* the TOS byte of the last packet received (IP_RECVTOS on the listener makes
 * Linux keep it for IP_PKTOPTIONS), or -1 */
static gint
test_server_get_tos(GSocket *socket)
{
	guint8		control[256];
	socklen_t	len = sizeof(control);
	struct msghdr	msg = {0};
	struct cmsghdr *cmsg;

	if (getsockopt(g_socket_get_fd(socket), SOL_IP, IP_PKTOPTIONS, control, &len) < 0)
		return -1;
	msg.msg_control = control;
	msg.msg_controllen = len;
	for (cmsg = CMSG_FIRSTHDR(&msg); cmsg != NULL; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
		if (cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_TOS)
			return *(guint8 *) CMSG_DATA(cmsg);
	}
	return -1;
}

static gpointer
test_server_connection_thread(gpointer data)
{
	gpointer   *pair = data;
	TestServer *server = pair[0];
	g_autoptr(GSocket) socket = pair[1];
	g_autoptr(GString) line = g_string_new(NULL);
	guint64	 length = 0;
	gboolean chunked = FALSE;
	gint	 tos = 0;

	g_free(pair);
	g_socket_set_blocking(socket, TRUE);
	for (;;) {
		/* the request head */
		if (!test_server_read_line(socket, line, server->cancellable))
			return NULL;
		length = 0;
		chunked = FALSE;
		while (test_server_read_line(socket, line, server->cancellable) && line->len > 0) {
			if (g_ascii_strncasecmp(line->str, "Content-Length:", 15) == 0)
				length = g_ascii_strtoull(line->str + 15, NULL, 10);
			if (g_ascii_strncasecmp(line->str, "Transfer-Encoding: chunked", 26) == 0)
				chunked = TRUE;
		}
		tos = test_server_get_tos(socket);
		if (tos >= 0)
			server->tos = tos;
		switch (server->mode) {
		case TEST_SERVER_SINK:
			if (chunked) {
				for (;;) {
					guint64 size;
					if (!test_server_read_line(socket, line,
								   server->cancellable))
						return NULL;
					size = g_ascii_strtoull(line->str, NULL, 16);
					if (!test_server_skip(socket, size, server) ||
					    !test_server_read_line(socket, line,
								   server->cancellable))
						return NULL;
					if (size == 0)
						break;
				}
			} else if (!test_server_skip(socket, length, server)) {
				return NULL;
			}
			test_server_send(socket, "HTTP/1.1 201 Created\r\nContent-Length: "
						 "0\r\nConnection: close\r\n\r\n");
			return NULL;
		case TEST_SERVER_SINK_FORBIDDEN:
			test_server_send(socket, "HTTP/1.1 403 Forbidden\r\nContent-Length: "
						 "0\r\nConnection: close\r\n\r\n");
			g_usleep(200000);
			return NULL;
		case TEST_SERVER_CUT:
		case TEST_SERVER_STALL: {
			g_autofree gchar *block = g_malloc0(1024 * 1024);
			test_server_send(socket, "HTTP/1.1 200 OK\r\nContent-Length: "
						 "10485760\r\n\r\n");
			(void) g_socket_send(socket, block, 1024 * 1024, NULL, NULL);
			if (server->mode == TEST_SERVER_STALL)
				(void) g_socket_condition_wait(socket, G_IO_IN, server->cancellable,
							       NULL);
			return NULL;
		}
		case TEST_SERVER_TRICKLE:
			test_server_send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n");
			for (guint i = 0; i < 20; i++) {
				g_usleep(100000);
				test_server_send(socket, "x");
			}
			break;
		case TEST_SERVER_SILENT:
			(void) g_socket_condition_wait(socket, G_IO_IN, server->cancellable, NULL);
			return NULL;
		}
	}
}

static gpointer
test_server_thread(gpointer data)
{
	TestServer *server = data;
	for (;;) {
		GSocket	 *socket = g_socket_accept(server->listener, server->cancellable, NULL);
		gpointer *pair;
		if (socket == NULL)
			return NULL;
		__atomic_fetch_add(&server->accepted, 1, __ATOMIC_RELAXED);
		pair = g_new(gpointer, 2);
		pair[0] = server;
		pair[1] = socket;
		g_thread_unref(g_thread_new("test-conn", test_server_connection_thread, pair));
	}
}

static TestServer *
test_server_start(TestServerMode mode)
{
	TestServer *server = g_new0(TestServer, 1);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	server->mode = mode;
	server->cancellable = g_cancellable_new();
	server->listener =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_assert_true(g_socket_bind(server->listener, address, TRUE, NULL));
	g_assert_true(g_socket_set_option(server->listener, SOL_IP, IP_RECVTOS, 1, NULL));
	g_assert_true(g_socket_listen(server->listener, NULL));
	bound = g_socket_get_local_address(server->listener, NULL);
	server->port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	server->thread = g_thread_new("test-server", test_server_thread, server);
	return server;
}

static void
test_server_stop(TestServer *server)
{
	g_cancellable_cancel(server->cancellable);
	g_thread_join(server->thread);
	/* connection threads notice the cancellable; give them a moment */
	g_usleep(100000);
	g_socket_close(server->listener, NULL);
	g_object_unref(server->listener);
	g_object_unref(server->cancellable);
	g_free(server);
}

static gchar *
test_server_url(TestServer *server, const gchar *path)
{
	return g_strdup_printf("http://127.0.0.1:%u%s", server->port, path);
}

/* --- tests ---------------------------------------------------------------- */

static void
test_capabilities(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *dl4 = cwmp_tr143_test_get(fx->dm, "Device.IP.Diagnostics."
							    "IPv4DownloadDiagnosticsSupported");
	g_autofree gchar *ul4 = cwmp_tr143_test_get(fx->dm, "Device.IP.Diagnostics."
							    "IPv4UploadDiagnosticsSupported");
	g_autofree gchar *capacity = cwmp_tr143_test_get(fx->dm, "Device.IP.Diagnostics."
								 "IPLayerCapacitySupported");
	g_autofree gchar *transports = cwmp_tr143_test_get(fx->dm, TEST_DL "DownloadTransports");
	g_autofree gchar *max = cwmp_tr143_test_get(fx->dm, TEST_DL "DownloadDiagnosticMaxConnectio"
								    "ns");

	g_assert_cmpstr(dl4, ==, "true");
	g_assert_cmpstr(ul4, ==, "true");
	g_assert_cmpstr(capacity, ==, "false");
	g_assert_cmpstr(transports, ==, "HTTP,FTP");
	g_assert_cmpuint(g_ascii_strtoull(max, NULL, 10), >=, 4);
}

static void
test_bad_values(TestFixture *fx, gconstpointer data)
{
	g_autofree gchar *state = NULL;

	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", "gopher://127.0.0.1/x", NULL),
	    ==, 9007);
	/* credentials belong in an FTP URL only */
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", "http://u:p@127.0.0.1/x", NULL),
	    ==, 9007);
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", "ftp://u:p@127.0.0.1/x", NULL),
	    ==, 0);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", "not a url", NULL),
			==, 9007);
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "NumberOfConnections", "1000", NULL), ==, 9007);
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "Interface", "Device.Ethernet.Link.1", NULL),
	    ==, 9007);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DSCP", "64", NULL), !=, 0);
	/* the transaction is atomic: a bad value keeps the good one out too */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", "http://127.0.0.1/x",
						    TEST_DL "DSCP", "99",
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			!=, 0);
	state = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	/* only Requested and Canceled can be written */
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DiagnosticsState", "Complete", NULL), !=, 0);
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_UL "DiagnosticsState", "Error_Other", NULL), !=,
	    0);
	cwmp_tr143_test_spin(100);
	g_assert_cmpuint(fx->events, ==, 0);
}

static void
test_check_times(TestFixture *fx, const gchar *prefix)
{
	g_autofree gchar *p_req = g_strconcat(prefix, "TCPOpenRequestTime", NULL);
	g_autofree gchar *p_resp = g_strconcat(prefix, "TCPOpenResponseTime", NULL);
	g_autofree gchar *p_rom = g_strconcat(prefix, "ROMTime", NULL);
	g_autofree gchar *p_bom = g_strconcat(prefix, "BOMTime", NULL);
	g_autofree gchar *p_eom = g_strconcat(prefix, "EOMTime", NULL);
	gint64		  req = cwmp_tr143_test_get_time(fx->dm, p_req);
	gint64		  resp = cwmp_tr143_test_get_time(fx->dm, p_resp);
	gint64		  rom = cwmp_tr143_test_get_time(fx->dm, p_rom);
	gint64		  bom = cwmp_tr143_test_get_time(fx->dm, p_bom);
	gint64		  eom = cwmp_tr143_test_get_time(fx->dm, p_eom);
	gint64		  now = g_get_real_time();

	g_assert_cmpint(req, >, now - 300 * G_USEC_PER_SEC);
	g_assert_cmpint(req, <=, resp);
	g_assert_cmpint(resp, <=, rom);
	g_assert_cmpint(rom, <=, bom);
	g_assert_cmpint(bom, <=, eom);
	g_assert_cmpint(eom, <=, now);
}

static void
test_download(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	g_autofree gchar *url = NULL;
	g_autofree gchar *state = NULL;
	g_autofree gchar *address = NULL;
	guint64		  bytes, total_rx;

	if (nginx == NULL) {
		g_test_skip("nginx is not installed");
		return;
	}
	url = test_nginx_url(nginx, "/file.bin");
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "Interface", "Device.IP.Interface.1",
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	/* nothing starts inside the SetParameterValues */
	state = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "Requested");
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(fx->events, ==, 1);
	bytes = cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived");
	g_assert_cmpuint(bytes, ==, TEST_FILE_SIZE + nginx->header_length);
	/* the interface between BOM and EOM: nearly all of the body (the first
	 * segment came in before BOM); other traffic on lo only adds */
	total_rx = cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TotalBytesReceived");
	g_assert_cmpuint(total_rx, >=, TEST_FILE_SIZE / 10 * 9);
	address = cwmp_tr143_test_get(fx->dm, TEST_DL "IPAddressUsed");
	g_assert_cmpstr(address, ==, "127.0.0.1");
	test_check_times(fx, TEST_DL);
	/* per-connection results are off by default */
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "PerConnectionResultNumberOfEntri"
								  "es"),
			 ==, 0);
}

static void
test_download_ipv6(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	g_autofree gchar *url6 = NULL;
	g_autofree gchar *url4 = NULL;
	g_autofree gchar *state = NULL;
	g_autofree gchar *address = NULL;

	if (nginx == NULL || !nginx->ipv6) {
		g_test_skip("needs nginx and IPv6 on lo");
		return;
	}
	url6 = g_strdup_printf("http://[::1]:%u/file.bin", nginx->port);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(
			    fx, TEST_DL "DownloadURL", url6, TEST_DL "ProtocolVersion", "IPv6",
			    TEST_DL "DSCP", "10", TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	address = cwmp_tr143_test_get(fx->dm, TEST_DL "IPAddressUsed");
	g_assert_cmpstr(address, ==, "::1");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), ==,
			 TEST_FILE_SIZE + nginx->header_length);

	/* an IPv4 server when IPv6 is asked: no address of that family */
	url4 = test_nginx_url(nginx, "/file.bin");
	g_clear_pointer(&state, g_free);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url4,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Error_CannotResolveHostName");
}

static void
test_download_connections(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	g_autofree gchar *url = NULL;
	g_autofree gchar *state = NULL;
	guint64		  sum = 0;
	gint64		  first_rom = G_MAXINT64, last_eom = 0;

	if (nginx == NULL) {
		g_test_skip("nginx is not installed");
		return;
	}
	url = test_nginx_url(nginx, "/file.bin");
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "NumberOfConnections", "4",
						    TEST_DL "EnablePerConnectionResults", "true",
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "PerConnectionResultNumberOfEntri"
								  "es"),
			 ==, 4);
	for (guint i = 1; i <= 4; i++) {
		g_autofree gchar *prefix = g_strdup_printf(TEST_DL "PerConnectionResult.%u.", i);
		g_autofree gchar *p_bytes = g_strconcat(prefix, "TestBytesReceived", NULL);
		g_autofree gchar *p_rom = g_strconcat(prefix, "ROMTime", NULL);
		g_autofree gchar *p_eom = g_strconcat(prefix, "EOMTime", NULL);
		guint64		  bytes = cwmp_tr143_test_get_uint(fx->dm, p_bytes);
		g_assert_cmpuint(bytes, ==, TEST_FILE_SIZE + nginx->header_length);
		sum += bytes;
		test_check_times(fx, prefix);
		first_rom = MIN(first_rom, cwmp_tr143_test_get_time(fx->dm, p_rom));
		last_eom = MAX(last_eom, cwmp_tr143_test_get_time(fx->dm, p_eom));
	}
	g_assert_cmpuint(sum, ==, cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"));
	g_assert_cmpint(first_rom, ==, cwmp_tr143_test_get_time(fx->dm, TEST_DL "ROMTime"));
	g_assert_cmpint(last_eom, ==, cwmp_tr143_test_get_time(fx->dm, TEST_DL "EOMTime"));
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceivedUnderFullLoadin"
								  "g"),
			 <=, sum);
}

static void
test_download_time_based(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	g_autofree gchar *url = NULL;
	g_autofree gchar *state = NULL;
	gint64		  bom, eom;
	guint64		  sum = 0;

	if (nginx == NULL) {
		g_test_skip("nginx is not installed");
		return;
	}
	url = test_nginx_url(nginx, "/file.bin");
	/* 3 s, a result every second after 1 s: 2 incremental results */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "TimeBasedTestDuration", "3",
						    TEST_DL "TimeBasedTestMeasurementInterval", "1",
						    TEST_DL "TimeBasedTestMeasurementOffset", "1",
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	bom = cwmp_tr143_test_get_time(fx->dm, TEST_DL "BOMTime");
	eom = cwmp_tr143_test_get_time(fx->dm, TEST_DL "EOMTime");
	/* generous: the test stops at the duration, not at the end of a file */
	g_assert_cmpint(eom - bom, >=, 2 * G_USEC_PER_SEC);
	g_assert_cmpint(eom - bom, <=, 10 * G_USEC_PER_SEC);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), >,
			 TEST_FILE_SIZE);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "IncrementalResultNumberOfEntrie"
								  "s"),
			 ==, 2);
	for (guint i = 1; i <= 2; i++) {
		g_autofree gchar *p_bytes =
		    g_strdup_printf(TEST_DL "IncrementalResult.%u.TestBytesReceived", i);
		g_autofree gchar *p_start =
		    g_strdup_printf(TEST_DL "IncrementalResult.%u.StartTime", i);
		g_autofree gchar *p_end =
		    g_strdup_printf(TEST_DL "IncrementalResult.%u.EndTime", i);
		gint64 start = cwmp_tr143_test_get_time(fx->dm, p_start);
		gint64 end = cwmp_tr143_test_get_time(fx->dm, p_end);
		g_assert_cmpint(end - start, >=, G_USEC_PER_SEC / 2);
		g_assert_cmpint(end - start, <=, 5 * G_USEC_PER_SEC);
		sum += cwmp_tr143_test_get_uint(fx->dm, p_bytes);
	}
	g_assert_cmpuint(sum, >, 0);
	g_assert_cmpuint(sum, <=, cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"));
}

static void
test_download_errors(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	struct {
		const gchar *url;
		const gchar *state;
	} cases[] = {
	    {"http://does-not-exist.invalid/x", "Error_CannotResolveHostName"},
	    {NULL, "Error_InitConnectionFailed"}, /* refused port */
	    {NULL, "Error_TransferFailed"},	  /* 404 */
	};
	g_autofree gchar *refused = g_strdup_printf(
	    "http://127.0.0.1:%u/x", cwmp_tr143_test_free_port(G_SOCKET_TYPE_STREAM));
	g_autofree gchar *missing = NULL;

	if (nginx == NULL) {
		g_test_skip("nginx is not installed");
		return;
	}
	missing = test_nginx_url(nginx, "/missing.bin");
	cases[1].url = refused;
	cases[2].url = missing;
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *state = NULL;
		g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", cases[i].url,
							    TEST_DL "DiagnosticsState", "Requested",
							    NULL),
				==, 0);
		state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
		g_assert_cmpstr(state, ==, cases[i].state);
		g_assert_cmpuint(fx->events, ==, i + 1);
		/* no results from a failed test */
		g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), ==,
				 0);
	}
}

static void
test_download_server_errors(TestFixture *fx, gconstpointer data)
{
	struct {
		TestServerMode mode;
		const gchar   *state;
	} cases[] = {
	    {TEST_SERVER_CUT, "Error_TransferFailed"},
	    {TEST_SERVER_STALL, "Error_Timeout"},
	    {TEST_SERVER_SILENT, "Error_NoResponse"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		TestServer	 *server = test_server_start(cases[i].mode);
		g_autofree gchar *url = test_server_url(server, "/f");
		g_autofree gchar *state = NULL;
		g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
							    TEST_DL "DiagnosticsState", "Requested",
							    NULL),
				==, 0);
		state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
		g_assert_cmpstr(state, ==, cases[i].state);
		test_server_stop(server);
	}
}

/* a link slower than the wake-up mark of the receive loop still completes */
static void
test_download_slow(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_TRICKLE);
	g_autofree gchar *url = test_server_url(server, "/f");
	g_autofree gchar *state = NULL;
	const gsize	  head = strlen("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n");

	guint64 seen = 0;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	/* while it runs (2 s), TestBytesReceived shows the bytes so far */
	for (guint i = 0; i < 1500; i++) {
		g_autofree gchar *now = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
		guint64 bytes = cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived");
		if (g_strcmp0(now, "Requested") != 0)
			break;
		if (bytes > 0 && bytes < head + 20)
			seen = bytes;
		while (g_main_context_iteration(NULL, FALSE))
			;
		g_usleep(20000);
	}
	g_assert_cmpuint(seen, >, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), ==,
			 head + 20);
	test_check_times(fx, TEST_DL);
	test_server_stop(server);
}

static void
test_download_cancel(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SILENT);
	g_autofree gchar *url = test_server_url(server, "/f");
	g_autofree gchar *state = NULL;

	/* long timeout: only the cancellation can end it */
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_fixture_start(fx, 100000);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	for (guint i = 0; __atomic_load_n(&server->accepted, __ATOMIC_RELAXED) == 0; i++) {
		g_assert_cmpuint(i, <, 3000); /* 30 s */
		while (g_main_context_iteration(NULL, FALSE))
			;
		g_usleep(10000);
	}
	/* another parameter of the running test: it stops, the state is None */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DSCP", "10", NULL), ==, 0);
	state = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	cwmp_tr143_test_spin(300);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	g_assert_cmpuint(fx->events, ==, 0);
	/* Canceled works the same */
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DiagnosticsState", "Requested", NULL), ==, 0);
	cwmp_tr143_test_spin(200);
	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_DL "DiagnosticsState", "Canceled", NULL), ==, 0);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_DL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	cwmp_tr143_test_spin(300);
	g_assert_cmpuint(fx->events, ==, 0);
	test_server_stop(server);
}

/* Requested while a test runs: it stops and starts again with the new values */
static void
test_download_restart(TestFixture *fx, gconstpointer data)
{
	g_autoptr(TestNginx) nginx = test_nginx_start();
	TestServer	 *server = NULL;
	g_autofree gchar *silent = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *state = NULL;

	if (nginx == NULL) {
		g_test_skip("nginx is not installed");
		return;
	}
	server = test_server_start(TEST_SERVER_SILENT);
	silent = test_server_url(server, "/f");
	url = test_nginx_url(nginx, "/file.bin");
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_fixture_start(fx, 100000);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", silent,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	for (guint i = 0; __atomic_load_n(&server->accepted, __ATOMIC_RELAXED) == 0; i++) {
		g_assert_cmpuint(i, <, 3000);
		while (g_main_context_iteration(NULL, FALSE))
			;
		g_usleep(10000);
	}
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), ==,
			 TEST_FILE_SIZE + nginx->header_length);
	/* one event: the first test was stopped, not completed */
	cwmp_tr143_test_spin(200);
	g_assert_cmpuint(fx->events, ==, 1);
	test_server_stop(server);
}

static void
test_dscp(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SINK);
	g_autofree gchar *url = test_server_url(server, "/up");
	g_autofree gchar *state = NULL;

	g_assert_cmpint(
	    cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", url, TEST_UL "TestFileLength",
					"1000", TEST_UL "DSCP", "46", TEST_UL "EthernetPriority",
					"5", TEST_UL "DiagnosticsState", "Requested", NULL),
	    ==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpint(server->tos >> 2, ==, 46);
	test_server_stop(server);
}

static void
test_upload(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SINK);
	g_autofree gchar *url = test_server_url(server, "/up");
	g_autofree gchar *state = NULL;
	guint64		  sent, sum = 0;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", url,
						    TEST_UL "TestFileLength", "20000000",
						    TEST_UL "NumberOfConnections", "4",
						    TEST_UL "EnablePerConnectionResults", "true",
						    TEST_UL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(__atomic_load_n(&server->body_bytes, __ATOMIC_RELAXED), ==,
			 4 * 20000000ULL);
	sent = cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestBytesSent");
	g_assert_cmpuint(sent, >, 4 * 20000000ULL);
	g_assert_cmpuint(sent, <, 4 * 20000000ULL + 4 * 512);
	for (guint i = 1; i <= 4; i++) {
		g_autofree gchar *prefix = g_strdup_printf(TEST_UL "PerConnectionResult.%u.", i);
		g_autofree gchar *p_bytes = g_strconcat(prefix, "TestBytesSent", NULL);
		sum += cwmp_tr143_test_get_uint(fx->dm, p_bytes);
		test_check_times(fx, prefix);
	}
	g_assert_cmpuint(sum, ==, sent);
	test_check_times(fx, TEST_UL);
	test_server_stop(server);
}

static void
test_upload_errors(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SINK_FORBIDDEN);
	g_autofree gchar *url = test_server_url(server, "/up");
	g_autofree gchar *state = NULL;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", url,
						    TEST_UL "TestFileLength", "1000",
						    TEST_UL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Error_LoginFailed");
	test_server_stop(server);
}

static void
test_upload_time_based(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SINK);
	g_autofree gchar *url = test_server_url(server, "/up");
	g_autofree gchar *state = NULL;
	gint64		  bom, eom;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", url,
						    TEST_UL "TimeBasedTestDuration", "2",
						    TEST_UL "TimeBasedTestMeasurementInterval", "1",
						    TEST_UL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Complete");
	bom = cwmp_tr143_test_get_time(fx->dm, TEST_UL "BOMTime");
	eom = cwmp_tr143_test_get_time(fx->dm, TEST_UL "EOMTime");
	g_assert_cmpint(eom - bom, >=, G_USEC_PER_SEC);
	g_assert_cmpint(eom - bom, <=, 10 * G_USEC_PER_SEC);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_UL "IncrementalResultNumberOfEntrie"
								  "s"),
			 ==, 2);
	g_assert_cmpuint(__atomic_load_n(&server->body_bytes, __ATOMIC_RELAXED), >, 0);
	test_server_stop(server);
}

static void
test_persist(TestFixture *fx, gconstpointer data)
{
	TestServer	 *server = test_server_start(TEST_SERVER_SINK);
	g_autofree gchar *url = test_server_url(server, "/up");
	g_autofree gchar *state = NULL;
	g_autofree gchar *rom = NULL;
	g_autofree gchar *rom2 = NULL;
	g_autofree gchar *url2 = NULL;
	guint64		  sent;

	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", url,
						    TEST_UL "TestFileLength", "5000",
						    TEST_UL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Complete");
	sent = cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestBytesSent");
	rom = cwmp_tr143_test_get(fx->dm, TEST_UL "ROMTime");
	test_server_stop(server);

	/* a restart keeps parameters and results */
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_fixture_start(fx, 0);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_UL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "Complete");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestBytesSent"), ==, sent);
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestFileLength"), ==, 5000);
	rom2 = cwmp_tr143_test_get(fx->dm, TEST_UL "ROMTime");
	g_assert_cmpstr(rom2, ==, rom);
	url2 = cwmp_tr143_test_get(fx->dm, TEST_UL "UploadURL");
	g_assert_cmpstr(url2, ==, url);

	/* changing a parameter resets the state and hides the results */
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "TestFileLength", "6000", NULL), ==,
			0);
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_UL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestBytesSent"), ==, 0);

	/* a damaged state file is set aside: None and the defaults */
	cwmp_tr143_test_fixture_stop(fx);
	cwmp_tr143_test_damage_state(fx->directory, "tr143-upload.state");
	cwmp_tr143_test_fixture_start(fx, 0);
	g_test_assert_expected_messages();
	g_assert_true(cwmp_tr143_test_state_set_aside(fx->directory, "tr143-upload.state"));
	g_clear_pointer(&state, g_free);
	state = cwmp_tr143_test_get(fx->dm, TEST_UL "DiagnosticsState");
	g_assert_cmpstr(state, ==, "None");
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_UL "TestFileLength"), ==, 0);
	g_clear_pointer(&url2, g_free);
	url2 = cwmp_tr143_test_get(fx->dm, TEST_UL "UploadURL");
	g_assert_cmpstr(url2, ==, "");
	/* the download's file was not touched */
	g_assert_false(cwmp_tr143_test_state_set_aside(fx->directory, "tr143-download.state"));
}

/* an ftp:// DownloadURL and UploadURL run through the FTP transport, with the
 * same results (pyftpdlib on loopback) */
static void
test_ftp(TestFixture *fx, gconstpointer data)
{
	CwmpTestFtpdOptions options = {0};
	g_autoptr(CwmpTestFtpd) ftpd = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar  *root = NULL;
	g_autofree gchar  *file = NULL;
	g_autofree gchar  *url = NULL;
	g_autofree gchar  *up_url = NULL;
	g_autofree gchar  *state = NULL;
	g_autofree gchar  *stored = NULL;
	g_autofree guint8 *bytes = g_malloc0(300000);

	if (cwmp_test_ftpd_skip_reason() != NULL) {
		g_test_skip(cwmp_test_ftpd_skip_reason());
		return;
	}
	root = g_dir_make_tmp("cwmp-tr143-ftp-dm-XXXXXX", NULL);
	file = g_build_filename(root, "file.bin", NULL);
	g_assert_true(g_file_set_contents(file, (const gchar *) bytes, 300000, NULL));
	options.root = root;
	options.username = "diag";
	options.password = "diag-secret";
	options.writable = TRUE;
	ftpd = cwmp_test_ftpd_start(&options, &error);
	g_assert_no_error(error);
	{
		g_autofree gchar *plain = cwmp_test_ftpd_get_url(ftpd, "file.bin");
		g_autofree gchar *plain_up = cwmp_test_ftpd_get_url(ftpd, "up.bin");
		/* ftp://host:port/... -> ftp://diag:diag-secret@host:port/... */
		url = g_strconcat("ftp://diag:diag-secret@", plain + 6, NULL);
		up_url = g_strconcat("ftp://diag:diag-secret@", plain_up + 6, NULL);
	}
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_DL "DownloadURL", url,
						    TEST_DL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_DL);
	g_assert_cmpstr(state, ==, "Complete");
	/* the data and the control replies from RETR on */
	g_assert_cmpuint(cwmp_tr143_test_get_uint(fx->dm, TEST_DL "TestBytesReceived"), >=, 300000);
	g_assert_cmpint(cwmp_tr143_test_get_time(fx->dm, TEST_DL "ROMTime"), <=,
			cwmp_tr143_test_get_time(fx->dm, TEST_DL "BOMTime"));
	g_assert_cmpint(cwmp_tr143_test_get_time(fx->dm, TEST_DL "BOMTime"), <=,
			cwmp_tr143_test_get_time(fx->dm, TEST_DL "EOMTime"));

	g_clear_pointer(&state, g_free);
	g_assert_cmpint(cwmp_tr143_test_fixture_set(fx, TEST_UL "UploadURL", up_url,
						    TEST_UL "TestFileLength", "100000",
						    TEST_UL "DiagnosticsState", "Requested", NULL),
			==, 0);
	state = cwmp_tr143_test_fixture_wait(fx, TEST_UL);
	g_assert_cmpstr(state, ==, "Complete");
	stored = g_build_filename(root, "up.bin", NULL);
	{
		GStatBuf st;
		g_assert_cmpint(g_stat(stored, &st), ==, 0);
		g_assert_cmpint(st.st_size, ==, 100000);
	}
	g_unlink(stored);
	g_unlink(file);
	g_rmdir(root);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define TEST_ADD(name, func)                                                                       \
	g_test_add("/tr143/http/" name, TestFixture, NULL, test_fixture_setup, func,               \
		   test_fixture_teardown)
	TEST_ADD("capabilities", test_capabilities);
	TEST_ADD("bad-values", test_bad_values);
	TEST_ADD("download", test_download);
	TEST_ADD("download-ipv6", test_download_ipv6);
	TEST_ADD("download-4-connections", test_download_connections);
	TEST_ADD("download-time-based", test_download_time_based);
	TEST_ADD("download-errors", test_download_errors);
	TEST_ADD("download-server-errors", test_download_server_errors);
	TEST_ADD("download-slow", test_download_slow);
	TEST_ADD("download-cancel", test_download_cancel);
	TEST_ADD("download-restart", test_download_restart);
	TEST_ADD("dscp", test_dscp);
	TEST_ADD("upload", test_upload);
	TEST_ADD("upload-errors", test_upload_errors);
	TEST_ADD("upload-time-based", test_upload_time_based);
	TEST_ADD("persist", test_persist);
	TEST_ADD("ftp", test_ftp);
	return g_test_run();
}
