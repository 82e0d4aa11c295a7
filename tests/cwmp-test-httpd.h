/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* a real HTTP(S) file server for the transfer tests: lighttpd on loopback,
 * serving a folder, with Basic auth under /basic/, Digest under /digest/,
 * range requests (lighttpd's own), /moved/X redirected (301) to /X, an
 * optional rate limit per connection and optional TLS */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CWMP_TEST_HTTPD_USER	 "fileuser"
#define CWMP_TEST_HTTPD_PASSWORD "file-secret"
#define CWMP_TEST_HTTPD_REALM	 "cwmpd-test"

typedef struct {
	gchar	*dir;  /* config, logs */
	gchar	*root; /* document root: put files here */
	guint	 port;
	GPid	 pid;
	gboolean running;
	gboolean tls;
} CwmpTestHttpd;

/* NULL (with the reason in *skip) when lighttpd is not installed */
CwmpTestHttpd *
cwmp_test_httpd_new(const gchar *dir, gchar **skip);
/* optional, before start: a rate limit in KiB/s per connection, and TLS with
 * the certificate and key in PEM */
void
cwmp_test_httpd_set_rate_limit(CwmpTestHttpd *self, guint kib_per_second);
void
cwmp_test_httpd_set_tls(CwmpTestHttpd *self, const gchar *cert_file, const gchar *key_file);
void
cwmp_test_httpd_start(CwmpTestHttpd *self);
/* SIGKILL: the server is gone at once, mid-transfer included */
void
cwmp_test_httpd_kill(CwmpTestHttpd *self);
/* SIGTERM: the server writes its logs and exits */
void
cwmp_test_httpd_stop(CwmpTestHttpd *self);
void
cwmp_test_httpd_free(CwmpTestHttpd *self);
gchar *
cwmp_test_httpd_url(CwmpTestHttpd *self, const gchar *path);
/* writes @size bytes of a pattern to @path under the root; its SHA-256 */
gchar *
cwmp_test_httpd_add_file(CwmpTestHttpd *self, const gchar *path, gsize size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTestHttpd, cwmp_test_httpd_free)

G_END_DECLS
