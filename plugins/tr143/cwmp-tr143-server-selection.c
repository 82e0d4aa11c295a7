/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.ServerSelectionDiagnostics. (TR-143 / TR-181): each
 * host of HostList in turn gets NumberOfRepetitions probes (ICMP echo, or
 * UDP echo per TR-143 Appendix A), each waiting up to Timeout ms
 * (cwmp-tr143-echo.c). The fastest host is the one with the lowest average
 * round trip; its minimum, average and maximum are reported in
 * microseconds. The object has no port parameter: a UDP Echo host is
 * "host:port" ("[v6]:port" for an IPv6 literal), port 7 (RFC 862) when none
 * is given. A host that does not resolve is skipped;
 * Error_CannotResolveHostName only when none resolves.
 */

#include "config.h"

#include <string.h>

#include "cwmp-tr143-ip-private.h"

#define CWMP_TR143_SERVER_SELECTION_PATH "Device.IP.Diagnostics.ServerSelectionDiagnostics."

#define CWMP_TR143_SERVER_SELECTION_ECHO_PORT 7

static const gchar *const cwmp_tr143_server_selection_params[] = {
    "Interface",	   "",	"ProtocolVersion", "Any",  "Protocol", "ICMP", "HostList", "",
    "NumberOfRepetitions", "3", "Timeout",	   "1000", NULL,
};

static const gchar *const cwmp_tr143_server_selection_results[] = {
    "FastestHost",
    "",
    "MinimumResponseTime",
    "0",
    "AverageResponseTime",
    "0",
    "MaximumResponseTime",
    "0",
    "IPAddressUsed",
    "",
    NULL,
};

typedef struct {
	CwmpTr143Diag *diag;
	GCancellable  *cancellable;
	gchar	      *ifname;
	gboolean       udp;
	gchar	     **hosts;
	guint	       index;
	guint16	       port;
	guint	       resolved;
	/* the best so far */
	gchar  *fastest;
	guint64 best_avg;
	guint64 best_min;
	guint64 best_max;
	gchar  *best_local;
} CwmpTr143ServerSelectionJob;

static void
cwmp_tr143_server_selection_job_free(CwmpTr143ServerSelectionJob *job)
{
	g_object_unref(job->cancellable);
	g_free(job->ifname);
	g_strfreev(job->hosts);
	g_free(job->fastest);
	g_free(job->best_local);
	g_free(job);
}

static void
cwmp_tr143_server_selection_job_end(CwmpTr143ServerSelectionJob *job, const gchar *state)
{
	/* once canceled the diagnostic may be gone (the plugin stopped) */
	if (!g_cancellable_is_cancelled(job->cancellable))
		cwmp_tr143_diag_finish(job->diag, job->cancellable, state);
	cwmp_tr143_server_selection_job_free(job);
}

/**
 * cwmp_tr143_server_selection_split:
 * @entry: a HostList entry
 * @port: (out): the port given, or @default_port
 *
 * Returns: (transfer full): the host part ("[::1]:7" gives "::1")
 */
static gchar *
cwmp_tr143_server_selection_split(const gchar *entry, guint16 default_port, guint16 *port)
{
	const gchar *colon = strrchr(entry, ':');
	guint64	     value = 0;

	*port = default_port;
	if (entry[0] == '[') {
		const gchar *close = strchr(entry, ']');
		if (close == NULL)
			return g_strdup(entry);
		if (close[1] == ':' &&
		    g_ascii_string_to_unsigned(close + 2, 10, 1, 65535, &value, NULL))
			*port = (guint16) value;
		return g_strndup(entry + 1, (gsize) (close - entry - 1));
	}
	/* one colon: host:port; more: a bare IPv6 address */
	if (colon != NULL && strchr(entry, ':') == colon &&
	    g_ascii_string_to_unsigned(colon + 1, 10, 1, 65535, &value, NULL)) {
		*port = (guint16) value;
		return g_strndup(entry, (gsize) (colon - entry));
	}
	return g_strdup(entry);
}

static void
cwmp_tr143_server_selection_next(CwmpTr143ServerSelectionJob *job);

static void
cwmp_tr143_server_selection_echo_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143ServerSelectionJob *job = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpTr143EchoResult) echo = cwmp_tr143_echo_run_finish(result, &error);
	const gchar *host = job->hosts[job->index];

	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_server_selection_job_free(job);
		return;
	}
	if (echo == NULL) {
		g_info("ServerSelection: %s: %s", host, error->message);
	} else if (echo->success > 0) {
		guint64 average = echo->sum_us / echo->success;
		g_debug("ServerSelection: %s: %u of %u, average %" G_GUINT64_FORMAT " us", host,
			echo->success, echo->success + echo->failure, average);
		if (job->fastest == NULL || average < job->best_avg) {
			g_free(job->fastest);
			job->fastest = g_strdup(host);
			job->best_avg = average;
			job->best_min = echo->min_us;
			job->best_max = echo->max_us;
			g_free(job->best_local);
			job->best_local = g_strdup(echo->local_address);
		}
	}
	job->index++;
	cwmp_tr143_server_selection_next(job);
}

static void
cwmp_tr143_server_selection_resolve_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143ServerSelectionJob *job = user_data;
	CwmpTr143Diag		    *diag = job->diag;
	g_autoptr(GError) error = NULL;
	g_autoptr(GInetAddress) address = cwmp_tr143_echo_resolve_finish(result, &error);
	g_autoptr(GSocketAddress) target = NULL;
	CwmpTr143EchoParams params = {0};

	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_server_selection_job_free(job);
		return;
	}
	if (address == NULL) {
		g_info("ServerSelection: %s: %s", job->hosts[job->index], error->message);
		job->index++;
		cwmp_tr143_server_selection_next(job);
		return;
	}
	job->resolved++;
	target = g_inet_socket_address_new(address, job->port);
	params.protocol = job->udp ? CWMP_TR143_ECHO_UDP : CWMP_TR143_ECHO_ICMP;
	params.target = G_INET_SOCKET_ADDRESS(target);
	params.ifname = job->ifname;
	params.size = job->udp ? 20 : 56;
	params.count = cwmp_tr143_diag_get_param_uint(diag, "NumberOfRepetitions");
	params.timeout_ms = cwmp_tr143_diag_get_param_uint(diag, "Timeout");
	cwmp_tr143_echo_run_async(&params, job->cancellable, cwmp_tr143_server_selection_echo_cb,
				  job);
}

static void
cwmp_tr143_server_selection_next(CwmpTr143ServerSelectionJob *job)
{
	CwmpTr143Diag	 *diag = job->diag;
	g_autofree gchar *host = NULL;

	/* skip empty entries ("a,,b") */
	while (job->hosts[job->index] != NULL && job->hosts[job->index][0] == '\0')
		job->index++;
	if (job->hosts[job->index] == NULL) {
		if (job->resolved == 0) {
			cwmp_tr143_server_selection_job_end(job, "Error_CannotResolveHostName");
			return;
		}
		cwmp_tr143_diag_set_result(diag, "FastestHost",
					   job->fastest != NULL ? job->fastest : "");
		cwmp_tr143_diag_set_result_uint(diag, "MinimumResponseTime", job->best_min);
		cwmp_tr143_diag_set_result_uint(diag, "AverageResponseTime", job->best_avg);
		cwmp_tr143_diag_set_result_uint(diag, "MaximumResponseTime", job->best_max);
		cwmp_tr143_diag_set_result(diag, "IPAddressUsed",
					   job->best_local != NULL ? job->best_local : "");
		cwmp_tr143_server_selection_job_end(job, "Complete");
		return;
	}
	host = cwmp_tr143_server_selection_split(job->hosts[job->index],
						 CWMP_TR143_SERVER_SELECTION_ECHO_PORT, &job->port);
	cwmp_tr143_echo_resolve_async(host, cwmp_tr143_diag_get_param(diag, "ProtocolVersion"),
				      job->cancellable, cwmp_tr143_server_selection_resolve_cb,
				      job);
}

static void
cwmp_tr143_server_selection_run(CwmpTr143Diag *diag, GCancellable *cancellable)
{
	CwmpTr143ServerSelectionJob *job = g_new0(CwmpTr143ServerSelectionJob, 1);

	job->diag = diag;
	job->cancellable = g_object_ref(cancellable);
	job->udp = g_strcmp0(cwmp_tr143_diag_get_param(diag, "Protocol"), "UDP Echo") == 0;
	job->hosts = g_strsplit(cwmp_tr143_diag_get_param(diag, "HostList"), ",", 11);
	for (guint i = 0; job->hosts[i] != NULL; i++)
		g_strstrip(job->hosts[i]);
	if (!cwmp_tr143_diag_resolve_ifname(diag, &job->ifname)) {
		cwmp_tr143_server_selection_job_end(job, "Error_Other");
		return;
	}
	cwmp_tr143_server_selection_next(job);
}

static const CwmpTr143DiagDesc cwmp_tr143_server_selection_desc = {
    .path = CWMP_TR143_SERVER_SELECTION_PATH,
    .name = "server-selection",
    .params = cwmp_tr143_server_selection_params,
    .results = cwmp_tr143_server_selection_results,
    .run = cwmp_tr143_server_selection_run,
};

/* --- the data model ------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr143_server_selection_param_defs[] = {
    CWMP_TR143_DIAG_RW("DiagnosticsState"),
    CWMP_TR143_DIAG_RW("Interface"),
    CWMP_TR143_DIAG_RW("ProtocolVersion"),
    CWMP_TR143_DIAG_RW("Protocol"),
    CWMP_TR143_DIAG_RW("HostList"),
    CWMP_TR143_DIAG_RW("NumberOfRepetitions"),
    CWMP_TR143_DIAG_RW("Timeout"),
    CWMP_TR143_DIAG_RO("FastestHost"),
    CWMP_TR143_DIAG_RO("MinimumResponseTime"),
    CWMP_TR143_DIAG_RO("AverageResponseTime"),
    CWMP_TR143_DIAG_RO("MaximumResponseTime"),
    CWMP_TR143_DIAG_RO("IPAddressUsed"),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr143_server_selection_object = {
    .path = CWMP_TR143_SERVER_SELECTION_PATH,
    .params = cwmp_tr143_server_selection_param_defs,
};

static const CwmpDmObjectDef *const cwmp_tr143_server_selection_objects[] = {
    &cwmp_tr143_server_selection_object,
    NULL,
};

const CwmpTr143Module cwmp_tr143_server_selection_module = {
    .name = "server-selection",
    .objects = cwmp_tr143_server_selection_objects,
    .diag = &cwmp_tr143_server_selection_desc,
};
