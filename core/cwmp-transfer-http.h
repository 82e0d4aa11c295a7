/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * HTTP and HTTPS file transfers with libsoup: a download streamed to a file
 * with bounded memory and resumed with a Range request where the server
 * allows it, and an upload with PUT. Failures are CWMP_FAULT errors with the
 * TR-069 transfer fault codes (9010-9017).
 */

#define CWMP_TRANSFER_HTTP_BUFFER_SIZE (1024 * 1024)

typedef void (*CwmpTransferProgressFunc)(guint64 done, guint64 total, gpointer user_data);

SoupSession *
cwmp_transfer_http_session_new(const gchar *ca_file, guint timeout, GError **error);

void
cwmp_transfer_http_download_async(SoupSession		  *session,
				  const gchar		  *url,
				  const gchar		  *username,
				  const gchar		  *password,
				  const gchar		  *filename,
				  guint64		   max_size,
				  CwmpTransferProgressFunc progress,
				  gpointer		   progress_data,
				  GCancellable		  *cancellable,
				  GAsyncReadyCallback	   callback,
				  gpointer		   user_data);
gboolean
cwmp_transfer_http_download_finish(GAsyncResult *result, guint64 *size, GError **error);

void
cwmp_transfer_http_upload_async(SoupSession		*session,
				const gchar		*url,
				const gchar		*username,
				const gchar		*password,
				const gchar		*filename,
				CwmpTransferProgressFunc progress,
				gpointer		 progress_data,
				GCancellable		*cancellable,
				GAsyncReadyCallback	 callback,
				gpointer		 user_data);
gboolean
cwmp_transfer_http_upload_finish(GAsyncResult *result, GError **error);

G_END_DECLS
