/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* private declarations of the ping, traceroute, NSLookup and server-selection modules */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-diag.h"

G_BEGIN_DECLS

/* --- cwmp-tr143-echo.c: ICMP echo and UDP echo probes -------------------- */

typedef enum {
	CWMP_TR143_ECHO_ICMP,
	CWMP_TR143_ECHO_UDP, /* TR-143 Appendix A UDP echo: the server sends the datagram back */
} CwmpTr143EchoProtocol;

/**
 * CwmpTr143EchoParams:
 * @protocol: ICMP echo or UDP echo
 * @target: where to (the port counts for UDP only)
 * @ifname: (nullable): the interface to send on (SO_BINDTODEVICE)
 * @dscp: the DSCP of the probes (IP_TOS / IPV6_TCLASS)
 * @size: the payload bytes of each probe (ICMP: after the 8-byte header)
 * @count: how many probes, one after the other
 * @timeout_ms: how long to wait for each reply
 */
typedef struct {
	CwmpTr143EchoProtocol protocol;
	GInetSocketAddress   *target;
	const gchar	     *ifname;
	guint		      dscp;
	guint		      size;
	guint		      count;
	guint		      timeout_ms;
} CwmpTr143EchoParams;

/**
 * CwmpTr143EchoResult:
 * @success: replies received in time
 * @failure: probes without a reply in time (or answered by an ICMP error)
 * @min_us: shortest round trip (0 when @success is 0)
 * @max_us: longest round trip
 * @sum_us: sum of the round trips, for the average
 * @local_address: the source address the kernel chose
 */
typedef struct {
	guint	success;
	guint	failure;
	guint64 min_us;
	guint64 max_us;
	guint64 sum_us;
	gchar  *local_address;
} CwmpTr143EchoResult;

void
cwmp_tr143_echo_result_free(CwmpTr143EchoResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr143EchoResult, cwmp_tr143_echo_result_free)

gint
cwmp_tr143_echo_open_socket(gint family, gint type, gboolean *raw, GError **error);
gboolean
cwmp_tr143_echo_setup_socket(gint fd, gint family, const gchar *ifname, guint dscp, GError **error);
void
cwmp_tr143_echo_run_async(const CwmpTr143EchoParams *params,
			  GCancellable		    *cancellable,
			  GAsyncReadyCallback	     callback,
			  gpointer		     user_data);
CwmpTr143EchoResult *
cwmp_tr143_echo_run_finish(GAsyncResult *result, GError **error);

/* --- host names ---------------------------------------------------------- */

void
cwmp_tr143_echo_resolve_async(const gchar	 *host,
			      const gchar	 *protocol_version,
			      GCancellable	 *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer		  user_data);
GInetAddress *
cwmp_tr143_echo_resolve_finish(GAsyncResult *result, GError **error);

/* --- for the capability parameters (cwmp-tr143-capabilities.c) ----------- */

gboolean
cwmp_tr143_ping_is_supported(gint family);
gboolean
cwmp_tr143_traceroute_is_supported(gint family);

G_END_DECLS
