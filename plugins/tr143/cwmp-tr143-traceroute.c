/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP.Diagnostics.TraceRoute. (TR-143 / TR-181): UDP probes with an
 * increasing TTL (hop limit), NumberOfTries per hop, each waiting up to
 * Timeout ms. The ICMP time-exceeded and unreachable messages come back on
 * the UDP socket's error queue (IP_RECVERR / IPV6_RECVERR), which needs no
 * privilege: the offender is the hop, the destination port of the probe in
 * the returned header tells which probe it answers. Port unreachable from
 * the target (or a UDP answer) ends the route.
 */

#include "config.h"

#include <errno.h>
#include <time.h>
/* after time.h: it uses struct timespec */
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-ip-private.h"

#define CWMP_TR143_TRACEROUTE_PATH "Device.IP.Diagnostics.TraceRoute."

#define CWMP_TR143_TRACEROUTE_BASE_PORT 33434

static const gchar *const cwmp_tr143_traceroute_params[] = {
    "Interface", "",	 "ProtocolVersion", "Any", "Host", "",	"NumberOfTries", "3",
    "Timeout",	 "5000", "DataBlockSize",   "38",  "DSCP", "0", "MaxHopCount",	 "30",
    NULL,
};

static const gchar *const cwmp_tr143_traceroute_results[] = {
    "RouteHopsNumberOfEntries", "0", "IPAddressUsed", "", "ResponseTime", "0", NULL,
};

/**
 * cwmp_tr143_traceroute_is_supported:
 * @family: AF_INET or AF_INET6
 *
 * TraceRoute sends UDP and reads ICMP errors from the socket's error queue,
 * which any process may do.
 *
 * Returns: whether a UDP socket of @family opens here
 */
gboolean
cwmp_tr143_traceroute_is_supported(gint family)
{
	gint fd = cwmp_tr143_echo_open_socket(family, SOCK_STREAM, NULL, NULL);
	if (fd < 0)
		return FALSE;
	close(fd);
	return TRUE;
}

/* --- one test ------------------------------------------------------------- */

typedef struct {
	CwmpTr143Diag	       *diag;
	GCancellable	       *cancellable;
	gchar		       *ifname;
	gint			family;
	GSocketAddress	       *target;
	struct sockaddr_storage target_sa;
	socklen_t		target_len;
	GSocket		       *socket;
	GSource		       *read_source;
	GSource		       *timeout_source;
	guint			tries;
	guint			timeout_ms;
	guint			max_hops;
	guint8		       *payload;
	gsize			payload_len;
	/* the probe in flight */
	guint  ttl;
	guint  try;
	guint  seq;
	gint64 sent_at;
	/* the hop being measured */
	gchar	*hop_address;
	guint	 hop_error;
	GString *hop_times;
	guint64	 hop_sum_ms;
	guint	 hop_replies;
	gboolean hop_reached; /* the target answered */
	gboolean hop_blocked; /* an unreachable other than the port: the route ends */
} CwmpTr143TracerouteJob;

static void
cwmp_tr143_traceroute_job_free(CwmpTr143TracerouteJob *job)
{
	if (job->read_source != NULL) {
		g_source_destroy(job->read_source);
		g_source_unref(job->read_source);
	}
	if (job->timeout_source != NULL) {
		g_source_destroy(job->timeout_source);
		g_source_unref(job->timeout_source);
	}
	g_clear_object(&job->socket);
	g_clear_object(&job->target);
	g_object_unref(job->cancellable);
	g_free(job->ifname);
	g_free(job->payload);
	g_free(job->hop_address);
	if (job->hop_times != NULL)
		g_string_free(job->hop_times, TRUE);
	g_free(job);
}

static void
cwmp_tr143_traceroute_job_end(CwmpTr143TracerouteJob *job, const gchar *state)
{
	/* once canceled the diagnostic may be gone (the plugin stopped) */
	if (!g_cancellable_is_cancelled(job->cancellable))
		cwmp_tr143_diag_finish(job->diag, job->cancellable, state);
	cwmp_tr143_traceroute_job_free(job);
}

static void
cwmp_tr143_traceroute_send(CwmpTr143TracerouteJob *job);

/* the hop is measured: one RouteHops row, then the next hop or the end */
static void
cwmp_tr143_traceroute_hop_done(CwmpTr143TracerouteJob *job)
{
	CwmpTr143Diag	 *diag = job->diag;
	guint		  row = cwmp_tr143_diag_add_row(diag);
	g_autofree gchar *code = g_strdup_printf("%u", job->hop_error);

	cwmp_tr143_diag_set_row_value(diag, row, "Host",
				      job->hop_address != NULL ? job->hop_address : "");
	cwmp_tr143_diag_set_row_value(diag, row, "HostAddress",
				      job->hop_address != NULL ? job->hop_address : "");
	cwmp_tr143_diag_set_row_value(diag, row, "ErrorCode", code);
	cwmp_tr143_diag_set_row_value(diag, row, "RTTimes", job->hop_times->str);
	cwmp_tr143_diag_set_result_uint(diag, "RouteHopsNumberOfEntries", row + 1);
	if (job->hop_reached || job->hop_blocked) {
		cwmp_tr143_diag_set_result_uint(
		    diag, "ResponseTime",
		    job->hop_replies > 0 ? job->hop_sum_ms / job->hop_replies : 0);
		cwmp_tr143_traceroute_job_end(job, job->hop_reached ? "Complete"
								    : "Error_NoRouteToHost");
		return;
	}
	if (job->ttl >= job->max_hops) {
		cwmp_tr143_traceroute_job_end(job, "Error_MaxHopCountExceeded");
		return;
	}
	job->ttl++;
	job->try = 0;
	g_clear_pointer(&job->hop_address, g_free);
	g_string_truncate(job->hop_times, 0);
	job->hop_error = 0;
	job->hop_sum_ms = 0;
	job->hop_replies = 0;
	cwmp_tr143_traceroute_send(job);
}

/* one try ended: @rtt_us 0 for no answer */
static void
cwmp_tr143_traceroute_try_done(CwmpTr143TracerouteJob *job, gint64 rtt_us)
{
	guint64 ms = rtt_us > 0 ? (guint64) (rtt_us + 999) / 1000 : 0;

	if (job->timeout_source != NULL) {
		g_source_destroy(job->timeout_source);
		g_clear_pointer(&job->timeout_source, g_source_unref);
	}
	job->sent_at = 0;
	if (job->hop_times->len > 0)
		g_string_append_c(job->hop_times, ',');
	g_string_append_printf(job->hop_times, "%" G_GUINT64_FORMAT, ms);
	if (ms > 0) {
		job->hop_sum_ms += ms;
		job->hop_replies++;
	}
	job->try++;
	if (job->try >= job->tries)
		cwmp_tr143_traceroute_hop_done(job);
	else
		cwmp_tr143_traceroute_send(job);
}

static gboolean
cwmp_tr143_traceroute_timeout_cb(gpointer user_data)
{
	CwmpTr143TracerouteJob *job = user_data;
	g_clear_pointer(&job->timeout_source, g_source_unref);
	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_traceroute_job_free(job);
		return G_SOURCE_REMOVE;
	}
	cwmp_tr143_traceroute_try_done(job, 0);
	return G_SOURCE_REMOVE;
}

static guint16
cwmp_tr143_traceroute_port_of(const struct sockaddr_storage *sa)
{
	if (sa->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *) sa)->sin6_port);
	return ntohs(((const struct sockaddr_in *) sa)->sin_port);
}

/*
 * Reads one message of the error queue. Returns TRUE when it answered the
 * probe in flight (and ended the try), FALSE for a stale or foreign one;
 * *@empty is set when the queue had nothing.
 */
static gboolean
cwmp_tr143_traceroute_read_error(CwmpTr143TracerouteJob *job, gboolean *empty)
{
	struct sockaddr_storage	  dest = {0};
	guint8			  data[512];
	guint8			  control[512];
	struct iovec		  iov = {.iov_base = data, .iov_len = sizeof(data)};
	struct msghdr		  msg = {.msg_name = &dest,
					 .msg_namelen = sizeof(dest),
					 .msg_iov = &iov,
					 .msg_iovlen = 1,
					 .msg_control = control,
					 .msg_controllen = sizeof(control)};
	gint64			  now;
	struct sock_extended_err *ee = NULL;

	*empty = FALSE;
	if (recvmsg(g_socket_get_fd(job->socket), &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
		*empty = TRUE;
		return FALSE;
	}
	now = g_get_monotonic_time();
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
		if ((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
		    (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR))
			ee = (struct sock_extended_err *) CMSG_DATA(c);
	}
	if (ee == NULL || job->sent_at == 0 ||
	    cwmp_tr143_traceroute_port_of(&dest) != CWMP_TR143_TRACEROUTE_BASE_PORT + job->seq)
		return FALSE;
	if (ee->ee_origin != SO_EE_ORIGIN_ICMP && ee->ee_origin != SO_EE_ORIGIN_ICMP6)
		return FALSE;
	if (job->hop_address == NULL) {
		struct sockaddr *offender = SO_EE_OFFENDER(ee);
		g_autoptr(GSocketAddress) address = g_socket_address_new_from_native(
		    offender, offender->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
							      : sizeof(struct sockaddr_in));
		if (address != NULL && G_IS_INET_SOCKET_ADDRESS(address)) {
			job->hop_address = g_inet_address_to_string(
			    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(address)));
		}
	}
	job->hop_error = ee->ee_code;
	if (ee->ee_origin == SO_EE_ORIGIN_ICMP) {
		if (ee->ee_type == ICMP_DEST_UNREACH && ee->ee_code == ICMP_PORT_UNREACH)
			job->hop_reached = TRUE;
		else if (ee->ee_type == ICMP_DEST_UNREACH)
			job->hop_blocked = TRUE;
	} else {
		/* ICMPv6 destination unreachable (1), code 4: port unreachable */
		if (ee->ee_type == 1 && ee->ee_code == 4)
			job->hop_reached = TRUE;
		else if (ee->ee_type == 1)
			job->hop_blocked = TRUE;
	}
	cwmp_tr143_traceroute_try_done(job, MAX(now - job->sent_at, 1));
	return TRUE;
}

static gboolean
cwmp_tr143_traceroute_readable_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	CwmpTr143TracerouteJob *job = user_data;
	guint8			buffer[2048];

	if (g_cancellable_is_cancelled(job->cancellable)) {
		g_clear_pointer(&job->read_source, g_source_unref);
		cwmp_tr143_traceroute_job_free(job);
		return G_SOURCE_REMOVE;
	}
	/* a UDP answer: something listens on the probe's port of the target */
	if (recv(g_socket_get_fd(socket), buffer, sizeof(buffer), MSG_DONTWAIT) >= 0 &&
	    job->sent_at != 0) {
		job->hop_reached = TRUE;
		if (job->hop_address == NULL)
			job->hop_address = g_inet_address_to_string(
			    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(job->target)));
		/* may free the job when it was the last try of the last hop */
		cwmp_tr143_traceroute_try_done(job, MAX(g_get_monotonic_time() - job->sent_at, 1));
		return G_SOURCE_CONTINUE;
	}
	for (;;) {
		gboolean empty = FALSE;
		/* an answer ends the try, which may end the job: stop reading then */
		if (cwmp_tr143_traceroute_read_error(job, &empty))
			return G_SOURCE_CONTINUE;
		if (empty)
			break;
	}
	return G_SOURCE_CONTINUE;
}

static void
cwmp_tr143_traceroute_send(CwmpTr143TracerouteJob *job)
{
	gint fd = g_socket_get_fd(job->socket);
	gint ttl = (gint) job->ttl;
	gint ok;

	job->seq++;
	if (job->target_sa.ss_family == AF_INET6) {
		((struct sockaddr_in6 *) &job->target_sa)->sin6_port =
		    htons(CWMP_TR143_TRACEROUTE_BASE_PORT + job->seq);
		ok = setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof(ttl));
	} else {
		((struct sockaddr_in *) &job->target_sa)->sin_port =
		    htons(CWMP_TR143_TRACEROUTE_BASE_PORT + job->seq);
		ok = setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
	}
	if (ok != 0) {
		g_info("TraceRoute: setting the TTL to %d: %s", ttl, g_strerror(errno));
		cwmp_tr143_traceroute_job_end(job, "Error_Internal");
		return;
	}
	job->sent_at = g_get_monotonic_time();
	if (sendto(fd, job->payload, job->payload_len, 0, (struct sockaddr *) &job->target_sa,
		   job->target_len) < 0)
		g_debug("TraceRoute: probe %u: %s", job->seq, g_strerror(errno));
	job->timeout_source = g_timeout_source_new(job->timeout_ms);
	g_source_set_callback(job->timeout_source, cwmp_tr143_traceroute_timeout_cb, job, NULL);
	g_source_attach(job->timeout_source, NULL);
}

static void
cwmp_tr143_traceroute_start_probes(CwmpTr143TracerouteJob *job, GInetAddress *address)
{
	CwmpTr143Diag *diag = job->diag;
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocketAddress) local = NULL;
	g_autoptr(GSocket) probe = NULL;
	gint fd;
	gint on = 1;

	job->family = g_inet_address_get_family(address) == G_SOCKET_FAMILY_IPV6 ? AF_INET6
										 : AF_INET;
	job->target = g_inet_socket_address_new(address, CWMP_TR143_TRACEROUTE_BASE_PORT);
	job->target_len = (socklen_t) g_socket_address_get_native_size(job->target);
	if (!g_socket_address_to_native(job->target, &job->target_sa, sizeof(job->target_sa),
					&error)) {
		g_info("TraceRoute: %s", error->message);
		cwmp_tr143_traceroute_job_end(job, "Error_Internal");
		return;
	}

	/* the route and the source address, with a throwaway connected socket */
	fd = cwmp_tr143_echo_open_socket(job->family, SOCK_STREAM, NULL, &error);
	if (fd >= 0 && cwmp_tr143_echo_setup_socket(fd, job->family, job->ifname, 0, &error))
		probe = g_socket_new_from_fd(fd, &error);
	else if (fd >= 0)
		close(fd);
	if (probe == NULL) {
		g_info("TraceRoute: %s", error->message);
		cwmp_tr143_traceroute_job_end(job, "Error_Internal");
		return;
	}
	if (!g_socket_connect(probe, job->target, NULL, &error)) {
		g_info("TraceRoute: %s", error->message);
		cwmp_tr143_traceroute_job_end(job, "Error_NoRouteToHost");
		return;
	}
	local = g_socket_get_local_address(probe, NULL);
	if (local != NULL) {
		g_autofree gchar *text = g_inet_address_to_string(
		    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(local)));
		cwmp_tr143_diag_set_result(diag, "IPAddressUsed", text);
	}

	fd = cwmp_tr143_echo_open_socket(job->family, SOCK_STREAM, NULL, &error);
	if (fd >= 0 &&
	    (!cwmp_tr143_echo_setup_socket(fd, job->family, job->ifname,
					   cwmp_tr143_diag_get_param_uint(diag, "DSCP"), &error) ||
	     (job->family == AF_INET6
		  ? setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on))
		  : setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on))) != 0)) {
		if (error == NULL)
			g_set_error(&error, G_IO_ERROR, g_io_error_from_errno(errno),
				    "IP_RECVERR: %s", g_strerror(errno));
		close(fd);
		fd = -1;
	}
	if (fd >= 0)
		job->socket = g_socket_new_from_fd(fd, &error);
	if (job->socket == NULL) {
		if (fd >= 0)
			close(fd);
		g_info("TraceRoute: %s", error->message);
		cwmp_tr143_traceroute_job_end(job, "Error_Internal");
		return;
	}
	job->read_source =
	    g_socket_create_source(job->socket, G_IO_IN | G_IO_ERR, job->cancellable);
	g_source_set_callback(job->read_source,
			      (GSourceFunc) (GCallback) cwmp_tr143_traceroute_readable_cb, job,
			      NULL);
	g_source_attach(job->read_source, NULL);
	job->ttl = 1;
	job->hop_times = g_string_new(NULL);
	cwmp_tr143_traceroute_send(job);
}

static void
cwmp_tr143_traceroute_resolve_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpTr143TracerouteJob *job = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(GInetAddress) address = cwmp_tr143_echo_resolve_finish(result, &error);

	if (address == NULL) {
		if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
			cwmp_tr143_traceroute_job_free(job);
			return;
		}
		g_info("TraceRoute: %s", error->message);
		cwmp_tr143_traceroute_job_end(job, "Error_CannotResolveHostName");
		return;
	}
	if (g_cancellable_is_cancelled(job->cancellable)) {
		cwmp_tr143_traceroute_job_free(job);
		return;
	}
	cwmp_tr143_traceroute_start_probes(job, address);
}

static void
cwmp_tr143_traceroute_run(CwmpTr143Diag *diag, GCancellable *cancellable)
{
	CwmpTr143TracerouteJob *job = g_new0(CwmpTr143TracerouteJob, 1);

	job->diag = diag;
	job->cancellable = g_object_ref(cancellable);
	job->tries = MAX(cwmp_tr143_diag_get_param_uint(diag, "NumberOfTries"), 1);
	job->timeout_ms = MAX(cwmp_tr143_diag_get_param_uint(diag, "Timeout"), 1);
	job->max_hops = CLAMP(cwmp_tr143_diag_get_param_uint(diag, "MaxHopCount"), 1, 64);
	job->payload_len = MAX(cwmp_tr143_diag_get_param_uint(diag, "DataBlockSize"), 1);
	job->payload = g_malloc0(job->payload_len);
	if (!cwmp_tr143_diag_resolve_ifname(diag, &job->ifname)) {
		cwmp_tr143_traceroute_job_end(job, "Error_Other");
		return;
	}
	cwmp_tr143_echo_resolve_async(cwmp_tr143_diag_get_param(diag, "Host"),
				      cwmp_tr143_diag_get_param(diag, "ProtocolVersion"),
				      cancellable, cwmp_tr143_traceroute_resolve_cb, job);
}

static const CwmpTr143DiagDesc cwmp_tr143_traceroute_desc = {
    .path = CWMP_TR143_TRACEROUTE_PATH,
    .name = "traceroute",
    .params = cwmp_tr143_traceroute_params,
    .results = cwmp_tr143_traceroute_results,
    .run = cwmp_tr143_traceroute_run,
};

/* --- the data model ------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr143_traceroute_param_defs[] = {
    CWMP_TR143_DIAG_RW("DiagnosticsState"),
    CWMP_TR143_DIAG_RW("Interface"),
    CWMP_TR143_DIAG_RW("ProtocolVersion"),
    CWMP_TR143_DIAG_RW("Host"),
    CWMP_TR143_DIAG_RW("NumberOfTries"),
    CWMP_TR143_DIAG_RW("Timeout"),
    CWMP_TR143_DIAG_RW("DataBlockSize"),
    CWMP_TR143_DIAG_RW("DSCP"),
    CWMP_TR143_DIAG_RW("MaxHopCount"),
    CWMP_TR143_DIAG_RO("RouteHopsNumberOfEntries"),
    CWMP_TR143_DIAG_RO("IPAddressUsed"),
    CWMP_TR143_DIAG_RO("ResponseTime"),
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr143_traceroute_hop_defs[] = {
    CWMP_TR143_DIAG_ROW("Host"),
    CWMP_TR143_DIAG_ROW("HostAddress"),
    CWMP_TR143_DIAG_ROW("ErrorCode"),
    CWMP_TR143_DIAG_ROW("RTTimes"),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr143_traceroute_object = {
    .path = CWMP_TR143_TRACEROUTE_PATH,
    .params = cwmp_tr143_traceroute_param_defs,
};

static const CwmpDmObjectDef cwmp_tr143_traceroute_hop_object = {
    .path = CWMP_TR143_TRACEROUTE_PATH "RouteHops.{i}.",
    .params = cwmp_tr143_traceroute_hop_defs,
    .enumerate = cwmp_tr143_diag_enumerate_cb,
};

static const CwmpDmObjectDef *const cwmp_tr143_traceroute_objects[] = {
    &cwmp_tr143_traceroute_object,
    &cwmp_tr143_traceroute_hop_object,
    NULL,
};

const CwmpTr143Module cwmp_tr143_traceroute_module = {
    .name = "traceroute",
    .objects = cwmp_tr143_traceroute_objects,
    .diag = &cwmp_tr143_traceroute_desc,
};
