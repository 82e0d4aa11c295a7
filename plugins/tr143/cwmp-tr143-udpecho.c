/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * UDP echo (TR-143 section 4.4 and Appendix A):
 *   - Device.IP.Diagnostics.UDPEchoConfig.: an echo server on the main loop,
 *     with the "UDP Echo Plus" fields filled in when enabled, its counters
 *     and the SourceIPAddress filter;
 *   - Device.IP.Diagnostics.UDPEchoDiagnostics.: the client, run in a worker
 *     thread after the session, with per-packet results.
 *
 * Echo Plus packet (all fields 32-bit, network byte order, at the start of
 * the payload; the rest is padding the server sends back as it came):
 *   TestGenSN, TestRespSN, TestRespRecvTimeStamp, TestRespReplyTimeStamp,
 *   TestRespReplyFailureCount. The time stamps are microseconds (modulo
 *   2^32) of the server's clock; TestRespSN counts the packets responded.
 *
 * The client's DiagnosticsState is a CwmpTr143Machine (cwmp-tr143-machine.c),
 * as for every diagnostic. The server's configuration and the client's
 * parameters and last results are kept in tr143-udpecho.state.
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr143-machine.h"

#define CWMP_TR143_UDPECHO_CONFIG_PATH "Device.IP.Diagnostics.UDPEchoConfig."
#define CWMP_TR143_UDPECHO_DIAG_PATH   "Device.IP.Diagnostics.UDPEchoDiagnostics."
#define CWMP_TR143_UDPECHO_MAX_RESULTS 1000
#define CWMP_TR143_UDPECHO_PLUS_SIZE   20
#define CWMP_TR143_UDPECHO_UDP_HEADER  8

/* one packet of a client run */
typedef struct {
	gboolean success;
	gint64	 send_time;
	gint64	 receive_time;
	guint32	 gen_sn;
	guint32	 resp_sn;
	guint32	 resp_rcv_timestamp;
	guint32	 resp_reply_timestamp;
	guint32	 resp_reply_failures;
} CwmpTr143UdpechoPacket;

typedef struct {
	gchar  *state;
	gchar  *message;
	gchar  *ip_address_used;
	GArray *packets; /* CwmpTr143UdpechoPacket, all of them */
} CwmpTr143UdpechoResult;

typedef struct {
	gchar *host;
	guint  port;
	guint  repetitions;
	guint  timeout_ms;
	guint  block_size;
	guint  dscp;
	guint  inter_ms;
	gint   family;
	gchar *ifname;
} CwmpTr143UdpechoParams;

typedef struct _CwmpTr143Udpecho CwmpTr143Udpecho;

typedef struct {
	CwmpTr143Udpecho *udpecho; /* gone once @cancellable is cancelled */
	GCancellable	 *cancellable;
} CwmpTr143UdpechoRun;

struct _CwmpTr143Udpecho {
	CwmpTr143Plugin	 *plugin;
	CwmpTr143Machine *machine; /* of UDPEchoDiagnostics; it keeps the whole file */
	/* UDPEchoConfig */
	gboolean enable;
	gchar	*server_interface;
	gchar	*source_address;
	guint	 udp_port;
	gboolean echo_plus;
	GSocket *socket;
	GSource *source;
	guint32	 packets_received;
	guint32	 packets_responded;
	guint32	 bytes_received;
	guint32	 bytes_responded;
	guint32	 reply_failures;
	gint64	 first_time;
	gint64	 last_time;
	gchar	*server_error;
	guint	 open_id; /* the server opens from the main loop after start */
	/* UDPEchoDiagnostics */
	gchar		       *interface;
	gchar		       *host;
	guint			port;
	guint			repetitions;
	guint			timeout_ms;
	guint			block_size;
	guint			dscp;
	guint			inter_ms;
	gchar		       *protocol;
	gboolean		individual;
	CwmpTr143UdpechoResult *result;
};

/**
 * cwmp_tr143_udpecho_is_supported:
 * @family: G_SOCKET_FAMILY_IPV4 or G_SOCKET_FAMILY_IPV6
 */
gboolean
cwmp_tr143_udpecho_is_supported(gint family)
{
	if (family == G_SOCKET_FAMILY_IPV6)
		return g_file_test("/proc/net/if_inet6", G_FILE_TEST_EXISTS);
	return family == G_SOCKET_FAMILY_IPV4;
}

static void
cwmp_tr143_udpecho_result_free(CwmpTr143UdpechoResult *result)
{
	if (result == NULL)
		return;
	g_free(result->state);
	g_free(result->message);
	g_free(result->ip_address_used);
	g_array_unref(result->packets);
	g_free(result);
}

static CwmpTr143UdpechoResult *
cwmp_tr143_udpecho_result_new(const gchar *state)
{
	CwmpTr143UdpechoResult *result = g_new0(CwmpTr143UdpechoResult, 1);
	result->state = g_strdup(state);
	result->packets = g_array_new(FALSE, TRUE, sizeof(CwmpTr143UdpechoPacket));
	return result;
}

static void
cwmp_tr143_udpecho_params_free(CwmpTr143UdpechoParams *params)
{
	g_free(params->host);
	g_free(params->ifname);
	g_free(params);
}

/* --- the server ----------------------------------------------------------- */

static guint32
cwmp_tr143_udpecho_now32(void)
{
	return (guint32) (g_get_real_time() & 0xffffffff);
}

static gboolean
cwmp_tr143_udpecho_server_cb(GSocket *socket, GIOCondition condition, gpointer user_data)
{
	CwmpTr143Udpecho *self = user_data;
	guint8		  buffer[65536];

	for (guint round = 0; round < 64; round++) {
		g_autoptr(GSocketAddress) from = NULL;
		g_autoptr(GError) error = NULL;
		guint32	 received_at;
		gssize	 n = g_socket_receive_from(socket, &from, (gchar *) buffer, sizeof(buffer),
						   NULL, &error);
		gboolean plus;

		if (n < 0)
			return G_SOURCE_CONTINUE;
		received_at = cwmp_tr143_udpecho_now32();
		if (self->source_address != NULL && self->source_address[0] != '\0') {
			g_autofree gchar *text = g_inet_address_to_string(
			    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(from)));
			g_autoptr(GInetAddress) want =
			    g_inet_address_new_from_string(self->source_address);
			g_autoptr(GInetAddress) have = g_inet_address_new_from_string(text);
			if (want == NULL || have == NULL || !g_inet_address_equal(want, have))
				continue;
		}
		if (self->packets_received == 0)
			self->first_time = g_get_real_time();
		self->last_time = g_get_real_time();
		self->packets_received++;
		self->bytes_received += (guint32) n + CWMP_TR143_UDPECHO_UDP_HEADER;
		plus = self->echo_plus && n >= CWMP_TR143_UDPECHO_PLUS_SIZE;
		if (plus) {
			guint32 fields[4];
			fields[0] = g_htonl(self->packets_responded + 1);
			fields[1] = g_htonl(received_at);
			fields[2] = g_htonl(cwmp_tr143_udpecho_now32());
			fields[3] = g_htonl(self->reply_failures);
			memcpy(buffer + 4, fields, sizeof(fields));
		}
		if (g_socket_send_to(socket, from, (gchar *) buffer, (gsize) n, NULL, &error) !=
		    n) {
			self->reply_failures++;
			continue;
		}
		self->packets_responded++;
		self->bytes_responded += (guint32) n + CWMP_TR143_UDPECHO_UDP_HEADER;
	}
	return G_SOURCE_CONTINUE;
}

static void
cwmp_tr143_udpecho_server_close(CwmpTr143Udpecho *self)
{
	if (self->source != NULL) {
		g_source_destroy(self->source);
		g_clear_pointer(&self->source, g_source_unref);
	}
	if (self->socket != NULL)
		g_socket_close(self->socket, NULL);
	g_clear_object(&self->socket);
}

/* (re)opens the server as configured; errors are logged and kept */
static void
cwmp_tr143_udpecho_server_apply(CwmpTr143Udpecho *self, gboolean reset_counters)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocket) socket = NULL;
	g_autoptr(GInetAddress) any = NULL;
	g_autoptr(GSocketAddress) address = NULL;
	g_autofree gchar *ifname = NULL;

	cwmp_tr143_udpecho_server_close(self);
	g_clear_pointer(&self->server_error, g_free);
	if (reset_counters) {
		self->packets_received = 0;
		self->packets_responded = 0;
		self->bytes_received = 0;
		self->bytes_responded = 0;
		self->reply_failures = 0;
		self->first_time = 0;
		self->last_time = 0;
	}
	if (!self->enable || self->udp_port == 0 || self->udp_port > 65535)
		return;
	ifname = cwmp_tr143_util_resolve_interface(self->plugin, self->server_interface, &error);
	if (error == NULL) {
		/* IPv6 socket with IPv4-mapped addresses: one socket for both */
		socket = g_socket_new(G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM,
				      G_SOCKET_PROTOCOL_UDP, NULL);
		if (socket == NULL)
			socket = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
					      G_SOCKET_PROTOCOL_UDP, &error);
	}
	if (socket != NULL) {
		if (g_socket_get_family(socket) == G_SOCKET_FAMILY_IPV6)
			(void) g_socket_set_option(socket, IPPROTO_IPV6, IPV6_V6ONLY, 0, NULL);
		if (ifname != NULL && setsockopt(g_socket_get_fd(socket), SOL_SOCKET,
						 SO_BINDTODEVICE, ifname, strlen(ifname) + 1) < 0)
			g_set_error(&error, G_IO_ERROR, g_io_error_from_errno(errno),
				    "SO_BINDTODEVICE %s: %s", ifname, g_strerror(errno));
	}
	if (error == NULL) {
		any = g_inet_address_new_any(g_socket_get_family(socket));
		address = g_inet_socket_address_new(any, (guint16) self->udp_port);
		g_socket_set_blocking(socket, FALSE);
		if (g_socket_bind(socket, address, TRUE, &error)) {
			self->socket = g_steal_pointer(&socket);
			self->source = g_socket_create_source(self->socket, G_IO_IN, NULL);
			g_source_set_callback(
			    self->source,
			    (GSourceFunc) (void (*)(void)) cwmp_tr143_udpecho_server_cb, self,
			    NULL);
			g_source_attach(self->source, NULL);
			return;
		}
	}
	self->server_error = g_strdup(error->message);
	g_warning("UDP echo server on port %u: %s", self->udp_port, error->message);
}

/* --- the client (worker thread) ------------------------------------------- */

static void
cwmp_tr143_udpecho_client_thread(GTask	      *task,
				 gpointer      source,
				 gpointer      task_data,
				 GCancellable *cancellable)
{
	CwmpTr143UdpechoParams *params = task_data;
	CwmpTr143UdpechoResult *result = cwmp_tr143_udpecho_result_new(NULL);
	g_autoptr(GResolver) resolver = g_resolver_get_default();
	g_autoptr(GError) error = NULL;
	g_autoptr(GSocketAddress) address = NULL;
	g_autofree guint8      *out = NULL;
	g_autofree guint8      *in = NULL;
	GInetAddress	       *chosen = NULL;
	GList		       *addresses;
	GPollFD			cancel_fd = {.fd = -1};
	struct sockaddr_storage native;
	gint			fd;
	gint			value;

	addresses = g_resolver_lookup_by_name(resolver, params->host, cancellable, &error);
	for (GList *l = addresses; l != NULL; l = l->next) {
		if (params->family == 0 ||
		    (gint) g_inet_address_get_family(l->data) == params->family) {
			chosen = l->data;
			break;
		}
	}
	if (chosen == NULL) {
		g_resolver_free_addresses(addresses);
		if (g_cancellable_is_cancelled(cancellable)) {
			cwmp_tr143_udpecho_result_free(result);
			g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "canceled");
			return;
		}
		result->state = g_strdup("Error_CannotResolveHostName");
		result->message = g_strdup_printf("cannot resolve %s", params->host);
		g_task_return_pointer(task, result,
				      (GDestroyNotify) cwmp_tr143_udpecho_result_free);
		return;
	}
	address = g_inet_socket_address_new(chosen, (guint16) params->port);
	result->ip_address_used = g_inet_address_to_string(chosen);
	g_resolver_free_addresses(addresses);
	g_socket_address_to_native(address, &native, sizeof(native), NULL);

	fd = socket(native.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	value = (gint) (params->dscp << 2);
	if (fd < 0 ||
	    (native.ss_family == AF_INET6
		 ? setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &value, sizeof(value))
		 : setsockopt(fd, IPPROTO_IP, IP_TOS, &value, sizeof(value))) < 0 ||
	    (params->ifname != NULL && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, params->ifname,
						  strlen(params->ifname) + 1) < 0) ||
	    connect(fd, (struct sockaddr *) &native, g_socket_address_get_native_size(address)) <
		0) {
		result->state = g_strdup("Error_Internal");
		result->message = g_strdup_printf("socket: %s", g_strerror(errno));
		if (fd >= 0)
			close(fd);
		g_task_return_pointer(task, result,
				      (GDestroyNotify) cwmp_tr143_udpecho_result_free);
		return;
	}
	if (!g_cancellable_make_pollfd(cancellable, &cancel_fd))
		cancel_fd.fd = -1;
	out = g_malloc0(MAX(params->block_size, CWMP_TR143_UDPECHO_PLUS_SIZE));
	in = g_malloc(65536);
	for (guint i = 0; i < params->repetitions && !g_cancellable_is_cancelled(cancellable);
	     i++) {
		CwmpTr143UdpechoPacket packet = {0};
		gint64		       sent_mono, deadline;
		guint32		       sn = g_htonl(i + 1);

		packet.gen_sn = i + 1;
		memcpy(out, &sn, sizeof(sn));
		packet.send_time = g_get_real_time();
		sent_mono = g_get_monotonic_time();
		if (send(fd, out, params->block_size, 0) < 0) {
			g_array_append_val(result->packets, packet);
			continue;
		}
		deadline = sent_mono + (gint64) params->timeout_ms * 1000;
		while (!packet.success) {
			struct pollfd fds[2] = {{.fd = fd, .events = POLLIN},
						{.fd = cancel_fd.fd, .events = POLLIN}};
			gint64	      now = g_get_monotonic_time();
			gssize	      n;
			if (now >= deadline || g_cancellable_is_cancelled(cancellable))
				break;
			if (poll(fds, cancel_fd.fd >= 0 ? 2 : 1,
				 (gint) ((deadline - now + 999) / 1000)) <= 0)
				continue;
			n = recv(fd, in, 65536, MSG_DONTWAIT);
			if (n < 4 || memcmp(in, &sn, sizeof(sn)) != 0)
				continue; /* a late answer to an earlier packet, or an error */
			packet.receive_time = g_get_real_time();
			packet.success = TRUE;
			if (n >= CWMP_TR143_UDPECHO_PLUS_SIZE) {
				guint32 fields[4];
				memcpy(fields, in + 4, sizeof(fields));
				packet.resp_sn = g_ntohl(fields[0]);
				packet.resp_rcv_timestamp = g_ntohl(fields[1]);
				packet.resp_reply_timestamp = g_ntohl(fields[2]);
				packet.resp_reply_failures = g_ntohl(fields[3]);
			}
		}
		g_array_append_val(result->packets, packet);
		if (i + 1 < params->repetitions) {
			gint64 next = sent_mono + (gint64) params->inter_ms * 1000;
			gint64 now = g_get_monotonic_time();
			if (next > now && cancel_fd.fd >= 0) {
				struct pollfd cfd = {.fd = cancel_fd.fd, .events = POLLIN};
				(void) poll(&cfd, 1, (gint) ((next - now + 999) / 1000));
			}
		}
	}
	close(fd);
	if (cancel_fd.fd >= 0)
		g_cancellable_release_fd(cancellable);
	if (g_cancellable_is_cancelled(cancellable)) {
		cwmp_tr143_udpecho_result_free(result);
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "canceled");
		return;
	}
	result->state = g_strdup("Complete");
	g_task_return_pointer(task, result, (GDestroyNotify) cwmp_tr143_udpecho_result_free);
}

/* --- persistence ---------------------------------------------------------- */

static gboolean
cwmp_tr143_udpecho_apply(CwmpTr143Udpecho *self,
			 gboolean	   config,
			 const gchar	  *name,
			 const gchar	  *value,
			 gboolean	   strict,
			 GError		 **error);

static gboolean
cwmp_tr143_udpecho_save(gpointer owner, CwmpStoreWriter *writer, GError **error)
{
	CwmpTr143Udpecho *self = owner;
	g_autofree gchar *udp_port = g_strdup_printf("%u", self->udp_port);
	g_autofree gchar *port = g_strdup_printf("%u", self->port);
	g_autofree gchar *repetitions = g_strdup_printf("%u", self->repetitions);
	g_autofree gchar *timeout = g_strdup_printf("%u", self->timeout_ms);
	g_autofree gchar *block = g_strdup_printf("%u", self->block_size);
	g_autofree gchar *dscp = g_strdup_printf("%u", self->dscp);
	g_autofree gchar *inter = g_strdup_printf("%u", self->inter_ms);
	gboolean	  ok;

	ok = cwmp_store_writer_add2(writer, 'C', "Enable", self->enable ? "1" : "0", error) &&
	     cwmp_store_writer_add2(writer, 'C', "Interface", self->server_interface, error) &&
	     cwmp_store_writer_add2(writer, 'C', "SourceIPAddress", self->source_address, error) &&
	     cwmp_store_writer_add2(writer, 'C', "UDPPort", udp_port, error) &&
	     cwmp_store_writer_add2(writer, 'C', "EchoPlusEnabled", self->echo_plus ? "1" : "0",
				    error) &&
	     cwmp_store_writer_add2(writer, 'P', "Interface", self->interface, error) &&
	     cwmp_store_writer_add2(writer, 'P', "Host", self->host, error) &&
	     cwmp_store_writer_add2(writer, 'P', "Port", port, error) &&
	     cwmp_store_writer_add2(writer, 'P', "NumberOfRepetitions", repetitions, error) &&
	     cwmp_store_writer_add2(writer, 'P', "Timeout", timeout, error) &&
	     cwmp_store_writer_add2(writer, 'P', "DataBlockSize", block, error) &&
	     cwmp_store_writer_add2(writer, 'P', "DSCP", dscp, error) &&
	     cwmp_store_writer_add2(writer, 'P', "InterTransmissionTime", inter, error) &&
	     cwmp_store_writer_add2(writer, 'P', "ProtocolVersion", self->protocol, error) &&
	     cwmp_store_writer_add2(writer, 'P', "EnableIndividualPacketResults",
				    self->individual ? "1" : "0", error);
	if (ok && self->result != NULL &&
	    g_strcmp0(cwmp_tr143_machine_get_state(self->machine), "Complete") == 0) {
		ok = cwmp_store_writer_add1(
		    writer, 'R',
		    self->result->ip_address_used != NULL ? self->result->ip_address_used : "",
		    error);
		for (guint i = 0; ok && i < self->result->packets->len; i++) {
			CwmpTr143UdpechoPacket *p =
			    &g_array_index(self->result->packets, CwmpTr143UdpechoPacket, i);
			g_autofree gchar *text = g_strdup_printf(
			    "%d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u %u %u %u",
			    p->success, p->send_time, p->receive_time, p->gen_sn, p->resp_sn,
			    p->resp_rcv_timestamp, p->resp_reply_timestamp, p->resp_reply_failures);
			ok = cwmp_store_writer_add1(writer, 'K', text, error);
		}
	}
	return ok;
}

static gboolean
cwmp_tr143_udpecho_load_record(gpointer owner, const CwmpStoreRecord *record, GError **error)
{
	CwmpTr143Udpecho *self = owner;

	if ((record->tag == 'C' || record->tag == 'P') && record->n_fields == 2)
		return cwmp_tr143_udpecho_apply(self, record->tag == 'C', record->fields[0],
						record->fields[1], FALSE, error);
	if (record->tag == 'R' && record->n_fields == 1) {
		cwmp_tr143_udpecho_result_free(self->result);
		self->result = cwmp_tr143_udpecho_result_new("Complete");
		self->result->ip_address_used = g_strdup(record->fields[0]);
		return TRUE;
	}
	if (record->tag == 'K' && record->n_fields == 1 && self->result != NULL) {
		CwmpTr143UdpechoPacket p = {0};
		gint		       success = 0;
		if (sscanf(record->fields[0],
			   "%d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u %u %u %u", &success,
			   &p.send_time, &p.receive_time, &p.gen_sn, &p.resp_sn,
			   &p.resp_rcv_timestamp, &p.resp_reply_timestamp,
			   &p.resp_reply_failures) == 8) {
			p.success = success != 0;
			g_array_append_val(self->result->packets, p);
			return TRUE;
		}
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "bad record '%c'", record->tag);
	return FALSE;
}

/* --- running the client --------------------------------------------------- */

static gboolean
cwmp_tr143_udpecho_replace(gchar **slot, const gchar *value)
{
	g_free(*slot);
	*slot = g_strdup(value);
	return TRUE;
}

/* the defaults of the server and the client, also after a damaged state file */
static void
cwmp_tr143_udpecho_reset(gpointer owner)
{
	CwmpTr143Udpecho *self = owner;

	self->enable = FALSE;
	cwmp_tr143_udpecho_replace(&self->server_interface, "");
	cwmp_tr143_udpecho_replace(&self->source_address, "");
	self->udp_port = 0;
	self->echo_plus = FALSE;
	cwmp_tr143_udpecho_replace(&self->interface, "");
	cwmp_tr143_udpecho_replace(&self->host, "");
	cwmp_tr143_udpecho_replace(&self->protocol, "Any");
	self->port = 0;
	self->repetitions = 1;
	self->timeout_ms = 5000;
	self->block_size = 24;
	self->dscp = 0;
	self->inter_ms = 1000;
	self->individual = FALSE;
	g_clear_pointer(&self->result, cwmp_tr143_udpecho_result_free);
}

/* the run of @cancellable ended with @result: kept, and the state machine told */
static void
cwmp_tr143_udpecho_finish(CwmpTr143Udpecho	 *self,
			  GCancellable		 *cancellable,
			  CwmpTr143UdpechoResult *result)
{
	cwmp_tr143_udpecho_result_free(self->result);
	self->result = result;
	if (result->message != NULL)
		g_info("%s: %s: %s", CWMP_TR143_UDPECHO_DIAG_PATH, result->state, result->message);
	cwmp_tr143_machine_finish(self->machine, cancellable, result->state);
}

static void
cwmp_tr143_udpecho_run_cb(GObject *source, GAsyncResult *res, gpointer user_data)
{
	CwmpTr143UdpechoRun    *run = user_data;
	CwmpTr143UdpechoResult *result = g_task_propagate_pointer(G_TASK(res), NULL);

	/* cancelled: the diagnostic may be gone */
	if (result != NULL && !g_cancellable_is_cancelled(run->cancellable)) {
		cwmp_tr143_udpecho_finish(run->udpecho, run->cancellable, result);
	} else {
		cwmp_tr143_udpecho_result_free(result);
	}
	g_object_unref(run->cancellable);
	g_free(run);
}

/* starts a test (the machine's run) */
static void
cwmp_tr143_udpecho_run(gpointer owner, GCancellable *cancellable)
{
	CwmpTr143Udpecho       *self = owner;
	CwmpTr143UdpechoParams *params;
	CwmpTr143UdpechoRun    *run;
	g_autoptr(GError) error = NULL;
	g_autoptr(GTask) task = NULL;
	g_autofree gchar *ifname = NULL;

	ifname = cwmp_tr143_util_resolve_interface(self->plugin, self->interface, &error);
	if (error != NULL || self->host[0] == '\0' || self->port == 0) {
		CwmpTr143UdpechoResult *result = cwmp_tr143_udpecho_result_new(
		    error != NULL ? "Error_Internal" : "Error_CannotResolveHostName");
		result->message =
		    g_strdup(error != NULL ? error->message : "no Host or Port to test");
		cwmp_tr143_udpecho_finish(self, cancellable, result);
		return;
	}
	params = g_new0(CwmpTr143UdpechoParams, 1);
	params->host = g_strdup(self->host);
	params->port = self->port;
	params->repetitions = self->repetitions;
	params->timeout_ms = self->timeout_ms;
	params->block_size = self->block_size;
	params->dscp = self->dscp;
	params->inter_ms = self->inter_ms;
	params->family = cwmp_tr143_util_protocol_family(self->protocol);
	params->ifname = g_steal_pointer(&ifname);
	run = g_new0(CwmpTr143UdpechoRun, 1);
	run->udpecho = self;
	run->cancellable = g_object_ref(cancellable);
	task = g_task_new(NULL, run->cancellable, cwmp_tr143_udpecho_run_cb, run);
	g_task_set_task_data(task, params, (GDestroyNotify) cwmp_tr143_udpecho_params_free);
	g_task_run_in_thread(task, cwmp_tr143_udpecho_client_thread);
}

static const CwmpTr143MachineFuncs cwmp_tr143_udpecho_machine_funcs = {
    .save = cwmp_tr143_udpecho_save,
    .load = cwmp_tr143_udpecho_load_record,
    .reset = cwmp_tr143_udpecho_reset,
    .run = cwmp_tr143_udpecho_run,
};

/* --- the data model ------------------------------------------------------- */

static CwmpTr143Udpecho *
cwmp_tr143_udpecho_get_self(gpointer user_data, GError **error)
{
	CwmpTr143Plugin *plugin = user_data;
	if (plugin->udpecho == NULL)
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "not started");
	return plugin->udpecho;
}

/* checks and stores a writable parameter of UDPEchoConfig (@config) or of
 * UDPEchoDiagnostics; @strict: validation, not a set (maybe a rollback) */
static gboolean
cwmp_tr143_udpecho_apply(CwmpTr143Udpecho *self,
			 gboolean	   config,
			 const gchar	  *name,
			 const gchar	  *value,
			 gboolean	   strict,
			 GError		 **error)
{
	if (config) {
		if (g_strcmp0(name, "Enable") == 0)
			return cwmp_value_parse_boolean(value, &self->enable, error);
		if (g_strcmp0(name, "EchoPlusEnabled") == 0)
			return cwmp_value_parse_boolean(value, &self->echo_plus, error);
		if (g_strcmp0(name, "UDPPort") == 0)
			return cwmp_tr143_util_parse_uint(value, 0, 65535, &self->udp_port, error);
		if (g_strcmp0(name, "Interface") == 0)
			return cwmp_tr143_util_validate_interface(value, error) &&
			       cwmp_tr143_udpecho_replace(&self->server_interface, value);
		if (g_strcmp0(name, "SourceIPAddress") == 0) {
			g_autoptr(GInetAddress) address = g_inet_address_new_from_string(value);
			if (value[0] != '\0' && address == NULL) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
					    "%s is not an IP address", value);
				return FALSE;
			}
			return cwmp_tr143_udpecho_replace(&self->source_address, value);
		}
	} else {
		if (g_strcmp0(name, "DiagnosticsState") == 0) {
			/* only validation refuses: a set may be a rollback */
			if (strict)
				return cwmp_tr143_machine_validate_state(value, error);
			cwmp_tr143_machine_set_state(self->machine, value);
			return TRUE;
		}
		if (g_strcmp0(name, "Interface") == 0)
			return cwmp_tr143_util_validate_interface(value, error) &&
			       cwmp_tr143_udpecho_replace(&self->interface, value);
		if (g_strcmp0(name, "Host") == 0)
			return cwmp_tr143_udpecho_replace(&self->host, value);
		if (g_strcmp0(name, "Port") == 0)
			return cwmp_tr143_util_parse_uint(value, 1, 65535, &self->port, error);
		if (g_strcmp0(name, "NumberOfRepetitions") == 0)
			return cwmp_tr143_util_parse_uint(value, 1, 100000, &self->repetitions,
							  error);
		if (g_strcmp0(name, "Timeout") == 0)
			return cwmp_tr143_util_parse_uint(value, 1, 3600000, &self->timeout_ms,
							  error);
		if (g_strcmp0(name, "DataBlockSize") == 0)
			return cwmp_tr143_util_parse_uint(value, 1, 65507, &self->block_size,
							  error);
		if (g_strcmp0(name, "DSCP") == 0)
			return cwmp_tr143_util_parse_uint(value, 0, 63, &self->dscp, error);
		if (g_strcmp0(name, "InterTransmissionTime") == 0)
			return cwmp_tr143_util_parse_uint(value, 1, 65535, &self->inter_ms, error);
		if (g_strcmp0(name, "ProtocolVersion") == 0) {
			return cwmp_tr143_util_validate_protocol_version(value, error) &&
			       cwmp_tr143_udpecho_replace(&self->protocol, value);
		}
		if (g_strcmp0(name, "EnableIndividualPacketResults") == 0)
			return cwmp_value_parse_boolean(value, &self->individual, error);
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "%s is not writable",
		    name);
	return FALSE;
}

static gboolean
cwmp_tr143_udpecho_is_config(CwmpDmObject *object)
{
	g_autofree gchar *path = cwmp_dm_object_dup_path(object);
	return g_strcmp0(path, CWMP_TR143_UDPECHO_CONFIG_PATH) == 0;
}

static gboolean
cwmp_tr143_udpecho_validate(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr143Udpecho *self = cwmp_tr143_udpecho_get_self(user_data, error);
	CwmpTr143Udpecho  scratch = {0};
	gboolean	  ok;

	if (self == NULL)
		return FALSE;
	scratch.plugin = self->plugin;
	ok = cwmp_tr143_udpecho_apply(&scratch, cwmp_tr143_udpecho_is_config(object), name, value,
				      TRUE, error);
	g_free(scratch.server_interface);
	g_free(scratch.source_address);
	g_free(scratch.interface);
	g_free(scratch.host);
	g_free(scratch.protocol);
	return ok;
}

static gboolean
cwmp_tr143_udpecho_set(CwmpDmObject *object,
		       const gchar  *name,
		       const gchar  *value,
		       gpointer	     user_data,
		       GError	   **error)
{
	CwmpTr143Udpecho *self = cwmp_tr143_udpecho_get_self(user_data, error);
	return self != NULL && cwmp_tr143_udpecho_apply(self, cwmp_tr143_udpecho_is_config(object),
							name, value, FALSE, error);
}

static gchar *
cwmp_tr143_udpecho_get_config(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr143Udpecho *self = cwmp_tr143_udpecho_get_self(user_data, error);

	if (self == NULL)
		return NULL;
	if (g_strcmp0(name, "Enable") == 0)
		return g_strdup(self->enable ? "true" : "false");
	if (g_strcmp0(name, "Interface") == 0)
		return g_strdup(self->server_interface);
	if (g_strcmp0(name, "SourceIPAddress") == 0)
		return g_strdup(self->source_address);
	if (g_strcmp0(name, "UDPPort") == 0)
		return g_strdup_printf("%u", self->udp_port);
	if (g_strcmp0(name, "EchoPlusEnabled") == 0)
		return g_strdup(self->echo_plus ? "true" : "false");
	if (g_strcmp0(name, "EchoPlusSupported") == 0)
		return g_strdup("true");
	if (g_strcmp0(name, "PacketsReceived") == 0)
		return g_strdup_printf("%u", self->packets_received);
	if (g_strcmp0(name, "PacketsResponded") == 0)
		return g_strdup_printf("%u", self->packets_responded);
	if (g_strcmp0(name, "BytesReceived") == 0)
		return g_strdup_printf("%u", self->bytes_received);
	if (g_strcmp0(name, "BytesResponded") == 0)
		return g_strdup_printf("%u", self->bytes_responded);
	if (g_strcmp0(name, "TimeFirstPacketReceived") == 0)
		return cwmp_tr143_util_format_time(self->first_time);
	if (g_strcmp0(name, "TimeLastPacketReceived") == 0)
		return cwmp_tr143_util_format_time(self->last_time);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

static gchar *
cwmp_tr143_udpecho_get_diag(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr143Udpecho       *self = cwmp_tr143_udpecho_get_self(user_data, error);
	CwmpTr143UdpechoResult *r;
	guint			success = 0, failure = 0;
	guint64			sum = 0;
	guint			min = 0, max = 0;

	if (self == NULL)
		return NULL;
	r = g_strcmp0(cwmp_tr143_machine_get_state(self->machine), "Complete") == 0 ? self->result
										    : NULL;
	for (guint i = 0; r != NULL && i < r->packets->len; i++) {
		CwmpTr143UdpechoPacket *p = &g_array_index(r->packets, CwmpTr143UdpechoPacket, i);
		guint			rtt;
		if (!p->success) {
			failure++;
			continue;
		}
		rtt = (guint) MIN(p->receive_time - p->send_time, G_MAXUINT);
		min = success == 0 ? rtt : MIN(min, rtt);
		max = MAX(max, rtt);
		sum += rtt;
		success++;
	}
	if (g_strcmp0(name, "DiagnosticsState") == 0)
		return g_strdup(cwmp_tr143_machine_get_state(self->machine));
	if (g_strcmp0(name, "Interface") == 0)
		return g_strdup(self->interface);
	if (g_strcmp0(name, "Host") == 0)
		return g_strdup(self->host);
	if (g_strcmp0(name, "Port") == 0)
		return g_strdup_printf("%u", self->port);
	if (g_strcmp0(name, "NumberOfRepetitions") == 0)
		return g_strdup_printf("%u", self->repetitions);
	if (g_strcmp0(name, "Timeout") == 0)
		return g_strdup_printf("%u", self->timeout_ms);
	if (g_strcmp0(name, "DataBlockSize") == 0)
		return g_strdup_printf("%u", self->block_size);
	if (g_strcmp0(name, "DSCP") == 0)
		return g_strdup_printf("%u", self->dscp);
	if (g_strcmp0(name, "InterTransmissionTime") == 0)
		return g_strdup_printf("%u", self->inter_ms);
	if (g_strcmp0(name, "ProtocolVersion") == 0)
		return g_strdup(self->protocol);
	if (g_strcmp0(name, "IPAddressUsed") == 0)
		return g_strdup(r != NULL && r->ip_address_used != NULL ? r->ip_address_used : "");
	if (g_strcmp0(name, "SuccessCount") == 0)
		return g_strdup_printf("%u", success);
	if (g_strcmp0(name, "FailureCount") == 0)
		return g_strdup_printf("%u", failure);
	if (g_strcmp0(name, "AverageResponseTime") == 0)
		return g_strdup_printf("%u", success > 0 ? (guint) (sum / success) : 0);
	if (g_strcmp0(name, "MinimumResponseTime") == 0)
		return g_strdup_printf("%u", min);
	if (g_strcmp0(name, "MaximumResponseTime") == 0)
		return g_strdup_printf("%u", max);
	if (g_strcmp0(name, "EnableIndividualPacketResults") == 0)
		return g_strdup(self->individual ? "true" : "false");
	if (g_strcmp0(name, "IndividualPacketResultNumberOfEntries") == 0)
		return g_strdup_printf("%u",
				       r != NULL && self->individual
					   ? MIN(r->packets->len, CWMP_TR143_UDPECHO_MAX_RESULTS)
					   : 0);
	if (g_strcmp0(name, "UDPEchoDiagnosticsMaxResults") == 0)
		return g_strdup_printf("%u", CWMP_TR143_UDPECHO_MAX_RESULTS);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

static gchar *
cwmp_tr143_udpecho_get_packet(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr143Udpecho       *self = cwmp_tr143_udpecho_get_self(user_data, error);
	guint			index = cwmp_tr143_util_row_index(object);
	CwmpTr143UdpechoPacket *p;

	if (self == NULL)
		return NULL;
	if (self->result == NULL || index == 0 || index > self->result->packets->len) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "no such result");
		return NULL;
	}
	p = &g_array_index(self->result->packets, CwmpTr143UdpechoPacket, index - 1);
	if (g_strcmp0(name, "PacketSuccess") == 0)
		return g_strdup(p->success ? "true" : "false");
	if (g_strcmp0(name, "PacketSendTime") == 0)
		return cwmp_tr143_util_format_time(p->send_time);
	if (g_strcmp0(name, "PacketReceiveTime") == 0)
		return cwmp_tr143_util_format_time(p->success ? p->receive_time : 0);
	if (g_strcmp0(name, "TestGenSN") == 0)
		return g_strdup_printf("%u", p->gen_sn);
	if (g_strcmp0(name, "TestRespSN") == 0)
		return g_strdup_printf("%u", p->resp_sn);
	if (g_strcmp0(name, "TestRespRcvTimeStamp") == 0)
		return g_strdup_printf("%u", p->resp_rcv_timestamp);
	if (g_strcmp0(name, "TestRespReplyTimeStamp") == 0)
		return g_strdup_printf("%u", p->resp_reply_timestamp);
	if (g_strcmp0(name, "TestRespReplyFailureCount") == 0)
		return g_strdup_printf("%u", p->resp_reply_failures);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "unknown parameter %s",
		    name);
	return NULL;
}

static gboolean
cwmp_tr143_udpecho_enumerate(CwmpDmObject	*parent,
			     const gchar	*table,
			     CwmpDmInstanceList *list,
			     gpointer		 user_data,
			     GError	       **error)
{
	CwmpTr143Plugin	 *plugin = user_data;
	CwmpTr143Udpecho *self = plugin->udpecho;
	guint		  n;

	if (self == NULL || self->result == NULL || !self->individual ||
	    g_strcmp0(cwmp_tr143_machine_get_state(self->machine), "Complete") != 0)
		return TRUE;
	n = MIN(self->result->packets->len, CWMP_TR143_UDPECHO_MAX_RESULTS);
	cwmp_tr143_util_add_rows(list, n);
	return TRUE;
}

#define CWMP_TR143_UDPECHO_CONFIG_RW(n)                                                            \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_udpecho_get_config, .set = cwmp_tr143_udpecho_set,    \
		.validate = cwmp_tr143_udpecho_validate,                                           \
	}
#define CWMP_TR143_UDPECHO_CONFIG_RO(n)                                                            \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_udpecho_get_config,                                   \
		.flags = CWMP_DM_PARAM_FLAG_VOLATILE,                                              \
	}
#define CWMP_TR143_UDPECHO_DIAG_RW(n)                                                              \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_udpecho_get_diag, .set = cwmp_tr143_udpecho_set,      \
		.validate = cwmp_tr143_udpecho_validate,                                           \
	}
#define CWMP_TR143_UDPECHO_DIAG_RO(n)                                                              \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_udpecho_get_diag,                                     \
	}
#define CWMP_TR143_UDPECHO_PACKET(n)                                                               \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_udpecho_get_packet,                                   \
	}

static const CwmpDmParamDef cwmp_tr143_udpecho_config_params[] = {
    CWMP_TR143_UDPECHO_CONFIG_RW("Enable"),
    CWMP_TR143_UDPECHO_CONFIG_RW("Interface"),
    CWMP_TR143_UDPECHO_CONFIG_RW("SourceIPAddress"),
    CWMP_TR143_UDPECHO_CONFIG_RW("UDPPort"),
    CWMP_TR143_UDPECHO_CONFIG_RW("EchoPlusEnabled"),
    {.name = "EchoPlusSupported", .get = cwmp_tr143_udpecho_get_config},
    CWMP_TR143_UDPECHO_CONFIG_RO("PacketsReceived"),
    CWMP_TR143_UDPECHO_CONFIG_RO("PacketsResponded"),
    CWMP_TR143_UDPECHO_CONFIG_RO("BytesReceived"),
    CWMP_TR143_UDPECHO_CONFIG_RO("BytesResponded"),
    CWMP_TR143_UDPECHO_CONFIG_RO("TimeFirstPacketReceived"),
    CWMP_TR143_UDPECHO_CONFIG_RO("TimeLastPacketReceived"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_udpecho_diag_params[] = {
    CWMP_TR143_UDPECHO_DIAG_RW("DiagnosticsState"),
    CWMP_TR143_UDPECHO_DIAG_RW("Interface"),
    CWMP_TR143_UDPECHO_DIAG_RW("Host"),
    CWMP_TR143_UDPECHO_DIAG_RW("Port"),
    CWMP_TR143_UDPECHO_DIAG_RW("NumberOfRepetitions"),
    CWMP_TR143_UDPECHO_DIAG_RW("Timeout"),
    CWMP_TR143_UDPECHO_DIAG_RW("DataBlockSize"),
    CWMP_TR143_UDPECHO_DIAG_RW("DSCP"),
    CWMP_TR143_UDPECHO_DIAG_RW("InterTransmissionTime"),
    CWMP_TR143_UDPECHO_DIAG_RW("ProtocolVersion"),
    CWMP_TR143_UDPECHO_DIAG_RO("IPAddressUsed"),
    CWMP_TR143_UDPECHO_DIAG_RO("SuccessCount"),
    CWMP_TR143_UDPECHO_DIAG_RO("FailureCount"),
    CWMP_TR143_UDPECHO_DIAG_RO("AverageResponseTime"),
    CWMP_TR143_UDPECHO_DIAG_RO("MinimumResponseTime"),
    CWMP_TR143_UDPECHO_DIAG_RO("MaximumResponseTime"),
    CWMP_TR143_UDPECHO_DIAG_RW("EnableIndividualPacketResults"),
    CWMP_TR143_UDPECHO_DIAG_RO("IndividualPacketResultNumberOfEntries"),
    CWMP_TR143_UDPECHO_DIAG_RO("UDPEchoDiagnosticsMaxResults"),
    {NULL},
};

static const CwmpDmParamDef cwmp_tr143_udpecho_packet_params[] = {
    CWMP_TR143_UDPECHO_PACKET("PacketSuccess"),
    CWMP_TR143_UDPECHO_PACKET("PacketSendTime"),
    CWMP_TR143_UDPECHO_PACKET("PacketReceiveTime"),
    CWMP_TR143_UDPECHO_PACKET("TestGenSN"),
    CWMP_TR143_UDPECHO_PACKET("TestRespSN"),
    CWMP_TR143_UDPECHO_PACKET("TestRespRcvTimeStamp"),
    CWMP_TR143_UDPECHO_PACKET("TestRespReplyTimeStamp"),
    CWMP_TR143_UDPECHO_PACKET("TestRespReplyFailureCount"),
    {NULL},
};

static const CwmpDmObjectDef cwmp_tr143_udpecho_config_object = {
    .path = CWMP_TR143_UDPECHO_CONFIG_PATH,
    .params = cwmp_tr143_udpecho_config_params,
};
static const CwmpDmObjectDef cwmp_tr143_udpecho_diag_object = {
    .path = CWMP_TR143_UDPECHO_DIAG_PATH,
    .params = cwmp_tr143_udpecho_diag_params,
};
static const CwmpDmObjectDef cwmp_tr143_udpecho_packet_object = {
    .path = CWMP_TR143_UDPECHO_DIAG_PATH "IndividualPacketResult.{i}.",
    .params = cwmp_tr143_udpecho_packet_params,
    .enumerate = cwmp_tr143_udpecho_enumerate,
};

static const CwmpDmObjectDef *const cwmp_tr143_udpecho_objects[] = {
    &cwmp_tr143_udpecho_config_object,
    &cwmp_tr143_udpecho_diag_object,
    &cwmp_tr143_udpecho_packet_object,
    NULL,
};

/* UDPEchoConfig: the server follows a committed change (UDPEchoDiagnostics
 * is the machine's: the plugin gives it the transaction first) */
static void
cwmp_tr143_udpecho_commit(CwmpTr143Plugin *plugin, const CwmpDmChange *changes, guint n_changes)
{
	CwmpTr143Udpecho *self = plugin->udpecho;
	gboolean	  config = FALSE, was_enabled = FALSE, enable_changed = FALSE;

	if (self == NULL)
		return;
	for (guint i = 0; i < n_changes; i++) {
		g_autofree gchar *path = cwmp_dm_object_dup_path(changes[i].object);
		if (g_strcmp0(path, CWMP_TR143_UDPECHO_CONFIG_PATH) != 0)
			continue;
		config = TRUE;
		if (g_strcmp0(changes[i].name, "Enable") == 0) {
			enable_changed = TRUE;
			was_enabled = g_strcmp0(changes[i].old_value, "true") == 0 ||
				      g_strcmp0(changes[i].old_value, "1") == 0;
		}
	}
	if (!config)
		return;
	g_clear_handle_id(&self->open_id, g_source_remove);
	cwmp_tr143_udpecho_server_apply(self, enable_changed && !was_enabled);
	cwmp_tr143_machine_save_or_warn(self->machine);
}

static gboolean
cwmp_tr143_udpecho_open_cb(gpointer user_data)
{
	CwmpTr143Udpecho *self = user_data;
	self->open_id = 0;
	cwmp_tr143_udpecho_server_apply(self, TRUE);
	return G_SOURCE_REMOVE;
}

static gboolean
cwmp_tr143_udpecho_start(CwmpTr143Plugin *plugin, GError **error)
{
	CwmpTr143Udpecho *self = g_new0(CwmpTr143Udpecho, 1);
	g_autoptr(GError) error_local = NULL;

	self->plugin = plugin;
	cwmp_tr143_udpecho_reset(self);
	self->machine = cwmp_tr143_machine_new(plugin, "udpecho", CWMP_TR143_UDPECHO_DIAG_PATH,
					       &cwmp_tr143_udpecho_machine_funcs, self);
	plugin->udpecho = self;
	if (!cwmp_tr143_machine_load(self->machine, &error_local))
		g_warning("the UDP echo settings are lost: %s", error_local->message);
	/* results are shown after a complete test only */
	if (g_strcmp0(cwmp_tr143_machine_get_state(self->machine), "Complete") != 0)
		g_clear_pointer(&self->result, cwmp_tr143_udpecho_result_free);
	/* from the main loop: an Interface reference needs the tr181 plugin,
	 * which starts after this one (plugins start in name order) */
	if (self->enable)
		self->open_id = g_idle_add(cwmp_tr143_udpecho_open_cb, self);
	return TRUE;
}

static void
cwmp_tr143_udpecho_stop(CwmpTr143Plugin *plugin)
{
	CwmpTr143Udpecho *self = plugin->udpecho;

	if (self == NULL)
		return;
	g_clear_pointer(&self->machine, cwmp_tr143_machine_free);
	g_clear_handle_id(&self->open_id, g_source_remove);
	cwmp_tr143_udpecho_server_close(self);
	cwmp_tr143_udpecho_result_free(self->result);
	g_free(self->server_error);
	g_free(self->server_interface);
	g_free(self->source_address);
	g_free(self->interface);
	g_free(self->host);
	g_free(self->protocol);
	g_free(self);
	plugin->udpecho = NULL;
}

const CwmpTr143Module cwmp_tr143_udpecho_module = {
    .name = "udpecho",
    .objects = cwmp_tr143_udpecho_objects,
    .start = cwmp_tr143_udpecho_start,
    .stop = cwmp_tr143_udpecho_stop,
    .commit = cwmp_tr143_udpecho_commit,
};
