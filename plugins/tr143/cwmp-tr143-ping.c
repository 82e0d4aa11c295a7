/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.IPPing. (TR-143 / TR-181): NumberOfRepetitions ICMP
 * echo requests of DataBlockSize payload bytes to Host, one after the other,
 * each waiting up to Timeout ms for its reply (cwmp-tr143-echo.c).
 */

#include "config.h"

#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-ip-private.h"

#define CWMP_TR143_PING_PATH "Device.IP.Diagnostics.IPPing."

static const gchar *const cwmp_tr143_ping_params[] = {
    "Interface",
    "",
    "ProtocolVersion",
    "Any",
    "Host",
    "",
    "NumberOfRepetitions",
    "3",
    "Timeout",
    "1000",
    "DataBlockSize",
    "64",
    "DSCP",
    "0",
    NULL,
};

static const gchar *const cwmp_tr143_ping_results[] = {
    "IPAddressUsed",
    "",
    "SuccessCount",
    "0",
    "FailureCount",
    "0",
    "AverageResponseTime",
    "0",
    "MinimumResponseTime",
    "0",
    "MaximumResponseTime",
    "0",
    "AverageResponseTimeDetailed",
    "0",
    "MinimumResponseTimeDetailed",
    "0",
    "MaximumResponseTimeDetailed",
    "0",
    NULL,
};

/**
 * cwmp_tr143_ping_is_supported:
 * @family: AF_INET or AF_INET6
 *
 * Returns: whether this process can open the ICMP socket IPPing needs (a
 *   ping socket, or a raw one)
 */
gboolean
cwmp_tr143_ping_is_supported(gint family)
{
	gint fd = cwmp_tr143_echo_open_socket(family, SOCK_DGRAM, NULL, NULL);
	if (fd < 0)
		return FALSE;
	close(fd);
	return TRUE;
}

/* --- one test ------------------------------------------------------------- */

typedef struct {
	CwmpTr143Diag *diag;
	GCancellable  *cancellable;
	gchar	      *ifname;
} CwmpTr143PingJob;

static void
cwmp_tr143_ping_job_free(CwmpTr143PingJob *job)
{
	g_object_unref(job->cancellable);
	g_free(job->ifname);
	g_free(job);
}

static void
cwmp_tr143_ping_job_end(CwmpTr143PingJob *job, const gchar *state)
{
	/* once canceled the diagnostic may be gone (the plugin stopped) */
	if (!g_cancellable_is_cancelled(job->cancellable))
		cwmp_tr143_diag_finish(job->diag, job->cancellable, state);
	cwmp_tr143_ping_job_free(job);
}

static guint64
cwmp_tr143_ping_ms(guint64 us)
{
	return (us + 500) / 1000;
}

static void
cwmp_tr143_ping_echo_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143PingJob *job = user_data;
	CwmpTr143Diag	 *diag = job->diag;
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpTr143EchoResult) echo = cwmp_tr143_echo_run_finish(result, &error);
	guint64 average;

	if (echo == NULL) {
		if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
			cwmp_tr143_ping_job_free(job);
			return;
		}
		g_info("IPPing: %s", error->message);
		cwmp_tr143_ping_job_end(
		    job, g_error_matches(error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
				 g_error_matches(error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
			     ? "Error_NoRouteToHost"
			     : "Error_Internal");
		return;
	}
	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_ping_job_free(job);
		return;
	}
	average = echo->success > 0 ? echo->sum_us / echo->success : 0;
	cwmp_tr143_diag_set_result(diag, "IPAddressUsed",
				   echo->local_address != NULL ? echo->local_address : "");
	cwmp_tr143_diag_set_result_uint(diag, "SuccessCount", echo->success);
	cwmp_tr143_diag_set_result_uint(diag, "FailureCount", echo->failure);
	cwmp_tr143_diag_set_result_uint(diag, "AverageResponseTime", cwmp_tr143_ping_ms(average));
	cwmp_tr143_diag_set_result_uint(diag, "MinimumResponseTime",
					cwmp_tr143_ping_ms(echo->min_us));
	cwmp_tr143_diag_set_result_uint(diag, "MaximumResponseTime",
					cwmp_tr143_ping_ms(echo->max_us));
	cwmp_tr143_diag_set_result_uint(diag, "AverageResponseTimeDetailed", average);
	cwmp_tr143_diag_set_result_uint(diag, "MinimumResponseTimeDetailed", echo->min_us);
	cwmp_tr143_diag_set_result_uint(diag, "MaximumResponseTimeDetailed", echo->max_us);
	cwmp_tr143_ping_job_end(job, "Complete");
}

static void
cwmp_tr143_ping_resolve_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143PingJob *job = user_data;
	CwmpTr143Diag	 *diag = job->diag;
	g_autoptr(GError) error = NULL;
	g_autoptr(GInetAddress) address = cwmp_tr143_echo_resolve_finish(result, &error);
	g_autoptr(GSocketAddress) target = NULL;
	CwmpTr143EchoParams params = {0};

	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_ping_job_free(job);
		return;
	}
	if (address == NULL) {
		g_info("IPPing: %s: %s", cwmp_tr143_diag_get_param(diag, "Host"), error->message);
		cwmp_tr143_ping_job_end(job, "Error_CannotResolveHostName");
		return;
	}
	target = g_inet_socket_address_new(address, 0);
	params.protocol = CWMP_TR143_ECHO_ICMP;
	params.target = G_INET_SOCKET_ADDRESS(target);
	params.ifname = job->ifname;
	params.dscp = cwmp_tr143_diag_get_param_uint(diag, "DSCP");
	params.size = cwmp_tr143_diag_get_param_uint(diag, "DataBlockSize");
	params.count = cwmp_tr143_diag_get_param_uint(diag, "NumberOfRepetitions");
	params.timeout_ms = cwmp_tr143_diag_get_param_uint(diag, "Timeout");
	cwmp_tr143_echo_run_async(&params, job->cancellable, cwmp_tr143_ping_echo_cb, job);
}

static void
cwmp_tr143_ping_run(CwmpTr143Diag *diag, GCancellable *cancellable)
{
	CwmpTr143PingJob *job = g_new0(CwmpTr143PingJob, 1);

	job->diag = diag;
	job->cancellable = g_object_ref(cancellable);
	if (!cwmp_tr143_diag_resolve_ifname(diag, &job->ifname)) {
		cwmp_tr143_ping_job_end(job, "Error_Other");
		return;
	}
	cwmp_tr143_echo_resolve_async(cwmp_tr143_diag_get_param(diag, "Host"),
				      cwmp_tr143_diag_get_param(diag, "ProtocolVersion"),
				      cancellable, cwmp_tr143_ping_resolve_cb, job);
}

static const CwmpTr143DiagDesc cwmp_tr143_ping_desc = {
    .path = CWMP_TR143_PING_PATH,
    .name = "ping",
    .params = cwmp_tr143_ping_params,
    .results = cwmp_tr143_ping_results,
    .run = cwmp_tr143_ping_run,
};

/* --- the data model ------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr143_ping_param_defs[] = {
    CWMP_TR143_DIAG_RW("DiagnosticsState"),
    CWMP_TR143_DIAG_RW("Interface"),
    CWMP_TR143_DIAG_RW("ProtocolVersion"),
    CWMP_TR143_DIAG_RW("Host"),
    CWMP_TR143_DIAG_RW("NumberOfRepetitions"),
    CWMP_TR143_DIAG_RW("Timeout"),
    CWMP_TR143_DIAG_RW("DataBlockSize"),
    CWMP_TR143_DIAG_RW("DSCP"),
    CWMP_TR143_DIAG_RO("IPAddressUsed"),
    CWMP_TR143_DIAG_RO("SuccessCount"),
    CWMP_TR143_DIAG_RO("FailureCount"),
    CWMP_TR143_DIAG_RO("AverageResponseTime"),
    CWMP_TR143_DIAG_RO("MinimumResponseTime"),
    CWMP_TR143_DIAG_RO("MaximumResponseTime"),
    CWMP_TR143_DIAG_RO("AverageResponseTimeDetailed"),
    CWMP_TR143_DIAG_RO("MinimumResponseTimeDetailed"),
    CWMP_TR143_DIAG_RO("MaximumResponseTimeDetailed"),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr143_ping_object = {
    .path = CWMP_TR143_PING_PATH,
    .params = cwmp_tr143_ping_param_defs,
};

static const CwmpDmObjectDef *const cwmp_tr143_ping_objects[] = {
    &cwmp_tr143_ping_object,
    NULL,
};

const CwmpTr143Module cwmp_tr143_ping_module = {
    .name = "ping",
    .objects = cwmp_tr143_ping_objects,
    .diag = &cwmp_tr143_ping_desc,
};
