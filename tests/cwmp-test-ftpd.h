/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* a real FTP server for the tests: pyftpdlib (tests/cwmp-test-ftpd.py) run by
 * /usr/bin/python3 on 127.0.0.1 and a free port */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
	const gchar *root;     /* the folder served */
	const gchar *username; /* (nullable): an account with a password */
	const gchar *password;
	gboolean     writable;	/* the account may store files */
	gboolean     anonymous; /* anonymous read-only login too */
	guint64	     throttle;	/* bytes/s of each data transfer, 0 for no limit */
	gboolean     no_rest;	/* REST is refused with 502 */
} CwmpTestFtpdOptions;

typedef struct _CwmpTestFtpd CwmpTestFtpd;

/* the reason the server cannot run here (no /usr/bin/python3 or no
 * pyftpdlib), for g_test_skip(); NULL when it can */
const gchar *
cwmp_test_ftpd_skip_reason(void);

/* starts the server and waits until it listens */
CwmpTestFtpd *
cwmp_test_ftpd_start(const CwmpTestFtpdOptions *options, GError **error);

guint16
cwmp_test_ftpd_get_port(CwmpTestFtpd *ftpd);

/* "ftp://127.0.0.1:<port>/<path>" */
gchar *
cwmp_test_ftpd_get_url(CwmpTestFtpd *ftpd, const gchar *path);

/* SIGKILL now and reap: the connections drop mid-transfer */
void
cwmp_test_ftpd_kill(CwmpTestFtpd *ftpd);

/* kills the server if it still runs and frees @ftpd */
void
cwmp_test_ftpd_stop(CwmpTestFtpd *ftpd);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTestFtpd, cwmp_test_ftpd_stop)

G_END_DECLS
