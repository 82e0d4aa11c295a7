/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The FTP side of TR-143 DownloadDiagnostics and UploadDiagnostics (TR-143
 * Annex A): passive mode, binary type, one thread per control + data
 * connection pair, on plain sockets like the HTTP client and for the same
 * reasons (the connect() time, per-connection bytes, DSCP, SO_PRIORITY and
 * SO_BINDTODEVICE before connect(), data discarded in the kernel). The
 * replies are parsed by the core's FTP reply parser
 * (cwmp_ftp_client_reply_*).
 *
 * Per connection: connect the control connection (TCPOpenRequestTime and
 * TCPOpenResponseTime), greeting, USER, PASS, TYPE I, CWD to the folder of
 * the path when it has one, SIZE (download), then PASV (EPSV when refused,
 * or on IPv6), the data connection, RETR or STOR (ROMTime when sent), the
 * data (BOMTime at its first byte) and the 226 reply. EOMTime is the last
 * data byte received (download) or the arrival of the 226 after the upload.
 * TestBytesReceived counts the data and the control replies from RETR on;
 * TestBytesSent counts the STOR command and the data. The data connection
 * goes to the control connection's server address at the port the server
 * names (the address in a 227 reply is not used).
 *
 * Time-based tests: downloads repeat RETR on the same control connection
 * until the duration ends (the data connection is closed then, mid-file);
 * uploads send data until then, close the data connection and wait for the
 * 226.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cwmp-ftp-client.h"
#include "cwmp-tr143-ftp-client.h"
#include "cwmp-tr143-measure.h"
#include "cwmp-tr143-private.h"

#define CWMP_TR143_FTP_CLIENT_BUFFER	(1024 * 1024)
#define CWMP_TR143_FTP_CLIENT_DISCARD	(64 * 1024 * 1024)
#define CWMP_TR143_FTP_CLIENT_SNDBUF	(4 * 1024 * 1024)
#define CWMP_TR143_FTP_CLIENT_MAX_CONNS 64
#define CWMP_TR143_FTP_CLIENT_CONTROL	4096

typedef struct _CwmpTr143FtpClientShared CwmpTr143FtpClientShared;

typedef enum {
	CWMP_TR143_FTP_CLIENT_WAIT_READY,
	CWMP_TR143_FTP_CLIENT_WAIT_TIMEOUT,
	CWMP_TR143_FTP_CLIENT_WAIT_DEADLINE,
	CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED,
} CwmpTr143FtpClientWait;

typedef struct {
	CwmpTr143FtpClientShared *shared;
	gint			  control_fd;
	gint			  data_fd;
	GPollFD			  cancel_fd;
	CwmpTr143HttpClientTimes  times;
	guint64			  rx0, tx0; /* interface counters at BOM */
	guint64			  bytes;    /* test bytes so far; atomic */
	gboolean		  reached_bom;
	gboolean		  count_replies; /* download: replies count as test bytes */
	guint64			  size;		 /* download: from SIZE, G_MAXUINT64 unknown */
	const gchar		 *error_state;
	gchar			 *error_message;
	CwmpFtpClientReply	 *reply;
	guint8			  control[CWMP_TR143_FTP_CLIENT_CONTROL];
	gsize			  control_len; /* bytes read, not parsed yet */
} CwmpTr143FtpClientConn;

struct _CwmpTr143FtpClientShared {
	const CwmpTr143HttpClientParams *params;
	GCancellable			*cancellable;
	GSocketAddress			*address;
	gchar				*username;
	gchar				*password;
	gchar				*folder; /* (nullable): CWD to it first */
	gchar				*file;
	guint8				*upload_buffer; /* shared, read-only */
	gsize				 upload_buffer_len;
	gint64				 deadline; /* monotonic, 0 when not time-based */
	GMutex				 mutex;
	guint				 n_bom;
	gboolean			 full_started;
	gboolean			 full_ended;
	gint64				 full_start, full_end;
	guint64				 full_bytes0, full_rx0, full_tx0;
	guint64				 full_bytes1, full_rx1, full_tx1;
	CwmpTr143FtpClientConn		*conns;
	guint				 n_conns;
	guint64				*progress;
	guint				 n_eom;
	guint64				 test_rx0, test_tx0, test_rx1, test_tx1;
};

static void
cwmp_tr143_ftp_client_conn_fail(CwmpTr143FtpClientConn *conn,
				const gchar	       *state,
				const gchar	       *format,
				...) G_GNUC_PRINTF(3, 4);

static void
cwmp_tr143_ftp_client_conn_fail(CwmpTr143FtpClientConn *conn,
				const gchar	       *state,
				const gchar	       *format,
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
cwmp_tr143_ftp_client_sum_bytes(CwmpTr143FtpClientShared *shared)
{
	guint64 sum = 0;
	for (guint i = 0; i < shared->n_conns; i++)
		sum += __atomic_load_n(&shared->conns[i].bytes, __ATOMIC_RELAXED);
	return sum;
}

static void
cwmp_tr143_ftp_client_conn_add_bytes(CwmpTr143FtpClientConn *conn, guint64 n)
{
	conn->times.test_bytes += n;
	__atomic_store_n(&conn->bytes, conn->times.test_bytes, __ATOMIC_RELAXED);
	if (conn->shared->progress != NULL)
		__atomic_fetch_add(conn->shared->progress, n, __ATOMIC_RELAXED);
}

/* waits for @events on @fd, the cancellable, the inactivity timeout and
 * (when @use_deadline) the end of a time-based test */
static CwmpTr143FtpClientWait
cwmp_tr143_ftp_client_conn_wait(CwmpTr143FtpClientConn *conn,
				gint			fd,
				gshort			events,
				gboolean		use_deadline)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	gint64			  now = g_get_monotonic_time();
	gint64			  limit = now + (gint64) shared->params->timeout_ms * 1000;
	gboolean		  deadline_first = FALSE;
	struct pollfd		  fds[2];

	if (use_deadline && shared->deadline != 0 && shared->deadline <= limit) {
		limit = shared->deadline;
		deadline_first = TRUE;
	}
	for (;;) {
		gint timeout;
		gint n;

		now = g_get_monotonic_time();
		if (g_cancellable_is_cancelled(shared->cancellable))
			return CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED;
		if (now >= limit)
			return deadline_first ? CWMP_TR143_FTP_CLIENT_WAIT_DEADLINE
					      : CWMP_TR143_FTP_CLIENT_WAIT_TIMEOUT;
		timeout = (gint) MIN((limit - now + 999) / 1000, G_MAXINT);
		fds[0].fd = fd;
		fds[0].events = events;
		fds[0].revents = 0;
		fds[1].fd = conn->cancel_fd.fd;
		fds[1].events = POLLIN;
		fds[1].revents = 0;
		n = poll(fds, conn->cancel_fd.fd >= 0 ? 2 : 1, timeout);
		if (n < 0 && errno != EINTR)
			return CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED;
		if (n > 0 && fds[1].revents != 0)
			return CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED;
		if (n > 0 && fds[0].revents != 0)
			return CWMP_TR143_FTP_CLIENT_WAIT_READY;
	}
}

static gboolean
cwmp_tr143_ftp_client_conn_wait_or_fail(CwmpTr143FtpClientConn *conn,
					gint			fd,
					gshort			events,
					const gchar	       *what)
{
	switch (cwmp_tr143_ftp_client_conn_wait(conn, fd, events, FALSE)) {
	case CWMP_TR143_FTP_CLIENT_WAIT_READY:
		return TRUE;
	case CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED:
		cwmp_tr143_ftp_client_conn_fail(conn, "Canceled", "canceled");
		return FALSE;
	default:
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Timeout", "%s: nothing in %u ms", what,
						conn->shared->params->timeout_ms);
		return FALSE;
	}
}

static const gchar *
cwmp_tr143_ftp_client_connect_errno_state(gint code)
{
	if (code == ENETUNREACH || code == EHOSTUNREACH || code == EADDRNOTAVAIL)
		return "Error_NoRouteToHost";
	return "Error_InitConnectionFailed";
}

/* sets DSCP, priority and the interface on @fd and connects it to
 * @address; the control connection records the TCPOpen times */
static gboolean
cwmp_tr143_ftp_client_conn_connect(CwmpTr143FtpClientConn *conn,
				   GSocketAddress	  *address,
				   gboolean		   control,
				   gint			   fd)
{
	CwmpTr143FtpClientShared	*shared = conn->shared;
	const CwmpTr143HttpClientParams *params = shared->params;
	const gchar			*what = control ? "control" : "data";
	struct sockaddr_storage		 native;
	GSocketFamily			 family = g_socket_address_get_family(address);
	gint				 value;
	gint				 code = 0;
	socklen_t			 len = sizeof(code);

	if (!g_socket_address_to_native(address, &native, sizeof(native), NULL)) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "bad address");
		return FALSE;
	}
	value = (gint) (params->dscp << 2);
	if (family == G_SOCKET_FAMILY_IPV6) {
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &value, sizeof(value)) < 0) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "IPV6_TCLASS: %s",
							g_strerror(errno));
			return FALSE;
		}
	} else if (setsockopt(fd, IPPROTO_IP, IP_TOS, &value, sizeof(value)) < 0) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "IP_TOS: %s",
						g_strerror(errno));
		return FALSE;
	}
	value = (gint) params->ethernet_priority;
	if (value != 0 && setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &value, sizeof(value)) < 0) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "SO_PRIORITY: %s",
						g_strerror(errno));
		return FALSE;
	}
	if (params->bind_ifname != NULL &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, params->bind_ifname,
		       strlen(params->bind_ifname) + 1) < 0) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "SO_BINDTODEVICE %s: %s",
						params->bind_ifname, g_strerror(errno));
		return FALSE;
	}
	if (!control && params->upload) {
		value = CWMP_TR143_FTP_CLIENT_SNDBUF;
		(void) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &value, sizeof(value));
	}
	if (control && conn->times.tcp_request == 0)
		conn->times.tcp_request = g_get_real_time();
	if (connect(fd, (struct sockaddr *) &native, g_socket_address_get_native_size(address)) <
	    0) {
		if (errno != EINPROGRESS) {
			cwmp_tr143_ftp_client_conn_fail(
			    conn, cwmp_tr143_ftp_client_connect_errno_state(errno),
			    "%s connection: %s", what, g_strerror(errno));
			return FALSE;
		}
		switch (cwmp_tr143_ftp_client_conn_wait(conn, fd, POLLOUT, FALSE)) {
		case CWMP_TR143_FTP_CLIENT_WAIT_READY:
			break;
		case CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED:
			cwmp_tr143_ftp_client_conn_fail(conn, "Canceled", "canceled");
			return FALSE;
		default:
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_InitConnectionFailed",
							"%s connection: no answer in %u ms", what,
							params->timeout_ms);
			return FALSE;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &len) < 0)
			code = errno;
		if (code != 0) {
			cwmp_tr143_ftp_client_conn_fail(
			    conn, cwmp_tr143_ftp_client_connect_errno_state(code),
			    "%s connection: %s", what, g_strerror(code));
			return FALSE;
		}
	}
	if (control && conn->times.tcp_response == 0)
		conn->times.tcp_response = g_get_real_time();
	value = 1;
	if (control)
		(void) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, sizeof(value));
	return TRUE;
}

/* a TCP connection to @address, or -1 (the error set on @conn) */
static gint
cwmp_tr143_ftp_client_conn_open(CwmpTr143FtpClientConn *conn,
				GSocketAddress	       *address,
				gboolean		control)
{
	gint fd = socket(g_socket_address_get_family(address) == G_SOCKET_FAMILY_IPV6 ? AF_INET6
										      : AF_INET,
			 SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_Internal", "socket: %s",
						g_strerror(errno));
		return -1;
	}
	if (!cwmp_tr143_ftp_client_conn_connect(conn, address, control, fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
cwmp_tr143_ftp_client_close(gint *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* sends @len bytes on @fd; @count adds them to the test bytes */
static gboolean
cwmp_tr143_ftp_client_conn_send(CwmpTr143FtpClientConn *conn,
				gint			fd,
				const guint8	       *data,
				gsize			len,
				gboolean		count,
				const gchar	       *fail_state)
{
	while (len > 0) {
		gssize n = send(fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				if (!cwmp_tr143_ftp_client_conn_wait_or_fail(conn, fd, POLLOUT,
									     "send"))
					return FALSE;
				continue;
			}
			if (errno == EINTR)
				continue;
			cwmp_tr143_ftp_client_conn_fail(conn, fail_state, "send: %s",
							g_strerror(errno));
			return FALSE;
		}
		if (count)
			cwmp_tr143_ftp_client_conn_add_bytes(conn, (guint64) n);
		data += n;
		len -= (gsize) n;
	}
	return TRUE;
}

/* the next complete reply of the control connection; @closed_state is the
 * error when the server closes it first; *@arrival gets the time its last
 * byte was read */
static gboolean
cwmp_tr143_ftp_client_conn_read_reply(CwmpTr143FtpClientConn *conn,
				      const gchar	     *command,
				      const gchar	     *closed_state,
				      guint		     *code,
				      gint64		     *arrival)
{
	g_autoptr(GError) error = NULL;
	gboolean complete = FALSE;

	cwmp_ftp_client_reply_reset(conn->reply);
	for (;;) {
		gsize  consumed = 0;
		gssize n;

		if (conn->control_len > 0) {
			if (!cwmp_ftp_client_reply_feed(conn->reply, conn->control,
							conn->control_len, &consumed, &complete,
							&error)) {
				cwmp_tr143_ftp_client_conn_fail(conn, "Error_Other",
								"bad reply to %s: %s", command,
								error->message);
				return FALSE;
			}
			memmove(conn->control, conn->control + consumed,
				conn->control_len - consumed);
			conn->control_len -= consumed;
			if (complete) {
				*code = cwmp_ftp_client_reply_get_code(conn->reply);
				if (arrival != NULL)
					*arrival = g_get_real_time();
				return TRUE;
			}
		}
		n = recv(conn->control_fd, conn->control, sizeof(conn->control), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!cwmp_tr143_ftp_client_conn_wait_or_fail(conn, conn->control_fd, POLLIN,
								     command))
				return FALSE;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cwmp_tr143_ftp_client_conn_fail(
			    conn, closed_state, "control connection %s waiting for the reply to %s",
			    n == 0 ? "closed" : g_strerror(errno), command);
			return FALSE;
		}
		if (conn->count_replies)
			cwmp_tr143_ftp_client_conn_add_bytes(conn, (guint64) n);
		conn->control_len = (gsize) n;
	}
}

/* sends "@verb[ @argument]" and reads the final reply (1xx skipped unless
 * @preliminary, then the first reply is returned) */
static gboolean
cwmp_tr143_ftp_client_conn_command(CwmpTr143FtpClientConn *conn,
				   const gchar		  *verb,
				   const gchar		  *argument,
				   gboolean		   count,
				   gboolean		   preliminary,
				   const gchar		  *closed_state,
				   guint		  *code)
{
	g_autofree gchar *line = argument != NULL ? g_strdup_printf("%s %s\r\n", verb, argument)
						  : g_strdup_printf("%s\r\n", verb);

	if (!cwmp_tr143_ftp_client_conn_send(conn, conn->control_fd, (const guint8 *) line,
					     strlen(line), count, closed_state))
		return FALSE;
	do {
		if (!cwmp_tr143_ftp_client_conn_read_reply(conn, verb, closed_state, code, NULL))
			return FALSE;
	} while (*code < 200 && !preliminary);
	return TRUE;
}

static const gchar *
cwmp_tr143_ftp_client_conn_text(CwmpTr143FtpClientConn *conn)
{
	return cwmp_ftp_client_reply_get_text(conn->reply);
}

/* greeting, USER, PASS, TYPE I, CWD, SIZE */
static gboolean
cwmp_tr143_ftp_client_conn_login(CwmpTr143FtpClientConn *conn)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	guint			  code = 0;

	do {
		if (!cwmp_tr143_ftp_client_conn_read_reply(conn, "the greeting", "Error_NoResponse",
							   &code, NULL))
			return FALSE;
	} while (code < 200);
	if (code != 220) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_InitConnectionFailed",
						"server refused the session: %u %s", code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	if (!cwmp_tr143_ftp_client_conn_command(conn, "USER", shared->username, FALSE, FALSE,
						"Error_NoResponse", &code))
		return FALSE;
	if (code != 230 && code != 331) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_PasswordRequestFailed",
						"USER refused: %u %s", code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	if (code == 331) {
		if (!cwmp_tr143_ftp_client_conn_command(conn, "PASS", shared->password, FALSE,
							FALSE, "Error_NoResponse", &code))
			return FALSE;
		if (code != 230 && code != 202) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_LoginFailed",
							"PASS refused: %u %s", code,
							cwmp_tr143_ftp_client_conn_text(conn));
			return FALSE;
		}
	}
	if (!cwmp_tr143_ftp_client_conn_command(conn, "TYPE", "I", FALSE, FALSE, "Error_NoResponse",
						&code))
		return FALSE;
	if (code / 100 != 2) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoTransferMode",
						"TYPE I refused: %u %s", code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	if (shared->folder != NULL) {
		if (!cwmp_tr143_ftp_client_conn_command(conn, "CWD", shared->folder, FALSE, FALSE,
							"Error_NoResponse", &code))
			return FALSE;
		if (code / 100 != 2) {
			/* DownloadDiagnostics has no Error_NoCWD */
			cwmp_tr143_ftp_client_conn_fail(
			    conn, shared->params->upload ? "Error_NoCWD" : "Error_TransferFailed",
			    "CWD %s refused: %u %s", shared->folder, code,
			    cwmp_tr143_ftp_client_conn_text(conn));
			return FALSE;
		}
	}
	conn->size = G_MAXUINT64;
	if (!shared->params->upload) {
		/* the size, to tell a short file (Error_IncorrectSize); optional */
		if (!cwmp_tr143_ftp_client_conn_command(conn, "SIZE", shared->file, FALSE, FALSE,
							"Error_NoResponse", &code))
			return FALSE;
		if (code == 213) {
			const gchar *text = cwmp_tr143_ftp_client_conn_text(conn);
			gchar	    *end = NULL;
			guint64	     size = g_ascii_strtoull(text, &end, 10);
			if (end != text && g_ascii_isdigit(text[0]) && *end == '\0')
				conn->size = size;
		}
	}
	return TRUE;
}

/* "Entering Passive Mode (h1,h2,h3,h4,p1,p2)": the port */
static gboolean
cwmp_tr143_ftp_client_parse_pasv(const gchar *text, guint16 *port)
{
	for (const gchar *p = text; *p != '\0'; p++) {
		guint v[6];
		gint  used = 0;
		if (!g_ascii_isdigit(*p) || (p > text && g_ascii_isdigit(p[-1])))
			continue;
		if (sscanf(p, "%u,%u,%u,%u,%u,%u%n", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			   &used) != 6 ||
		    used == 0)
			continue;
		for (guint i = 0; i < 6; i++)
			if (v[i] > 255)
				return FALSE;
		*port = (guint16) (v[4] * 256 + v[5]);
		return *port != 0;
	}
	return FALSE;
}

/* "Entering Extended Passive Mode (|||port|)" (RFC 2428) */
static gboolean
cwmp_tr143_ftp_client_parse_epsv(const gchar *text, guint16 *port)
{
	const gchar *p = strchr(text, '(');
	gchar	     d;
	gchar	    *end = NULL;
	guint64	     value;

	if (p == NULL || p[1] == '\0')
		return FALSE;
	d = p[1];
	if (d < 33 || d > 126 || p[2] != d || p[3] != d || !g_ascii_isdigit(p[4]))
		return FALSE;
	value = g_ascii_strtoull(p + 4, &end, 10);
	if (end[0] != d || end[1] != ')' || value == 0 || value > 65535)
		return FALSE;
	*port = (guint16) value;
	return TRUE;
}

/* PASV (EPSV when refused, EPSV only on IPv6) and the data connection */
static gboolean
cwmp_tr143_ftp_client_conn_open_data(CwmpTr143FtpClientConn *conn)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	GInetAddress		 *server =
	    g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(shared->address));
	g_autoptr(GSocketAddress) data_address = NULL;
	gboolean ipv6 = g_socket_address_get_family(shared->address) == G_SOCKET_FAMILY_IPV6;
	guint	 code = 0;
	guint16	 port = 0;
	gboolean ok = FALSE;

	if (!ipv6) {
		if (!cwmp_tr143_ftp_client_conn_command(conn, "PASV", NULL, FALSE, FALSE,
							"Error_NoResponse", &code))
			return FALSE;
		if (code == 227) {
			if (!cwmp_tr143_ftp_client_parse_pasv(cwmp_tr143_ftp_client_conn_text(conn),
							      &port)) {
				cwmp_tr143_ftp_client_conn_fail(
				    conn, "Error_NoPASV", "malformed reply to PASV: 227 %s",
				    cwmp_tr143_ftp_client_conn_text(conn));
				return FALSE;
			}
			ok = TRUE;
		}
	}
	if (!ok) {
		if (!cwmp_tr143_ftp_client_conn_command(conn, "EPSV", NULL, FALSE, FALSE,
							"Error_NoResponse", &code))
			return FALSE;
		if (code != 229) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoPASV",
							"passive mode refused: %u %s", code,
							cwmp_tr143_ftp_client_conn_text(conn));
			return FALSE;
		}
		if (!cwmp_tr143_ftp_client_parse_epsv(cwmp_tr143_ftp_client_conn_text(conn),
						      &port)) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoPASV",
							"malformed reply to EPSV: 229 %s",
							cwmp_tr143_ftp_client_conn_text(conn));
			return FALSE;
		}
	}
	data_address = g_inet_socket_address_new(server, port);
	conn->data_fd = cwmp_tr143_ftp_client_conn_open(conn, data_address, FALSE);
	return conn->data_fd >= 0;
}

/* the first data byte: BOM, and the start of full loading once every
 * connection has one */
static void
cwmp_tr143_ftp_client_conn_mark_bom(CwmpTr143FtpClientConn *conn, gint64 now)
{
	CwmpTr143FtpClientShared *shared = conn->shared;

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
		shared->full_bytes0 = cwmp_tr143_ftp_client_sum_bytes(shared);
		cwmp_tr143_util_read_counters(shared->params->counters_ifname, &shared->full_rx0,
					      &shared->full_tx0);
	}
	g_mutex_unlock(&shared->mutex);
}

/* the end of this connection's transfer: EOM, and the end of full loading
 * for the first connection to finish */
static void
cwmp_tr143_ftp_client_conn_mark_eom(CwmpTr143FtpClientConn *conn, gint64 now)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	guint64			  rx = 0, tx = 0;

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
		shared->full_bytes1 = cwmp_tr143_ftp_client_sum_bytes(shared);
		cwmp_tr143_util_read_counters(shared->params->counters_ifname, &shared->full_rx1,
					      &shared->full_tx1);
	}
	g_mutex_unlock(&shared->mutex);
}

/* one RETR; FALSE on an error (set on @conn) */
static gboolean
cwmp_tr143_ftp_client_conn_retr(CwmpTr143FtpClientConn *conn, guint8 *buffer, gboolean *deadline)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	guint64			  received = 0;
	gint64			  last_byte = 0;
	guint			  code = 0;

	if (!cwmp_tr143_ftp_client_conn_open_data(conn))
		return FALSE;
	if (conn->times.rom == 0)
		conn->times.rom = g_get_real_time();
	conn->count_replies = TRUE;
	if (!cwmp_tr143_ftp_client_conn_command(conn, "RETR", shared->file, FALSE, TRUE,
						"Error_TransferFailed", &code))
		return FALSE;
	if (code != 125 && code != 150) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_TransferFailed",
						"RETR %s refused: %u %s", shared->file, code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	for (;;) {
		/* MSG_TRUNC: TCP drops the bytes without copying them to @buffer;
		 * the raw system call, as in cwmp-tr143-http-client.c: the
		 * sanitizers' recv() wrapper would take the length for a write */
		gssize n = (gssize) syscall(SYS_recvfrom, conn->data_fd, buffer,
					    (gsize) CWMP_TR143_FTP_CLIENT_DISCARD,
					    MSG_TRUNC | MSG_DONTWAIT, NULL, NULL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			CwmpTr143FtpClientWait wait =
			    cwmp_tr143_ftp_client_conn_wait(conn, conn->data_fd, POLLIN, TRUE);
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_READY)
				continue;
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_DEADLINE) {
				*deadline = TRUE;
				break;
			}
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED)
				cwmp_tr143_ftp_client_conn_fail(conn, "Canceled", "canceled");
			else
				cwmp_tr143_ftp_client_conn_fail(conn, "Error_Timeout",
								"no data for %u ms",
								shared->params->timeout_ms);
			return FALSE;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_TransferFailed",
							"data connection: %s", g_strerror(errno));
			return FALSE;
		}
		if (n == 0)
			break;
		last_byte = g_get_real_time();
		if (!conn->reached_bom)
			cwmp_tr143_ftp_client_conn_mark_bom(conn, last_byte);
		cwmp_tr143_ftp_client_conn_add_bytes(conn, (guint64) n);
		received += (guint64) n;
		if (shared->deadline != 0 && g_get_monotonic_time() >= shared->deadline) {
			*deadline = TRUE;
			break;
		}
	}
	cwmp_tr143_ftp_client_close(&conn->data_fd);
	if (last_byte == 0)
		last_byte = g_get_real_time();
	if (!conn->reached_bom)
		cwmp_tr143_ftp_client_conn_mark_bom(conn, last_byte);
	conn->times.eom = last_byte;
	if (*deadline)
		return TRUE; /* cut off mid-file: the 226 will not come */
	if (!cwmp_tr143_ftp_client_conn_read_reply(conn, "RETR", "Error_TransferFailed", &code,
						   NULL))
		return FALSE;
	if (code / 100 != 2) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_TransferFailed",
						"transfer of %s failed: %u %s", shared->file, code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	if (conn->size != G_MAXUINT64 && received != conn->size) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_IncorrectSize",
						"%" G_GUINT64_FORMAT " bytes received, SIZE said "
						"%" G_GUINT64_FORMAT,
						received, conn->size);
		return FALSE;
	}
	return TRUE;
}

/* one STOR; FALSE on an error (set on @conn) */
static gboolean
cwmp_tr143_ftp_client_conn_stor(CwmpTr143FtpClientConn *conn, gboolean *deadline)
{
	CwmpTr143FtpClientShared *shared = conn->shared;
	guint64			  remaining = shared->params->file_length;
	guint			  code = 0;
	gint64			  arrival = 0;

	if (!cwmp_tr143_ftp_client_conn_open_data(conn))
		return FALSE;
	if (conn->times.rom == 0)
		conn->times.rom = g_get_real_time();
	if (!cwmp_tr143_ftp_client_conn_command(conn, "STOR", shared->file, TRUE, TRUE,
						"Error_NoTransferComplete", &code))
		return FALSE;
	if (code != 125 && code != 150) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoSTOR", "STOR %s refused: %u %s",
						shared->file, code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	while (!*deadline && (shared->deadline != 0 || remaining > 0)) {
		gsize  size = shared->deadline != 0
				  ? shared->upload_buffer_len
				  : (gsize) MIN(remaining, shared->upload_buffer_len);
		gssize n;

		if (!conn->reached_bom)
			cwmp_tr143_ftp_client_conn_mark_bom(conn, g_get_real_time());
		n = send(conn->data_fd, shared->upload_buffer, size, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			/* a time-based test ends even while the server is slow */
			CwmpTr143FtpClientWait wait =
			    cwmp_tr143_ftp_client_conn_wait(conn, conn->data_fd, POLLOUT, TRUE);
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_READY)
				continue;
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_DEADLINE) {
				*deadline = TRUE;
				break;
			}
			if (wait == CWMP_TR143_FTP_CLIENT_WAIT_CANCELLED)
				cwmp_tr143_ftp_client_conn_fail(conn, "Canceled", "canceled");
			else
				cwmp_tr143_ftp_client_conn_fail(conn, "Error_Timeout",
								"data not taken for %u ms",
								shared->params->timeout_ms);
			return FALSE;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoTransferComplete",
							"data connection: %s", g_strerror(errno));
			return FALSE;
		}
		cwmp_tr143_ftp_client_conn_add_bytes(conn, (guint64) n);
		remaining -= MIN(remaining, (guint64) n);
		if (shared->deadline != 0 && g_get_monotonic_time() >= shared->deadline)
			*deadline = TRUE;
	}
	if (!conn->reached_bom)
		cwmp_tr143_ftp_client_conn_mark_bom(conn, g_get_real_time());
	/* the end of the file is the end of the data connection */
	cwmp_tr143_ftp_client_close(&conn->data_fd);
	if (!cwmp_tr143_ftp_client_conn_read_reply(conn, "STOR", "Error_NoTransferComplete", &code,
						   &arrival))
		return FALSE;
	if (code / 100 != 2) {
		cwmp_tr143_ftp_client_conn_fail(conn, "Error_NoTransferComplete",
						"upload of %s failed: %u %s", shared->file, code,
						cwmp_tr143_ftp_client_conn_text(conn));
		return FALSE;
	}
	conn->times.eom = arrival;
	return TRUE;
}

static gpointer
cwmp_tr143_ftp_client_conn_thread(gpointer data)
{
	CwmpTr143FtpClientConn	 *conn = data;
	CwmpTr143FtpClientShared *shared = conn->shared;
	g_autofree guint8	 *buffer = shared->params->upload ? NULL : g_malloc(4096);
	gboolean		  deadline = FALSE;

	conn->control_fd = -1;
	conn->data_fd = -1;
	conn->cancel_fd.fd = -1;
	conn->reply = cwmp_ftp_client_reply_new();
	if (!g_cancellable_make_pollfd(shared->cancellable, &conn->cancel_fd))
		conn->cancel_fd.fd = -1;
	conn->control_fd = cwmp_tr143_ftp_client_conn_open(conn, shared->address, TRUE);
	if (conn->control_fd >= 0 && cwmp_tr143_ftp_client_conn_login(conn)) {
		for (;;) {
			gboolean ok =
			    shared->params->upload
				? cwmp_tr143_ftp_client_conn_stor(conn, &deadline)
				: cwmp_tr143_ftp_client_conn_retr(conn, buffer, &deadline);
			if (!ok || deadline || shared->deadline == 0 ||
			    g_get_monotonic_time() >= shared->deadline)
				break;
		}
	}
	cwmp_tr143_ftp_client_close(&conn->data_fd);
	if (conn->error_state == NULL) {
		cwmp_tr143_ftp_client_conn_mark_eom(conn, conn->times.eom);
		/* polite, not waited for */
		(void) send(conn->control_fd, "QUIT\r\n", 6, MSG_NOSIGNAL | MSG_DONTWAIT);
	} else {
		cwmp_tr143_ftp_client_conn_mark_eom(conn, g_get_real_time());
	}
	cwmp_tr143_ftp_client_close(&conn->control_fd);
	if (conn->cancel_fd.fd >= 0)
		g_cancellable_release_fd(shared->cancellable);
	if (conn->error_state != NULL)
		g_cancellable_cancel(shared->cancellable);
	g_clear_pointer(&conn->reply, cwmp_ftp_client_reply_free);
	return NULL;
}

static gboolean
cwmp_tr143_ftp_client_has_crlf(const gchar *text)
{
	return text != NULL && strpbrk(text, "\r\n") != NULL;
}

/* the URL's login, folder and file, and the server address */
static gboolean
cwmp_tr143_ftp_client_resolve(CwmpTr143FtpClientShared	*shared,
			      CwmpTr143HttpClientResult *result,
			      GError		       **error)
{
	const CwmpTr143HttpClientParams *params = shared->params;
	g_autoptr(GUri) uri = NULL;
	g_autoptr(GResolver) resolver = NULL;
	g_autoptr(GError) error_local = NULL;
	GList	     *addresses;
	GInetAddress *chosen = NULL;
	const gchar  *host;
	const gchar  *path;
	const gchar  *slash;
	gint	      port;

	uri = g_uri_parse(params->url, G_URI_FLAGS_HAS_PASSWORD, &error_local);
	if (uri == NULL || g_strcmp0(g_uri_get_scheme(uri), "ftp") != 0 ||
	    g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0') {
		result->state = g_strdup("Error_Other");
		result->message = g_strdup_printf("not an ftp URL: %s", params->url);
		return FALSE;
	}
	host = g_uri_get_host(uri);
	port = g_uri_get_port(uri) > 0 ? g_uri_get_port(uri) : 21;
	/* relative to the login folder */
	path = g_uri_get_path(uri);
	if (path[0] == '/')
		path++;
	slash = strrchr(path, '/');
	shared->file = g_strdup(slash != NULL ? slash + 1 : path);
	if (slash != NULL && slash > path)
		shared->folder = g_strndup(path, (gsize) (slash - path));
	else if (slash != NULL)
		shared->folder = g_strdup("/");
	if (g_uri_get_user(uri) != NULL && g_uri_get_user(uri)[0] != '\0') {
		shared->username = g_strdup(g_uri_get_user(uri));
		shared->password =
		    g_strdup(g_uri_get_password(uri) != NULL ? g_uri_get_password(uri) : "");
	} else {
		shared->username = g_strdup("anonymous");
		shared->password = g_strdup("cwmpd@");
	}
	if (shared->file[0] == '\0' || cwmp_tr143_ftp_client_has_crlf(shared->file) ||
	    cwmp_tr143_ftp_client_has_crlf(shared->folder) ||
	    cwmp_tr143_ftp_client_has_crlf(shared->username) ||
	    cwmp_tr143_ftp_client_has_crlf(shared->password)) {
		result->state = g_strdup("Error_Other");
		result->message = g_strdup_printf("%s: no file name, or CR/LF in the user, "
						  "password or path",
						  params->url);
		return FALSE;
	}
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

static guint64
cwmp_tr143_ftp_client_bytes_cb(gpointer user_data)
{
	return cwmp_tr143_ftp_client_sum_bytes(user_data);
}

/**
 * cwmp_tr143_ftp_client_run:
 * @params: the test; @params->url is an ftp:// URL
 * @progress: (nullable): test bytes so far, updated atomically while it runs
 * @cancellable: (nullable): stops every connection
 *
 * Runs the test to its end, blocking; call from a worker thread.
 *
 * Returns: (transfer full): the result, a failed test included; %NULL only
 *   when cancelled (G_IO_ERROR_CANCELLED)
 */
CwmpTr143HttpClientResult *
cwmp_tr143_ftp_client_run(const CwmpTr143HttpClientParams *params,
			  guint64			  *progress,
			  GCancellable			  *cancellable,
			  GError			 **error)
{
	g_autoptr(CwmpTr143HttpClientResult) result = cwmp_tr143_http_client_result_new();
	g_autoptr(GCancellable) inner = g_cancellable_new();
	g_autofree GThread     **threads = NULL;
	CwmpTr143FtpClientShared shared = {0};
	gulong			 handler = 0;
	guint			 n = CLAMP(params->connections, 1, CWMP_TR143_FTP_CLIENT_MAX_CONNS);
	gboolean		 cancelled;
	gint64			 t0;

	shared.params = params;
	shared.cancellable = inner;
	shared.progress = progress;
	g_mutex_init(&shared.mutex);
	if (cancellable != NULL)
		handler = g_cancellable_connect(cancellable,
						G_CALLBACK(cwmp_tr143_measure_forward_cancel_cb),
						g_object_ref(inner), g_object_unref);
	if (cwmp_tr143_ftp_client_resolve(&shared, result, error)) {
		t0 = g_get_monotonic_time();
		if (params->duration > 0)
			shared.deadline = t0 + (gint64) params->duration * G_USEC_PER_SEC;
		if (params->upload) {
			/* one buffer for every connection and every write */
			shared.upload_buffer_len =
			    params->duration > 0 ? CWMP_TR143_FTP_CLIENT_BUFFER
						 : (gsize) CLAMP(params->file_length, 1,
								 CWMP_TR143_FTP_CLIENT_BUFFER);
			shared.upload_buffer = g_malloc0(shared.upload_buffer_len);
		}
		shared.n_conns = n;
		shared.conns = g_new0(CwmpTr143FtpClientConn, n);
		threads = g_new0(GThread *, n);
		for (guint i = 0; i < n; i++) {
			shared.conns[i].shared = &shared;
			threads[i] = g_thread_new("tr143-ftp", cwmp_tr143_ftp_client_conn_thread,
						  &shared.conns[i]);
		}
		cwmp_tr143_measure_run(params, shared.cancellable, t0, shared.deadline,
				       cwmp_tr143_ftp_client_bytes_cb, &shared, result);
		for (guint i = 0; i < n; i++)
			g_thread_join(threads[i]);
	}
	cancelled = cancellable != NULL && g_cancellable_is_cancelled(cancellable);
	if (handler != 0)
		g_cancellable_disconnect(cancellable, handler);

	/* the first real error wins; the connections it stopped say Canceled */
	for (guint i = 0; i < shared.n_conns && result->state == NULL; i++) {
		CwmpTr143FtpClientConn *conn = &shared.conns[i];
		if (conn->error_state != NULL && g_strcmp0(conn->error_state, "Canceled") != 0) {
			result->state = g_strdup(conn->error_state);
			result->message = g_strdup(conn->error_message);
		}
	}
	for (guint i = 0; i < shared.n_conns; i++) {
		CwmpTr143FtpClientConn *conn = &shared.conns[i];
		cwmp_tr143_measure_add_connection(result, &conn->times);
		g_free(conn->error_message);
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
	g_free(shared.username);
	g_free(shared.password);
	g_free(shared.folder);
	g_free(shared.file);
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
 * cwmp_tr143_ftp_client_run_async:
 * @progress: (nullable): must stay valid until the callback
 *
 * cwmp_tr143_ftp_client_run() in a worker thread.
 */
void
cwmp_tr143_ftp_client_run_async(const CwmpTr143HttpClientParams *params,
				guint64				*progress,
				GCancellable			*cancellable,
				GAsyncReadyCallback		 callback,
				gpointer			 user_data)
{
	cwmp_tr143_measure_run_async(cwmp_tr143_ftp_client_run, params, progress, cancellable,
				     callback, user_data);
}

CwmpTr143HttpClientResult *
cwmp_tr143_ftp_client_run_finish(GAsyncResult *result, GError **error)
{
	return cwmp_tr143_measure_run_finish(result, error);
}
