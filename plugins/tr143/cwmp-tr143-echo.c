/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Echo probes for IPPing and ServerSelectionDiagnostics: ICMP echo (IPv4 and
 * IPv6) or UDP echo (TR-143 Appendix A), one probe at a time, each waiting
 * up to the timeout for its reply, on the main loop.
 *
 * ICMP uses an unprivileged ping socket (SOCK_DGRAM + IPPROTO_ICMP, allowed
 * by net.ipv4.ping_group_range) when it can, a raw socket otherwise (the
 * service runs as root). A ping socket hands us the ICMP message without the
 * IP header and the kernel owns the identifier; a raw IPv4 socket includes
 * the IP header and sees every ICMP message of the host, so replies are
 * matched on our identifier and sequence number.
 */

#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-ip-private.h"

#define CWMP_TR143_ECHO_MAX_PACKET 65536

void
cwmp_tr143_echo_result_free(CwmpTr143EchoResult *result)
{
	if (result == NULL)
		return;
	g_free(result->local_address);
	g_free(result);
}

/**
 * cwmp_tr143_echo_open_socket:
 * @family: AF_INET or AF_INET6
 * @type: SOCK_DGRAM with an ICMP protocol (ping socket, then raw), or SOCK_STREAM
 *   meaning UDP (a plain datagram socket)
 * @raw: (out) (optional): whether the ICMP socket is a raw one
 *
 * Returns: a non-blocking descriptor, or -1 with @error set
 */
gint
cwmp_tr143_echo_open_socket(gint family, gint type, gboolean *raw, GError **error)
{
	gint protocol = family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	gint fd;
	gint saved;

	if (raw != NULL)
		*raw = FALSE;
	if (type == SOCK_STREAM) {
		fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
	} else {
		fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
		if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EPROTONOSUPPORT)) {
			fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
			if (fd >= 0 && raw != NULL)
				*raw = TRUE;
		}
	}
	if (fd >= 0)
		return fd;
	saved = errno;
	g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved),
		    "cannot open an %s %s socket: %s", family == AF_INET6 ? "IPv6" : "IPv4",
		    type == SOCK_STREAM ? "UDP" : "ICMP", g_strerror(saved));
	return -1;
}

/* SO_BINDTODEVICE and the DSCP */
gboolean
cwmp_tr143_echo_setup_socket(gint fd, gint family, const gchar *ifname, guint dscp, GError **error)
{
	gint tos = (gint) (dscp << 2);
	gint saved;

	if (ifname != NULL &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, strlen(ifname) + 1) != 0) {
		saved = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved),
			    "cannot bind to interface %s: %s", ifname, g_strerror(saved));
		return FALSE;
	}
	if (family == AF_INET6 ? setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof(tos))
			       : setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos))) {
		saved = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved),
			    "cannot set DSCP %u: %s", dscp, g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

/* --- one run ---------------------------------------------------------------- */

typedef struct {
	CwmpTr143EchoProtocol protocol;
	gint		      family;
	gboolean	      raw;
	guint		      size;
	guint		      count;
	guint		      timeout_ms;
	guint16		      ident;
	guint32		      token; /* UDP: tells our datagrams from strays */
	GSocket		     *socket;
	GSource		     *read_source;
	GSource		     *timeout_source;
	guint		      sent;
	gint64		      sent_at;
	guint8		     *packet;
	gsize		      packet_len;
	guint8		     *buffer;
	CwmpTr143EchoResult  *result;
} CwmpTr143EchoRun;

static void
cwmp_tr143_echo_run_free(CwmpTr143EchoRun *run)
{
	if (run->read_source != NULL) {
		g_source_destroy(run->read_source);
		g_source_unref(run->read_source);
	}
	if (run->timeout_source != NULL) {
		g_source_destroy(run->timeout_source);
		g_source_unref(run->timeout_source);
	}
	g_clear_object(&run->socket);
	g_free(run->packet);
	g_free(run->buffer);
	cwmp_tr143_echo_result_free(run->result);
	g_free(run);
}

static guint16
cwmp_tr143_echo_checksum(const guint8 *data, gsize len)
{
	guint32 sum = 0;
	for (gsize i = 0; i + 1 < len; i += 2)
		sum += (guint32) (data[i] << 8 | data[i + 1]);
	if (len % 2 != 0)
		sum += (guint32) (data[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (guint16) ~sum;
}

/* the probe with sequence number @seq: ICMP header + payload, or the UDP payload */
static void
cwmp_tr143_echo_build(CwmpTr143EchoRun *run, guint16 seq)
{
	guint8 *p = run->packet;
	gsize	header = run->protocol == CWMP_TR143_ECHO_ICMP ? 8 : 0;

	for (gsize i = header; i < run->packet_len; i++)
		p[i] = (guint8) (i & 0xff);
	if (run->protocol == CWMP_TR143_ECHO_ICMP) {
		guint16 sum;
		p[0] = run->family == AF_INET6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
		p[1] = 0;
		p[2] = p[3] = 0;
		p[4] = (guint8) (run->ident >> 8);
		p[5] = (guint8) run->ident;
		p[6] = (guint8) (seq >> 8);
		p[7] = (guint8) seq;
		/* IPv6: the kernel computes it over the pseudo-header */
		if (run->family == AF_INET) {
			sum = cwmp_tr143_echo_checksum(p, run->packet_len);
			p[2] = (guint8) (sum >> 8);
			p[3] = (guint8) sum;
		}
		return;
	}
	/* UDP: token and sequence number first, as far as the size allows */
	for (guint i = 0; i < 4 && i < run->packet_len; i++)
		p[i] = (guint8) (run->token >> (24 - 8 * i));
	for (guint i = 0; i < 2 && 4 + i < run->packet_len; i++)
		p[4 + i] = (guint8) (seq >> (8 - 8 * i));
}

/* whether @data (what recv gave) answers the probe just sent */
static gboolean
cwmp_tr143_echo_matches(CwmpTr143EchoRun *run, const guint8 *data, gsize len)
{
	guint16 seq = (guint16) (run->sent - 1);

	if (run->protocol == CWMP_TR143_ECHO_UDP) {
		/* the same bytes come back; only the ones we built (the rest is a pattern) */
		return len == run->packet_len && memcmp(data, run->packet, len) == 0;
	}
	if (run->family == AF_INET && run->raw) {
		gsize ihl;
		if (len < 20)
			return FALSE;
		ihl = (gsize) (data[0] & 0x0f) * 4;
		if (ihl < 20 || len < ihl)
			return FALSE;
		data += ihl;
		len -= ihl;
	}
	if (len < 8)
		return FALSE;
	if (data[0] != (run->family == AF_INET6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY))
		return FALSE;
	/* a ping socket's identifier is the kernel's, and only our replies reach it */
	if (run->raw && (guint16) (data[4] << 8 | data[5]) != run->ident)
		return FALSE;
	return (guint16) (data[6] << 8 | data[7]) == seq;
}

static void
cwmp_tr143_echo_next(GTask *task);

static void
cwmp_tr143_echo_clear_timeout(CwmpTr143EchoRun *run)
{
	if (run->timeout_source != NULL) {
		g_source_destroy(run->timeout_source);
		g_clear_pointer(&run->timeout_source, g_source_unref);
	}
}

static gboolean
cwmp_tr143_echo_timeout_cb(gpointer user_data)
{
	GTask		 *task = user_data;
	CwmpTr143EchoRun *run = g_task_get_task_data(task);

	g_clear_pointer(&run->timeout_source, g_source_unref);
	run->result->failure++;
	cwmp_tr143_echo_next(task);
	return G_SOURCE_REMOVE;
}

static gboolean
cwmp_tr143_echo_readable_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	GTask		 *task = user_data;
	CwmpTr143EchoRun *run = g_task_get_task_data(task);
	gint		  fd = g_socket_get_fd(socket);

	if (g_cancellable_is_cancelled(g_task_get_cancellable(task))) {
		g_clear_pointer(&run->read_source, g_source_unref);
		cwmp_tr143_echo_clear_timeout(run);
		g_task_return_error_if_cancelled(task);
		g_object_unref(task);
		return G_SOURCE_REMOVE;
	}
	for (;;) {
		gssize	n = recv(fd, run->buffer, CWMP_TR143_ECHO_MAX_PACKET, 0);
		gint64	now = g_get_monotonic_time();
		guint64 rtt;

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n < 0) {
			/* an ICMP error about our probe (port unreachable for UDP): no reply */
			g_debug("echo: probe %u: %s", run->sent, g_strerror(errno));
			if (run->sent_at == 0)
				continue;
			run->sent_at = 0;
			cwmp_tr143_echo_clear_timeout(run);
			run->result->failure++;
			cwmp_tr143_echo_next(task);
			return G_SOURCE_CONTINUE;
		}
		if (run->sent_at == 0 || !cwmp_tr143_echo_matches(run, run->buffer, (gsize) n))
			continue;
		rtt = (guint64) MAX(now - run->sent_at, 1);
		run->sent_at = 0;
		cwmp_tr143_echo_clear_timeout(run);
		run->result->success++;
		run->result->sum_us += rtt;
		if (run->result->min_us == 0 || rtt < run->result->min_us)
			run->result->min_us = rtt;
		run->result->max_us = MAX(run->result->max_us, rtt);
		cwmp_tr143_echo_next(task);
		/* next() may have completed the task */
		return G_SOURCE_CONTINUE;
	}
	return G_SOURCE_CONTINUE;
}

static void
cwmp_tr143_echo_complete(GTask *task)
{
	CwmpTr143EchoRun *run = g_task_get_task_data(task);

	if (run->read_source != NULL) {
		g_source_destroy(run->read_source);
		g_clear_pointer(&run->read_source, g_source_unref);
	}
	g_task_return_pointer(task, g_steal_pointer(&run->result),
			      (GDestroyNotify) cwmp_tr143_echo_result_free);
	g_object_unref(task);
}

/* sends the next probe, or completes the task after the last one */
static void
cwmp_tr143_echo_next(GTask *task)
{
	CwmpTr143EchoRun *run = g_task_get_task_data(task);

	while (run->sent < run->count) {
		gssize n;

		cwmp_tr143_echo_build(run, (guint16) run->sent);
		run->sent++;
		run->sent_at = g_get_monotonic_time();
		n = send(g_socket_get_fd(run->socket), run->packet, run->packet_len, 0);
		/* an earlier ICMP error may be reported here once: the probe still went */
		if (n < 0)
			g_debug("echo: sending probe %u: %s", run->sent, g_strerror(errno));
		if (n < 0 && (errno == ENETUNREACH || errno == EHOSTUNREACH)) {
			run->sent_at = 0;
			run->result->failure++;
			continue;
		}
		run->timeout_source = g_timeout_source_new(run->timeout_ms);
		g_source_set_callback(run->timeout_source, cwmp_tr143_echo_timeout_cb, task, NULL);
		g_source_attach(run->timeout_source, g_task_get_context(task));
		return;
	}
	cwmp_tr143_echo_complete(task);
}

/**
 * cwmp_tr143_echo_run_async:
 *
 * Sends @params->count probes. Fails at once when no socket can be opened
 * (G_IO_ERROR_PERMISSION_DENIED...) or the target has no route
 * (G_IO_ERROR_NETWORK_UNREACHABLE, G_IO_ERROR_HOST_UNREACHABLE); lost
 * probes are counted, not errors.
 */
void
cwmp_tr143_echo_run_async(const CwmpTr143EchoParams *params,
			  GCancellable		    *cancellable,
			  GAsyncReadyCallback	     callback,
			  gpointer		     user_data)
{
	GTask		 *task = g_task_new(NULL, cancellable, callback, user_data);
	CwmpTr143EchoRun *run = g_new0(CwmpTr143EchoRun, 1);
	GSocketAddress	 *target = G_SOCKET_ADDRESS(params->target);
	GError		 *error = NULL;
	g_autoptr(GSocketAddress) local = NULL;
	gint fd;

	g_task_set_source_tag(task, cwmp_tr143_echo_run_async);
	g_task_set_task_data(task, run, (GDestroyNotify) cwmp_tr143_echo_run_free);
	run->protocol = params->protocol;
	run->family = g_socket_address_get_family(target) == G_SOCKET_FAMILY_IPV6 ? AF_INET6
										  : AF_INET;
	run->size = params->size;
	run->count = MAX(params->count, 1);
	run->timeout_ms = MAX(params->timeout_ms, 1);
	run->ident = (guint16) g_random_int_range(1, 0xffff);
	run->token = g_random_int();
	run->packet_len = (run->protocol == CWMP_TR143_ECHO_ICMP ? 8 : 0) + MAX(params->size, 1);
	run->packet = g_malloc0(run->packet_len);
	run->buffer = g_malloc(CWMP_TR143_ECHO_MAX_PACKET);
	run->result = g_new0(CwmpTr143EchoResult, 1);

	fd = cwmp_tr143_echo_open_socket(
	    run->family, run->protocol == CWMP_TR143_ECHO_UDP ? SOCK_STREAM : SOCK_DGRAM, &run->raw,
	    &error);
	if (fd < 0) {
		g_task_return_error(task, error);
		g_object_unref(task);
		return;
	}
	if (!cwmp_tr143_echo_setup_socket(fd, run->family, params->ifname, params->dscp, &error)) {
		close(fd);
		g_task_return_error(task, error);
		g_object_unref(task);
		return;
	}
	run->socket = g_socket_new_from_fd(fd, &error);
	if (run->socket == NULL) {
		close(fd);
		g_task_return_error(task, error);
		g_object_unref(task);
		return;
	}
	/* connect: the route is checked now and the source address is known */
	if (!g_socket_connect(run->socket, target, NULL, &error)) {
		g_prefix_error_literal(&error, "no route: ");
		g_task_return_error(task, error);
		g_object_unref(task);
		return;
	}
	local = g_socket_get_local_address(run->socket, NULL);
	if (local != NULL) {
		run->result->local_address = g_inet_address_to_string(
		    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(local)));
	}
	run->read_source = g_socket_create_source(run->socket, G_IO_IN, cancellable);
	g_source_set_callback(run->read_source,
			      (GSourceFunc) (GCallback) cwmp_tr143_echo_readable_cb, task, NULL);
	g_source_attach(run->read_source, g_task_get_context(task));
	cwmp_tr143_echo_next(task);
}

CwmpTr143EchoResult *
cwmp_tr143_echo_run_finish(GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

/* --- host names ------------------------------------------------------------- */

static void
cwmp_tr143_echo_resolve_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GTask) task = user_data;
	GError *error = NULL;
	GList  *addresses =
	    g_resolver_lookup_by_name_with_flags_finish(G_RESOLVER(source), result, &error);

	if (addresses == NULL) {
		g_task_return_error(task, error);
		return;
	}
	g_task_return_pointer(task, g_object_ref(addresses->data), g_object_unref);
	g_resolver_free_addresses(addresses);
}

/**
 * cwmp_tr143_echo_resolve_async:
 * @host: a name or an address literal
 * @protocol_version: Any, IPv4 or IPv6
 *
 * Finds the address to test: the literal itself, or the resolver's first
 * answer of the family asked for. A literal of the other family fails with
 * G_RESOLVER_ERROR_NOT_FOUND, like a name without such an address.
 */
void
cwmp_tr143_echo_resolve_async(const gchar	 *host,
			      const gchar	 *protocol_version,
			      GCancellable	 *cancellable,
			      GAsyncReadyCallback callback,
			      gpointer		  user_data)
{
	GTask *task = g_task_new(NULL, cancellable, callback, user_data);
	g_autoptr(GInetAddress) literal = NULL;
	g_autoptr(GResolver) resolver = NULL;
	GResolverNameLookupFlags flags = G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT;
	GSocketFamily		 want = G_SOCKET_FAMILY_INVALID;

	g_task_set_source_tag(task, cwmp_tr143_echo_resolve_async);
	if (g_strcmp0(protocol_version, "IPv4") == 0) {
		flags = G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY;
		want = G_SOCKET_FAMILY_IPV4;
	} else if (g_strcmp0(protocol_version, "IPv6") == 0) {
		flags = G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY;
		want = G_SOCKET_FAMILY_IPV6;
	}
	if (host == NULL || host[0] == '\0') {
		g_task_return_new_error(task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
					"no host given");
		g_object_unref(task);
		return;
	}
	literal = g_inet_address_new_from_string(host);
	if (literal != NULL) {
		if (want != G_SOCKET_FAMILY_INVALID && g_inet_address_get_family(literal) != want) {
			g_task_return_new_error(task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
						"%s is not an %s address", host, protocol_version);
		} else {
			g_task_return_pointer(task, g_steal_pointer(&literal), g_object_unref);
		}
		g_object_unref(task);
		return;
	}
	resolver = g_resolver_get_default();
	g_resolver_lookup_by_name_with_flags_async(resolver, host, flags, cancellable,
						   cwmp_tr143_echo_resolve_cb, task);
}

GInetAddress *
cwmp_tr143_echo_resolve_finish(GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}
