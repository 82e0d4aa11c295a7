/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * loopback peers of the tr143 tests and benchmark: free ports and a real
 * nginx serving a directory (GIO only, so the end-to-end test and the bench
 * use it as well as the plugin's tests)
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CwmpTr143TestNginx:
 * @dir: nginx's own files (configuration, pid, logs, temporary files)
 * @port: listening on 127.0.0.1 (and [::1] when @ipv6)
 * @ipv6: whether ::1 could be bound, so nginx listens there too
 */
typedef struct {
	gchar	    *dir;
	guint16	     port;
	gboolean     ipv6;
	GSubprocess *process;
} CwmpTr143TestNginx;

CwmpTr143TestNginx *
cwmp_tr143_test_nginx_start(const gchar *root);
void
cwmp_tr143_test_nginx_stop(CwmpTr143TestNginx *nginx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr143TestNginx, cwmp_tr143_test_nginx_stop)
gchar *
cwmp_tr143_test_nginx_url(CwmpTr143TestNginx *nginx, const gchar *path);

guint16
cwmp_tr143_test_free_port(GSocketType type);
gboolean
cwmp_tr143_test_connectable(guint16 port);
gboolean
cwmp_tr143_test_has_ipv6_loopback(void);
void
cwmp_tr143_test_rm_rf(const gchar *path);

G_END_DECLS
