/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-transfer-http.h"

/**
 * cwmp_transfer_http_session_new:
 * @ca_file: (nullable): PEM file of the CAs to trust, instead of the system's
 * @timeout: seconds a connection may stay silent
 * @error: a #GError, or %NULL
 *
 * A session for file transfers: redirects followed (libsoup's limit), the
 * server's certificate checked against the system or @ca_file, no cookies
 * kept between transfers.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL when @ca_file
 *   cannot be read
 */
SoupSession *
cwmp_transfer_http_session_new(const gchar *ca_file, guint timeout, GError **error)
{
	g_autoptr(SoupSession) session =
	    soup_session_new_with_options("timeout", timeout, "idle-timeout", timeout, "user-agent",
					  "cwmpd/" PACKAGE_VERSION, NULL);

	if (ca_file != NULL && ca_file[0] != '\0') {
		g_autoptr(GTlsDatabase) db = g_tls_file_database_new(ca_file, error);
		if (db == NULL) {
			g_prefix_error(error, "transfer CA file %s: ", ca_file);
			return NULL;
		}
		soup_session_set_tls_database(session, db);
	}
	return g_steal_pointer(&session);
}

typedef struct {
	SoupSession		*session;
	SoupMessage		*message;
	gchar			*username;
	gchar			*password;
	gchar			*filename;
	GInputStream		*input;
	GOutputStream		*output;
	guint8			*buffer;
	GBytes			*body;	  /* uploads: the mapped file */
	gsize			 pending; /* bytes in buffer being written */
	guint64			 offset;  /* bytes already in the file before this request */
	guint64			 done;	  /* bytes in the file now */
	guint64			 total;	  /* expected size of the whole file, 0 unknown */
	guint64			 max_size;
	gboolean		 upload;
	gboolean		 auth_tried;
	CwmpTransferProgressFunc progress;
	gpointer		 progress_data;
	gint64			 last_progress;
} CwmpTransferHttpJob;

static void
cwmp_transfer_http_job_free(CwmpTransferHttpJob *job)
{
	g_clear_object(&job->session);
	g_clear_object(&job->message);
	g_clear_object(&job->input);
	g_clear_object(&job->output);
	g_free(job->username);
	g_free(job->password);
	g_free(job->filename);
	g_free(job->buffer);
	g_clear_pointer(&job->body, g_bytes_unref);
	g_free(job);
}

/* each transfer brings its own credentials: what an earlier one proved for
 * the same server must not open the door for a later one */
static void
cwmp_transfer_http_forget_credentials(SoupSession *session)
{
	SoupSessionFeature *manager = soup_session_get_feature(session, SOUP_TYPE_AUTH_MANAGER);
	if (manager != NULL)
		soup_auth_manager_clear_cached_credentials(SOUP_AUTH_MANAGER(manager));
}

static gboolean
cwmp_transfer_http_authenticate_cb(SoupMessage *message,
				   SoupAuth    *auth,
				   gboolean	retrying,
				   gpointer	user_data)
{
	CwmpTransferHttpJob *job = user_data;

	/* one try with the RPC's credentials: a second challenge is a refusal */
	if (retrying || job->auth_tried || job->username == NULL || job->username[0] == '\0')
		return FALSE;
	job->auth_tried = TRUE;
	soup_auth_authenticate(auth, job->username, job->password != NULL ? job->password : "");
	return TRUE;
}

/* TR-069 fault for a failure to reach the server or to get the body */
static void
cwmp_transfer_http_set_network_error(GTask *task, GError *error, gboolean mid_transfer)
{
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	guint		     code;

	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		g_task_return_error(task, error);
		return;
	}
	if (mid_transfer)
		code = job->upload ? CWMP_FAULT_UPLOAD_FAILURE
				   : CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE;
	else
		code = job->upload ? CWMP_FAULT_UPLOAD_FAILURE : CWMP_FAULT_CONTACT_SERVER_FAILURE;
	g_task_return_new_error(task, CWMP_FAULT, code, "%s: %s",
				mid_transfer ? "connection lost during the transfer"
					     : "cannot contact the file server",
				error->message);
	g_error_free(error);
}

/* TR-069 fault for an HTTP status that is not a success */
static gboolean
cwmp_transfer_http_check_status(GTask *task, SoupMessage *message)
{
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	guint		     status = soup_message_get_status(message);
	const gchar	    *reason = soup_message_get_reason_phrase(message);
	guint		     code;

	if (SOUP_STATUS_IS_SUCCESSFUL(status))
		return TRUE;
	if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_PROXY_UNAUTHORIZED)
		code = CWMP_FAULT_TRANSFER_AUTH_FAILURE;
	else if (!job->upload && (status == SOUP_STATUS_NOT_FOUND ||
				  status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_GONE))
		code = CWMP_FAULT_ACCESS_FILE_FAILURE;
	else
		code = job->upload ? CWMP_FAULT_UPLOAD_FAILURE : CWMP_FAULT_DOWNLOAD_FAILURE;
	g_task_return_new_error(task, CWMP_FAULT, code, "the file server answered %u %s", status,
				reason != NULL ? reason : "");
	return FALSE;
}

static void
cwmp_transfer_http_report(CwmpTransferHttpJob *job, gboolean force)
{
	gint64 now;

	if (job->progress == NULL)
		return;
	now = g_get_monotonic_time();
	if (!force && now - job->last_progress < 100 * G_TIME_SPAN_MILLISECOND)
		return;
	job->last_progress = now;
	job->progress(job->done, job->total, job->progress_data);
}

static void
cwmp_transfer_http_read(GTask *task);

static void
cwmp_transfer_http_close_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GTask) task = G_TASK(user_data);
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	GError		    *error = NULL;

	if (!g_output_stream_close_finish(G_OUTPUT_STREAM(source), result, &error)) {
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
					"cannot write %s: %s", job->filename, error->message);
		g_error_free(error);
		return;
	}
	cwmp_transfer_http_report(job, TRUE);
	g_task_return_boolean(task, TRUE);
}

static void
cwmp_transfer_http_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GTask) task = G_TASK(user_data);
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	GError		    *error = NULL;
	GCancellable	    *cancellable;
	gsize		     written = 0;
	gssize		     n = g_input_stream_read_finish(G_INPUT_STREAM(source), result, &error);

	if (n < 0) {
		cwmp_transfer_http_set_network_error(task, error, TRUE);
		return;
	}
	if (n == 0) {
		if (job->total > 0 && job->done != job->total) {
			g_task_return_new_error(
			    task, CWMP_FAULT, CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE,
			    "the server sent %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes",
			    job->done, job->total);
			return;
		}
		cancellable = g_task_get_cancellable(task);
		g_output_stream_close_async(job->output, G_PRIORITY_DEFAULT, cancellable,
					    cwmp_transfer_http_close_cb, g_steal_pointer(&task));
		return;
	}
	if (job->max_size > 0 && job->done + (guint64) n > job->max_size) {
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_FILE_CORRUPTED,
					"the file is larger than the %" G_GUINT64_FORMAT " bytes "
					"announced"
					" ("
					"FileSize"
					")",
					job->max_size);
		return;
	}
	/* a local file takes the chunk without waiting on anything but the
	 * page cache: written at once, which keeps pace with loopback, where an
	 * asynchronous write (a worker thread per chunk) does not */
	if (!g_output_stream_write_all(job->output, job->buffer, (gsize) n, &written, NULL,
				       &error)) {
		/* a full disk ends here: what was written stays for a later resume */
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
					"cannot store the file: %s", error->message);
		g_error_free(error);
		return;
	}
	job->done += written;
	cwmp_transfer_http_report(job, FALSE);
	cwmp_transfer_http_read(g_steal_pointer(&task));
}

static void
cwmp_transfer_http_read(GTask *task)
{
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	g_input_stream_read_async(job->input, job->buffer, CWMP_TRANSFER_HTTP_BUFFER_SIZE,
				  G_PRIORITY_DEFAULT, g_task_get_cancellable(task),
				  cwmp_transfer_http_read_cb, task);
}

/* "bytes 100-199/1000": the first byte and the whole size (0 unknown) */
static gboolean
cwmp_transfer_http_parse_content_range(const gchar *text, guint64 *first, guint64 *whole)
{
	g_autofree gchar *copy = NULL;
	gchar		 *dash, *slash;

	if (text == NULL || !g_str_has_prefix(text, "bytes "))
		return FALSE;
	copy = g_strdup(text + 6);
	dash = strchr(copy, '-');
	slash = strchr(copy, '/');
	if (dash == NULL || slash == NULL || slash < dash)
		return FALSE;
	*dash = '\0';
	*slash = '\0';
	if (!g_ascii_string_to_unsigned(copy, 10, 0, G_MAXUINT64, first, NULL))
		return FALSE;
	if (g_str_equal(slash + 1, "*"))
		*whole = 0;
	else if (!g_ascii_string_to_unsigned(slash + 1, 10, 1, G_MAXUINT64, whole, NULL))
		return FALSE;
	return TRUE;
}

static void
cwmp_transfer_http_send_cb(GObject *source, GAsyncResult *result, gpointer user_data);

/* the whole file again, without a Range (the part on disk goes) */
static void
cwmp_transfer_http_restart(GTask *task)
{
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	GCancellable	    *cancellable = g_task_get_cancellable(task);
	g_autoptr(GUri) uri = g_uri_ref(soup_message_get_uri(job->message));

	(void) g_unlink(job->filename);
	job->offset = 0;
	g_clear_object(&job->input);
	g_clear_object(&job->message);
	job->message = soup_message_new_from_uri(SOUP_METHOD_GET, uri);
	job->auth_tried = FALSE;
	g_signal_connect(job->message, "authenticate",
			 G_CALLBACK(cwmp_transfer_http_authenticate_cb), job);
	soup_session_send_async(job->session, job->message, G_PRIORITY_DEFAULT, cancellable,
				cwmp_transfer_http_send_cb, task);
}

static void
cwmp_transfer_http_send_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GTask) task = G_TASK(user_data);
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	SoupMessageHeaders  *headers;
	g_autoptr(GFile) file = NULL;
	GFileOutputStream *output;
	GError		  *error = NULL;
	goffset		   length;
	gboolean	   append = FALSE;

	job->input = soup_session_send_finish(SOUP_SESSION(source), result, &error);
	if (job->input == NULL) {
		cwmp_transfer_http_set_network_error(task, error, FALSE);
		return;
	}
	if (job->offset > 0 &&
	    soup_message_get_status(job->message) == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE) {
		/* "bytes *\/N": the file had all N bytes already (cwmpd was stopped
		 * between the last byte and the next step); anything else: the
		 * file changed on the server, so it comes again whole */
		const gchar *range = soup_message_headers_get_one(
		    soup_message_get_response_headers(job->message), "Content-Range");
		guint64 whole = 0;
		if (range != NULL && g_str_has_prefix(range, "bytes */") &&
		    g_ascii_string_to_unsigned(range + 8, 10, 1, G_MAXUINT64, &whole, NULL) &&
		    whole == job->offset) {
			job->done = job->total = job->offset;
			cwmp_transfer_http_report(job, TRUE);
			g_task_return_boolean(task, TRUE);
			return;
		}
		cwmp_transfer_http_restart(g_steal_pointer(&task));
		return;
	}
	if (!cwmp_transfer_http_check_status(task, job->message))
		return;
	headers = soup_message_get_response_headers(job->message);
	length = soup_message_headers_get_content_length(headers);
	if (soup_message_get_status(job->message) == SOUP_STATUS_PARTIAL_CONTENT) {
		guint64 first = 0, whole = 0;
		if (!cwmp_transfer_http_parse_content_range(
			soup_message_headers_get_one(headers, "Content-Range"), &first, &whole) ||
		    first != job->offset) {
			g_task_return_new_error(task, CWMP_FAULT,
						CWMP_FAULT_COMPLETE_DOWNLOAD_FAILURE,
						"the server resumed at the wrong place (%s)",
						soup_message_headers_get_one(headers, "Content-"
										      "Range"));
			return;
		}
		append = TRUE;
		job->total = whole;
	} else {
		/* no resume from this server: start over */
		job->offset = 0;
		job->total = length > 0 ? (guint64) length : 0;
	}
	if (job->max_size > 0 && job->total > job->max_size) {
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_FILE_CORRUPTED,
					"the file is %" G_GUINT64_FORMAT " bytes, FileSize "
					"announced "
					"%" G_GUINT64_FORMAT,
					job->total, job->max_size);
		return;
	}
	job->done = job->offset;
	file = g_file_new_for_path(job->filename);
	output = append ? g_file_append_to(file, G_FILE_CREATE_PRIVATE, NULL, &error)
			: g_file_replace(file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
	if (output == NULL) {
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
					"cannot store the file: %s", error->message);
		g_error_free(error);
		return;
	}
	job->output = G_OUTPUT_STREAM(output);
	job->buffer = g_malloc(CWMP_TRANSFER_HTTP_BUFFER_SIZE);
	cwmp_transfer_http_report(job, TRUE);
	cwmp_transfer_http_read(g_steal_pointer(&task));
}

static SoupMessage *
cwmp_transfer_http_message_new(const gchar *method, const gchar *url, GError **error)
{
	g_autoptr(GUri) uri = g_uri_parse(url, SOUP_HTTP_URI_FLAGS, NULL);
	const gchar *scheme = uri != NULL ? g_uri_get_scheme(uri) : NULL;

	if (uri == NULL || g_uri_get_host(uri) == NULL || g_uri_get_host(uri)[0] == '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "invalid URL '%s'",
			    url);
		return NULL;
	}
	if (g_ascii_strcasecmp(scheme, "http") != 0 && g_ascii_strcasecmp(scheme, "https") != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_UNSUPPORTED_PROTOCOL,
			    "unsupported protocol '%s'", scheme);
		return NULL;
	}
	return soup_message_new_from_uri(method, uri);
}

/* the job of one transfer, attached to @task */
static CwmpTransferHttpJob *
cwmp_transfer_http_job_new(GTask		   *task,
			   SoupSession		   *session,
			   const gchar		   *username,
			   const gchar		   *password,
			   const gchar		   *filename,
			   CwmpTransferProgressFunc progress,
			   gpointer		    progress_data)
{
	CwmpTransferHttpJob *job = g_new0(CwmpTransferHttpJob, 1);

	g_task_set_task_data(task, job, (GDestroyNotify) cwmp_transfer_http_job_free);
	job->session = g_object_ref(session);
	job->username = g_strdup(username);
	job->password = g_strdup(password);
	job->filename = g_strdup(filename);
	job->progress = progress;
	job->progress_data = progress_data;
	return job;
}

/**
 * cwmp_transfer_http_download_async:
 * @session: a session of cwmp_transfer_http_session_new()
 * @url: http or https URL
 * @username: (nullable): for Basic or Digest, answered once
 * @password: (nullable): its password
 * @filename: the file to write; when it exists its bytes are kept and the
 *   rest asked for with a Range request (a server that answers 200 instead
 *   sends the whole file again, which replaces it)
 * @max_size: refuse a file larger than this (FileSize), 0 for no limit
 * @progress: (nullable): called at most every 100 ms with the bytes in the
 *   file and the expected total (0 unknown)
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the transfer; the file keeps what arrived
 * @callback: called when done
 * @user_data: for @callback
 *
 * Streams the body to @filename through one fixed buffer of
 * %CWMP_TRANSFER_HTTP_BUFFER_SIZE bytes.
 */
void
cwmp_transfer_http_download_async(SoupSession		  *session,
				  const gchar		  *url,
				  const gchar		  *username,
				  const gchar		  *password,
				  const gchar		  *filename,
				  guint64		   max_size,
				  CwmpTransferProgressFunc progress,
				  gpointer		   progress_data,
				  GCancellable		  *cancellable,
				  GAsyncReadyCallback	   callback,
				  gpointer		   user_data)
{
	g_autoptr(GTask) task = g_task_new(session, cancellable, callback, user_data);
	CwmpTransferHttpJob *job = cwmp_transfer_http_job_new(task, session, username, password,
							      filename, progress, progress_data);
	GError		    *error = NULL;
	GStatBuf	     st;

	g_task_set_source_tag(task, cwmp_transfer_http_download_async);
	job->max_size = max_size;
	job->message = cwmp_transfer_http_message_new(SOUP_METHOD_GET, url, &error);
	if (job->message == NULL) {
		g_task_return_error(task, error);
		return;
	}
	if (g_stat(filename, &st) == 0 && st.st_size > 0) {
		job->offset = (guint64) st.st_size;
		soup_message_headers_set_range(soup_message_get_request_headers(job->message),
					       (goffset) job->offset, -1);
	}
	cwmp_transfer_http_forget_credentials(session);
	g_signal_connect(job->message, "authenticate",
			 G_CALLBACK(cwmp_transfer_http_authenticate_cb), job);
	soup_session_send_async(session, job->message, G_PRIORITY_DEFAULT, cancellable,
				cwmp_transfer_http_send_cb, g_steal_pointer(&task));
}

/**
 * cwmp_transfer_http_download_finish:
 * @result: the result
 * @size: (out) (optional): the size of the complete file
 * @error: a CWMP_FAULT error, or G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the whole file is in place
 */
gboolean
cwmp_transfer_http_download_finish(GAsyncResult *result, guint64 *size, GError **error)
{
	GTask		    *task = G_TASK(result);
	CwmpTransferHttpJob *job = g_task_get_task_data(task);

	if (!g_task_propagate_boolean(task, error))
		return FALSE;
	if (size != NULL)
		*size = job->done;
	return TRUE;
}

static void
cwmp_transfer_http_wrote_cb(SoupMessage *message, guint chunk_size, gpointer user_data)
{
	CwmpTransferHttpJob *job = user_data;
	job->done += chunk_size;
	cwmp_transfer_http_report(job, FALSE);
}

static void
cwmp_transfer_http_set_body(CwmpTransferHttpJob *job)
{
	/* no "Expect: 100-continue": servers that never answer it (libsoup's
	 * own among them) would hold the upload until the timeout; the body is
	 * the mapped file, so sending it again after a challenge costs no memory */
	soup_message_set_request_body_from_bytes(job->message, "application/octet-stream",
						 job->body);
}

/* libsoup drops the request body when it sends a message again (after an
 * authentication challenge): it is set again from the mapped file */
static void
cwmp_transfer_http_restarted_cb(SoupMessage *message, gpointer user_data)
{
	CwmpTransferHttpJob *job = user_data;
	job->done = 0;
	cwmp_transfer_http_set_body(job);
}

static void
cwmp_transfer_http_upload_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autoptr(GTask) task = G_TASK(user_data);
	CwmpTransferHttpJob *job = g_task_get_task_data(task);
	g_autoptr(GBytes) body = NULL;
	GError *error = NULL;

	body = soup_session_send_and_read_finish(SOUP_SESSION(source), result, &error);
	if (body == NULL) {
		cwmp_transfer_http_set_network_error(task, error, TRUE);
		return;
	}
	if (!cwmp_transfer_http_check_status(task, job->message))
		return;
	cwmp_transfer_http_report(job, TRUE);
	g_task_return_boolean(task, TRUE);
}

/**
 * cwmp_transfer_http_upload_async:
 * @session: a session of cwmp_transfer_http_session_new()
 * @url: http or https URL the file is PUT to
 * @username: (nullable): for Basic or Digest
 * @password: (nullable): its password
 * @filename: the file to send; mapped, not read into the heap, so an
 *   authentication challenge can send it again
 * @progress: (nullable): bytes sent so far and the file size
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the transfer
 * @callback: called when done
 * @user_data: for @callback
 */
void
cwmp_transfer_http_upload_async(SoupSession		*session,
				const gchar		*url,
				const gchar		*username,
				const gchar		*password,
				const gchar		*filename,
				CwmpTransferProgressFunc progress,
				gpointer		 progress_data,
				GCancellable		*cancellable,
				GAsyncReadyCallback	 callback,
				gpointer		 user_data)
{
	g_autoptr(GTask) task = g_task_new(session, cancellable, callback, user_data);
	CwmpTransferHttpJob *job = cwmp_transfer_http_job_new(task, session, username, password,
							      filename, progress, progress_data);
	g_autoptr(GMappedFile) mapped = NULL;
	GError *error = NULL;

	g_task_set_source_tag(task, cwmp_transfer_http_upload_async);
	job->upload = TRUE;
	job->message = cwmp_transfer_http_message_new(SOUP_METHOD_PUT, url, &error);
	if (job->message == NULL) {
		g_task_return_error(task, error);
		return;
	}
	mapped = g_mapped_file_new(filename, FALSE, &error);
	if (mapped == NULL) {
		g_task_return_new_error(task, CWMP_FAULT, CWMP_FAULT_UPLOAD_FAILURE,
					"cannot read the file to upload: %s", error->message);
		g_error_free(error);
		return;
	}
	job->body = g_mapped_file_get_bytes(mapped);
	job->total = g_bytes_get_size(job->body);
	cwmp_transfer_http_set_body(job);
	cwmp_transfer_http_forget_credentials(session);
	g_signal_connect(job->message, "authenticate",
			 G_CALLBACK(cwmp_transfer_http_authenticate_cb), job);
	g_signal_connect(job->message, "wrote-body-data", G_CALLBACK(cwmp_transfer_http_wrote_cb),
			 job);
	g_signal_connect(job->message, "restarted", G_CALLBACK(cwmp_transfer_http_restarted_cb),
			 job);
	soup_session_send_and_read_async(session, job->message, G_PRIORITY_DEFAULT, cancellable,
					 cwmp_transfer_http_upload_cb, g_steal_pointer(&task));
}

gboolean
cwmp_transfer_http_upload_finish(GAsyncResult *result, GError **error)
{
	return g_task_propagate_boolean(G_TASK(result), error);
}
