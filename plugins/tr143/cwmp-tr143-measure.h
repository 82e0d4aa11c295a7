/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-http-client.h"

G_BEGIN_DECLS

/*
 * The incremental results of a time-based throughput test, shared by the
 * HTTP and FTP transports: while the connections run, the coordinating
 * thread cuts an IncrementalResult the first Offset seconds after the start,
 * then every Interval seconds until the end of the test (the last one may be
 * shorter), from the transport's byte count and the interface counters.
 */

typedef guint64 (*CwmpTr143MeasureBytesFunc)(gpointer user_data);

gboolean
cwmp_tr143_measure_sleep(GCancellable *cancellable, gint64 until);
void
cwmp_tr143_measure_run(const CwmpTr143HttpClientParams *params,
		       GCancellable		       *cancellable,
		       gint64				t0,
		       gint64				deadline,
		       CwmpTr143MeasureBytesFunc	bytes_func,
		       gpointer				bytes_data,
		       CwmpTr143HttpClientResult       *result);
void
cwmp_tr143_measure_forward_cancel_cb(GCancellable *cancellable, gpointer user_data);

void
cwmp_tr143_measure_add_connection(CwmpTr143HttpClientResult	 *result,
				  const CwmpTr143HttpClientTimes *times);

/* a transport's blocking run, as cwmp_tr143_http_client_run() */
typedef CwmpTr143HttpClientResult *(*CwmpTr143MeasureRunFunc)(
    const CwmpTr143HttpClientParams *params,
    guint64			    *progress,
    GCancellable		    *cancellable,
    GError			   **error);

void
cwmp_tr143_measure_run_async(CwmpTr143MeasureRunFunc	      run,
			     const CwmpTr143HttpClientParams *params,
			     guint64			     *progress,
			     GCancellable		     *cancellable,
			     GAsyncReadyCallback	      callback,
			     gpointer			      user_data);
CwmpTr143HttpClientResult *
cwmp_tr143_measure_run_finish(GAsyncResult *result, GError **error);

G_END_DECLS
