/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-http-client.h"

G_BEGIN_DECLS

/*
 * The FTP side of TR-143 DownloadDiagnostics and UploadDiagnostics: the same
 * parameters and results as the HTTP client (cwmp-tr143-http-client.h), with
 * @url ftp://[user[:password]@]host[:port]/path (percent-decoded, relative to
 * the login folder; %2F first for an absolute path). No user is an anonymous
 * login (user "anonymous", password "cwmpd@").
 */

CwmpTr143HttpClientResult *
cwmp_tr143_ftp_client_run(const CwmpTr143HttpClientParams *params,
			  guint64			  *progress,
			  GCancellable			  *cancellable,
			  GError			 **error);
void
cwmp_tr143_ftp_client_run_async(const CwmpTr143HttpClientParams *params,
				guint64				*progress,
				GCancellable			*cancellable,
				GAsyncReadyCallback		 callback,
				gpointer			 user_data);
CwmpTr143HttpClientResult *
cwmp_tr143_ftp_client_run_finish(GAsyncResult *result, GError **error);

G_END_DECLS
