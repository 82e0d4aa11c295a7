/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.DNS.Diagnostics.NSLookupDiagnostics. (TR-181): NumberOfRepetitions
 * lookups of HostName at DNSServer, each an A query then an AAAA query over
 * UDP (cwmp-tr143-dns.c says why not GResolver), each waiting up to Timeout
 * ms; one Result.{i}. row per repetition. A truncated reply is used as far
 * as it goes (no TCP retry).
 *
 * DNSServer is an address, a host name (resolved with the system resolver),
 * a reference to Device.DNS.Client.Server.{i}. (its DNSServer), or empty: the
 * first nameserver of /etc/resolv.conf.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-dns.h"
#include "cwmp-tr143-ip-private.h"

#define CWMP_TR143_NSLOOKUP_PATH "Device.DNS.Diagnostics.NSLookupDiagnostics."

#define CWMP_TR143_NSLOOKUP_PORT	  53
#define CWMP_TR143_NSLOOKUP_MAX_ADDRESSES 10
#define CWMP_TR143_NSLOOKUP_RESOLV_CONF	  "/etc/resolv.conf"

static const gchar *const cwmp_tr143_nslookup_params[] = {
    "Interface",	   "",	"HostName", "", "DNSServer", "", "Timeout", "5000",
    "NumberOfRepetitions", "1", NULL,
};

static const gchar *const cwmp_tr143_nslookup_results[] = {
    "ResultNumberOfEntries", "0", "SuccessCount", "0", NULL,
};

/* how one query ended, worst first */
typedef enum {
	CWMP_TR143_NSLOOKUP_OTHER,
	CWMP_TR143_NSLOOKUP_TIMEOUT,
	CWMP_TR143_NSLOOKUP_NOT_AVAILABLE,
	CWMP_TR143_NSLOOKUP_NOT_RESOLVED,
	CWMP_TR143_NSLOOKUP_SUCCESS,
} CwmpTr143NslookupOutcome;

static const gchar *const cwmp_tr143_nslookup_status[] = {
    [CWMP_TR143_NSLOOKUP_OTHER] = "Error_Other",
    [CWMP_TR143_NSLOOKUP_TIMEOUT] = "Error_Timeout",
    [CWMP_TR143_NSLOOKUP_NOT_AVAILABLE] = "Error_DNSServerNotAvailable",
    [CWMP_TR143_NSLOOKUP_NOT_RESOLVED] = "Error_HostNameNotResolved",
    [CWMP_TR143_NSLOOKUP_SUCCESS] = "Success",
};

typedef struct {
	CwmpTr143Diag  *diag;
	GCancellable   *cancellable;
	gchar	       *ifname;
	GSocketAddress *server;
	gchar	       *server_ip;
	guint		repetitions;
	guint		timeout_ms;
	guint		repetition;
	guint		successes;
	/* the query in flight */
	guint16	 qtype;
	guint16	 id;
	GSocket *socket;
	GSource *read_source;
	GSource *timeout_source;
	gint64	 started;
	/* the repetition so far */
	CwmpTr143NslookupOutcome outcome;
	gboolean		 authoritative;
	gchar			*name_returned;
	GPtrArray		*addresses;
} CwmpTr143NslookupJob;

static void
cwmp_tr143_nslookup_close(CwmpTr143NslookupJob *job)
{
	if (job->read_source != NULL) {
		g_source_destroy(job->read_source);
		g_clear_pointer(&job->read_source, g_source_unref);
	}
	if (job->timeout_source != NULL) {
		g_source_destroy(job->timeout_source);
		g_clear_pointer(&job->timeout_source, g_source_unref);
	}
	g_clear_object(&job->socket);
}

static void
cwmp_tr143_nslookup_job_free(CwmpTr143NslookupJob *job)
{
	cwmp_tr143_nslookup_close(job);
	g_object_unref(job->cancellable);
	g_clear_object(&job->server);
	g_free(job->server_ip);
	g_free(job->ifname);
	g_free(job->name_returned);
	if (job->addresses != NULL)
		g_ptr_array_unref(job->addresses);
	g_free(job);
}

static void
cwmp_tr143_nslookup_job_end(CwmpTr143NslookupJob *job, const gchar *state)
{
	/* once canceled the diagnostic may be gone (the plugin stopped) */
	if (!g_cancellable_is_cancelled(job->cancellable))
		cwmp_tr143_diag_finish(job->diag, job->cancellable, state);
	cwmp_tr143_nslookup_job_free(job);
}

static void
cwmp_tr143_nslookup_query(CwmpTr143NslookupJob *job);

static void
cwmp_tr143_nslookup_repetition_start(CwmpTr143NslookupJob *job)
{
	job->outcome = CWMP_TR143_NSLOOKUP_OTHER;
	job->authoritative = FALSE;
	g_clear_pointer(&job->name_returned, g_free);
	if (job->addresses != NULL)
		g_ptr_array_unref(job->addresses);
	job->addresses = g_ptr_array_new_with_free_func(g_free);
	job->qtype = CWMP_TR143_DNS_TYPE_A;
	job->started = g_get_monotonic_time();
	cwmp_tr143_nslookup_query(job);
}

/* both queries of the repetition are answered or gave up: one Result row */
static void
cwmp_tr143_nslookup_repetition_done(CwmpTr143NslookupJob *job)
{
	CwmpTr143Diag	 *diag = job->diag;
	guint		  row = cwmp_tr143_diag_add_row(diag);
	gboolean	  success = job->outcome == CWMP_TR143_NSLOOKUP_SUCCESS;
	guint64		  ms = (guint64) (g_get_monotonic_time() - job->started + 999) / 1000;
	g_autofree gchar *time = g_strdup_printf("%" G_GUINT64_FORMAT, success ? ms : 0);
	g_autofree gchar *addresses = NULL;

	g_ptr_array_add(job->addresses, NULL);
	addresses = g_strjoinv(",", (gchar **) job->addresses->pdata);
	g_ptr_array_remove_index(job->addresses, job->addresses->len - 1);
	cwmp_tr143_diag_set_row_value(diag, row, "Status",
				      cwmp_tr143_nslookup_status[job->outcome]);
	cwmp_tr143_diag_set_row_value(diag, row, "AnswerType",
				      !success		   ? "None"
				      : job->authoritative ? "Authoritative"
							   : "NonAuthoritative");
	cwmp_tr143_diag_set_row_value(diag, row, "HostNameReturned",
				      success && job->name_returned != NULL ? job->name_returned
									    : "");
	cwmp_tr143_diag_set_row_value(diag, row, "IPAddresses", addresses);
	cwmp_tr143_diag_set_row_value(diag, row, "DNSServerIP", job->server_ip);
	cwmp_tr143_diag_set_row_value(diag, row, "ResponseTime", time);
	if (success)
		job->successes++;
	cwmp_tr143_diag_set_result_uint(diag, "ResultNumberOfEntries", row + 1);
	cwmp_tr143_diag_set_result_uint(diag, "SuccessCount", job->successes);
	job->repetition++;
	if (job->repetition >= job->repetitions) {
		cwmp_tr143_nslookup_job_end(job, "Complete");
		return;
	}
	cwmp_tr143_nslookup_repetition_start(job);
}

/* one query ended with @outcome; the repetition keeps the best one */
static void
cwmp_tr143_nslookup_query_done(CwmpTr143NslookupJob *job, CwmpTr143NslookupOutcome outcome)
{
	cwmp_tr143_nslookup_close(job);
	job->outcome = MAX(job->outcome, outcome);
	if (job->qtype == CWMP_TR143_DNS_TYPE_A) {
		job->qtype = CWMP_TR143_DNS_TYPE_AAAA;
		cwmp_tr143_nslookup_query(job);
		return;
	}
	cwmp_tr143_nslookup_repetition_done(job);
}

static gboolean
cwmp_tr143_nslookup_timeout_cb(gpointer user_data)
{
	CwmpTr143NslookupJob *job = user_data;
	g_clear_pointer(&job->timeout_source, g_source_unref);
	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_nslookup_job_free(job);
		return G_SOURCE_REMOVE;
	}
	cwmp_tr143_nslookup_query_done(job, CWMP_TR143_NSLOOKUP_TIMEOUT);
	return G_SOURCE_REMOVE;
}

static void
cwmp_tr143_nslookup_take_reply(CwmpTr143NslookupJob *job, CwmpTr143DnsReply *reply)
{
	CwmpTr143NslookupOutcome outcome;

	if (reply->rcode == CWMP_TR143_DNS_RCODE_NOERROR && reply->addresses->len > 0) {
		outcome = CWMP_TR143_NSLOOKUP_SUCCESS;
		job->authoritative = job->authoritative || reply->authoritative;
		if (job->name_returned == NULL)
			job->name_returned = g_strdup(reply->answer_name);
		for (guint i = 0; i < reply->addresses->len &&
				  job->addresses->len < CWMP_TR143_NSLOOKUP_MAX_ADDRESSES;
		     i++)
			g_ptr_array_add(job->addresses,
					g_strdup(g_ptr_array_index(reply->addresses, i)));
	} else if (reply->rcode == CWMP_TR143_DNS_RCODE_NXDOMAIN ||
		   reply->rcode == CWMP_TR143_DNS_RCODE_NOERROR) {
		/* no such name, or no address of this type */
		outcome = CWMP_TR143_NSLOOKUP_NOT_RESOLVED;
	} else if (reply->rcode == CWMP_TR143_DNS_RCODE_SERVFAIL) {
		outcome = CWMP_TR143_NSLOOKUP_NOT_AVAILABLE;
	} else {
		outcome = CWMP_TR143_NSLOOKUP_OTHER;
	}
	cwmp_tr143_nslookup_query_done(job, outcome);
}

static gboolean
cwmp_tr143_nslookup_readable_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	CwmpTr143NslookupJob *job = user_data;
	guint8		      buffer[4096];

	if (g_cancellable_is_cancelled(job->cancellable)) {
		g_clear_pointer(&job->read_source, g_source_unref);
		cwmp_tr143_nslookup_job_free(job);
		return G_SOURCE_REMOVE;
	}
	for (;;) {
		gssize n = recv(g_socket_get_fd(socket), buffer, sizeof(buffer), MSG_DONTWAIT);
		g_autoptr(CwmpTr143DnsReply) reply = NULL;
		g_autoptr(GError) error = NULL;
		g_autofree gchar *qname = NULL;

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n < 0) {
			/* ICMP port unreachable: nothing serves DNS there */
			g_info("NSLookup: %s: %s", job->server_ip, g_strerror(errno));
			cwmp_tr143_nslookup_query_done(job, CWMP_TR143_NSLOOKUP_NOT_AVAILABLE);
			return G_SOURCE_CONTINUE;
		}
		reply = cwmp_tr143_dns_parse_reply(buffer, (gsize) n, &error);
		if (reply == NULL) {
			g_info("NSLookup: a malformed reply from %s: %s", job->server_ip,
			       error->message);
			continue;
		}
		qname = g_strdup(cwmp_tr143_diag_get_param(job->diag, "HostName"));
		if (qname[0] != '\0' && qname[strlen(qname) - 1] == '.')
			qname[strlen(qname) - 1] = '\0';
		/* not the answer to this question: a late or spoofed one */
		if (reply->id != job->id || reply->qtype != job->qtype ||
		    g_ascii_strcasecmp(reply->qname, qname) != 0)
			continue;
		cwmp_tr143_nslookup_take_reply(job, reply);
		return G_SOURCE_CONTINUE;
	}
	return G_SOURCE_CONTINUE;
}

static void
cwmp_tr143_nslookup_query(CwmpTr143NslookupJob *job)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) query = NULL;
	gint family = g_socket_address_get_family(job->server) == G_SOCKET_FAMILY_IPV6 ? AF_INET6
										       : AF_INET;
	gint fd;

	job->id = (guint16) g_random_int_range(0, 0x10000);
	query = cwmp_tr143_dns_build_query(
	    job->id, cwmp_tr143_diag_get_param(job->diag, "HostName"), job->qtype, &error);
	if (query == NULL) {
		g_info("NSLookup: %s", error->message);
		cwmp_tr143_nslookup_query_done(job, CWMP_TR143_NSLOOKUP_NOT_RESOLVED);
		return;
	}
	/* a new socket (a new source port) for every query */
	fd = cwmp_tr143_echo_open_socket(family, SOCK_STREAM, NULL, &error);
	if (fd >= 0 && !cwmp_tr143_echo_setup_socket(fd, family, job->ifname, 0, &error)) {
		close(fd);
		fd = -1;
	}
	if (fd >= 0) {
		job->socket = g_socket_new_from_fd(fd, &error);
		if (job->socket == NULL)
			close(fd);
	}
	if (job->socket == NULL || !g_socket_connect(job->socket, job->server, NULL, &error) ||
	    g_socket_send(job->socket, g_bytes_get_data(query, NULL), g_bytes_get_size(query), NULL,
			  &error) < 0) {
		g_info("NSLookup: querying %s: %s", job->server_ip, error->message);
		cwmp_tr143_nslookup_query_done(job, CWMP_TR143_NSLOOKUP_NOT_AVAILABLE);
		return;
	}
	job->read_source = g_socket_create_source(job->socket, G_IO_IN, job->cancellable);
	g_source_set_callback(job->read_source,
			      (GSourceFunc) (GCallback) cwmp_tr143_nslookup_readable_cb, job, NULL);
	g_source_attach(job->read_source, NULL);
	job->timeout_source = g_timeout_source_new(job->timeout_ms);
	g_source_set_callback(job->timeout_source, cwmp_tr143_nslookup_timeout_cb, job, NULL);
	g_source_attach(job->timeout_source, NULL);
}

static void
cwmp_tr143_nslookup_server_ready(CwmpTr143NslookupJob *job, GInetAddress *address)
{
	job->server = g_inet_socket_address_new(address, CWMP_TR143_NSLOOKUP_PORT);
	job->server_ip = g_inet_address_to_string(address);
	cwmp_tr143_nslookup_repetition_start(job);
}

static void
cwmp_tr143_nslookup_resolve_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143NslookupJob *job = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(GInetAddress) address = cwmp_tr143_echo_resolve_finish(result, &error);

	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_nslookup_job_free(job);
		return;
	}
	if (address == NULL) {
		g_info("NSLookup: the DNS server: %s", error->message);
		cwmp_tr143_nslookup_job_end(job, "Error_DNSServerNotResolved");
		return;
	}
	cwmp_tr143_nslookup_server_ready(job, address);
}

/* the first nameserver line of resolv.conf */
static gchar *
cwmp_tr143_nslookup_system_server(void)
{
	g_autofree gchar *contents = NULL;
	g_auto(GStrv) lines = NULL;

	if (!g_file_get_contents(CWMP_TR143_NSLOOKUP_RESOLV_CONF, &contents, NULL, NULL))
		return NULL;
	lines = g_strsplit(contents, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_auto(GStrv) words = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
		guint n = 0;
		while (words[n] != NULL)
			n++;
		if (n >= 2 && g_strcmp0(words[0], "nameserver") == 0) {
			/* a scope (fe80::1%eth0) is not for us */
			gchar *percent = strchr(words[1], '%');
			if (percent != NULL)
				*percent = '\0';
			return g_strdup(words[1]);
		}
	}
	return NULL;
}

/* DNSServer as an address or a name to resolve; NULL when a reference leads nowhere */
static gchar *
cwmp_tr143_nslookup_server_name(CwmpTr143Plugin *plugin, const gchar *value, GError **error)
{
	g_autofree gchar *path = NULL;
	gsize		  len = strlen(value);

	if (value[0] == '\0')
		return cwmp_tr143_nslookup_system_server();
	if (!g_str_has_prefix(value, "Device."))
		return g_strdup(value);
	if (!g_str_has_prefix(value, "Device.DNS.Client.Server.") || plugin->ctx == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a reference to a Device.DNS.Client.Server.{i}. object",
			    value);
		return NULL;
	}
	path = g_strconcat(value, value[len - 1] == '.' ? "DNSServer" : ".DNSServer", NULL);
	return cwmp_dm_get_value(cwmp_plugin_context_get_dm(plugin->ctx), path, error);
}

static void
cwmp_tr143_nslookup_run(CwmpTr143Diag *diag, GCancellable *cancellable)
{
	CwmpTr143NslookupJob *job = g_new0(CwmpTr143NslookupJob, 1);
	CwmpTr143Plugin	     *plugin = cwmp_tr143_diag_get_plugin(diag);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *server = NULL;
	guint		  timeout = cwmp_tr143_diag_get_param_uint(diag, "Timeout");

	job->diag = diag;
	job->cancellable = g_object_ref(cancellable);
	job->repetitions = MAX(cwmp_tr143_diag_get_param_uint(diag, "NumberOfRepetitions"), 1);
	/* Timeout has no lower bound in the schema: 0 means the default */
	job->timeout_ms = timeout > 0 ? timeout : 5000;
	if (!cwmp_tr143_diag_resolve_ifname(diag, &job->ifname)) {
		cwmp_tr143_nslookup_job_end(job, "Error_Other");
		return;
	}
	server = cwmp_tr143_nslookup_server_name(
	    plugin, cwmp_tr143_diag_get_param(diag, "DNSServer"), &error);
	if (server == NULL || server[0] == '\0') {
		g_info("NSLookup: no DNS server: %s",
		       error != NULL ? error->message : "none configured");
		cwmp_tr143_nslookup_job_end(job, "Error_DNSServerNotResolved");
		return;
	}
	cwmp_tr143_echo_resolve_async(server, "Any", cancellable, cwmp_tr143_nslookup_resolve_cb,
				      job);
}

/* DNSServer: a Device.DNS.Client.Server.{i}. reference must resolve */
static gboolean
cwmp_tr143_nslookup_validate(CwmpTr143Plugin *plugin,
			     const gchar     *name,
			     const gchar     *value,
			     GError	    **error)
{
	if (g_strcmp0(name, "DNSServer") == 0 && g_str_has_prefix(value, "Device.")) {
		g_autoptr(GError) error_local = NULL;
		g_autofree gchar *server =
		    cwmp_tr143_nslookup_server_name(plugin, value, &error_local);
		if (server == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "DNSServer %s: %s", value, error_local->message);
			return FALSE;
		}
	}
	return TRUE;
}

static const CwmpTr143DiagDesc cwmp_tr143_nslookup_desc = {
    .path = CWMP_TR143_NSLOOKUP_PATH,
    .name = "nslookup",
    .params = cwmp_tr143_nslookup_params,
    .results = cwmp_tr143_nslookup_results,
    .run = cwmp_tr143_nslookup_run,
    .validate = cwmp_tr143_nslookup_validate,
};

/* --- the data model ------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr143_nslookup_param_defs[] = {
    CWMP_TR143_DIAG_RW("DiagnosticsState"),
    CWMP_TR143_DIAG_RW("Interface"),
    CWMP_TR143_DIAG_RW("HostName"),
    CWMP_TR143_DIAG_RW("DNSServer"),
    CWMP_TR143_DIAG_RW("Timeout"),
    CWMP_TR143_DIAG_RW("NumberOfRepetitions"),
    CWMP_TR143_DIAG_RO("ResultNumberOfEntries"),
    CWMP_TR143_DIAG_RO("SuccessCount"),
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr143_nslookup_result_defs[] = {
    CWMP_TR143_DIAG_ROW("Status"),
    CWMP_TR143_DIAG_ROW("AnswerType"),
    CWMP_TR143_DIAG_ROW("HostNameReturned"),
    CWMP_TR143_DIAG_ROW("IPAddresses"),
    CWMP_TR143_DIAG_ROW("DNSServerIP"),
    CWMP_TR143_DIAG_ROW("ResponseTime"),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr143_nslookup_object = {
    .path = CWMP_TR143_NSLOOKUP_PATH,
    .params = cwmp_tr143_nslookup_param_defs,
};

static const CwmpDmObjectDef cwmp_tr143_nslookup_result_object = {
    .path = CWMP_TR143_NSLOOKUP_PATH "Result.{i}.",
    .params = cwmp_tr143_nslookup_result_defs,
    .enumerate = cwmp_tr143_diag_enumerate_cb,
};

static const CwmpDmObjectDef *const cwmp_tr143_nslookup_objects[] = {
    &cwmp_tr143_nslookup_object,
    &cwmp_tr143_nslookup_result_object,
    NULL,
};

const CwmpTr143Module cwmp_tr143_nslookup_module = {
    .name = "nslookup",
    .objects = cwmp_tr143_nslookup_objects,
    .diag = &cwmp_tr143_nslookup_desc,
};
