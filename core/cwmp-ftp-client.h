/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * An FTP client for the Download and Upload RPCs (RFC 959, RFC 2428 EPSV,
 * RFC 3659 SIZE and REST): passive mode, binary type, one file per call,
 * streamed through a fixed 64 KiB buffer. Everything runs on the thread-default
 * main context of the caller.
 *
 * Errors are CWMP_FAULT codes: 9015 the server cannot be resolved or reached,
 * 9012 the login is refused, 9016 the file is missing or not accessible, 9017
 * (download) the transfer broke off or came out short, 9004 the file is
 * larger than max_size, 9003 a bad URL or CR/LF in a user, password or path,
 * 9013 not an ftp:// URL, 9010 (download) or 9011 (upload) anything else.
 * A refused REST is G_IO_ERROR_NOT_SUPPORTED, a write error of the output
 * stream (or a read error of the input stream) keeps its G_IO_ERROR code with
 * a prefixed message, and cancellation is G_IO_ERROR_CANCELLED. Once the
 * server has confirmed the file (226), a failed or cancelled QUIT no longer
 * fails the call.
 */

/**
 * CwmpFtpProgressFunc:
 * @done: bytes of the file transferred so far (for a resumed download, the
 *   resume offset included)
 * @total: size of the whole file, or G_MAXUINT64 when it is unknown
 * @user_data: the progress data given with the callback
 *
 * Called at most every 100 ms while data flows, and once more at the end.
 */
typedef void (*CwmpFtpProgressFunc)(guint64 done, guint64 total, gpointer user_data);

/**
 * cwmp_ftp_download_async:
 * @url: ftp://[user[:password]@]host[:port]/path; the path is percent-decoded
 *   and taken relative to the login folder (start it with %2F for an absolute
 *   path); IPv6 literal hosts go in brackets
 * @username: (nullable): overrides the user of @url
 * @password: (nullable): overrides the password of @url
 * @offset: when above 0, resume: ask the server for the file from this byte
 *   on (REST); a server that refuses fails with G_IO_ERROR_NOT_SUPPORTED
 * @output: where the bytes go, from @offset on; it is neither flushed on
 *   failure nor closed, so the bytes received before a failure stay there
 * @max_size: when above 0, the most bytes this call may write to @output;
 *   a larger file fails with 9004, before the transfer when the server tells
 *   the size (SIZE), else when the limit is crossed
 * @progress: (nullable): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the transfer is over
 * @user_data: data for @callback
 *
 * Downloads one file. With neither @username nor a user in @url the login is
 * anonymous (user "anonymous", password "cwmpd@").
 */
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
			gpointer	    user_data);

/**
 * cwmp_ftp_download_finish:
 * @result: the result given to the callback
 * @total_size: (out) (optional): the size of the whole file: the offset plus
 *   the bytes written to the output
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the whole file arrived and the server confirmed it
 */
gboolean
cwmp_ftp_download_finish(GAsyncResult *result, guint64 *total_size, GError **error);

/**
 * cwmp_ftp_upload_async:
 * @url: as for cwmp_ftp_download_async()
 * @username: (nullable): overrides the user of @url
 * @password: (nullable): overrides the password of @url
 * @input: the bytes to store; exactly @size of them are read
 * @size: the size of the file; an @input that ends earlier fails with 9011
 * @progress: (nullable): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the transfer is over
 * @user_data: data for @callback
 *
 * Stores one file on the server (STOR), replacing any file of that name.
 */
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
		      gpointer		  user_data);

/**
 * cwmp_ftp_upload_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server confirmed the stored file
 */
gboolean
cwmp_ftp_upload_finish(GAsyncResult *result, GError **error);

/**
 * cwmp_ftp_client_set_timeouts:
 * @connect_ms: connecting a control or data connection (default 30000)
 * @reply_ms: waiting for each reply of the server (default 60000)
 * @idle_ms: a data connection with no bytes moving (default 60000)
 *
 * Sets the timeouts of the transfers started afterwards, for the whole
 * process; 0 restores a default. Tests use it for short timeouts; call it
 * from the thread that starts the transfers. A timeout fails the transfer
 * with the fault of the step it hit (9015 while connecting, 9017 or 9011
 * during the transfer, else 9010 or 9011).
 */
void
cwmp_ftp_client_set_timeouts(guint connect_ms, guint reply_ms, guint idle_ms);

/* the reply parser, public for the fuzzer (tests/fuzz/cwmp-ftp-reply-fuzz.c) */

/* longest reply line accepted, line ending excluded */
#define CWMP_FTP_CLIENT_MAX_LINE 4096
/* most lines of one (multi-line) reply */
#define CWMP_FTP_CLIENT_MAX_LINES 256

typedef struct _CwmpFtpClientReply CwmpFtpClientReply;

CwmpFtpClientReply *
cwmp_ftp_client_reply_new(void);
void
cwmp_ftp_client_reply_free(CwmpFtpClientReply *reply);
/* forgets the reply, to parse the next one */
void
cwmp_ftp_client_reply_reset(CwmpFtpClientReply *reply);
/* consumes bytes of @data up to the end of a complete reply at most; returns
 * the number of bytes used (the rest belongs to the next reply) and sets
 * @complete once the reply is whole; garbage, an over-long line or too many
 * lines fail with a CWMP_ERROR_INVALID_DATA error */
gboolean
cwmp_ftp_client_reply_feed(CwmpFtpClientReply *reply,
			   const guint8	      *data,
			   gsize	       len,
			   gsize	      *consumed,
			   gboolean	      *complete,
			   GError	     **error);
/* the code (100-599) of a complete reply */
guint
cwmp_ftp_client_reply_get_code(CwmpFtpClientReply *reply);
/* the text of a complete reply: its lines without the codes, joined by
 * spaces, control characters replaced by '?', cut at 512 bytes, then made
 * valid UTF-8 */
const gchar *
cwmp_ftp_client_reply_get_text(CwmpFtpClientReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpFtpClientReply, cwmp_ftp_client_reply_free)

G_END_DECLS
