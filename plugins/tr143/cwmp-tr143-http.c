/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.DownloadDiagnostics. and .UploadDiagnostics. over
 * HTTP (cwmp-tr143-http-client.c does the transfer in worker threads).
 *
 * DiagnosticsState is a CwmpTr143Machine (cwmp-tr143-machine.c): Requested
 * starts the test from the commit of the whole SetParameterValues, once the
 * session ended; another parameter cancels it. Parameters and the last
 * results live in tr143-download.state and tr143-upload.state, so they
 * survive a restart.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cwmp-tr143-ftp-client.h"
#include "cwmp-tr143-http-client.h"
#include "cwmp-tr143-machine.h"

#define CWMP_TR143_HTTP_DOWNLOAD_PATH	"Device.IP.Diagnostics.DownloadDiagnostics."
#define CWMP_TR143_HTTP_UPLOAD_PATH	"Device.IP.Diagnostics.UploadDiagnostics."
#define CWMP_TR143_HTTP_MAX_CONNECTIONS 16
#define CWMP_TR143_HTTP_MAX_INCREMENTS	100
#define CWMP_TR143_HTTP_DEFAULT_TIMEOUT 30000
#define CWMP_TR143_HTTP_TAG_PARAM	'P'
#define CWMP_TR143_HTTP_TAG_RESULT	'R'
#define CWMP_TR143_HTTP_TAG_CONNECTION	'C'
#define CWMP_TR143_HTTP_TAG_INCREMENT	'I'

typedef struct _CwmpTr143HttpDiag CwmpTr143HttpDiag;

/* one run; outlives the diagnostic when cancelled (the worker may still run) */
typedef struct {
	CwmpTr143HttpDiag *diag; /* gone once @cancellable is cancelled */
	GCancellable	  *cancellable;
	guint64		  *progress; /* test bytes so far, written by the workers */
	gboolean	   ftp;	     /* cwmp-tr143-ftp-client.c runs it */
} CwmpTr143HttpRun;

struct _CwmpTr143HttpDiag {
	CwmpTr143Plugin		  *plugin;
	gboolean		   upload;
	const gchar		  *path;
	CwmpTr143Machine	  *machine;
	gchar			  *interface;
	gchar			  *url;
	guint			   dscp;
	guint			   ethernet_priority;
	guint			   duration;
	guint			   interval;
	guint			   offset;
	gchar			  *protocol;
	guint			   connections;
	guint64			   file_length;
	gboolean		   per_connection;
	CwmpTr143HttpClientResult *result;
	guint64			  *live; /* the running test's byte count (a shared box) */
};

typedef struct {
	CwmpTr143HttpDiag download;
	CwmpTr143HttpDiag upload;
} CwmpTr143Http;

/* the unsignedInt test parameters: name, range, member of CwmpTr143HttpDiag */
typedef struct {
	const gchar *name;
	guint	     min;
	guint	     max;
	gsize	     offset;
} CwmpTr143HttpUint;

static const CwmpTr143HttpUint cwmp_tr143_http_uints[] = {
    {"DSCP", 0, 63, G_STRUCT_OFFSET(CwmpTr143HttpDiag, dscp)},
    {"EthernetPriority", 0, 7, G_STRUCT_OFFSET(CwmpTr143HttpDiag, ethernet_priority)},
    {"TimeBasedTestDuration", 0, 999, G_STRUCT_OFFSET(CwmpTr143HttpDiag, duration)},
    {"TimeBasedTestMeasurementInterval", 0, 999, G_STRUCT_OFFSET(CwmpTr143HttpDiag, interval)},
    {"TimeBasedTestMeasurementOffset", 0, 255, G_STRUCT_OFFSET(CwmpTr143HttpDiag, offset)},
    {"NumberOfConnections", 1, CWMP_TR143_HTTP_MAX_CONNECTIONS,
     G_STRUCT_OFFSET(CwmpTr143HttpDiag, connections)},
};

static const CwmpTr143HttpUint *
cwmp_tr143_http_find_uint(const gchar *name)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_tr143_http_uints); i++) {
		if (g_strcmp0(cwmp_tr143_http_uints[i].name, name) == 0)
			return &cwmp_tr143_http_uints[i];
	}
	return NULL;
}

static guint *
cwmp_tr143_http_uint_member(CwmpTr143HttpDiag *diag, const CwmpTr143HttpUint *u)
{
	return &G_STRUCT_MEMBER(guint, diag, u->offset);
}

/* --- capabilities --------------------------------------------------------- */

/**
 * cwmp_tr143_http_is_supported:
 * @family: G_SOCKET_FAMILY_IPV4 or G_SOCKET_FAMILY_IPV6
 *
 * HTTP download and upload work on IPv4 always, on IPv6 when the kernel has it.
 */
gboolean
cwmp_tr143_http_is_supported(gint family)
{
	if (family == G_SOCKET_FAMILY_IPV6)
		return g_file_test("/proc/net/if_inet6", G_FILE_TEST_EXISTS);
	return family == G_SOCKET_FAMILY_IPV4;
}

/* --- state ---------------------------------------------------------------- */

static CwmpTr143HttpDiag *
cwmp_tr143_http_lookup(CwmpTr143Plugin *self, CwmpDmObject *object)
{
	CwmpTr143Http	 *http = self->http;
	g_autofree gchar *path = cwmp_dm_object_dup_path(object);

	if (http == NULL)
		return NULL;
	if (g_str_has_prefix(path, CWMP_TR143_HTTP_UPLOAD_PATH))
		return &http->upload;
	if (g_str_has_prefix(path, CWMP_TR143_HTTP_DOWNLOAD_PATH))
		return &http->download;
	return NULL;
}

static void
cwmp_tr143_http_run_free(CwmpTr143HttpRun *run)
{
	g_clear_object(&run->cancellable);
	g_atomic_rc_box_release(run->progress);
	g_free(run);
}

static gboolean
cwmp_tr143_http_diag_has_results(CwmpTr143HttpDiag *diag)
{
	return diag->result != NULL &&
	       g_strcmp0(cwmp_tr143_machine_get_state(diag->machine), "Complete") == 0;
}

/* --- persistence ---------------------------------------------------------- */

static gchar *
cwmp_tr143_http_format_times(const CwmpTr143HttpClientTimes *t)
{
	return g_strdup_printf("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
			       " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
			       " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
			       t->rom, t->bom, t->eom, t->tcp_request, t->tcp_response,
			       t->test_bytes, t->total_rx, t->total_tx);
}

static gboolean
cwmp_tr143_http_parse_times(const gchar *text, CwmpTr143HttpClientTimes *t)
{
	return sscanf(text,
		      "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		      " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
		      " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
		      &t->rom, &t->bom, &t->eom, &t->tcp_request, &t->tcp_response, &t->test_bytes,
		      &t->total_rx, &t->total_tx) == 8;
}

static gchar *
cwmp_tr143_http_format_increment(const CwmpTr143HttpClientIncrement *i)
{
	return g_strdup_printf("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
			       " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
			       i->start, i->end, i->test_bytes, i->total_rx, i->total_tx);
}

static gboolean
cwmp_tr143_http_parse_increment(const gchar *text, CwmpTr143HttpClientIncrement *i)
{
	return sscanf(text,
		      "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT
		      " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
		      &i->start, &i->end, &i->test_bytes, &i->total_rx, &i->total_tx) == 5;
}

static gboolean
cwmp_tr143_http_diag_save(gpointer owner, CwmpStoreWriter *writer, GError **error)
{
	CwmpTr143HttpDiag *diag = owner;
	g_autofree gchar  *length = g_strdup_printf("%" G_GUINT64_FORMAT, diag->file_length);
	gboolean	   ok = TRUE;

	for (guint i = 0; ok && i < G_N_ELEMENTS(cwmp_tr143_http_uints); i++) {
		const CwmpTr143HttpUint *u = &cwmp_tr143_http_uints[i];
		g_autofree gchar	*text =
		    g_strdup_printf("%u", *cwmp_tr143_http_uint_member(diag, u));
		ok =
		    cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, u->name, text, error);
	}
	ok = ok &&
	     cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, "Interface", diag->interface,
				    error) &&
	     cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, "URL", diag->url, error) &&
	     cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, "ProtocolVersion",
				    diag->protocol, error) &&
	     cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, "TestFileLength", length,
				    error) &&
	     cwmp_store_writer_add2(writer, CWMP_TR143_HTTP_TAG_PARAM, "EnablePerConnectionResults",
				    diag->per_connection ? "1" : "0", error);
	if (ok && cwmp_tr143_http_diag_has_results(diag)) {
		CwmpTr143HttpClientResult *r = diag->result;
		g_autofree gchar	  *total = cwmp_tr143_http_format_times(&r->total);
		g_autofree gchar	  *full = g_strdup_printf(
			     "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " "
				      "%" G_GUINT64_FORMAT,
			     r->test_bytes_full, r->total_rx_full, r->total_tx_full, r->period_full_us);
		ok = cwmp_store_writer_add3(writer, CWMP_TR143_HTTP_TAG_RESULT, total, full,
					    r->ip_address_used != NULL ? r->ip_address_used : "",
					    error);
		for (guint i = 0; ok && i < r->connections->len; i++) {
			g_autofree gchar *text = cwmp_tr143_http_format_times(
			    &g_array_index(r->connections, CwmpTr143HttpClientTimes, i));
			ok = cwmp_store_writer_add1(writer, CWMP_TR143_HTTP_TAG_CONNECTION, text,
						    error);
		}
		for (guint i = 0; ok && i < r->increments->len; i++) {
			g_autofree gchar *text = cwmp_tr143_http_format_increment(
			    &g_array_index(r->increments, CwmpTr143HttpClientIncrement, i));
			ok = cwmp_store_writer_add1(writer, CWMP_TR143_HTTP_TAG_INCREMENT, text,
						    error);
		}
	}
	return ok;
}

static gboolean
cwmp_tr143_http_diag_apply(CwmpTr143HttpDiag *diag,
			   const gchar	     *name,
			   const gchar	     *value,
			   gboolean	      strict,
			   GError	    **error);

static gboolean
cwmp_tr143_http_load_record(gpointer owner, const CwmpStoreRecord *record, GError **error)
{
	CwmpTr143HttpDiag *diag = owner;

	switch (record->tag) {
	case CWMP_TR143_HTTP_TAG_PARAM:
		if (record->n_fields != 2)
			break;
		return cwmp_tr143_http_diag_apply(diag, record->fields[0], record->fields[1], FALSE,
						  error);
	case CWMP_TR143_HTTP_TAG_RESULT:
		if (record->n_fields != 3)
			break;
		g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
		diag->result = cwmp_tr143_http_client_result_new();
		if (!cwmp_tr143_http_parse_times(record->fields[0], &diag->result->total) ||
		    sscanf(record->fields[1],
			   "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
			   " %" G_GUINT64_FORMAT,
			   &diag->result->test_bytes_full, &diag->result->total_rx_full,
			   &diag->result->total_tx_full, &diag->result->period_full_us) != 4)
			break;
		diag->result->state = g_strdup("Complete");
		diag->result->ip_address_used = g_strdup(record->fields[2]);
		return TRUE;
	case CWMP_TR143_HTTP_TAG_CONNECTION: {
		CwmpTr143HttpClientTimes times = {0};
		if (record->n_fields != 1 || diag->result == NULL ||
		    !cwmp_tr143_http_parse_times(record->fields[0], &times))
			break;
		g_array_append_val(diag->result->connections, times);
		return TRUE;
	}
	case CWMP_TR143_HTTP_TAG_INCREMENT: {
		CwmpTr143HttpClientIncrement increment = {0};
		if (record->n_fields != 1 || diag->result == NULL ||
		    !cwmp_tr143_http_parse_increment(record->fields[0], &increment))
			break;
		g_array_append_val(diag->result->increments, increment);
		return TRUE;
	}
	default:
		break;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "bad record '%c'", record->tag);
	return FALSE;
}

/* the defaults, also after a damaged state file */
static void
cwmp_tr143_http_diag_reset(gpointer owner)
{
	CwmpTr143HttpDiag *diag = owner;

	g_free(diag->interface);
	diag->interface = g_strdup("");
	g_free(diag->url);
	diag->url = g_strdup("");
	g_free(diag->protocol);
	diag->protocol = g_strdup("Any");
	diag->dscp = 0;
	diag->ethernet_priority = 0;
	diag->duration = 0;
	diag->interval = 0;
	diag->offset = 0;
	diag->connections = 1;
	diag->file_length = 0;
	diag->per_connection = FALSE;
	g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
}

/* --- running -------------------------------------------------------------- */

/* the run of @cancellable ended with @result: kept, and the state machine told */
static void
cwmp_tr143_http_diag_finish(CwmpTr143HttpDiag	      *diag,
			    GCancellable	      *cancellable,
			    CwmpTr143HttpClientResult *result)
{
	g_clear_pointer(&diag->live, g_atomic_rc_box_release);
	g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
	if (result->message != NULL)
		g_info("%s: %s: %s", diag->path, result->state, result->message);
	diag->result = result;
	cwmp_tr143_machine_finish(diag->machine, cancellable, result->state);
}

static void
cwmp_tr143_http_run_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	CwmpTr143HttpRun *run = user_data;
	g_autoptr(GError) error = NULL;
	CwmpTr143HttpClientResult *result = run->ftp
						? cwmp_tr143_ftp_client_run_finish(res, &error)
						: cwmp_tr143_http_client_run_finish(res, &error);

	/* cancelled: the diagnostic may be gone */
	if (result != NULL && !g_cancellable_is_cancelled(run->cancellable)) {
		cwmp_tr143_http_diag_finish(run->diag, run->cancellable, result);
	} else {
		cwmp_tr143_http_client_result_free(result);
	}
	cwmp_tr143_http_run_free(run);
}

/* a test that cannot start (bad Interface): finished with @state at once */
static void
cwmp_tr143_http_diag_fail(CwmpTr143HttpDiag *diag,
			  GCancellable	    *cancellable,
			  const gchar	    *state,
			  const gchar	    *message)
{
	CwmpTr143HttpClientResult *result = cwmp_tr143_http_client_result_new();
	result->state = g_strdup(state);
	result->message = g_strdup(message);
	cwmp_tr143_http_diag_finish(diag, cancellable, result);
}

/* starts a test (the machine's run) */
static void
cwmp_tr143_http_diag_run(gpointer owner, GCancellable *cancellable)
{
	CwmpTr143HttpDiag	 *diag = owner;
	CwmpTr143HttpClientParams params = {0};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *ifname = NULL;
	g_autofree gchar *counters = NULL;
	CwmpTr143HttpRun *run;

	if (diag->url == NULL || diag->url[0] == '\0') {
		cwmp_tr143_http_diag_fail(diag, cancellable, "Error_InitConnectionFailed",
					  "no URL");
		return;
	}
	ifname = cwmp_tr143_util_resolve_interface(diag->plugin, diag->interface, &error);
	if (error != NULL) {
		cwmp_tr143_http_diag_fail(diag, cancellable, "Error_Internal", error->message);
		return;
	}
	params.upload = diag->upload;
	params.url = diag->url;
	params.family = cwmp_tr143_util_protocol_family(diag->protocol);
	params.bind_ifname = ifname;
	counters = ifname != NULL ? g_strdup(ifname)
				  : cwmp_tr143_util_get_default_interface(params.family);
	params.counters_ifname = counters;
	params.dscp = diag->dscp;
	params.ethernet_priority = diag->ethernet_priority;
	params.connections = diag->connections;
	params.file_length = diag->file_length;
	params.duration = diag->duration;
	params.interval = diag->interval;
	params.offset = diag->offset;
	params.max_increments = CWMP_TR143_HTTP_MAX_INCREMENTS;
	params.timeout_ms = diag->plugin->http_timeout_ms;
	if (params.timeout_ms == 0)
		params.timeout_ms = CWMP_TR143_HTTP_DEFAULT_TIMEOUT;

	run = g_new0(CwmpTr143HttpRun, 1);
	run->diag = diag;
	run->cancellable = g_object_ref(cancellable);
	run->progress = g_atomic_rc_box_new0(guint64);
	g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
	/* TestBytesReceived/Sent read it while the test runs (cwmpctl diag) */
	g_clear_pointer(&diag->live, g_atomic_rc_box_release);
	diag->live = g_atomic_rc_box_acquire(run->progress);
	/* the run owns the counter and is freed only after the task's callback;
	 * the URL's scheme picks the transport, both fill the same results */
	run->ftp = g_ascii_strncasecmp(params.url, "ftp://", 6) == 0;
	if (run->ftp)
		cwmp_tr143_ftp_client_run_async(&params, run->progress, run->cancellable,
						cwmp_tr143_http_run_cb, run);
	else
		cwmp_tr143_http_client_run_async(&params, run->progress, run->cancellable,
						 cwmp_tr143_http_run_cb, run);
}

static const CwmpTr143MachineFuncs cwmp_tr143_http_machine_funcs = {
    .save = cwmp_tr143_http_diag_save,
    .load = cwmp_tr143_http_load_record,
    .reset = cwmp_tr143_http_diag_reset,
    .run = cwmp_tr143_http_diag_run,
};

/* --- the data model ------------------------------------------------------- */

/* checks @value for parameter @name and stores it in @diag; @strict: the
 * validation of a new value, not a set (which may restore an old one) */
static gboolean
cwmp_tr143_http_diag_apply(CwmpTr143HttpDiag *diag,
			   const gchar	     *name,
			   const gchar	     *value,
			   gboolean	      strict,
			   GError	    **error)
{
	guint			 number = 0;
	const CwmpTr143HttpUint *uint_param = cwmp_tr143_http_find_uint(name);
	const gchar		*url_name = diag->upload ? "UploadURL" : "DownloadURL";

	if (g_strcmp0(name, "DiagnosticsState") == 0) {
		/* only validation refuses: a set may be the rollback to the old state */
		if (strict)
			return cwmp_tr143_machine_validate_state(value, error);
		cwmp_tr143_machine_set_state(diag->machine, value);
		return TRUE;
	}
	if (g_strcmp0(name, "Interface") == 0) {
		if (!cwmp_tr143_util_validate_interface(value, error))
			return FALSE;
		g_free(diag->interface);
		diag->interface = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(name, url_name) == 0 || g_strcmp0(name, "URL") == 0) {
		g_autoptr(GUri) uri = NULL;
		if (value[0] != '\0') {
			gboolean ftp;
			uri = g_uri_parse(value, G_URI_FLAGS_ENCODED, NULL);
			ftp = uri != NULL && g_strcmp0(g_uri_get_scheme(uri), "ftp") == 0;
			/* credentials only in an FTP URL (TR-143's ftp://user:pass@host) */
			if (uri == NULL ||
			    (g_strcmp0(g_uri_get_scheme(uri), "http") != 0 && !ftp) ||
			    g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0' ||
			    (g_uri_get_userinfo(uri) != NULL && !ftp)) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
					    "%s: only http://host[:port]/path and "
					    "ftp://[user[:password]@]host[:port]/path URLs are "
					    "supported",
					    value);
				return FALSE;
			}
		}
		g_free(diag->url);
		diag->url = g_strdup(value);
		return TRUE;
	}
	if (uint_param != NULL) {
		if (!cwmp_tr143_util_parse_uint(value, uint_param->min, uint_param->max, &number,
						error))
			return FALSE;
		*cwmp_tr143_http_uint_member(diag, uint_param) = number;
		return TRUE;
	}
	if (g_strcmp0(name, "ProtocolVersion") == 0) {
		if (!cwmp_tr143_util_validate_protocol_version(value, error))
			return FALSE;
		g_free(diag->protocol);
		diag->protocol = g_strdup(value);
		return TRUE;
	}
	if (g_strcmp0(name, "TestFileLength") == 0) {
		guint64 length = 0;
		if (!cwmp_value_parse_unsigned_long(value, &length, error))
			return FALSE;
		diag->file_length = length;
		return TRUE;
	}
	if (g_strcmp0(name, "EnablePerConnectionResults") == 0)
		return cwmp_value_parse_boolean(value, &diag->per_connection, error);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "%s is not writable",
		    name);
	return FALSE;
}

static gboolean
cwmp_tr143_http_validate(CwmpDmObject *object,
			 const gchar  *name,
			 const gchar  *value,
			 gpointer      user_data,
			 GError	     **error)
{
	CwmpTr143HttpDiag *diag = cwmp_tr143_http_lookup(user_data, object);
	CwmpTr143HttpDiag  scratch;

	if (diag == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "not started");
		return FALSE;
	}
	/* check on a copy: validation has no side effect */
	scratch = *diag;
	scratch.interface = NULL;
	scratch.url = NULL;
	scratch.protocol = NULL;
	if (!cwmp_tr143_http_diag_apply(&scratch, name, value, TRUE, error))
		return FALSE;
	g_free(scratch.interface);
	g_free(scratch.url);
	g_free(scratch.protocol);
	return TRUE;
}

static gboolean
cwmp_tr143_http_set(CwmpDmObject *object,
		    const gchar	 *name,
		    const gchar	 *value,
		    gpointer	  user_data,
		    GError	**error)
{
	CwmpTr143HttpDiag *diag = cwmp_tr143_http_lookup(user_data, object);

	if (diag == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "not started");
		return FALSE;
	}
	return cwmp_tr143_http_diag_apply(diag, name, value, FALSE, error);
}

static gchar *
cwmp_tr143_http_format_u64(guint64 value)
{
	return g_strdup_printf("%" G_GUINT64_FORMAT, value);
}

static gchar *
cwmp_tr143_http_get_times(const CwmpTr143HttpClientTimes *t, gboolean upload, const gchar *name)
{
	if (g_strcmp0(name, "ROMTime") == 0)
		return cwmp_tr143_util_format_time(t != NULL ? t->rom : 0);
	if (g_strcmp0(name, "BOMTime") == 0)
		return cwmp_tr143_util_format_time(t != NULL ? t->bom : 0);
	if (g_strcmp0(name, "EOMTime") == 0)
		return cwmp_tr143_util_format_time(t != NULL ? t->eom : 0);
	if (g_strcmp0(name, "TCPOpenRequestTime") == 0)
		return cwmp_tr143_util_format_time(t != NULL ? t->tcp_request : 0);
	if (g_strcmp0(name, "TCPOpenResponseTime") == 0)
		return cwmp_tr143_util_format_time(t != NULL ? t->tcp_response : 0);
	if (g_strcmp0(name, upload ? "TestBytesSent" : "TestBytesReceived") == 0)
		return cwmp_tr143_http_format_u64(t != NULL ? t->test_bytes : 0);
	if (g_strcmp0(name, "TotalBytesReceived") == 0)
		return cwmp_tr143_http_format_u64(t != NULL ? t->total_rx : 0);
	if (g_strcmp0(name, "TotalBytesSent") == 0)
		return cwmp_tr143_http_format_u64(t != NULL ? t->total_tx : 0);
	return NULL;
}

static gchar *
cwmp_tr143_http_get(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	CwmpTr143HttpDiag	  *diag = cwmp_tr143_http_lookup(user_data, object);
	const CwmpTr143HttpUint	  *uint_param = cwmp_tr143_http_find_uint(name);
	CwmpTr143HttpClientResult *r;
	gchar			  *value;

	if (diag == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "not started");
		return NULL;
	}
	if (uint_param != NULL)
		return g_strdup_printf("%u", *cwmp_tr143_http_uint_member(diag, uint_param));
	r = cwmp_tr143_http_diag_has_results(diag) ? diag->result : NULL;
	/* while the test runs: the bytes so far (TR-181 defines the results once
	 * it is Complete; this lets a local client show progress) */
	if (diag->live != NULL &&
	    g_strcmp0(cwmp_tr143_machine_get_state(diag->machine), "Requested") == 0 &&
	    g_strcmp0(name, diag->upload ? "TestBytesSent" : "TestBytesReceived") == 0)
		return cwmp_tr143_http_format_u64(__atomic_load_n(diag->live, __ATOMIC_RELAXED));
	if (g_strcmp0(name, "DiagnosticsState") == 0)
		return g_strdup(cwmp_tr143_machine_get_state(diag->machine));
	if (g_strcmp0(name, "Interface") == 0)
		return g_strdup(diag->interface);
	if (g_strcmp0(name, "DownloadURL") == 0 || g_strcmp0(name, "UploadURL") == 0)
		return g_strdup(diag->url);
	if (g_strcmp0(name, "DownloadTransports") == 0 || g_strcmp0(name, "UploadTransports") == 0)
		return g_strdup("HTTP,FTP");
	if (g_strcmp0(name, "TestFileLength") == 0)
		return cwmp_tr143_http_format_u64(diag->file_length);
	if (g_strcmp0(name, "ProtocolVersion") == 0)
		return g_strdup(diag->protocol);
	if (g_strcmp0(name, "IPAddressUsed") == 0)
		return g_strdup(r != NULL && r->ip_address_used != NULL ? r->ip_address_used : "");
	if (g_strcmp0(name, "DownloadDiagnosticMaxConnections") == 0 || g_strcmp0(name, "UploadDiag"
											"nosticsMax"
											"Connection"
											"s") == 0)
		return g_strdup_printf("%u", CWMP_TR143_HTTP_MAX_CONNECTIONS);
	if (g_strcmp0(name, "DownloadDiagnosticsMaxIncrementalResult") == 0 ||
	    g_strcmp0(name, "UploadDiagnosticsMaxIncrementalResult") == 0)
		return g_strdup_printf("%u", CWMP_TR143_HTTP_MAX_INCREMENTS);
	if (g_strcmp0(name, "TestBytesReceivedUnderFullLoading") == 0 || g_strcmp0(name, "TestBytes"
											 "SentUnder"
											 "FullLoadi"
											 "ng") == 0)
		return cwmp_tr143_http_format_u64(r != NULL ? r->test_bytes_full : 0);
	if (g_strcmp0(name, "TotalBytesReceivedUnderFullLoading") == 0)
		return cwmp_tr143_http_format_u64(r != NULL ? r->total_rx_full : 0);
	if (g_strcmp0(name, "TotalBytesSentUnderFullLoading") == 0)
		return cwmp_tr143_http_format_u64(r != NULL ? r->total_tx_full : 0);
	if (g_strcmp0(name, "PeriodOfFullLoading") == 0)
		return g_strdup_printf("%u",
				       r != NULL ? (guint) MIN(r->period_full_us, G_MAXUINT) : 0);
	if (g_strcmp0(name, "PerConnectionResultNumberOfEntries") == 0)
		return g_strdup_printf("%u",
				       r != NULL && diag->per_connection ? r->connections->len : 0);
	if (g_strcmp0(name, "EnablePerConnectionResults") == 0)
		return g_strdup(diag->per_connection ? "true" : "false");
	if (g_strcmp0(name, "IncrementalResultNumberOfEntries") == 0)
		return g_strdup_printf("%u", r != NULL ? r->increments->len : 0);
	value = cwmp_tr143_http_get_times(r != NULL ? &r->total : NULL, diag->upload, name);
	if (value != NULL)
		return value;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

static gchar *
cwmp_tr143_http_get_connection(CwmpDmObject *object,
			       const gchar  *name,
			       gpointer	     user_data,
			       GError	   **error)
{
	CwmpTr143HttpDiag *diag = cwmp_tr143_http_lookup(user_data, object);
	guint		   index = cwmp_tr143_util_row_index(object);
	gchar		  *value;

	if (diag == NULL || !cwmp_tr143_http_diag_has_results(diag) || index == 0 ||
	    index > diag->result->connections->len) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no such result");
		return NULL;
	}
	value = cwmp_tr143_http_get_times(
	    &g_array_index(diag->result->connections, CwmpTr143HttpClientTimes, index - 1),
	    diag->upload, name);
	if (value == NULL)
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "unknown parameter %s", name);
	return value;
}

static gchar *
cwmp_tr143_http_get_increment(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr143HttpDiag	     *diag = cwmp_tr143_http_lookup(user_data, object);
	guint			      index = cwmp_tr143_util_row_index(object);
	CwmpTr143HttpClientIncrement *increment;

	if (diag == NULL || !cwmp_tr143_http_diag_has_results(diag) || index == 0 ||
	    index > diag->result->increments->len) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no such result");
		return NULL;
	}
	increment =
	    &g_array_index(diag->result->increments, CwmpTr143HttpClientIncrement, index - 1);
	if (g_strcmp0(name, "TestBytesReceived") == 0 || g_strcmp0(name, "TestBytesSent") == 0)
		return cwmp_tr143_http_format_u64(increment->test_bytes);
	if (g_strcmp0(name, "TotalBytesReceived") == 0)
		return cwmp_tr143_http_format_u64(increment->total_rx);
	if (g_strcmp0(name, "TotalBytesSent") == 0)
		return cwmp_tr143_http_format_u64(increment->total_tx);
	if (g_strcmp0(name, "StartTime") == 0)
		return cwmp_tr143_util_format_time(increment->start);
	if (g_strcmp0(name, "EndTime") == 0)
		return cwmp_tr143_util_format_time(increment->end);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

static gboolean
cwmp_tr143_http_enumerate(CwmpDmObject	     *parent,
			  const gchar	     *table,
			  CwmpDmInstanceList *list,
			  gpointer	      user_data,
			  GError	    **error)
{
	CwmpTr143HttpDiag *diag = cwmp_tr143_http_lookup(user_data, parent);
	guint		   n = 0;

	if (diag == NULL || !cwmp_tr143_http_diag_has_results(diag))
		return TRUE;
	if (g_strcmp0(table, "PerConnectionResult") == 0)
		n = diag->per_connection ? diag->result->connections->len : 0;
	else if (g_strcmp0(table, "IncrementalResult") == 0)
		n = diag->result->increments->len;
	cwmp_tr143_util_add_rows(list, n);
	return TRUE;
}

#define CWMP_TR143_HTTP_RW(n)                                                                      \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_http_get, .set = cwmp_tr143_http_set,                 \
		.validate = cwmp_tr143_http_validate,                                              \
	}
#define CWMP_TR143_HTTP_RO(n)                                                                      \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_http_get,                                             \
	}
#define CWMP_TR143_HTTP_CONN(n)                                                                    \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_http_get_connection,                                  \
	}
#define CWMP_TR143_HTTP_INCR(n)                                                                    \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_http_get_increment,                                   \
	}

static const CwmpDmParamDef cwmp_tr143_http_download_params[] = {
    CWMP_TR143_HTTP_RW("DiagnosticsState"),
    CWMP_TR143_HTTP_RW("Interface"),
    CWMP_TR143_HTTP_RW("DownloadURL"),
    CWMP_TR143_HTTP_RO("DownloadTransports"),
    CWMP_TR143_HTTP_RW("DSCP"),
    CWMP_TR143_HTTP_RW("EthernetPriority"),
    CWMP_TR143_HTTP_RW("TimeBasedTestDuration"),
    CWMP_TR143_HTTP_RW("TimeBasedTestMeasurementInterval"),
    CWMP_TR143_HTTP_RW("TimeBasedTestMeasurementOffset"),
    CWMP_TR143_HTTP_RW("ProtocolVersion"),
    CWMP_TR143_HTTP_RW("NumberOfConnections"),
    CWMP_TR143_HTTP_RO("IPAddressUsed"),
    CWMP_TR143_HTTP_RO("DownloadDiagnosticMaxConnections"),
    CWMP_TR143_HTTP_RO("DownloadDiagnosticsMaxIncrementalResult"),
    CWMP_TR143_HTTP_RO("ROMTime"),
    CWMP_TR143_HTTP_RO("BOMTime"),
    CWMP_TR143_HTTP_RO("EOMTime"),
    CWMP_TR143_HTTP_RO("TestBytesReceived"),
    CWMP_TR143_HTTP_RO("TotalBytesReceived"),
    CWMP_TR143_HTTP_RO("TotalBytesSent"),
    CWMP_TR143_HTTP_RO("TestBytesReceivedUnderFullLoading"),
    CWMP_TR143_HTTP_RO("TotalBytesReceivedUnderFullLoading"),
    CWMP_TR143_HTTP_RO("TotalBytesSentUnderFullLoading"),
    CWMP_TR143_HTTP_RO("PeriodOfFullLoading"),
    CWMP_TR143_HTTP_RO("TCPOpenRequestTime"),
    CWMP_TR143_HTTP_RO("TCPOpenResponseTime"),
    CWMP_TR143_HTTP_RO("PerConnectionResultNumberOfEntries"),
    CWMP_TR143_HTTP_RW("EnablePerConnectionResults"),
    CWMP_TR143_HTTP_RO("IncrementalResultNumberOfEntries"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_http_upload_params[] = {
    CWMP_TR143_HTTP_RW("DiagnosticsState"),
    CWMP_TR143_HTTP_RW("Interface"),
    CWMP_TR143_HTTP_RW("UploadURL"),
    CWMP_TR143_HTTP_RO("UploadTransports"),
    CWMP_TR143_HTTP_RW("DSCP"),
    CWMP_TR143_HTTP_RW("EthernetPriority"),
    CWMP_TR143_HTTP_RW("TestFileLength"),
    CWMP_TR143_HTTP_RW("TimeBasedTestDuration"),
    CWMP_TR143_HTTP_RW("TimeBasedTestMeasurementInterval"),
    CWMP_TR143_HTTP_RW("TimeBasedTestMeasurementOffset"),
    CWMP_TR143_HTTP_RW("ProtocolVersion"),
    CWMP_TR143_HTTP_RW("NumberOfConnections"),
    CWMP_TR143_HTTP_RO("IPAddressUsed"),
    CWMP_TR143_HTTP_RO("UploadDiagnosticsMaxConnections"),
    CWMP_TR143_HTTP_RO("UploadDiagnosticsMaxIncrementalResult"),
    CWMP_TR143_HTTP_RO("ROMTime"),
    CWMP_TR143_HTTP_RO("BOMTime"),
    CWMP_TR143_HTTP_RO("EOMTime"),
    CWMP_TR143_HTTP_RO("TestBytesSent"),
    CWMP_TR143_HTTP_RO("TotalBytesReceived"),
    CWMP_TR143_HTTP_RO("TotalBytesSent"),
    CWMP_TR143_HTTP_RO("TestBytesSentUnderFullLoading"),
    CWMP_TR143_HTTP_RO("TotalBytesReceivedUnderFullLoading"),
    CWMP_TR143_HTTP_RO("TotalBytesSentUnderFullLoading"),
    CWMP_TR143_HTTP_RO("PeriodOfFullLoading"),
    CWMP_TR143_HTTP_RO("TCPOpenRequestTime"),
    CWMP_TR143_HTTP_RO("TCPOpenResponseTime"),
    CWMP_TR143_HTTP_RO("PerConnectionResultNumberOfEntries"),
    CWMP_TR143_HTTP_RW("EnablePerConnectionResults"),
    CWMP_TR143_HTTP_RO("IncrementalResultNumberOfEntries"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_http_download_connection_params[] = {
    CWMP_TR143_HTTP_CONN("ROMTime"),
    CWMP_TR143_HTTP_CONN("BOMTime"),
    CWMP_TR143_HTTP_CONN("EOMTime"),
    CWMP_TR143_HTTP_CONN("TestBytesReceived"),
    CWMP_TR143_HTTP_CONN("TotalBytesReceived"),
    CWMP_TR143_HTTP_CONN("TotalBytesSent"),
    CWMP_TR143_HTTP_CONN("TCPOpenRequestTime"),
    CWMP_TR143_HTTP_CONN("TCPOpenResponseTime"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_http_upload_connection_params[] = {
    CWMP_TR143_HTTP_CONN("ROMTime"),
    CWMP_TR143_HTTP_CONN("BOMTime"),
    CWMP_TR143_HTTP_CONN("EOMTime"),
    CWMP_TR143_HTTP_CONN("TestBytesSent"),
    CWMP_TR143_HTTP_CONN("TotalBytesReceived"),
    CWMP_TR143_HTTP_CONN("TotalBytesSent"),
    CWMP_TR143_HTTP_CONN("TCPOpenRequestTime"),
    CWMP_TR143_HTTP_CONN("TCPOpenResponseTime"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_http_download_increment_params[] = {
    CWMP_TR143_HTTP_INCR("TestBytesReceived"), CWMP_TR143_HTTP_INCR("TotalBytesReceived"),
    CWMP_TR143_HTTP_INCR("TotalBytesSent"),    CWMP_TR143_HTTP_INCR("StartTime"),
    CWMP_TR143_HTTP_INCR("EndTime"),	       {NULL},
};

static const CwmpDmParamDef cwmp_tr143_http_upload_increment_params[] = {
    CWMP_TR143_HTTP_INCR("TestBytesSent"),  CWMP_TR143_HTTP_INCR("TotalBytesReceived"),
    CWMP_TR143_HTTP_INCR("TotalBytesSent"), CWMP_TR143_HTTP_INCR("StartTime"),
    CWMP_TR143_HTTP_INCR("EndTime"),	    {NULL},
};

static const CwmpDmObjectDef cwmp_tr143_http_download_object = {
    .path = CWMP_TR143_HTTP_DOWNLOAD_PATH,
    .params = cwmp_tr143_http_download_params,
};
static const CwmpDmObjectDef cwmp_tr143_http_download_connection_object = {
    .path = CWMP_TR143_HTTP_DOWNLOAD_PATH "PerConnectionResult.{i}.",
    .params = cwmp_tr143_http_download_connection_params,
    .enumerate = cwmp_tr143_http_enumerate,
};
static const CwmpDmObjectDef cwmp_tr143_http_download_increment_object = {
    .path = CWMP_TR143_HTTP_DOWNLOAD_PATH "IncrementalResult.{i}.",
    .params = cwmp_tr143_http_download_increment_params,
    .enumerate = cwmp_tr143_http_enumerate,
};
static const CwmpDmObjectDef cwmp_tr143_http_upload_object = {
    .path = CWMP_TR143_HTTP_UPLOAD_PATH,
    .params = cwmp_tr143_http_upload_params,
};
static const CwmpDmObjectDef cwmp_tr143_http_upload_connection_object = {
    .path = CWMP_TR143_HTTP_UPLOAD_PATH "PerConnectionResult.{i}.",
    .params = cwmp_tr143_http_upload_connection_params,
    .enumerate = cwmp_tr143_http_enumerate,
};
static const CwmpDmObjectDef cwmp_tr143_http_upload_increment_object = {
    .path = CWMP_TR143_HTTP_UPLOAD_PATH "IncrementalResult.{i}.",
    .params = cwmp_tr143_http_upload_increment_params,
    .enumerate = cwmp_tr143_http_enumerate,
};

static const CwmpDmObjectDef *const cwmp_tr143_http_objects[] = {
    &cwmp_tr143_http_download_object,
    &cwmp_tr143_http_download_connection_object,
    &cwmp_tr143_http_download_increment_object,
    &cwmp_tr143_http_upload_object,
    &cwmp_tr143_http_upload_connection_object,
    &cwmp_tr143_http_upload_increment_object,
    NULL,
};

/* --- module --------------------------------------------------------------- */

static void
cwmp_tr143_http_diag_init(CwmpTr143Plugin *self, CwmpTr143HttpDiag *diag, gboolean upload)
{
	g_autoptr(GError) error = NULL;

	diag->plugin = self;
	diag->upload = upload;
	diag->path = upload ? CWMP_TR143_HTTP_UPLOAD_PATH : CWMP_TR143_HTTP_DOWNLOAD_PATH;
	cwmp_tr143_http_diag_reset(diag);
	diag->machine = cwmp_tr143_machine_new(self, upload ? "upload" : "download", diag->path,
					       &cwmp_tr143_http_machine_funcs, diag);
	if (!cwmp_tr143_machine_load(diag->machine, &error))
		g_warning("%s: %s", diag->path, error->message);
	/* results are shown after a complete test only */
	if (g_strcmp0(cwmp_tr143_machine_get_state(diag->machine), "Complete") != 0)
		g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
}

static void
cwmp_tr143_http_diag_clear(CwmpTr143HttpDiag *diag)
{
	g_clear_pointer(&diag->machine, cwmp_tr143_machine_free);
	g_clear_pointer(&diag->result, cwmp_tr143_http_client_result_free);
	g_clear_pointer(&diag->live, g_atomic_rc_box_release);
	g_free(diag->interface);
	g_free(diag->url);
	g_free(diag->protocol);
}

static gboolean
cwmp_tr143_http_start(CwmpTr143Plugin *self, GError **error)
{
	CwmpTr143Http *http = g_new0(CwmpTr143Http, 1);

	self->http = http;
	cwmp_tr143_http_diag_init(self, &http->download, FALSE);
	cwmp_tr143_http_diag_init(self, &http->upload, TRUE);
	return TRUE;
}

static void
cwmp_tr143_http_stop(CwmpTr143Plugin *self)
{
	CwmpTr143Http *http = self->http;

	if (http == NULL)
		return;
	cwmp_tr143_http_diag_clear(&http->download);
	cwmp_tr143_http_diag_clear(&http->upload);
	g_free(http);
	self->http = NULL;
}

const CwmpTr143Module cwmp_tr143_http_module = {
    .name = "http",
    .objects = cwmp_tr143_http_objects,
    .start = cwmp_tr143_http_start,
    .stop = cwmp_tr143_http_stop,
};
