/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-ftp-client.h"

/*
 * One transfer is a chain of steps on one GTask: connect, greeting, USER/PASS,
 * TYPE I, SIZE (downloads), EPSV or PASV, data connection, REST (resumed
 * downloads), RETR or STOR, the data, the final reply, QUIT. The chain holds
 * one reference on the task; the step that ends it drops it.
 *
 * Timeouts cancel an internal cancellable, which the user's cancellable also
 * cancels; the step that sees the cancellation tells the two apart.
 */

#define CWMP_FTP_CLIENT_BUFFER_SIZE	   (64 * 1024)
#define CWMP_FTP_CLIENT_PROGRESS_INTERVAL  (100 * G_TIME_SPAN_MILLISECOND)
#define CWMP_FTP_CLIENT_MAX_PRELIMINARY	   16
#define CWMP_FTP_CLIENT_MAX_TEXT	   512
#define CWMP_FTP_CLIENT_QUIT_TIMEOUT_MS	   2000
#define CWMP_FTP_CLIENT_DEFAULT_CONNECT_MS 30000
#define CWMP_FTP_CLIENT_DEFAULT_REPLY_MS   60000
#define CWMP_FTP_CLIENT_DEFAULT_IDLE_MS	   60000

static guint cwmp_ftp_client_connect_ms = CWMP_FTP_CLIENT_DEFAULT_CONNECT_MS;
static guint cwmp_ftp_client_reply_ms = CWMP_FTP_CLIENT_DEFAULT_REPLY_MS;
static guint cwmp_ftp_client_idle_ms = CWMP_FTP_CLIENT_DEFAULT_IDLE_MS;

/* reply parser */

struct _CwmpFtpClientReply {
	GString *line; /* the line being read, without its '\n' */
	GString *text;
	gchar	*valid_text;
	guint	 code;
	guint	 n_lines;
	gboolean multi;
	gboolean complete;
};

CwmpFtpClientReply *
cwmp_ftp_client_reply_new(void)
{
	CwmpFtpClientReply *reply = g_new0(CwmpFtpClientReply, 1);

	reply->line = g_string_sized_new(128);
	reply->text = g_string_sized_new(128);
	return reply;
}

void
cwmp_ftp_client_reply_free(CwmpFtpClientReply *reply)
{
	if (reply == NULL)
		return;
	g_string_free(reply->line, TRUE);
	g_string_free(reply->text, TRUE);
	g_free(reply->valid_text);
	g_free(reply);
}

void
cwmp_ftp_client_reply_reset(CwmpFtpClientReply *reply)
{
	g_string_truncate(reply->line, 0);
	g_string_truncate(reply->text, 0);
	g_clear_pointer(&reply->valid_text, g_free);
	reply->code = 0;
	reply->n_lines = 0;
	reply->multi = FALSE;
	reply->complete = FALSE;
}

guint
cwmp_ftp_client_reply_get_code(CwmpFtpClientReply *reply)
{
	g_return_val_if_fail(reply != NULL, 0);
	return reply->complete ? reply->code : 0;
}

const gchar *
cwmp_ftp_client_reply_get_text(CwmpFtpClientReply *reply)
{
	g_return_val_if_fail(reply != NULL, NULL);
	if (reply->valid_text == NULL)
		reply->valid_text = g_utf8_make_valid(reply->text->str, reply->text->len);
	return reply->valid_text;
}

/* a printable, bounded copy of a line for error messages */
static gchar *
cwmp_ftp_client_reply_quote(const gchar *line, gsize len)
{
	g_autoptr(GString) out = g_string_new(NULL);

	for (gsize i = 0; i < len && i < 64; i++) {
		guchar c = (guchar) line[i];
		if (c < 0x20 || c == 0x7f)
			g_string_append_printf(out, "\\x%02x", c);
		else
			g_string_append_c(out, (gchar) c);
	}
	if (len > 64)
		g_string_append(out, "...");
	return g_utf8_make_valid(out->str, out->len);
}

static void
cwmp_ftp_client_reply_add_text(CwmpFtpClientReply *reply, const gchar *text, gsize len)
{
	if (reply->text->len >= CWMP_FTP_CLIENT_MAX_TEXT)
		return;
	/* skip the blanks at the start of a line */
	while (len > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	if (len == 0)
		return;
	if (reply->text->len > 0)
		g_string_append_c(reply->text, ' ');
	for (gsize i = 0; i < len && reply->text->len < CWMP_FTP_CLIENT_MAX_TEXT; i++) {
		guchar c = (guchar) text[i];
		g_string_append_c(reply->text, c < 0x20 || c == 0x7f ? '?' : (gchar) c);
	}
}

static gboolean
cwmp_ftp_client_reply_is_code(const gchar *line, gsize len)
{
	return len >= 3 && line[0] >= '1' && line[0] <= '5' && g_ascii_isdigit(line[1]) &&
	       g_ascii_isdigit(line[2]);
}

static gboolean
cwmp_ftp_client_reply_add_line(CwmpFtpClientReply *reply, GError **error)
{
	const gchar *line = reply->line->str;
	gsize	     len = reply->line->len;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > CWMP_FTP_CLIENT_MAX_LINE) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "reply line longer than %u bytes", (guint) CWMP_FTP_CLIENT_MAX_LINE);
		return FALSE;
	}
	if (++reply->n_lines > CWMP_FTP_CLIENT_MAX_LINES) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "reply of more than %u lines", (guint) CWMP_FTP_CLIENT_MAX_LINES);
		return FALSE;
	}
	if (reply->code == 0) {
		/* the first line: "123 text", "123-text" (multi-line) or "123" */
		if (!cwmp_ftp_client_reply_is_code(line, len) ||
		    (len > 3 && line[3] != ' ' && line[3] != '-')) {
			g_autofree gchar *quoted = cwmp_ftp_client_reply_quote(line, len);
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "not an FTP reply: \"%s\"", quoted);
			return FALSE;
		}
		reply->code = (guint) (line[0] - '0') * 100 + (guint) (line[1] - '0') * 10 +
			      (guint) (line[2] - '0');
		reply->multi = len > 3 && line[3] == '-';
		reply->complete = !reply->multi;
		if (len > 4)
			cwmp_ftp_client_reply_add_text(reply, line + 4, len - 4);
		return TRUE;
	}
	/* a multi-line reply ends with a line of the same code and a space */
	if (cwmp_ftp_client_reply_is_code(line, len) &&
	    (guint) (line[0] - '0') * 100 + (guint) (line[1] - '0') * 10 +
		    (guint) (line[2] - '0') ==
		reply->code &&
	    (len == 3 || line[3] == ' ' || line[3] == '-')) {
		if (len == 3 || line[3] == ' ')
			reply->complete = TRUE;
		if (len > 4)
			cwmp_ftp_client_reply_add_text(reply, line + 4, len - 4);
		return TRUE;
	}
	cwmp_ftp_client_reply_add_text(reply, line, len);
	return TRUE;
}

gboolean
cwmp_ftp_client_reply_feed(CwmpFtpClientReply *reply,
			   const guint8	      *data,
			   gsize	       len,
			   gsize	      *consumed,
			   gboolean	      *complete,
			   GError	     **error)
{
	gsize i;

	g_return_val_if_fail(reply != NULL, FALSE);
	g_return_val_if_fail(data != NULL || len == 0, FALSE);
	g_return_val_if_fail(consumed != NULL, FALSE);
	g_return_val_if_fail(complete != NULL, FALSE);

	*consumed = 0;
	for (i = 0; i < len && !reply->complete; i++) {
		guint8 c = data[i];

		if (c == '\n') {
			if (!cwmp_ftp_client_reply_add_line(reply, error))
				return FALSE;
			g_string_truncate(reply->line, 0);
			continue;
		}
		if (c == '\0') {
			g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
					    "NUL byte in a reply");
			return FALSE;
		}
		/* room for the line and its '\r' */
		if (reply->line->len > CWMP_FTP_CLIENT_MAX_LINE) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "reply line longer than %u bytes",
				    (guint) CWMP_FTP_CLIENT_MAX_LINE);
			return FALSE;
		}
		g_string_append_c(reply->line, (gchar) c);
	}
	*consumed = i;
	*complete = reply->complete;
	return TRUE;
}

/* the transfer */

typedef enum {
	CWMP_FTP_CLIENT_PHASE_CONNECT, /* TCP connection and greeting */
	CWMP_FTP_CLIENT_PHASE_LOGIN,
	CWMP_FTP_CLIENT_PHASE_SETUP, /* TYPE, SIZE, EPSV/PASV, data connection, REST, RETR/STOR */
	CWMP_FTP_CLIENT_PHASE_TRANSFER,
	CWMP_FTP_CLIENT_PHASE_QUIT, /* the file is there: failures no longer matter */
} CwmpFtpClientPhase;

typedef void (*CwmpFtpClientStep)(GTask *task);

typedef struct {
	gboolean	    upload;
	gchar		   *host;
	guint16		    port;
	gchar		   *username;
	gchar		   *password;
	gchar		   *path;
	guint64		    offset;
	guint64		    max_size;
	guint64		    size; /* upload: the size; download: from SIZE, or G_MAXUINT64 */
	guint64		    done; /* bytes moved by this call */
	GOutputStream	   *output;
	GInputStream	   *input;
	CwmpFtpProgressFunc progress;
	gpointer	    progress_data;
	gint64		    progress_last;
	GCancellable	   *user_cancellable;
	gulong		    cancel_id;
	GCancellable	   *cancellable; /* cancelled by the user's and by the timeouts */
	guint		    connect_ms;
	guint		    reply_ms;
	guint		    idle_ms;
	GSocketClient	   *client;
	GSocketConnection  *control;
	GInetAddress	   *peer;
	GSocketConnection  *data;
	CwmpFtpClientReply *reply;
	guint8		    control_buffer[1024];
	gsize		    control_pos;
	gsize		    control_len;
	guint		    preliminary;
	CwmpFtpClientStep   next;
	gchar		   *verb; /* of the command waiting for its reply */
	GSource		   *timer;
	const gchar	   *timer_what;
	guint		    timer_ms;
	gboolean	    timed_out;
	guint8		   *buffer;
	gsize		    buffer_pos;
	gsize		    buffer_len;
	CwmpFtpClientPhase  phase;
	gboolean	    final_reply_seen;
} CwmpFtpClientOp;

static void
cwmp_ftp_client_op_close(CwmpFtpClientOp *op)
{
	if (op->timer != NULL) {
		g_source_destroy(op->timer);
		g_clear_pointer(&op->timer, g_source_unref);
	}
	if (op->data != NULL) {
		g_io_stream_close(G_IO_STREAM(op->data), NULL, NULL);
		g_clear_object(&op->data);
	}
	if (op->control != NULL) {
		g_io_stream_close(G_IO_STREAM(op->control), NULL, NULL);
		g_clear_object(&op->control);
	}
}

static void
cwmp_ftp_client_op_free(CwmpFtpClientOp *op)
{
	cwmp_ftp_client_op_close(op);
	if (op->user_cancellable != NULL)
		g_cancellable_disconnect(op->user_cancellable, op->cancel_id);
	g_clear_object(&op->user_cancellable);
	g_clear_object(&op->cancellable);
	g_free(op->host);
	g_free(op->username);
	if (op->password != NULL)
		memset(op->password, 0, strlen(op->password));
	g_free(op->password);
	g_free(op->path);
	g_clear_object(&op->output);
	g_clear_object(&op->input);
	g_clear_object(&op->client);
	g_clear_object(&op->peer);
	g_clear_pointer(&op->reply, cwmp_ftp_client_reply_free);
	g_free(op->verb);
	g_free(op->buffer);
	g_free(op);
}

void
cwmp_ftp_client_set_timeouts(guint connect_ms, guint reply_ms, guint idle_ms)
{
	cwmp_ftp_client_connect_ms = connect_ms > 0 ? connect_ms
						    : CWMP_FTP_CLIENT_DEFAULT_CONNECT_MS;
	cwmp_ftp_client_reply_ms = reply_ms > 0 ? reply_ms : CWMP_FTP_CLIENT_DEFAULT_REPLY_MS;
	cwmp_ftp_client_idle_ms = idle_ms > 0 ? idle_ms : CWMP_FTP_CLIENT_DEFAULT_IDLE_MS;
}

/* the fault of a failure in the current phase */
static gint
cwmp_ftp_client_phase_fault(CwmpFtpClientOp *op)
{
	if (op->phase == CWMP_FTP_CLIENT_PHASE_CONNECT)
		return CWMP_FAULT_CONTACT_SERVER_FAILURE;
	if (op->upload)
		return CWMP_FAULT_UPLOAD_FAILURE;
	if (op->phase >= CWMP_FTP_CLIENT_PHASE_TRANSFER)
		return CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE;
	return CWMP_FAULT_DOWNLOAD_FAILURE;
}

static void
cwmp_ftp_client_timer_stop(CwmpFtpClientOp *op)
{
	if (op->timer == NULL)
		return;
	g_source_destroy(op->timer);
	g_clear_pointer(&op->timer, g_source_unref);
}

static gboolean
cwmp_ftp_client_timer_cb(gpointer user_data)
{
	CwmpFtpClientOp *op = user_data;

	g_debug("ftp %s: no %s within %u ms", op->host, op->timer_what, op->timer_ms);
	op->timed_out = TRUE;
	g_cancellable_cancel(op->cancellable);
	return G_SOURCE_REMOVE;
}

static void
cwmp_ftp_client_timer_start(CwmpFtpClientOp *op, guint ms, const gchar *what)
{
	cwmp_ftp_client_timer_stop(op);
	op->timer_what = what;
	op->timer_ms = ms;
	op->timer = g_timeout_source_new(ms);
	g_source_set_callback(op->timer, cwmp_ftp_client_timer_cb, op, NULL);
	g_source_set_static_name(op->timer, "[cwmpd] ftp timeout");
	g_source_attach(op->timer, g_main_context_get_thread_default());
}

static void
cwmp_ftp_client_return_error(GTask *task, GError *error)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	cwmp_ftp_client_op_close(op);
	if (op->phase == CWMP_FTP_CLIENT_PHASE_QUIT) {
		/* the server has confirmed the file: a failed QUIT changes nothing */
		g_debug("ftp %s: ignored after the transfer: %s", op->host, error->message);
		g_error_free(error);
		g_task_return_boolean(task, TRUE);
	} else {
		g_debug("ftp %s: %s", op->host, error->message);
		g_task_return_error(task, error);
	}
	g_object_unref(task);
}

G_GNUC_PRINTF(3, 4)
static void
cwmp_ftp_client_fail(GTask *task, gint fault, const gchar *format, ...)
{
	CwmpFtpClientOp	 *op = g_task_get_task_data(task);
	g_autofree gchar *message = NULL;
	va_list		  args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	cwmp_ftp_client_return_error(
	    task, g_error_new(CWMP_FAULT, fault, "ftp server %s: %s", op->host, message));
}

/* a failed operation: cancellation, a timeout, or @fault with @what */
static void
cwmp_ftp_client_fail_io(GTask *task, GError *io_error, gint fault, const gchar *what)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	g_autoptr(GError) error = io_error;

	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		if (op->user_cancellable != NULL &&
		    g_cancellable_is_cancelled(op->user_cancellable)) {
			cwmp_ftp_client_return_error(
			    task, g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED,
						      "transfer cancelled"));
			return;
		}
		if (op->timed_out) {
			cwmp_ftp_client_fail(task, fault, "%s: no %s within %u ms", what,
					     op->timer_what, op->timer_ms);
			return;
		}
	}
	cwmp_ftp_client_fail(task, fault, "%s: %s", what, error->message);
}

/* a write error of the output or a read error of the input: the caller maps
 * its G_IO_ERROR code (ENOSPC) */
static void
cwmp_ftp_client_fail_local(GTask *task, GError *io_error, const gchar *prefix)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	if (g_error_matches(io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		cwmp_ftp_client_fail_io(task, io_error, cwmp_ftp_client_phase_fault(op), prefix);
		return;
	}
	g_prefix_error(&io_error, "%s: ", prefix);
	cwmp_ftp_client_return_error(task, io_error);
}

/* a reply that ends the transfer: 530 and 532 are a refused login wherever
 * they come, 421 is the server going away */
static void
cwmp_ftp_client_fail_reply(GTask *task, gint fault, const gchar *what)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 530 || code == 532)
		fault = CWMP_FAULT_TRANSFER_AUTH_FAILURE;
	cwmp_ftp_client_fail(task, fault, "%s: %u %s", what, code,
			     cwmp_ftp_client_reply_get_text(op->reply));
}

static void
cwmp_ftp_client_report_progress(CwmpFtpClientOp *op, gboolean force)
{
	gint64 now;

	if (op->progress == NULL)
		return;
	now = g_get_monotonic_time();
	if (!force && now - op->progress_last < CWMP_FTP_CLIENT_PROGRESS_INTERVAL)
		return;
	op->progress_last = now;
	op->progress(op->offset + op->done, op->size, op->progress_data);
}

/* replies */

static void
cwmp_ftp_client_parse_control(GTask *task);

static guint
cwmp_ftp_client_reply_timeout(CwmpFtpClientOp *op)
{
	if (op->phase == CWMP_FTP_CLIENT_PHASE_QUIT)
		return MIN(op->reply_ms, CWMP_FTP_CLIENT_QUIT_TIMEOUT_MS);
	return op->reply_ms;
}

static void
cwmp_ftp_client_control_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	gssize		 n;

	n = g_input_stream_read_finish(G_INPUT_STREAM(source), result, &error);
	if (n < 0) {
		g_autofree gchar *what = g_strdup_printf("no reply to %s", op->verb);
		cwmp_ftp_client_timer_stop(op);
		cwmp_ftp_client_fail_io(task, error, cwmp_ftp_client_phase_fault(op), what);
		return;
	}
	if (n == 0) {
		cwmp_ftp_client_timer_stop(op);
		cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
				     "connection closed before the reply to %s", op->verb);
		return;
	}
	op->control_pos = 0;
	op->control_len = (gsize) n;
	cwmp_ftp_client_parse_control(task);
}

static void
cwmp_ftp_client_parse_control(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GInputStream	*stream;

	if (op->control_pos < op->control_len) {
		g_autoptr(GError) error = NULL;
		gsize	 consumed = 0;
		gboolean complete = FALSE;

		if (!cwmp_ftp_client_reply_feed(op->reply, op->control_buffer + op->control_pos,
						op->control_len - op->control_pos, &consumed,
						&complete, &error)) {
			cwmp_ftp_client_timer_stop(op);
			cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
					     "bad reply to %s: %s", op->verb, error->message);
			return;
		}
		op->control_pos += consumed;
		if (complete) {
			cwmp_ftp_client_timer_stop(op);
			g_debug("ftp %s: <- %u %s", op->host,
				cwmp_ftp_client_reply_get_code(op->reply),
				cwmp_ftp_client_reply_get_text(op->reply));
			op->next(task);
			return;
		}
	}
	stream = g_io_stream_get_input_stream(G_IO_STREAM(op->control));
	g_input_stream_read_async(stream, op->control_buffer, sizeof(op->control_buffer),
				  G_PRIORITY_DEFAULT, op->cancellable,
				  cwmp_ftp_client_control_read_cb, task);
}

/* reads the next reply and goes on with @next */
static void
cwmp_ftp_client_read_reply(GTask *task, CwmpFtpClientStep next)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	op->next = next;
	cwmp_ftp_client_reply_reset(op->reply);
	cwmp_ftp_client_timer_start(op, cwmp_ftp_client_reply_timeout(op), "reply");
	cwmp_ftp_client_parse_control(task);
}

/* the next reply after a 1xx one, up to a bound */
static void
cwmp_ftp_client_read_another(GTask *task, CwmpFtpClientStep next)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	if (++op->preliminary > CWMP_FTP_CLIENT_MAX_PRELIMINARY) {
		cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
				     "more than %u preliminary replies to %s",
				     (guint) CWMP_FTP_CLIENT_MAX_PRELIMINARY, op->verb);
		return;
	}
	cwmp_ftp_client_read_reply(task, next);
}

static void
cwmp_ftp_client_send_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;

	if (!g_output_stream_write_all_finish(G_OUTPUT_STREAM(source), result, NULL, &error)) {
		g_autofree gchar *what = g_strdup_printf("cannot send %s", op->verb);
		cwmp_ftp_client_timer_stop(op);
		cwmp_ftp_client_fail_io(task, error, cwmp_ftp_client_phase_fault(op), what);
		return;
	}
	cwmp_ftp_client_read_reply(task, op->next);
}

/* sends "@verb[ @arg]" and goes on with @next once its reply is there;
 * @arg was checked for CR and LF when the URL was parsed */
static void
cwmp_ftp_client_send(GTask *task, CwmpFtpClientStep next, const gchar *verb, const gchar *arg)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GOutputStream	*stream = g_io_stream_get_output_stream(G_IO_STREAM(op->control));
	gchar		*line;
	GBytes		*bytes;

	line = arg != NULL ? g_strdup_printf("%s %s\r\n", verb, arg)
			   : g_strdup_printf("%s\r\n", verb);
	g_debug("ftp %s: -> %s%s%s", op->host, verb, arg != NULL ? " " : "",
		arg == NULL		       ? ""
		: g_strcmp0(verb, "PASS") == 0 ? "********"
					       : arg);
	g_free(op->verb);
	op->verb = g_strdup(verb);
	op->next = next;
	op->preliminary = 0;
	/* the line lives as long as the write: the task data outlives it */
	bytes = g_bytes_new_take(line, strlen(line));
	g_object_set_data_full(G_OBJECT(task), "cwmp-ftp-line", bytes,
			       (GDestroyNotify) g_bytes_unref);
	cwmp_ftp_client_timer_start(op, cwmp_ftp_client_reply_timeout(op), "reply");
	g_output_stream_write_all_async(stream, g_bytes_get_data(bytes, NULL),
					g_bytes_get_size(bytes), G_PRIORITY_DEFAULT,
					op->cancellable, cwmp_ftp_client_send_cb, task);
}

/* the steps, in order */

static void
cwmp_ftp_client_on_quit(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	cwmp_ftp_client_op_close(op);
	g_task_return_boolean(task, TRUE);
	g_object_unref(task);
}

static void
cwmp_ftp_client_on_final(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code / 100 == 1) {
		cwmp_ftp_client_read_another(task, cwmp_ftp_client_on_final);
		return;
	}
	if (code / 100 != 2) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op),
					   op->upload ? "upload failed" : "download failed");
		return;
	}
	if (!op->upload && op->size != G_MAXUINT64 && op->offset + op->done != op->size) {
		cwmp_ftp_client_fail(task, CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE,
				     "received %" G_GUINT64_FORMAT " of the %" G_GUINT64_FORMAT
				     " bytes of %s",
				     op->offset + op->done, op->size, op->path);
		return;
	}
	cwmp_ftp_client_report_progress(op, TRUE);
	g_debug("ftp %s: %s %s: %" G_GUINT64_FORMAT " bytes", op->host,
		op->upload ? "stored" : "retrieved", op->path, op->done);
	op->phase = CWMP_FTP_CLIENT_PHASE_QUIT;
	cwmp_ftp_client_send(task, cwmp_ftp_client_on_quit, "QUIT", NULL);
}

static void
cwmp_ftp_client_end_of_data(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	g_io_stream_close(G_IO_STREAM(op->data), NULL, NULL);
	g_clear_object(&op->data);
	if (op->final_reply_seen) {
		cwmp_ftp_client_on_final(task);
		return;
	}
	op->preliminary = 0;
	cwmp_ftp_client_read_reply(task, cwmp_ftp_client_on_final);
}

/* downloads: data connection -> output */

static void
cwmp_ftp_client_download_read(GTask *task);

static void
cwmp_ftp_client_download_write_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	gsize		 written = 0;

	if (!g_output_stream_write_all_finish(G_OUTPUT_STREAM(source), result, &written, &error)) {
		op->done += written;
		cwmp_ftp_client_fail_local(task, error, "cannot write the downloaded file");
		return;
	}
	op->done += written;
	cwmp_ftp_client_report_progress(op, FALSE);
	cwmp_ftp_client_download_read(task);
}

static void
cwmp_ftp_client_download_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	gssize		 n;

	cwmp_ftp_client_timer_stop(op);
	n = g_input_stream_read_finish(G_INPUT_STREAM(source), result, &error);
	if (n < 0) {
		cwmp_ftp_client_fail_io(task, error, CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE,
					"data connection lost");
		return;
	}
	if (n == 0) {
		cwmp_ftp_client_end_of_data(task);
		return;
	}
	/* a server that sends more than it announced is not trusted with the disk */
	if (op->size != G_MAXUINT64 && op->offset + op->done + (guint64) n > op->size) {
		cwmp_ftp_client_fail(task, CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE,
				     "more than the %" G_GUINT64_FORMAT " bytes announced for %s",
				     op->size, op->path);
		return;
	}
	if (op->max_size > 0 && op->done + (guint64) n > op->max_size) {
		cwmp_ftp_client_fail(task, CWMP_FAULT_RESOURCES_EXCEEDED,
				     "%s is larger than the limit of %" G_GUINT64_FORMAT " bytes",
				     op->path, op->max_size);
		return;
	}
	g_output_stream_write_all_async(op->output, op->buffer, (gsize) n, G_PRIORITY_DEFAULT,
					op->cancellable, cwmp_ftp_client_download_write_cb, task);
}

static void
cwmp_ftp_client_download_read(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	cwmp_ftp_client_timer_start(op, op->idle_ms, "data");
	g_input_stream_read_async(g_io_stream_get_input_stream(G_IO_STREAM(op->data)), op->buffer,
				  CWMP_FTP_CLIENT_BUFFER_SIZE, G_PRIORITY_DEFAULT, op->cancellable,
				  cwmp_ftp_client_download_read_cb, task);
}

/* uploads: input -> data connection */

static void
cwmp_ftp_client_upload_read(GTask *task);

static void
cwmp_ftp_client_upload_write(GTask *task);

static void
cwmp_ftp_client_upload_write_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	gssize		 n;

	cwmp_ftp_client_timer_stop(op);
	n = g_output_stream_write_finish(G_OUTPUT_STREAM(source), result, &error);
	if (n < 0) {
		cwmp_ftp_client_fail_io(task, error, CWMP_FAULT_UPLOAD_FAILURE,
					"data connection lost");
		return;
	}
	op->buffer_pos += (gsize) n;
	op->done += (guint64) n;
	cwmp_ftp_client_report_progress(op, FALSE);
	if (op->buffer_pos < op->buffer_len) {
		cwmp_ftp_client_upload_write(task);
		return;
	}
	cwmp_ftp_client_upload_read(task);
}

static void
cwmp_ftp_client_upload_write(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	/* a write of part of the buffer re-arms the idle timer */
	cwmp_ftp_client_timer_start(op, op->idle_ms, "data");
	g_output_stream_write_async(g_io_stream_get_output_stream(G_IO_STREAM(op->data)),
				    op->buffer + op->buffer_pos, op->buffer_len - op->buffer_pos,
				    G_PRIORITY_DEFAULT, op->cancellable,
				    cwmp_ftp_client_upload_write_cb, task);
}

static void
cwmp_ftp_client_upload_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	gssize		 n;

	n = g_input_stream_read_finish(G_INPUT_STREAM(source), result, &error);
	if (n < 0) {
		cwmp_ftp_client_fail_local(task, error, "cannot read the file to upload");
		return;
	}
	if (n == 0) {
		cwmp_ftp_client_fail(task, CWMP_FAULT_UPLOAD_FAILURE,
				     "the file to upload ended after %" G_GUINT64_FORMAT
				     " of %" G_GUINT64_FORMAT " bytes",
				     op->done, op->size);
		return;
	}
	op->buffer_pos = 0;
	op->buffer_len = (gsize) n;
	cwmp_ftp_client_upload_write(task);
}

static void
cwmp_ftp_client_upload_read(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	if (op->done >= op->size) {
		/* closing the data connection marks the end of the file */
		cwmp_ftp_client_end_of_data(task);
		return;
	}
	g_input_stream_read_async(
	    op->input, op->buffer,
	    (gsize) MIN((guint64) CWMP_FTP_CLIENT_BUFFER_SIZE, op->size - op->done),
	    G_PRIORITY_DEFAULT, op->cancellable, cwmp_ftp_client_upload_read_cb, task);
}

static void
cwmp_ftp_client_on_transfer(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 110) {
		cwmp_ftp_client_read_another(task, cwmp_ftp_client_on_transfer);
		return;
	}
	if (code / 100 == 2) {
		/* no preliminary reply: the server says it is over already */
		op->final_reply_seen = TRUE;
	} else if (code != 125 && code != 150) {
		gint fault = cwmp_ftp_client_phase_fault(op);

		if (code == 550 || code == 553 || code == 450 || code == 551)
			fault = CWMP_FAULT_ACCESS_FILE_FAILURE;
		cwmp_ftp_client_fail_reply(
		    task, fault, op->upload ? "cannot store the file" : "cannot retrieve the file");
		return;
	}
	op->phase = CWMP_FTP_CLIENT_PHASE_TRANSFER;
	op->buffer = g_malloc(CWMP_FTP_CLIENT_BUFFER_SIZE);
	op->progress_last = g_get_monotonic_time();
	if (op->upload)
		cwmp_ftp_client_upload_read(task);
	else
		cwmp_ftp_client_download_read(task);
}

static void
cwmp_ftp_client_start_transfer(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	cwmp_ftp_client_send(task, cwmp_ftp_client_on_transfer, op->upload ? "STOR" : "RETR",
			     op->path);
}

static void
cwmp_ftp_client_on_rest(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 350) {
		cwmp_ftp_client_start_transfer(task);
		return;
	}
	if (code == 421 || code == 530) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op), "REST refused");
		return;
	}
	cwmp_ftp_client_return_error(task, g_error_new(G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
						       "ftp server %s: cannot resume at byte "
						       "%" G_GUINT64_FORMAT ": %u %s",
						       op->host, op->offset, code,
						       cwmp_ftp_client_reply_get_text(op->reply)));
}

static void
cwmp_ftp_client_data_connect_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;

	cwmp_ftp_client_timer_stop(op);
	op->data = g_socket_client_connect_finish(G_SOCKET_CLIENT(source), result, &error);
	if (op->data == NULL) {
		cwmp_ftp_client_fail_io(task, error, cwmp_ftp_client_phase_fault(op),
					"cannot open the data connection");
		return;
	}
	if (!op->upload && op->offset > 0) {
		g_autofree gchar *arg = g_strdup_printf("%" G_GUINT64_FORMAT, op->offset);
		cwmp_ftp_client_send(task, cwmp_ftp_client_on_rest, "REST", arg);
		return;
	}
	cwmp_ftp_client_start_transfer(task);
}

static void
cwmp_ftp_client_data_connect(GTask *task, guint16 port)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(op->peer, port);

	cwmp_ftp_client_timer_start(op, op->connect_ms, "data connection");
	g_socket_client_connect_async(op->client, G_SOCKET_CONNECTABLE(address), op->cancellable,
				      cwmp_ftp_client_data_connect_cb, task);
}

/* "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)": only the port is used,
 * the data connection goes to the control connection's peer (a server behind
 * NAT announces a private address; a hostile one, any host at all) */
static gboolean
cwmp_ftp_client_parse_pasv(const gchar *text, guint16 *port)
{
	const gchar *p = text;
	guint	     values[6];

	while (*p != '\0' && !g_ascii_isdigit(*p))
		p++;
	for (guint i = 0; i < 6; i++) {
		guint value = 0;
		guint digits = 0;

		while (g_ascii_isdigit(*p) && digits < 4) {
			value = value * 10 + (guint) (*p - '0');
			digits++;
			p++;
		}
		if (digits == 0 || digits > 3 || value > 255)
			return FALSE;
		values[i] = value;
		if (i < 5) {
			if (*p != ',')
				return FALSE;
			p++;
		}
	}
	*port = (guint16) (values[4] * 256 + values[5]);
	return *port != 0;
}

/* "229 Entering Extended Passive Mode (|||port|)" (RFC 2428) */
static gboolean
cwmp_ftp_client_parse_epsv(const gchar *text, guint16 *port)
{
	const gchar *p = strchr(text, '(');
	gchar	     delimiter;
	guint	     value = 0;
	guint	     digits = 0;

	if (p == NULL)
		return FALSE;
	delimiter = p[1];
	if (delimiter < 33 || delimiter > 126 || g_ascii_isdigit(delimiter) || p[2] != delimiter ||
	    p[3] != delimiter)
		return FALSE;
	p += 4;
	while (g_ascii_isdigit(*p) && digits < 6) {
		value = value * 10 + (guint) (*p - '0');
		digits++;
		p++;
	}
	if (digits == 0 || value == 0 || value > 65535 || p[0] != delimiter || p[1] != ')')
		return FALSE;
	*port = (guint16) value;
	return TRUE;
}

static void
cwmp_ftp_client_on_pasv(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);
	guint16		 port = 0;

	if (code != 227) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op),
					   "passive mode refused");
		return;
	}
	if (!cwmp_ftp_client_parse_pasv(cwmp_ftp_client_reply_get_text(op->reply), &port)) {
		cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
				     "malformed reply to PASV: 227 %s",
				     cwmp_ftp_client_reply_get_text(op->reply));
		return;
	}
	cwmp_ftp_client_data_connect(task, port);
}

static void
cwmp_ftp_client_on_epsv(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);
	guint16		 port = 0;

	if (code / 100 == 5) {
		/* no EPSV (a server from before RFC 2428): PASV, IPv4 only */
		g_debug("ftp %s: EPSV refused, trying PASV", op->host);
		cwmp_ftp_client_send(task, cwmp_ftp_client_on_pasv, "PASV", NULL);
		return;
	}
	if (code != 229) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op),
					   "passive mode refused");
		return;
	}
	if (!cwmp_ftp_client_parse_epsv(cwmp_ftp_client_reply_get_text(op->reply), &port)) {
		cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
				     "malformed reply to EPSV: 229 %s",
				     cwmp_ftp_client_reply_get_text(op->reply));
		return;
	}
	cwmp_ftp_client_data_connect(task, port);
}

static void
cwmp_ftp_client_passive(GTask *task)
{
	cwmp_ftp_client_send(task, cwmp_ftp_client_on_epsv, "EPSV", NULL);
}

static void
cwmp_ftp_client_on_size(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 213) {
		const gchar *text = cwmp_ftp_client_reply_get_text(op->reply);
		guint64	     size = 0;

		if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64 - 1, &size, NULL)) {
			cwmp_ftp_client_fail(task, cwmp_ftp_client_phase_fault(op),
					     "malformed reply to SIZE: 213 %s", text);
			return;
		}
		op->size = size;
	} else if (code == 421 || code == 530) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op), "SIZE refused");
		return;
	} else {
		/* 550, 502, 500...: no size; RETR tells whether the file is there */
		g_debug("ftp %s: size of %s unknown", op->host, op->path);
	}
	if (op->size != G_MAXUINT64) {
		if (op->offset > op->size) {
			cwmp_ftp_client_fail(task, CWMP_FAULT_DOWNLOAD_FAILURE,
					     "cannot resume at byte %" G_GUINT64_FORMAT
					     ": %s has %" G_GUINT64_FORMAT " bytes",
					     op->offset, op->path, op->size);
			return;
		}
		if (op->max_size > 0 && op->size - op->offset > op->max_size) {
			cwmp_ftp_client_fail(task, CWMP_FAULT_RESOURCES_EXCEEDED,
					     "%s (%" G_GUINT64_FORMAT " bytes) is larger than the "
					     "limit of %" G_GUINT64_FORMAT " bytes",
					     op->path, op->size - op->offset, op->max_size);
			return;
		}
	}
	cwmp_ftp_client_passive(task);
}

static void
cwmp_ftp_client_on_type(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	if (cwmp_ftp_client_reply_get_code(op->reply) / 100 != 2) {
		cwmp_ftp_client_fail_reply(task, cwmp_ftp_client_phase_fault(op),
					   "binary mode refused");
		return;
	}
	if (op->upload)
		cwmp_ftp_client_passive(task);
	else
		cwmp_ftp_client_send(task, cwmp_ftp_client_on_size, "SIZE", op->path);
}

static void
cwmp_ftp_client_logged_in(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);

	op->phase = CWMP_FTP_CLIENT_PHASE_SETUP;
	cwmp_ftp_client_send(task, cwmp_ftp_client_on_type, "TYPE", "I");
}

static void
cwmp_ftp_client_on_pass(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 230 || code == 202) {
		cwmp_ftp_client_logged_in(task);
		return;
	}
	if (code == 332) {
		cwmp_ftp_client_fail_reply(task, CWMP_FAULT_TRANSFER_AUTH_FAILURE,
					   "login needs an account (ACCT)");
		return;
	}
	cwmp_ftp_client_fail_reply(task,
				   code / 100 == 5 ? CWMP_FAULT_TRANSFER_AUTH_FAILURE
						   : cwmp_ftp_client_phase_fault(op),
				   "login refused");
}

static void
cwmp_ftp_client_on_user(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code == 230) {
		cwmp_ftp_client_logged_in(task);
		return;
	}
	if (code == 331) {
		cwmp_ftp_client_send(task, cwmp_ftp_client_on_pass, "PASS", op->password);
		return;
	}
	cwmp_ftp_client_on_pass(task);
}

static void
cwmp_ftp_client_on_greeting(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	guint		 code = cwmp_ftp_client_reply_get_code(op->reply);

	if (code / 100 == 1) {
		cwmp_ftp_client_read_another(task, cwmp_ftp_client_on_greeting);
		return;
	}
	if (code != 220) {
		cwmp_ftp_client_fail_reply(task, CWMP_FAULT_CONTACT_SERVER_FAILURE,
					   "session refused");
		return;
	}
	op->phase = CWMP_FTP_CLIENT_PHASE_LOGIN;
	cwmp_ftp_client_send(task, cwmp_ftp_client_on_user, "USER", op->username);
}

static void
cwmp_ftp_client_connect_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GTask		*task = user_data;
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	GError		*error = NULL;
	g_autoptr(GSocketAddress) remote = NULL;
	GSocket *socket;

	cwmp_ftp_client_timer_stop(op);
	op->control = g_socket_client_connect_finish(G_SOCKET_CLIENT(source), result, &error);
	if (op->control == NULL) {
		g_autofree gchar *what = g_strdup_printf("cannot connect to port %u", op->port);
		cwmp_ftp_client_fail_io(task, error, CWMP_FAULT_CONTACT_SERVER_FAILURE, what);
		return;
	}
	remote = g_socket_connection_get_remote_address(op->control, &error);
	if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS(remote)) {
		cwmp_ftp_client_fail(task, CWMP_FAULT_CONTACT_SERVER_FAILURE, "no peer address: %s",
				     error != NULL ? error->message : "not an IP socket");
		g_clear_error(&error);
		return;
	}
	op->peer = g_object_ref(g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(remote)));
	/* the control connection idles while a long transfer runs: keepalives
	 * stop a NAT box on the way from dropping it before the final reply */
	socket = g_socket_connection_get_socket(op->control);
	g_socket_set_keepalive(socket, TRUE);
	if (!g_socket_set_option(socket, IPPROTO_TCP, TCP_KEEPIDLE, 60, &error) ||
	    !g_socket_set_option(socket, IPPROTO_TCP, TCP_KEEPINTVL, 30, &error)) {
		g_debug("ftp %s: no TCP keepalive tuning: %s", op->host, error->message);
		g_clear_error(&error);
	}
	g_free(op->verb);
	op->verb = g_strdup("the greeting");
	cwmp_ftp_client_read_reply(task, cwmp_ftp_client_on_greeting);
}

/* the URL and the credentials */

static gboolean
cwmp_ftp_client_check_arg(const gchar *value, const gchar *what, GError **error)
{
	if (value != NULL && strpbrk(value, "\r\n") != NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "CR or LF in the FTP %s: refused", what);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_ftp_client_parse_url(CwmpFtpClientOp *op,
			  const gchar	  *url,
			  const gchar	  *username,
			  const gchar	  *password,
			  GError	 **error)
{
	g_autofree gchar *scheme = NULL;
	g_autofree gchar *url_user = NULL;
	g_autofree gchar *url_password = NULL;
	g_autofree gchar *host = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *query = NULL;
	g_autoptr(GError) local_error = NULL;
	const gchar *name;
	gint	     port = -1;
	gsize	     len;

	if (url == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "no URL");
		return FALSE;
	}
	if (!g_uri_split_with_user(url, G_URI_FLAGS_HAS_PASSWORD, &scheme, &url_user, &url_password,
				   NULL, &host, &port, &path, &query, NULL, &local_error)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "invalid FTP URL: %s",
			    local_error->message);
		return FALSE;
	}
	if (scheme == NULL || g_ascii_strcasecmp(scheme, "ftp") != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_UNSUPPORTED_PROTOCOL,
			    "not an ftp:// URL: %s", scheme != NULL ? scheme : "no scheme");
		return FALSE;
	}
	if (host == NULL || host[0] == '\0') {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "no host in the FTP URL");
		return FALSE;
	}
	for (const gchar *p = host; *p != '\0'; p++) {
		if ((guchar) *p <= 0x20 || *p == 0x7f) {
			g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
					    "control character or blank in the FTP host");
			return FALSE;
		}
	}
	if (port == 0) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "port 0 in the FTP URL");
		return FALSE;
	}
	if (query != NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "a query in the FTP URL (encode '?' as %3F)");
		return FALSE;
	}

	/* the path is relative to the login folder (RFC 1738), "/%2F..." makes
	 * it absolute; a ";type=" code is dropped: the type is always binary */
	name = path != NULL && path[0] == '/' ? path + 1 : "";
	len = strlen(name);
	if (len > 7 && g_ascii_strncasecmp(name + len - 7, ";type=", 6) == 0)
		len -= 7;
	if (len == 0 || name[len - 1] == '/') {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "no file name in the FTP URL");
		return FALSE;
	}

	if (username != NULL && username[0] != '\0') {
		op->username = g_strdup(username);
		op->password = g_strdup(password != NULL ? password : "");
	} else if (url_user != NULL && url_user[0] != '\0') {
		op->username = g_strdup(url_user);
		op->password = g_strdup(password != NULL       ? password
					: url_password != NULL ? url_password
							       : "");
	} else {
		op->username = g_strdup("anonymous");
		op->password =
		    g_strdup(password != NULL && password[0] != '\0' ? password : "cwmpd@");
	}
	if (url_password != NULL)
		memset(url_password, 0, strlen(url_password));
	op->path = g_strndup(name, len);
	op->host = g_steal_pointer(&host);
	op->port = port > 0 ? (guint16) port : 21;
	if (!cwmp_ftp_client_check_arg(op->username, "user name", error) ||
	    !cwmp_ftp_client_check_arg(op->password, "password", error) ||
	    !cwmp_ftp_client_check_arg(op->path, "path", error))
		return FALSE;
	return TRUE;
}

static void
cwmp_ftp_client_user_cancelled_cb(GCancellable *cancellable, gpointer user_data)
{
	g_cancellable_cancel(G_CANCELLABLE(user_data));
}

static GTask *
cwmp_ftp_client_start(gboolean		  upload,
		      const gchar	 *url,
		      const gchar	 *username,
		      const gchar	 *password,
		      gpointer		  source_tag,
		      CwmpFtpProgressFunc progress,
		      gpointer		  progress_data,
		      GCancellable	 *cancellable,
		      GAsyncReadyCallback callback,
		      gpointer		  user_data)
{
	CwmpFtpClientOp *op = g_new0(CwmpFtpClientOp, 1);
	GTask		*task = g_task_new(NULL, cancellable, callback, user_data);
	g_autoptr(GError) error = NULL;

	g_task_set_source_tag(task, source_tag);
	g_task_set_check_cancellable(task, FALSE);
	g_task_set_task_data(task, op, (GDestroyNotify) cwmp_ftp_client_op_free);
	op->upload = upload;
	op->size = G_MAXUINT64;
	op->progress = progress;
	op->progress_data = progress_data;
	op->connect_ms = cwmp_ftp_client_connect_ms;
	op->reply_ms = cwmp_ftp_client_reply_ms;
	op->idle_ms = cwmp_ftp_client_idle_ms;
	op->reply = cwmp_ftp_client_reply_new();
	op->cancellable = g_cancellable_new();
	if (cancellable != NULL) {
		op->user_cancellable = g_object_ref(cancellable);
		op->cancel_id = g_cancellable_connect(
		    cancellable, G_CALLBACK(cwmp_ftp_client_user_cancelled_cb),
		    g_object_ref(op->cancellable), g_object_unref);
	}
	if (!cwmp_ftp_client_parse_url(op, url, username, password, &error)) {
		g_task_return_error(task, g_steal_pointer(&error));
		g_object_unref(task);
		return NULL;
	}
	return task;
}

static void
cwmp_ftp_client_connect(GTask *task)
{
	CwmpFtpClientOp *op = g_task_get_task_data(task);
	g_autoptr(GSocketConnectable) address = g_network_address_new(op->host, op->port);

	op->client = g_socket_client_new();
	/* proxies speak HTTP: never for FTP */
	g_socket_client_set_enable_proxy(op->client, FALSE);
	cwmp_ftp_client_timer_start(op, op->connect_ms, "connection");
	g_socket_client_connect_async(op->client, address, op->cancellable,
				      cwmp_ftp_client_connect_cb, task);
}

void
cwmp_ftp_download_async(const gchar	   *url,
			const gchar	   *username,
			const gchar	   *password,
			guint64		    offset,
			GOutputStream	   *output,
			guint64		    max_size,
			CwmpFtpProgressFunc progress,
			gpointer	    progress_data,
			GCancellable	   *cancellable,
			GAsyncReadyCallback callback,
			gpointer	    user_data)
{
	GTask		*task;
	CwmpFtpClientOp *op;

	g_return_if_fail(G_IS_OUTPUT_STREAM(output));
	g_return_if_fail(cancellable == NULL || G_IS_CANCELLABLE(cancellable));

	task = cwmp_ftp_client_start(FALSE, url, username, password, cwmp_ftp_download_async,
				     progress, progress_data, cancellable, callback, user_data);
	if (task == NULL)
		return;
	op = g_task_get_task_data(task);
	op->offset = offset;
	op->max_size = max_size;
	op->output = g_object_ref(output);
	cwmp_ftp_client_connect(task);
}

gboolean
cwmp_ftp_download_finish(GAsyncResult *result, guint64 *total_size, GError **error)
{
	CwmpFtpClientOp *op;

	g_return_val_if_fail(g_task_is_valid(result, NULL), FALSE);
	g_return_val_if_fail(g_async_result_is_tagged(result, cwmp_ftp_download_async), FALSE);

	if (!g_task_propagate_boolean(G_TASK(result), error))
		return FALSE;
	op = g_task_get_task_data(G_TASK(result));
	if (total_size != NULL)
		*total_size = op->offset + op->done;
	return TRUE;
}

void
cwmp_ftp_upload_async(const gchar	 *url,
		      const gchar	 *username,
		      const gchar	 *password,
		      GInputStream	 *input,
		      guint64		  size,
		      CwmpFtpProgressFunc progress,
		      gpointer		  progress_data,
		      GCancellable	 *cancellable,
		      GAsyncReadyCallback callback,
		      gpointer		  user_data)
{
	GTask		*task;
	CwmpFtpClientOp *op;

	g_return_if_fail(G_IS_INPUT_STREAM(input));
	g_return_if_fail(cancellable == NULL || G_IS_CANCELLABLE(cancellable));

	task = cwmp_ftp_client_start(TRUE, url, username, password, cwmp_ftp_upload_async, progress,
				     progress_data, cancellable, callback, user_data);
	if (task == NULL)
		return;
	op = g_task_get_task_data(task);
	op->input = g_object_ref(input);
	op->size = size;
	cwmp_ftp_client_connect(task);
}

gboolean
cwmp_ftp_upload_finish(GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, NULL), FALSE);
	g_return_val_if_fail(g_async_result_is_tagged(result, cwmp_ftp_upload_async), FALSE);

	return g_task_propagate_boolean(G_TASK(result), error);
}
