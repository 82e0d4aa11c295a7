/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "cwmp-test-httpd.h"

static gchar *
cwmp_test_httpd_find(void)
{
	const gchar *candidates[] = {"/usr/sbin/lighttpd", "/usr/bin/lighttpd"};
	for (guint i = 0; i < G_N_ELEMENTS(candidates); i++) {
		if (g_file_test(candidates[i], G_FILE_TEST_IS_EXECUTABLE))
			return g_strdup(candidates[i]);
	}
	return g_find_program_in_path("lighttpd");
}

CwmpTestHttpd *
cwmp_test_httpd_new(const gchar *dir, gchar **skip)
{
	g_autofree gchar *binary = cwmp_test_httpd_find();
	CwmpTestHttpd	 *self;

	if (binary == NULL) {
		*skip = g_strdup("lighttpd is not installed (Debian package lighttpd)");
		return NULL;
	}
	self = g_new0(CwmpTestHttpd, 1);
	self->dir = g_build_filename(dir, "httpd", NULL);
	self->root = g_build_filename(self->dir, "root", NULL);
	g_assert_cmpint(g_mkdir_with_parents(self->root, 0755), ==, 0);
	g_assert_cmpint(g_mkdir_with_parents(self->dir, 0755), ==, 0);
	for (guint i = 0; i < 2; i++) {
		g_autofree gchar *sub =
		    g_build_filename(self->root, i == 0 ? "basic" : "digest", NULL);
		g_assert_cmpint(g_mkdir_with_parents(sub, 0755), ==, 0);
	}
	return self;
}

void
cwmp_test_httpd_set_rate_limit(CwmpTestHttpd *self, guint kib_per_second)
{
	g_autofree gchar *file = g_build_filename(self->dir, "rate", NULL);
	g_autofree gchar *text = g_strdup_printf("%u", kib_per_second);
	g_assert_true(g_file_set_contents(file, text, -1, NULL));
}

void
cwmp_test_httpd_set_tls(CwmpTestHttpd *self, const gchar *cert_file, const gchar *key_file)
{
	g_autofree gchar *cert = NULL, *key = NULL, *pem = NULL;
	g_autofree gchar *file = g_build_filename(self->dir, "server.pem", NULL);
	g_assert_true(g_file_get_contents(cert_file, &cert, NULL, NULL));
	g_assert_true(g_file_get_contents(key_file, &key, NULL, NULL));
	pem = g_strconcat(cert, key, NULL);
	g_assert_true(g_file_set_contents(file, pem, -1, NULL));
	self->tls = TRUE;
}

static guint
cwmp_test_httpd_free_port(void)
{
	g_autoptr(GSocket) socket =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(lo, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	g_assert_nonnull(socket);
	g_assert_true(g_socket_bind(socket, any, FALSE, NULL));
	bound = g_socket_get_local_address(socket, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
}

static gboolean
cwmp_test_httpd_is_up(CwmpTestHttpd *self)
{
	g_autoptr(GSocketClient) client = g_socket_client_new();
	g_autoptr(GSocketConnection) connection =
	    g_socket_client_connect_to_host(client, "127.0.0.1", (guint16) self->port, NULL, NULL);
	return connection != NULL;
}

/* the server never outlives the test, even one that aborts */
static void
cwmp_test_httpd_child_setup(gpointer user_data)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

void
cwmp_test_httpd_start(CwmpTestHttpd *self)
{
	g_autofree gchar *binary = cwmp_test_httpd_find();
	g_autofree gchar *conf = g_build_filename(self->dir, "lighttpd.conf", NULL);
	g_autofree gchar *users = g_build_filename(self->dir, "htdigest", NULL);
	g_autofree gchar *rate_file = g_build_filename(self->dir, "rate", NULL);
	g_autofree gchar *rate = NULL;
	g_autofree gchar *hash = NULL;
	g_autofree gchar *line = NULL;
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GError) error = NULL;
	const gchar *argv[] = {binary, "-D", "-f", conf, NULL};

	/* htdigest serves Basic and Digest alike */
	line = g_strdup_printf("%s:%s:%s", CWMP_TEST_HTTPD_USER, CWMP_TEST_HTTPD_REALM,
			       CWMP_TEST_HTTPD_PASSWORD);
	hash = g_compute_checksum_for_string(G_CHECKSUM_MD5, line, -1);
	g_free(line);
	line = g_strdup_printf("%s:%s:%s\n", CWMP_TEST_HTTPD_USER, CWMP_TEST_HTTPD_REALM, hash);
	g_assert_true(g_file_set_contents(users, line, -1, NULL));

	self->port = cwmp_test_httpd_free_port();
	g_string_append_printf(
	    text,
	    "server.document-root = \"%s\"\n"
	    "server.bind = \"127.0.0.1\"\n"
	    "server.port = %u\n"
	    "server.errorlog = \"%s/error.log\"\n"
	    "server.modules = (\"mod_auth\", \"mod_authn_file\", \"mod_accesslog\", "
	    "\"mod_redirect\"%s)\n"
	    "url.redirect = (\"^/moved/(.*)$\" => \"/$1\")\n"
	    "accesslog.filename = \"%s/access.log\"\n"
	    "accesslog.format = \"%%r %%>s %%b %%{Range}i\"\n"
	    "server.max-keep-alive-requests = 0\n"
	    "auth.backend = \"htdigest\"\n"
	    "auth.backend.htdigest.userfile = \"%s\"\n"
	    "auth.require = (\"/basic/\" => (\"method\" => \"basic\", \"realm\" => \"%s\", "
	    "\"require\" => \"valid-user\"), \"/digest/\" => (\"method\" => \"digest\", "
	    "\"realm\" => \"%s\", \"require\" => \"valid-user\"))\n",
	    self->root, self->port, self->dir, self->tls ? ", \"mod_openssl\"" : "", self->dir,
	    users, CWMP_TEST_HTTPD_REALM, CWMP_TEST_HTTPD_REALM);
	if (self->tls)
		g_string_append_printf(
		    text, "ssl.engine = \"enable\"\nssl.pemfile = \"%s/server.pem\"\n", self->dir);
	if (g_file_get_contents(rate_file, &rate, NULL, NULL))
		g_string_append_printf(text, "connection.kbytes-per-second = %s\n", rate);
	g_assert_true(g_file_set_contents(conf, text->str, -1, NULL));
	if (!g_spawn_async(NULL, (gchar **) argv, NULL,
			   G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
			       G_SPAWN_STDERR_TO_DEV_NULL,
			   cwmp_test_httpd_child_setup, NULL, &self->pid, &error))
		g_error("lighttpd: %s", error->message);
	self->running = TRUE;
	for (guint i = 0; i < 200 && !cwmp_test_httpd_is_up(self); i++)
		g_usleep(20 * 1000);
	if (!cwmp_test_httpd_is_up(self)) {
		g_autofree gchar *log = NULL;
		g_autofree gchar *log_file = g_build_filename(self->dir, "error.log", NULL);
		g_file_get_contents(log_file, &log, NULL, NULL);
		g_error("lighttpd did not start: %s", log != NULL ? log : "(no log)");
	}
}

static void
cwmp_test_httpd_signal(CwmpTestHttpd *self, gint sig)
{
	if (!self->running)
		return;
	kill(self->pid, sig);
	waitpid(self->pid, NULL, 0);
	g_spawn_close_pid(self->pid);
	self->running = FALSE;
}

void
cwmp_test_httpd_kill(CwmpTestHttpd *self)
{
	cwmp_test_httpd_signal(self, SIGKILL);
}

void
cwmp_test_httpd_stop(CwmpTestHttpd *self)
{
	cwmp_test_httpd_signal(self, SIGTERM);
}

void
cwmp_test_httpd_free(CwmpTestHttpd *self)
{
	if (self == NULL)
		return;
	cwmp_test_httpd_kill(self);
	g_free(self->dir);
	g_free(self->root);
	g_free(self);
}

gchar *
cwmp_test_httpd_url(CwmpTestHttpd *self, const gchar *path)
{
	return g_strdup_printf("%s://127.0.0.1:%u/%s", self->tls ? "https" : "http", self->port,
			       path);
}

gchar *
cwmp_test_httpd_add_file(CwmpTestHttpd *self, const gchar *path, gsize size)
{
	g_autofree gchar  *file = g_build_filename(self->root, path, NULL);
	g_autofree guint8 *data = g_malloc(size);

	/* not a repeating short pattern: a resumed transfer at the wrong
	 * offset must change the checksum */
	for (gsize i = 0; i < size; i++)
		data[i] = (guint8) ((i * 2654435761u) >> 13);
	g_assert_true(g_file_set_contents(file, (const gchar *) data, (gssize) size, NULL));
	return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, size);
}
