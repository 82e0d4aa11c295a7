/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CwmpTr143HttpClientParams:
 * @upload: PUT @file_length bytes instead of GET
 * @url: http://host[:port]/path
 * @family: 0 (Any), G_SOCKET_FAMILY_IPV4 or G_SOCKET_FAMILY_IPV6
 * @bind_ifname: (nullable): SO_BINDTODEVICE
 * @counters_ifname: (nullable): whose /sys statistics are TotalBytes
 * @dscp: 0..63, set as IP_TOS / IPV6_TCLASS
 * @ethernet_priority: 0..7, SO_PRIORITY
 * @connections: parallel TCP connections, >= 1
 * @file_length: upload: bytes per connection
 * @duration: seconds of a time-based test, 0 for one transfer
 * @interval: seconds per IncrementalResult, 0 for none
 * @offset: seconds from the test start to the first interval
 * @max_increments: the most IncrementalResult rows kept
 * @timeout_ms: inactivity limit of every wait (connect, response, data)
 */
typedef struct {
	gboolean upload;
	gchar	*url;
	gint	 family;
	gchar	*bind_ifname;
	gchar	*counters_ifname;
	guint	 dscp;
	guint	 ethernet_priority;
	guint	 connections;
	guint64	 file_length;
	guint	 duration;
	guint	 interval;
	guint	 offset;
	guint	 max_increments;
	guint	 timeout_ms;
} CwmpTr143HttpClientParams;

/* one connection, or the whole test; times are g_get_real_time(), 0 unknown */
typedef struct {
	gint64	rom;
	gint64	bom;
	gint64	eom;
	gint64	tcp_request;
	gint64	tcp_response;
	guint64 test_bytes; /* received (download) or sent (upload), headers included */
	guint64 total_rx;   /* interface counters between BOM and EOM */
	guint64 total_tx;
} CwmpTr143HttpClientTimes;

typedef struct {
	gint64	start;
	gint64	end;
	guint64 test_bytes;
	guint64 total_rx;
	guint64 total_tx;
} CwmpTr143HttpClientIncrement;

/**
 * CwmpTr143HttpClientResult:
 * @state: "Complete" or the TR-181 Error_* value
 * @message: (nullable): what went wrong, for the log
 * @ip_address_used: (nullable): the server address connected to
 */
typedef struct {
	gchar			*state;
	gchar			*message;
	gchar			*ip_address_used;
	CwmpTr143HttpClientTimes total;
	guint64			 test_bytes_full;
	guint64			 total_rx_full;
	guint64			 total_tx_full;
	guint64			 period_full_us;
	GArray			*connections; /* CwmpTr143HttpClientTimes */
	GArray			*increments;  /* CwmpTr143HttpClientIncrement */
} CwmpTr143HttpClientResult;

CwmpTr143HttpClientParams *
cwmp_tr143_http_client_params_copy(const CwmpTr143HttpClientParams *params);
void
cwmp_tr143_http_client_params_free(CwmpTr143HttpClientParams *params);
CwmpTr143HttpClientResult *
cwmp_tr143_http_client_result_new(void);
void
cwmp_tr143_http_client_result_free(CwmpTr143HttpClientResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr143HttpClientParams, cwmp_tr143_http_client_params_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr143HttpClientResult, cwmp_tr143_http_client_result_free)

CwmpTr143HttpClientResult *
cwmp_tr143_http_client_run(const CwmpTr143HttpClientParams *params,
			   guint64			   *progress,
			   GCancellable			   *cancellable,
			   GError			  **error);
void
cwmp_tr143_http_client_run_async(const CwmpTr143HttpClientParams *params,
				 guint64			 *progress,
				 GCancellable			 *cancellable,
				 GAsyncReadyCallback		  callback,
				 gpointer			  user_data);
CwmpTr143HttpClientResult *
cwmp_tr143_http_client_run_finish(GAsyncResult *result, GError **error);

G_END_DECLS
