/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The HTTP side of TR-143 DownloadDiagnostics and UploadDiagnostics: a
 * minimal HTTP/1.1 GET/PUT client on plain sockets, one thread per
 * connection.
 *
 * Why not libsoup: TR-143 wants TCPOpenRequestTime (the moment connect() is
 * called), TCPOpenResponseTime (the connection established), ROM (request
 * sent), BOM (first body byte) and EOM per connection, the exact bytes of
 * each connection including headers, and DSCP, SO_PRIORITY and
 * SO_BINDTODEVICE on the socket before connect(). libsoup 3.2 hides the
 * socket and its metrics have no per-connection byte counts nor the
 * connect() call time, and it copies every body chunk into a GBytes. Here
 * download data is discarded in the kernel (recv with MSG_TRUNC: TCP drops
 * it without copying to userspace) and upload data comes from one reusable
 * buffer, so the client is never the bottleneck.
 *
 * Time-based tests repeat the GET on the kept-alive connection (a new one
 * when the server closes it) until the duration ends; time-based uploads
 * send a chunked body until then. The test clock starts when the worker
 * threads start.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cwmp-tr143-http-client.h"
#include "cwmp-tr143-measure.h"
#include "cwmp-tr143-private.h"

#define CWMP_TR143_HTTP_CLIENT_HEAD_MAX	 16384
#define CWMP_TR143_HTTP_CLIENT_BUFFER	 (1024 * 1024)
#define CWMP_TR143_HTTP_CLIENT_DISCARD	 (64 * 1024 * 1024)
#define CWMP_TR143_HTTP_CLIENT_SNDBUF	 (4 * 1024 * 1024)
#define CWMP_TR143_HTTP_CLIENT_MAX_CONNS 64
#define CWMP_TR143_HTTP_CLIENT_LOWAT	 (256 * 1024)

typedef struct _CwmpTr143HttpClientShared CwmpTr143HttpClientShared;

typedef enum {
	CWMP_TR143_HTTP_CLIENT_WAIT_READY,
	CWMP_TR143_HTTP_CLIENT_WAIT_TIMEOUT,
	CWMP_TR143_HTTP_CLIENT_WAIT_DEADLINE,
	CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED,
} CwmpTr143HttpClientWait;

typedef struct {
	CwmpTr143HttpClientShared *shared;
	guint			   index;
	gint			   fd;
	GPollFD			   cancel_fd;
	CwmpTr143HttpClientTimes   times;
	guint64			   rx0, tx0; /* interface counters at BOM */
	guint64			   bytes;    /* test bytes so far; atomic */
	gboolean		   reached_bom;
	gboolean		   server_closes;
	const gchar		  *error_state;
	gchar			  *error_message;
	gchar			  *head;
	gsize			   head_len;
} CwmpTr143HttpClientConn;

struct _CwmpTr143HttpClientShared {
	const CwmpTr143HttpClientParams *params;
	GCancellable			*cancellable;
	GSocketAddress			*address;
	gchar				*host_header;
	gchar				*path;
	guint8				*upload_buffer; /* shared, read-only */
	gint64				 deadline;	/* monotonic, 0 when not time-based */
	GMutex				 mutex;
	guint				 n_bom;
	gboolean			 full_started;
	gboolean			 full_ended;
	gint64				 full_start, full_end;
	guint64				 full_bytes0, full_rx0, full_tx0;
	guint64				 full_bytes1, full_rx1, full_tx1;
	CwmpTr143HttpClientConn		*conns;
	guint				 n_conns;
	guint64				*progress;
	guint				 n_eom;
	guint64				 test_rx0, test_tx0, test_rx1, test_tx1;
};

CwmpTr143HttpClientParams *
cwmp_tr143_http_client_params_copy(const CwmpTr143HttpClientParams *params)
{
	CwmpTr143HttpClientParams *copy = g_new(CwmpTr143HttpClientParams, 1);
	*copy = *params;
	copy->url = g_strdup(params->url);
	copy->bind_ifname = g_strdup(params->bind_ifname);
	copy->counters_ifname = g_strdup(params->counters_ifname);
	return copy;
}

void
cwmp_tr143_http_client_params_free(CwmpTr143HttpClientParams *params)
{
	if (params == NULL)
		return;
	g_free(params->url);
	g_free(params->bind_ifname);
	g_free(params->counters_ifname);
	g_free(params);
}

CwmpTr143HttpClientResult *
cwmp_tr143_http_client_result_new(void)
{
	CwmpTr143HttpClientResult *result = g_new0(CwmpTr143HttpClientResult, 1);
	result->connections = g_array_new(FALSE, TRUE, sizeof(CwmpTr143HttpClientTimes));
	result->increments = g_array_new(FALSE, TRUE, sizeof(CwmpTr143HttpClientIncrement));
	return result;
}

void
cwmp_tr143_http_client_result_free(CwmpTr143HttpClientResult *result)
{
	if (result == NULL)
		return;
	g_free(result->state);
	g_free(result->message);
	g_free(result->ip_address_used);
	g_array_unref(result->connections);
	g_array_unref(result->increments);
	g_free(result);
}

static void
cwmp_tr143_http_client_conn_fail(CwmpTr143HttpClientConn *conn,
				 const gchar		 *state,
				 const gchar		 *format,
				 ...) G_GNUC_PRINTF(3, 4);

static void
cwmp_tr143_http_client_conn_fail(CwmpTr143HttpClientConn *conn,
				 const gchar		 *state,
				 const gchar		 *format,
				 ...)
{
	va_list args;

	if (conn->error_state != NULL)
		return;
	conn->error_state = state;
	va_start(args, format);
	conn->error_message = g_strdup_vprintf(format, args);
	va_end(args);
}

static guint64
cwmp_tr143_http_client_sum_bytes(CwmpTr143HttpClientShared *shared)
{
	guint64 sum = 0;
	for (guint i = 0; i < shared->n_conns; i++)
		sum += __atomic_load_n(&shared->conns[i].bytes, __ATOMIC_RELAXED);
	return sum;
}

/* waits for @events on the connection, the cancellable, the inactivity
 * timeout and (when @use_deadline) the end of a time-based test */
static CwmpTr143HttpClientWait
cwmp_tr143_http_client_conn_wait(CwmpTr143HttpClientConn *conn,
				 gshort			  events,
				 gboolean		  use_deadline)
{
	CwmpTr143HttpClientShared *shared = conn->shared;
	gint64			   now = g_get_monotonic_time();
	gint64			   limit = now + (gint64) shared->params->timeout_ms * 1000;
	gboolean		   deadline_first = FALSE;
	struct pollfd		   fds[2];

	if (use_deadline && shared->deadline != 0 && shared->deadline <= limit) {
		limit = shared->deadline;
		deadline_first = TRUE;
	}
	for (;;) {
		gint timeout;
		gint n;

		now = g_get_monotonic_time();
		if (g_cancellable_is_cancelled(shared->cancellable))
			return CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED;
		if (now >= limit)
			return deadline_first ? CWMP_TR143_HTTP_CLIENT_WAIT_DEADLINE
					      : CWMP_TR143_HTTP_CLIENT_WAIT_TIMEOUT;
		timeout = (gint) MIN((limit - now + 999) / 1000, G_MAXINT);
		fds[0].fd = conn->fd;
		fds[0].events = events;
		fds[0].revents = 0;
		fds[1].fd = conn->cancel_fd.fd;
		fds[1].events = POLLIN;
		fds[1].revents = 0;
		n = poll(fds, conn->cancel_fd.fd >= 0 ? 2 : 1, timeout);
		if (n < 0 && errno != EINTR)
			return CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED;
		if (n > 0 && fds[1].revents != 0)
			return CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED;
		if (n > 0 && fds[0].revents != 0)
			return CWMP_TR143_HTTP_CLIENT_WAIT_READY;
	}
}

static gboolean
cwmp_tr143_http_client_conn_wait_or_fail(CwmpTr143HttpClientConn *conn,
					 gshort			  events,
					 const gchar		 *timeout_state,
					 const gchar		 *what)
{
	switch (cwmp_tr143_http_client_conn_wait(conn, events, FALSE)) {
	case CWMP_TR143_HTTP_CLIENT_WAIT_READY:
		return TRUE;
	case CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED:
		cwmp_tr143_http_client_conn_fail(conn, "Canceled", "canceled");
		return FALSE;
	default:
		cwmp_tr143_http_client_conn_fail(conn, timeout_state, "%s: no answer in %u ms",
						 what, conn->shared->params->timeout_ms);
		return FALSE;
	}
}

static const gchar *
cwmp_tr143_http_client_connect_errno_state(gint code)
{
	if (code == ENETUNREACH || code == EHOSTUNREACH || code == EADDRNOTAVAIL)
		return "Error_NoRouteToHost";
	return "Error_InitConnectionFailed";
}

static gboolean
cwmp_tr143_http_client_conn_open(CwmpTr143HttpClientConn *conn)
{
	CwmpTr143HttpClientShared	*shared = conn->shared;
	const CwmpTr143HttpClientParams *params = shared->params;
	struct sockaddr_storage		 native;
	GSocketFamily			 family = g_socket_address_get_family(shared->address);
	gint				 value;
	gint				 code = 0;
	socklen_t			 len = sizeof(code);
	gboolean			 first = conn->times.tcp_request == 0;

	if (!g_socket_address_to_native(shared->address, &native, sizeof(native), NULL)) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "bad address");
		return FALSE;
	}
	conn->fd = socket(family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET,
			  SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (conn->fd < 0) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "socket: %s",
						 g_strerror(errno));
		return FALSE;
	}
	value = (gint) (params->dscp << 2);
	if (family == G_SOCKET_FAMILY_IPV6) {
		if (setsockopt(conn->fd, IPPROTO_IPV6, IPV6_TCLASS, &value, sizeof(value)) < 0) {
			cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "IPV6_TCLASS: %s",
							 g_strerror(errno));
			return FALSE;
		}
	} else if (setsockopt(conn->fd, IPPROTO_IP, IP_TOS, &value, sizeof(value)) < 0) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "IP_TOS: %s",
						 g_strerror(errno));
		return FALSE;
	}
	value = (gint) params->ethernet_priority;
	if (value != 0 &&
	    setsockopt(conn->fd, SOL_SOCKET, SO_PRIORITY, &value, sizeof(value)) < 0) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "SO_PRIORITY: %s",
						 g_strerror(errno));
		return FALSE;
	}
	if (params->bind_ifname != NULL &&
	    setsockopt(conn->fd, SOL_SOCKET, SO_BINDTODEVICE, params->bind_ifname,
		       strlen(params->bind_ifname) + 1) < 0) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Internal", "SO_BINDTODEVICE %s: %s",
						 params->bind_ifname, g_strerror(errno));
		return FALSE;
	}
	if (params->upload) {
		value = CWMP_TR143_HTTP_CLIENT_SNDBUF;
		(void) setsockopt(conn->fd, SOL_SOCKET, SO_SNDBUF, &value, sizeof(value));
	}
	if (first)
		conn->times.tcp_request = g_get_real_time();
	if (connect(conn->fd, (struct sockaddr *) &native,
		    g_socket_address_get_native_size(shared->address)) < 0) {
		if (errno != EINPROGRESS) {
			cwmp_tr143_http_client_conn_fail(
			    conn, cwmp_tr143_http_client_connect_errno_state(errno), "connect: %s",
			    g_strerror(errno));
			return FALSE;
		}
		if (!cwmp_tr143_http_client_conn_wait_or_fail(
			conn, POLLOUT, "Error_InitConnectionFailed", "connect"))
			return FALSE;
		if (getsockopt(conn->fd, SOL_SOCKET, SO_ERROR, &code, &len) < 0)
			code = errno;
		if (code != 0) {
			cwmp_tr143_http_client_conn_fail(
			    conn, cwmp_tr143_http_client_connect_errno_state(code), "connect: %s",
			    g_strerror(code));
			return FALSE;
		}
	}
	if (first)
		conn->times.tcp_response = g_get_real_time();
	value = 1;
	(void) setsockopt(conn->fd, IPPROTO_TCP, TCP_NODELAY, &value, sizeof(value));
	return TRUE;
}

static void
cwmp_tr143_http_client_conn_close(CwmpTr143HttpClientConn *conn)
{
	if (conn->fd >= 0)
		close(conn->fd);
	conn->fd = -1;
}

static void
cwmp_tr143_http_client_conn_add_bytes(CwmpTr143HttpClientConn *conn, guint64 n)
{
	conn->times.test_bytes += n;
	__atomic_store_n(&conn->bytes, conn->times.test_bytes, __ATOMIC_RELAXED);
	if (conn->shared->progress != NULL)
		__atomic_fetch_add(conn->shared->progress, n, __ATOMIC_RELAXED);
}

/* the first body byte: BOM, and the start of full loading once every
 * connection has one */
static void
cwmp_tr143_http_client_conn_mark_bom(CwmpTr143HttpClientConn *conn, gint64 now)
{
	CwmpTr143HttpClientShared *shared = conn->shared;

	if (conn->reached_bom)
		return;
	conn->reached_bom = TRUE;
	conn->times.bom = now;
	cwmp_tr143_util_read_counters(shared->params->counters_ifname, &conn->rx0, &conn->tx0);
	g_mutex_lock(&shared->mutex);
	if (shared->n_bom == 0) {
		shared->test_rx0 = conn->rx0;
		shared->test_tx0 = conn->tx0;
	}
	if (++shared->n_bom == shared->n_conns && !shared->full_ended) {
		shared->full_started = TRUE;
		shared->full_start = now;
		shared->full_bytes0 = cwmp_tr143_http_client_sum_bytes(shared);
		cwmp_tr143_util_read_counters(shared->params->counters_ifname, &shared->full_rx0,
					      &shared->full_tx0);
	}
	g_mutex_unlock(&shared->mutex);
}

/* the end of this connection's transfer: EOM, and the end of full loading
 * for the first connection to finish */
static void
cwmp_tr143_http_client_conn_mark_eom(CwmpTr143HttpClientConn *conn, gint64 now)
{
	CwmpTr143HttpClientShared *shared = conn->shared;
	guint64			   rx = 0, tx = 0;

	conn->times.eom = now;
	if (cwmp_tr143_util_read_counters(shared->params->counters_ifname, &rx, &tx) &&
	    conn->reached_bom) {
		conn->times.total_rx = rx - conn->rx0;
		conn->times.total_tx = tx - conn->tx0;
	}
	g_mutex_lock(&shared->mutex);
	if (++shared->n_eom == shared->n_conns) {
		shared->test_rx1 = rx;
		shared->test_tx1 = tx;
	}
	if (!shared->full_ended) {
		shared->full_ended = TRUE;
		shared->full_end = now;
		shared->full_bytes1 = cwmp_tr143_http_client_sum_bytes(shared);
		cwmp_tr143_util_read_counters(shared->params->counters_ifname, &shared->full_rx1,
					      &shared->full_tx1);
	}
	g_mutex_unlock(&shared->mutex);
}

static gboolean
cwmp_tr143_http_client_conn_send_all(CwmpTr143HttpClientConn *conn,
				     const struct iovec	     *iov_in,
				     guint		      n_iov,
				     gboolean		      count,
				     const gchar	     *fail_state)
{
	struct iovec iov[3];

	g_assert(n_iov <= G_N_ELEMENTS(iov));
	memcpy(iov, iov_in, n_iov * sizeof(struct iovec));
	while (n_iov > 0) {
		struct msghdr msg = {.msg_iov = iov, .msg_iovlen = n_iov};
		gssize	      n = sendmsg(conn->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				if (!cwmp_tr143_http_client_conn_wait_or_fail(
					conn, POLLOUT, "Error_Timeout", "send"))
					return FALSE;
				continue;
			}
			if (errno == EINTR)
				continue;
			cwmp_tr143_http_client_conn_fail(conn, fail_state, "send: %s",
							 g_strerror(errno));
			return FALSE;
		}
		if (count)
			cwmp_tr143_http_client_conn_add_bytes(conn, (guint64) n);
		while (n_iov > 0 && (gsize) n >= iov[0].iov_len) {
			n -= (gssize) iov[0].iov_len;
			memmove(iov, iov + 1, (n_iov - 1) * sizeof(struct iovec));
			n_iov--;
		}
		if (n_iov > 0) {
			iov[0].iov_base = (guint8 *) iov[0].iov_base + n;
			iov[0].iov_len -= (gsize) n;
		}
	}
	return TRUE;
}

/* reads the response head into @head; *@extra gets the body bytes read with it */
static gboolean
cwmp_tr143_http_client_conn_read_head(CwmpTr143HttpClientConn *conn,
				      gchar		      *head,
				      gsize		      *head_len,
				      gsize		      *extra,
				      gint64		      *first_body_time)
{
	gsize used = 0;

	for (;;) {
		gssize n;
		gchar *end;

		if (used >= CWMP_TR143_HTTP_CLIENT_HEAD_MAX - 1) {
			cwmp_tr143_http_client_conn_fail(conn, "Error_Other",
							 "response head too long");
			return FALSE;
		}
		n = recv(conn->fd, head + used, CWMP_TR143_HTTP_CLIENT_HEAD_MAX - 1 - used,
			 MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!cwmp_tr143_http_client_conn_wait_or_fail(
				conn, POLLIN, "Error_NoResponse", "response"))
				return FALSE;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cwmp_tr143_http_client_conn_fail(conn, "Error_NoResponse",
							 "connection %s before the response",
							 n == 0 ? "closed" : g_strerror(errno));
			return FALSE;
		}
		cwmp_tr143_http_client_conn_add_bytes(conn, (guint64) n);
		used += (gsize) n;
		head[used] = '\0';
		end = g_strstr_len(head, (gssize) used, "\r\n\r\n");
		if (end != NULL) {
			*head_len = (gsize) (end + 4 - head);
			*extra = used - *head_len;
			if (*extra > 0)
				*first_body_time = g_get_real_time();
			return TRUE;
		}
	}
}

typedef struct {
	guint	 status;
	gint64	 content_length; /* -1 unknown */
	gboolean chunked;
	gboolean closes;
} CwmpTr143HttpClientHead;

static gboolean
cwmp_tr143_http_client_parse_head(CwmpTr143HttpClientConn *conn,
				  gchar			  *head,
				  gsize			   head_len,
				  CwmpTr143HttpClientHead *out)
{
	g_auto(GStrv) lines = NULL;
	guint minor = 0;

	head[head_len] = '\0';
	lines = g_strsplit(head, "\r\n", -1);
	out->content_length = -1;
	out->chunked = FALSE;
	if (sscanf(lines[0], "HTTP/1.%u %u", &minor, &out->status) != 2 || out->status < 100 ||
	    out->status > 999) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Other",
						 "malformed status line: %.80s", lines[0]);
		return FALSE;
	}
	out->closes = minor == 0;
	for (guint i = 1; lines[i] != NULL; i++) {
		gchar *colon = strchr(lines[i], ':');
		gchar *value;
		if (colon == NULL)
			continue;
		*colon = '\0';
		value = g_strstrip(colon + 1);
		if (g_ascii_strcasecmp(lines[i], "Content-Length") == 0) {
			gchar  *end = NULL;
			guint64 length = g_ascii_strtoull(value, &end, 10);
			if (end == value || *end != '\0' || length > G_MAXINT64) {
				cwmp_tr143_http_client_conn_fail(conn, "Error_Other",
								 "bad Content-Length %.40s", value);
				return FALSE;
			}
			out->content_length = (gint64) length;
		} else if (g_ascii_strcasecmp(lines[i], "Transfer-Encoding") == 0) {
			out->chunked = g_ascii_strcasecmp(value, "identity") != 0;
		} else if (g_ascii_strcasecmp(lines[i], "Connection") == 0) {
			if (g_ascii_strcasecmp(value, "close") == 0)
				out->closes = TRUE;
		}
	}
	return TRUE;
}

static const gchar *
cwmp_tr143_http_client_status_state(guint status, gboolean upload)
{
	if (status == 401 || status == 403 || status == 407)
		return "Error_LoginFailed";
	return upload ? "Error_NoTransferComplete" : "Error_TransferFailed";
}

/* one GET; FALSE on an error (set on @conn) */
static gboolean
cwmp_tr143_http_client_conn_get(CwmpTr143HttpClientConn *conn, guint8 *buffer, gboolean *deadline)
{
	CwmpTr143HttpClientShared *shared = conn->shared;
	struct iovec		   iov = {.iov_base = conn->head, .iov_len = conn->head_len};
	CwmpTr143HttpClientHead	   parsed;
	gsize			   head_len = 0, extra = 0;
	gint64			   first_body = 0, remaining, last_byte;
	gint			   rcvlowat = 1;
	gboolean		   slow = FALSE;

	if (conn->times.rom == 0)
		conn->times.rom = g_get_real_time();
	if (!cwmp_tr143_http_client_conn_send_all(conn, &iov, 1, FALSE, "Error_NoResponse"))
		return FALSE;
	if (!cwmp_tr143_http_client_conn_read_head(conn, (gchar *) buffer, &head_len, &extra,
						   &first_body))
		return FALSE;
	last_byte = g_get_real_time();
	if (!cwmp_tr143_http_client_parse_head(conn, (gchar *) buffer, head_len, &parsed))
		return FALSE;
	if (parsed.status < 200 || parsed.status > 299) {
		cwmp_tr143_http_client_conn_fail(
		    conn, cwmp_tr143_http_client_status_state(parsed.status, FALSE),
		    "server answered %u", parsed.status);
		return FALSE;
	}
	if (parsed.chunked) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_Other",
						 "chunked downloads are not supported");
		return FALSE;
	}
	conn->server_closes = parsed.closes || parsed.content_length < 0;
	if (first_body != 0)
		cwmp_tr143_http_client_conn_mark_bom(conn, first_body);
	remaining = parsed.content_length < 0 ? G_MAXINT64 : parsed.content_length - (gint64) extra;
	if (remaining < 0) {
		cwmp_tr143_http_client_conn_fail(conn, "Error_IncorrectSize",
						 "more body than Content-Length");
		return FALSE;
	}
	while (remaining > 0) {
		/* MSG_TRUNC: TCP drops up to that many bytes without writing to
		 * @buffer. Called as the raw system call: the sanitizers' recv()
		 * wrapper would take the length for a write into @buffer (valgrind,
		 * which sees the system call, still calls the length too long) */
		gssize n = (gssize) syscall(SYS_recvfrom, conn->fd, buffer,
					    (gsize) MIN(remaining, CWMP_TR143_HTTP_CLIENT_DISCARD),
					    MSG_TRUNC | MSG_DONTWAIT, NULL, NULL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			CwmpTr143HttpClientWait wait;
			/* wake up for a good amount of data, not every segment (never
			 * more than what is left, or the end of the body would wait) */
			gint lowat = slow ? 1 : (gint) MIN(remaining, CWMP_TR143_HTTP_CLIENT_LOWAT);
			if (lowat != rcvlowat && setsockopt(conn->fd, SOL_SOCKET, SO_RCVLOWAT,
							    &lowat, sizeof(lowat)) == 0)
				rcvlowat = lowat;
			wait = cwmp_tr143_http_client_conn_wait(conn, POLLIN, TRUE);
			if (wait == CWMP_TR143_HTTP_CLIENT_WAIT_READY)
				continue;
			if (wait == CWMP_TR143_HTTP_CLIENT_WAIT_TIMEOUT && rcvlowat > 1) {
				/* a slow link that never fills the low mark is not idle */
				gint queued = 0;
				slow = TRUE;
				rcvlowat = 1;
				(void) setsockopt(conn->fd, SOL_SOCKET, SO_RCVLOWAT, &rcvlowat,
						  sizeof(rcvlowat));
				if (ioctl(conn->fd, FIONREAD, &queued) == 0 && queued > 0)
					continue;
			}
			if (wait == CWMP_TR143_HTTP_CLIENT_WAIT_DEADLINE) {
				*deadline = TRUE;
				break;
			}
			if (wait == CWMP_TR143_HTTP_CLIENT_WAIT_CANCELLED)
				cwmp_tr143_http_client_conn_fail(conn, "Canceled", "canceled");
			else
				cwmp_tr143_http_client_conn_fail(conn, "Error_Timeout",
								 "no data for %u ms",
								 shared->params->timeout_ms);
			return FALSE;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 && parsed.content_length < 0)
			break;
		if (n <= 0) {
			cwmp_tr143_http_client_conn_fail(
			    conn, "Error_TransferFailed",
			    "connection %s with %" G_GINT64_FORMAT " bytes of the body missing",
			    n == 0 ? "closed" : g_strerror(errno), remaining);
			return FALSE;
		}
		last_byte = g_get_real_time();
		if (!conn->reached_bom)
			cwmp_tr143_http_client_conn_mark_bom(conn, last_byte);
		cwmp_tr143_http_client_conn_add_bytes(conn, (guint64) n);
		remaining -= n;
		if (shared->deadline != 0 && g_get_monotonic_time() >= shared->deadline) {
			*deadline = TRUE;
			break;
		}
	}
	if (rcvlowat != 1) {
		rcvlowat = 1;
		(void) setsockopt(conn->fd, SOL_SOCKET, SO_RCVLOWAT, &rcvlowat, sizeof(rcvlowat));
	}
	if (!conn->reached_bom)
		cwmp_tr143_http_client_conn_mark_bom(conn, last_byte);
	conn->times.eom = last_byte;
	return TRUE;
}

/* one PUT; FALSE on an error (set on @conn) */
static gboolean
cwmp_tr143_http_client_conn_put(CwmpTr143HttpClientConn *conn, guint8 *buffer, gboolean *deadline)
{
	CwmpTr143HttpClientShared *shared = conn->shared;
	gboolean		   chunked = shared->deadline != 0;
	guint64			   remaining = shared->params->file_length;
	struct iovec		   iov[3];
	CwmpTr143HttpClientHead	   parsed;
	gsize			   head_len = 0, extra = 0;
	gint64			   first_body = 0;
	gchar			   chunk_line[32];

	if (conn->times.rom == 0)
		conn->times.rom = g_get_real_time();
	iov[0].iov_base = conn->head;
	iov[0].iov_len = conn->head_len;
	if (!cwmp_tr143_http_client_conn_send_all(conn, iov, 1, TRUE, "Error_NoTransferComplete"))
		return FALSE;
	while (chunked || remaining > 0) {
		gsize size = chunked ? CWMP_TR143_HTTP_CLIENT_BUFFER
				     : (gsize) MIN(remaining, CWMP_TR143_HTTP_CLIENT_BUFFER);
		if (!conn->reached_bom)
			cwmp_tr143_http_client_conn_mark_bom(conn, g_get_real_time());
		if (chunked) {
			g_snprintf(chunk_line, sizeof(chunk_line), "%zx\r\n", size);
			iov[0].iov_base = chunk_line;
			iov[0].iov_len = strlen(chunk_line);
			iov[1].iov_base = shared->upload_buffer;
			iov[1].iov_len = size;
			iov[2].iov_base = (gchar *) "\r\n";
			iov[2].iov_len = 2;
			if (!cwmp_tr143_http_client_conn_send_all(conn, iov, 3, TRUE,
								  "Error_NoTransferComplete"))
				return FALSE;
			if (g_get_monotonic_time() >= shared->deadline) {
				iov[0].iov_base = (gchar *) "0\r\n\r\n";
				iov[0].iov_len = 5;
				if (!cwmp_tr143_http_client_conn_send_all(conn, iov, 1, TRUE,
									  "Error_"
									  "NoTransferComplete"))
					return FALSE;
				*deadline = TRUE;
				break;
			}
		} else {
			iov[0].iov_base = shared->upload_buffer;
			iov[0].iov_len = size;
			if (!cwmp_tr143_http_client_conn_send_all(conn, iov, 1, TRUE,
								  "Error_NoTransferComplete"))
				return FALSE;
			remaining -= size;
		}
	}
	if (!conn->reached_bom)
		cwmp_tr143_http_client_conn_mark_bom(conn, g_get_real_time());
	if (!cwmp_tr143_http_client_conn_read_head(conn, (gchar *) buffer, &head_len, &extra,
						   &first_body))
		return FALSE;
	/* the response is not test data: TestBytesSent counts what was sent */
	conn->times.test_bytes -= head_len + extra;
	__atomic_store_n(&conn->bytes, conn->times.test_bytes, __ATOMIC_RELAXED);
	conn->times.eom = g_get_real_time();
	if (!cwmp_tr143_http_client_parse_head(conn, (gchar *) buffer, head_len, &parsed))
		return FALSE;
	if (parsed.status < 200 || parsed.status > 299) {
		cwmp_tr143_http_client_conn_fail(
		    conn, cwmp_tr143_http_client_status_state(parsed.status, TRUE),
		    "server answered %u", parsed.status);
		return FALSE;
	}
	conn->server_closes = TRUE;
	return TRUE;
}

static gpointer
cwmp_tr143_http_client_conn_thread(gpointer data)
{
	CwmpTr143HttpClientConn	  *conn = data;
	CwmpTr143HttpClientShared *shared = conn->shared;
	g_autofree guint8	  *buffer = g_malloc(CWMP_TR143_HTTP_CLIENT_HEAD_MAX + 1);
	gboolean		   deadline = FALSE;

	conn->fd = -1;
	conn->cancel_fd.fd = -1;
	if (!g_cancellable_make_pollfd(shared->cancellable, &conn->cancel_fd))
		conn->cancel_fd.fd = -1;
	while (conn->error_state == NULL) {
		gboolean ok;
		if (conn->fd < 0 && !cwmp_tr143_http_client_conn_open(conn))
			break;
		ok = shared->params->upload
			 ? cwmp_tr143_http_client_conn_put(conn, buffer, &deadline)
			 : cwmp_tr143_http_client_conn_get(conn, buffer, &deadline);
		if (!ok || deadline || shared->deadline == 0)
			break;
		if (g_get_monotonic_time() >= shared->deadline)
			break;
		if (conn->server_closes)
			cwmp_tr143_http_client_conn_close(conn);
	}
	if (conn->error_state == NULL)
		cwmp_tr143_http_client_conn_mark_eom(conn, conn->times.eom);
	else
		cwmp_tr143_http_client_conn_mark_eom(conn, g_get_real_time());
	cwmp_tr143_http_client_conn_close(conn);
	if (conn->cancel_fd.fd >= 0)
		g_cancellable_release_fd(shared->cancellable);
	if (conn->error_state != NULL)
		g_cancellable_cancel(shared->cancellable);
	return NULL;
}

static gboolean
cwmp_tr143_http_client_resolve(CwmpTr143HttpClientShared *shared,
			       CwmpTr143HttpClientResult *result,
			       GError			**error)
{
	const CwmpTr143HttpClientParams *params = shared->params;
	g_autoptr(GUri) uri = NULL;
	g_autoptr(GResolver) resolver = NULL;
	g_autoptr(GError) error_local = NULL;
	GList	     *addresses;
	GInetAddress *chosen = NULL;
	gint	      port;
	const gchar  *host;
	const gchar  *path;
	const gchar  *query;

	uri = g_uri_parse(params->url, G_URI_FLAGS_ENCODED, &error_local);
	if (uri == NULL || g_strcmp0(g_uri_get_scheme(uri), "http") != 0 ||
	    g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0') {
		result->state = g_strdup("Error_Other");
		result->message = g_strdup_printf("not an http URL: %s", params->url);
		return FALSE;
	}
	host = g_uri_get_host(uri);
	port = g_uri_get_port(uri) > 0 ? g_uri_get_port(uri) : 80;
	path = g_uri_get_path(uri)[0] != '\0' ? g_uri_get_path(uri) : "/";
	query = g_uri_get_query(uri);
	shared->path = query != NULL ? g_strdup_printf("%s?%s", path, query) : g_strdup(path);
	shared->host_header = strchr(host, ':') != NULL ? g_strdup_printf("[%s]:%d", host, port)
							: g_strdup_printf("%s:%d", host, port);
	resolver = g_resolver_get_default();
	addresses = g_resolver_lookup_by_name(resolver, host, shared->cancellable, &error_local);
	if (addresses == NULL) {
		if (g_error_matches(error_local, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		result->state = g_strdup("Error_CannotResolveHostName");
		result->message = g_strdup(error_local->message);
		return FALSE;
	}
	for (GList *l = addresses; l != NULL; l = l->next) {
		GInetAddress *address = l->data;
		if (params->family == 0 ||
		    (gint) g_inet_address_get_family(address) == params->family) {
			chosen = address;
			break;
		}
	}
	if (chosen == NULL) {
		g_resolver_free_addresses(addresses);
		result->state = g_strdup("Error_CannotResolveHostName");
		result->message =
		    g_strdup_printf("%s has no address of the requested family", host);
		return FALSE;
	}
	shared->address = g_inet_socket_address_new(chosen, (guint16) port);
	result->ip_address_used = g_inet_address_to_string(chosen);
	g_resolver_free_addresses(addresses);
	return TRUE;
}

static gchar *
cwmp_tr143_http_client_build_head(CwmpTr143HttpClientShared *shared, gsize *len)
{
	GString *head = g_string_new(NULL);

	if (shared->params->upload) {
		g_string_append_printf(head, "PUT %s HTTP/1.1\r\nHost: %s\r\n", shared->path,
				       shared->host_header);
		g_string_append(head, "User-Agent: cwmpd-tr143\r\n"
				      "Content-Type: application/octet-stream\r\n");
		if (shared->deadline != 0)
			g_string_append(head, "Transfer-Encoding: chunked\r\n");
		else
			g_string_append_printf(head, "Content-Length: %" G_GUINT64_FORMAT "\r\n",
					       shared->params->file_length);
		g_string_append(head, "Connection: close\r\n\r\n");
	} else {
		g_string_append_printf(head,
				       "GET %s HTTP/1.1\r\nHost: %s\r\n"
				       "User-Agent: cwmpd-tr143\r\nAccept: */*\r\n\r\n",
				       shared->path, shared->host_header);
	}
	*len = head->len;
	return g_string_free(head, FALSE);
}

static guint64
cwmp_tr143_http_client_bytes_cb(gpointer user_data)
{
	return cwmp_tr143_http_client_sum_bytes(user_data);
}

/**
 * cwmp_tr143_http_client_run:
 * @params: the test
 * @progress: (nullable): test bytes so far, updated atomically while it runs
 * @cancellable: (nullable): stops every connection
 *
 * Runs the test to its end, blocking; call from a worker thread.
 *
 * Returns: (transfer full): the result, a failed test included; %NULL only
 *   when cancelled (G_IO_ERROR_CANCELLED)
 */
CwmpTr143HttpClientResult *
cwmp_tr143_http_client_run(const CwmpTr143HttpClientParams *params,
			   guint64			   *progress,
			   GCancellable			   *cancellable,
			   GError			  **error)
{
	g_autoptr(CwmpTr143HttpClientResult) result = cwmp_tr143_http_client_result_new();
	g_autoptr(GCancellable) inner = g_cancellable_new();
	g_autofree GThread	**threads = NULL;
	CwmpTr143HttpClientShared shared = {0};
	gulong			  handler = 0;
	guint	 n = CLAMP(params->connections, 1, CWMP_TR143_HTTP_CLIENT_MAX_CONNS);
	gboolean cancelled;
	gint64	 t0;

	shared.params = params;
	shared.cancellable = inner;
	shared.progress = progress;
	g_mutex_init(&shared.mutex);
	if (cancellable != NULL)
		handler = g_cancellable_connect(cancellable,
						G_CALLBACK(cwmp_tr143_measure_forward_cancel_cb),
						g_object_ref(inner), g_object_unref);
	if (cwmp_tr143_http_client_resolve(&shared, result, error)) {
		t0 = g_get_monotonic_time();
		if (params->duration > 0)
			shared.deadline = t0 + (gint64) params->duration * G_USEC_PER_SEC;
		if (params->upload)
			shared.upload_buffer = g_malloc0(CWMP_TR143_HTTP_CLIENT_BUFFER);
		shared.n_conns = n;
		shared.conns = g_new0(CwmpTr143HttpClientConn, n);
		threads = g_new0(GThread *, n);
		for (guint i = 0; i < n; i++) {
			shared.conns[i].shared = &shared;
			shared.conns[i].index = i;
			shared.conns[i].head =
			    cwmp_tr143_http_client_build_head(&shared, &shared.conns[i].head_len);
			threads[i] = g_thread_new("tr143-http", cwmp_tr143_http_client_conn_thread,
						  &shared.conns[i]);
		}
		cwmp_tr143_measure_run(params, shared.cancellable, t0, shared.deadline,
				       cwmp_tr143_http_client_bytes_cb, &shared, result);
		for (guint i = 0; i < n; i++)
			g_thread_join(threads[i]);
	}
	cancelled = cancellable != NULL && g_cancellable_is_cancelled(cancellable);
	if (handler != 0)
		g_cancellable_disconnect(cancellable, handler);

	/* the first real error wins; the connections it stopped say Canceled */
	for (guint i = 0; i < shared.n_conns && result->state == NULL; i++) {
		CwmpTr143HttpClientConn *conn = &shared.conns[i];
		if (conn->error_state != NULL && g_strcmp0(conn->error_state, "Canceled") != 0) {
			result->state = g_strdup(conn->error_state);
			result->message = g_strdup(conn->error_message);
		}
	}
	for (guint i = 0; i < shared.n_conns; i++) {
		CwmpTr143HttpClientConn *conn = &shared.conns[i];
		cwmp_tr143_measure_add_connection(result, &conn->times);
		g_free(conn->error_message);
		g_free(conn->head);
	}
	if (result->state == NULL && shared.n_conns > 0) {
		/* TotalBytes of the test: the interface between the first BOM and
		 * the last EOM */
		if (shared.test_rx1 >= shared.test_rx0 && shared.test_tx1 >= shared.test_tx0) {
			result->total.total_rx = shared.test_rx1 - shared.test_rx0;
			result->total.total_tx = shared.test_tx1 - shared.test_tx0;
		}
		if (shared.full_started && shared.full_ended &&
		    shared.full_end > shared.full_start) {
			result->period_full_us = (guint64) (shared.full_end - shared.full_start);
			result->test_bytes_full = shared.full_bytes1 - shared.full_bytes0;
			result->total_rx_full = shared.full_rx1 - shared.full_rx0;
			result->total_tx_full = shared.full_tx1 - shared.full_tx0;
		}
		result->state = g_strdup("Complete");
	}
	g_clear_object(&shared.address);
	g_free(shared.host_header);
	g_free(shared.path);
	g_free(shared.upload_buffer);
	g_free(shared.conns);
	g_mutex_clear(&shared.mutex);
	if (cancelled) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "test canceled");
		return NULL;
	}
	if (result->state == NULL) {
		/* the resolver was cancelled */
		if (error != NULL && *error == NULL)
			g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
					    "test canceled");
		return NULL;
	}
	return g_steal_pointer(&result);
}

/**
 * cwmp_tr143_http_client_run_async:
 * @progress: (nullable): must stay valid until the callback
 *
 * cwmp_tr143_http_client_run() in a worker thread.
 */
void
cwmp_tr143_http_client_run_async(const CwmpTr143HttpClientParams *params,
				 guint64			 *progress,
				 GCancellable			 *cancellable,
				 GAsyncReadyCallback		  callback,
				 gpointer			  user_data)
{
	cwmp_tr143_measure_run_async(cwmp_tr143_http_client_run, params, progress, cancellable,
				     callback, user_data);
}

CwmpTr143HttpClientResult *
cwmp_tr143_http_client_run_finish(GAsyncResult *result, GError **error)
{
	return cwmp_tr143_measure_run_finish(result, error);
}
