/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "cwmp-tr143-test-nginx.h"

#define CWMP_TR143_TEST_NGINX "/usr/sbin/nginx"

/* @type: G_SOCKET_TYPE_STREAM (TCP) or _DATAGRAM (UDP): a free loopback port */
guint16
cwmp_tr143_test_free_port(GSocketType type)
{
	g_autoptr(GSocket) socket = g_socket_new(
	    G_SOCKET_FAMILY_IPV4, type,
	    type == G_SOCKET_TYPE_STREAM ? G_SOCKET_PROTOCOL_TCP : G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	g_assert_true(g_socket_bind(socket, address, TRUE, NULL));
	bound = g_socket_get_local_address(socket, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
}

/* whether a TCP connection to 127.0.0.1:@port opens */
gboolean
cwmp_tr143_test_connectable(guint16 port)
{
	g_autoptr(GSocketClient) client = g_socket_client_new();
	g_autoptr(GSocketConnection) connection =
	    g_socket_client_connect_to_host(client, "127.0.0.1", port, NULL, NULL);
	return connection != NULL;
}

/* whether ::1 can be bound (IPv6 enabled on lo) */
gboolean
cwmp_tr143_test_has_ipv6_loopback(void)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV6);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(lo, 0);

	return socket != NULL && g_socket_bind(socket, address, TRUE, NULL);
}

void
cwmp_tr143_test_rm_rf(const gchar *path)
{
	g_autofree gchar *quoted = g_shell_quote(path);
	g_autofree gchar *command = g_strdup_printf("rm -rf %s", quoted);
	g_assert_true(g_spawn_command_line_sync(command, NULL, NULL, NULL, NULL));
}

static void
cwmp_tr143_test_nginx_child_setup(gpointer data)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

/**
 * cwmp_tr143_test_nginx_start:
 * @root: the directory nginx serves
 *
 * Starts nginx in the foreground on a free port and waits until it accepts
 * connections. It dies with the test, even when an assertion aborts it.
 *
 * Returns: (transfer full) (nullable): %NULL when nginx is not installed
 */
CwmpTr143TestNginx *
cwmp_tr143_test_nginx_start(const gchar *root)
{
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar   *conf = NULL;
	g_autofree gchar   *conf_path = NULL;
	g_autofree gchar   *listen6 = NULL;
	CwmpTr143TestNginx *nginx;
	const gchar	   *d;

	if (!g_file_test(CWMP_TR143_TEST_NGINX, G_FILE_TEST_IS_EXECUTABLE))
		return NULL;
	nginx = g_new0(CwmpTr143TestNginx, 1);
	nginx->dir = g_dir_make_tmp("cwmp-tr143-nginx-XXXXXX", NULL);
	g_assert_nonnull(nginx->dir);
	d = nginx->dir;
	nginx->port = cwmp_tr143_test_free_port(G_SOCKET_TYPE_STREAM);
	nginx->ipv6 = cwmp_tr143_test_has_ipv6_loopback();
	listen6 = nginx->ipv6 ? g_strdup_printf("  listen [::1]:%u;\n", nginx->port) : g_strdup("");
	conf = g_strdup_printf("daemon off;\nmaster_process off;\nworker_processes 1;\n"
			       "pid %s/nginx.pid;\nerror_log %s/error.log;\n"
			       "events { worker_connections 64; }\n"
			       "http {\n access_log off;\n client_body_temp_path %s/body;\n"
			       " proxy_temp_path %s/proxy;\n fastcgi_temp_path %s/fastcgi;\n"
			       " uwsgi_temp_path %s/uwsgi;\n scgi_temp_path %s/scgi;\n"
			       " keepalive_requests 100000;\n sendfile on;\n"
			       " server {\n  listen 127.0.0.1:%u;\n%s  root %s;\n }\n}\n",
			       d, d, d, d, d, d, d, nginx->port, listen6, root);
	conf_path = g_build_filename(d, "nginx.conf", NULL);
	g_assert_true(g_file_set_contents(conf_path, conf, -1, NULL));
	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
					     G_SUBPROCESS_FLAGS_STDERR_SILENCE);
	g_subprocess_launcher_set_child_setup(launcher, cwmp_tr143_test_nginx_child_setup, NULL,
					      NULL);
	nginx->process = g_subprocess_launcher_spawn(launcher, &error, CWMP_TR143_TEST_NGINX, "-p",
						     d, "-c", conf_path, "-e", "stderr", NULL);
	g_assert_no_error(error);
	for (guint i = 0; i < 200 && !cwmp_tr143_test_connectable(nginx->port); i++)
		g_usleep(20000);
	g_assert_true(cwmp_tr143_test_connectable(nginx->port));
	return nginx;
}

void
cwmp_tr143_test_nginx_stop(CwmpTr143TestNginx *nginx)
{
	if (nginx == NULL)
		return;
	g_subprocess_force_exit(nginx->process);
	g_subprocess_wait(nginx->process, NULL, NULL);
	g_object_unref(nginx->process);
	cwmp_tr143_test_rm_rf(nginx->dir);
	g_free(nginx->dir);
	g_free(nginx);
}

/* http://127.0.0.1:port@path */
gchar *
cwmp_tr143_test_nginx_url(CwmpTr143TestNginx *nginx, const gchar *path)
{
	return g_strdup_printf("http://127.0.0.1:%u%s", nginx->port, path);
}
