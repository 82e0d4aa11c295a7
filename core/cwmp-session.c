/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-session.h"

/* bytes asked for with each read of the ACS's answer */
#define CWMP_SESSION_READ_CHUNK 65536

#define CWMP_SESSION_CONTENT_TYPE "text/xml; charset=\"utf-8\""

typedef enum {
	CWMP_SESSION_PHASE_INFORM,	 /* waiting for the InformResponse */
	CWMP_SESSION_PHASE_CPE_REQUEST,	 /* waiting for the answer to a queued request */
	CWMP_SESSION_PHASE_ACS_REQUESTS, /* empty POST sent, serving ACS requests */
} CwmpSessionPhase;

typedef struct {
	CwmpRpc		       *request;
	CwmpSessionResponseFunc func;
	gpointer		user_data;
} CwmpSessionCpeRequest;

struct _CwmpSession {
	GObject parent_instance;

	/* configuration */
	GUri		      *uri; /* the current one: redirects replace it */
	gchar		      *url;
	gchar		      *username;
	gchar		      *password;
	gchar		      *ca_file;
	gchar		      *ca_directory;
	gchar		      *ca_bundle; /* temporary file made from ca_directory */
	gboolean	       verify_hostname;
	gchar		      *cert_file;
	gchar		      *key_file;
	guint		       timeout; /* seconds */
	guint		       version_mask;
	CwmpSessionRequestFunc request_func;
	gpointer	       request_data;
	GDestroyNotify	       request_destroy;
	GQueue		       cpe_requests; /* CwmpSessionCpeRequest */

	/* one run */
	CwmpSessionState       state;
	CwmpSessionPhase       phase;
	SoupSession	      *soup;
	GTlsCertificate	      *client_cert;
	GTask		      *task;
	GCancellable	      *cancellable; /* the caller's */
	gulong		       cancelled_id;
	GCancellable	      *io_cancellable; /* cancelled by the caller's, or the timeout */
	GSource		      *timeout_source;
	gboolean	       timed_out;
	SoupMessage	      *msg;
	GInputStream	      *stream;
	GByteArray	      *received;
	GBytes		      *body; /* what is posted, kept to post it again after a redirect */
	gboolean	       body_is_request;
	guint		       redirects;
	guint64		       answered_connection; /* the last connection an answer came on */
	CwmpSessionCpeRequest *current;
	guint		       next_id;
	guint64		       id;     /* the engine's session number, for the log */
	gchar		      *events; /* event codes of the Inform, for the log */

	/* results */
	CwmpSoapVersion version;
	guint		requests_handled;
	guint		max_envelopes;
	gboolean	hold_requests;
	GError	       *error;
};

G_DEFINE_TYPE(CwmpSession, cwmp_session, G_TYPE_OBJECT)

G_DEFINE_QUARK(cwmp - session - error - quark, cwmp_session_error)

static void
cwmp_session_log(CwmpSession *self, GLogLevelFlags level, const gchar *format, ...)
    G_GNUC_PRINTF(3, 4);

/* a record of the session summary: the journal gets the session id, the ACS
 * URL and the Inform's event codes as fields */
static void
cwmp_session_log(CwmpSession *self, GLogLevelFlags level, const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *message = NULL;
	g_autofree gchar *id = g_strdup_printf("%" G_GUINT64_FORMAT, self->id);

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	g_log_structured(G_LOG_DOMAIN, level, "CWMP_SESSION_ID", id, "CWMP_ACS_URL", self->url,
			 "CWMP_EVENTS", self->events != NULL ? self->events : "", "MESSAGE", "%s",
			 message);
}

static void
cwmp_session_post(CwmpSession *self);

static void
cwmp_session_cpe_request_free(CwmpSessionCpeRequest *item)
{
	cwmp_rpc_unref(item->request);
	g_free(item);
}

/* tells the owner of a queued request that it got no answer */
static void
cwmp_session_cpe_request_fail(CwmpSession *self, CwmpSessionCpeRequest *item, const GError *error)
{
	if (item->func != NULL)
		item->func(self, item->request, NULL, error, item->user_data);
	cwmp_session_cpe_request_free(item);
}

static void
cwmp_session_clear_timeout(CwmpSession *self)
{
	if (self->timeout_source != NULL) {
		g_source_destroy(self->timeout_source);
		g_clear_pointer(&self->timeout_source, g_source_unref);
	}
}

static void
cwmp_session_remove_ca_bundle(CwmpSession *self)
{
	if (self->ca_bundle != NULL)
		g_unlink(self->ca_bundle);
	g_clear_pointer(&self->ca_bundle, g_free);
}

static void
cwmp_session_clear_io(CwmpSession *self)
{
	cwmp_session_clear_timeout(self);
	g_clear_object(&self->stream);
	g_clear_object(&self->msg);
	g_clear_pointer(&self->received, g_byte_array_unref);
}

/* ends the run; @error (transfer full) is NULL on success. Only called from
 * an I/O completion (or before any I/O started), so nothing is in flight */
static void
cwmp_session_finish(CwmpSession *self, GError *error)
{
	g_autoptr(GTask) task = g_steal_pointer(&self->task);
	g_autoptr(GError) own_error = error;
	CwmpSessionCpeRequest *item;

	cwmp_session_clear_io(self);
	if (self->cancellable != NULL && self->cancelled_id != 0)
		g_cancellable_disconnect(self->cancellable, self->cancelled_id);
	self->cancelled_id = 0;
	g_clear_object(&self->cancellable);
	g_clear_pointer(&self->body, g_bytes_unref);

	/* the CPE closes the connection at the end of the session */
	if (self->soup != NULL)
		soup_session_abort(self->soup);
	cwmp_session_remove_ca_bundle(self);

	if (own_error != NULL) {
		g_debug("session with %s failed: %s", self->url, own_error->message);
		self->state = CWMP_SESSION_STATE_FAILED;
		self->error = g_error_copy(own_error);
	} else {
		g_debug("session with %s ended after %u ACS requests", self->url,
			self->requests_handled);
		self->state = CWMP_SESSION_STATE_SUCCEEDED;
	}

	/* every queued request hears about its fate before the caller does */
	if (self->current != NULL) {
		cwmp_session_cpe_request_fail(self, g_steal_pointer(&self->current), own_error);
	}
	while ((item = g_queue_pop_head(&self->cpe_requests)) != NULL) {
		g_autoptr(GError) not_sent = NULL;
		not_sent = g_error_new(CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_NOT_SENT,
				       "not sent: the session ended first%s%s",
				       own_error != NULL ? ": " : "",
				       own_error != NULL ? own_error->message : "");
		cwmp_session_cpe_request_fail(self, item, not_sent);
	}

	if (own_error != NULL)
		g_task_return_error(task, g_steal_pointer(&own_error));
	else
		g_task_return_boolean(task, TRUE);
}

static void
cwmp_session_fail(CwmpSession *self, CwmpSessionError code, const gchar *format, ...)
    G_GNUC_PRINTF(3, 4);

static void
cwmp_session_fail(CwmpSession *self, CwmpSessionError code, const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *message = NULL;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	cwmp_session_finish(self, g_error_new_literal(CWMP_SESSION_ERROR, code, message));
}

/* an I/O error: the timeout and the caller's cancel come first, since both
 * show up as a cancelled operation */
static void
cwmp_session_fail_io(CwmpSession *self, const GError *error)
{
	if (self->timed_out) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_TIMEOUT,
				  "no answer from the ACS within %u s", self->timeout);
		return;
	}
	if (self->cancellable != NULL && g_cancellable_is_cancelled(self->cancellable)) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_CANCELLED, "session cancelled");
		return;
	}
	if (error->domain == G_TLS_ERROR) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_TLS, "TLS failure with %s: %s",
				  self->url, error->message);
		return;
	}
	if (error->domain == SOUP_SESSION_ERROR) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_INVALID_BODY,
				  "invalid HTTP response from %s: %s", self->url, error->message);
		return;
	}
	/* a server that refuses the client certificate (TLS 1.3: after the
	 * client finished its handshake) just drops the new connection before
	 * any answer; a connection that already carried an answer broke for
	 * other reasons */
	if (g_strcmp0(g_uri_get_scheme(self->uri), "https") == 0 && self->msg != NULL &&
	    soup_message_get_connection_id(self->msg) != self->answered_connection &&
	    (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
	     g_error_matches(error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_TLS,
				  "TLS failure with %s: the server closed the new connection "
				  "without an answer (client certificate refused?): %s",
				  self->url, error->message);
		return;
	}
	cwmp_session_fail(self, CWMP_SESSION_ERROR_NETWORK, "cannot talk to %s: %s", self->url,
			  error->message);
}

static gboolean
cwmp_session_timeout_cb(gpointer user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);

	g_clear_pointer(&self->timeout_source, g_source_unref);
	self->timed_out = TRUE;
	g_cancellable_cancel(self->io_cancellable);
	return G_SOURCE_REMOVE;
}

static void
cwmp_session_cancelled_cb(GCancellable *cancellable, gpointer user_data)
{
	GCancellable *io_cancellable = G_CANCELLABLE(user_data);

	/* may run in the thread that cancelled: only touch the thread-safe object */
	g_cancellable_cancel(io_cancellable);
}

static gboolean
cwmp_session_authenticate_cb(SoupMessage *msg,
			     SoupAuth	 *auth,
			     gboolean	  retrying,
			     gpointer	  user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);

	/* answer a challenge once: refused credentials end in a 401 */
	if (retrying || self->username == NULL)
		return FALSE;
	g_debug("answering %s challenge of %s", soup_auth_get_scheme_name(auth),
		soup_auth_get_authority(auth));
	soup_auth_authenticate(auth, self->username, self->password != NULL ? self->password : "");
	return TRUE;
}

static gboolean
cwmp_session_accept_certificate_cb(SoupMessage	       *msg,
				   GTlsCertificate     *certificate,
				   GTlsCertificateFlags errors,
				   gpointer		user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);

	/* only called for a certificate that failed; with the hostname check
	 * off a name mismatch alone is accepted, nothing else ever is */
	if (!self->verify_hostname && errors == G_TLS_CERTIFICATE_BAD_IDENTITY)
		return TRUE;
	return FALSE;
}

/* applies the headers of any ACS message */
static void
cwmp_session_apply_header(CwmpSession *self, const CwmpSoapHeader *header)
{
	if (header->session_timeout > 0)
		self->timeout = header->session_timeout;
	if (header->has_hold_requests)
		self->hold_requests = header->hold_requests;
}

static gchar *
cwmp_session_new_id(CwmpSession *self)
{
	return g_strdup_printf("cwmpd-%u", ++self->next_id);
}

/* serializes a CPE message in the session's version and posts it */
static gboolean
cwmp_session_post_rpc(CwmpSession *self, CwmpRpc *rpc, CwmpSoapHeader *extra, GError **error)
{
	g_autofree gchar *id = cwmp_session_new_id(self);
	g_autoptr(CwmpSoapMessage) message = cwmp_soap_message_new(self->version, id, rpc);
	GBytes *body;

	if (extra != NULL && extra->supported_cwmp_versions != NULL) {
		message->header.supported_cwmp_versions = g_strdup(extra->supported_cwmp_versions);
	}
	body = cwmp_soap_message_serialize(message, error);
	if (body == NULL)
		return FALSE;
	g_clear_pointer(&self->body, g_bytes_unref);
	self->body = body;
	self->body_is_request = TRUE;
	cwmp_session_post(self);
	return TRUE;
}

static void
cwmp_session_post_bytes(CwmpSession *self, GBytes *body)
{
	g_clear_pointer(&self->body, g_bytes_unref);
	self->body = body;
	self->body_is_request = FALSE;
	cwmp_session_post(self);
}

/* sends the next queued CPE request, or the empty POST once there is none */
static void
cwmp_session_next_cpe_request(CwmpSession *self)
{
	CwmpSessionCpeRequest *item;

	while ((item = g_queue_pop_head(&self->cpe_requests)) != NULL) {
		g_autoptr(GError) error = NULL;

		if (self->hold_requests) {
			g_set_error_literal(&error, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_NOT_SENT,
					    "not sent: the ACS holds requests (HoldRequests)");
			cwmp_session_cpe_request_fail(self, item, error);
			continue;
		}
		if (!cwmp_rpc_method_in_version(item->request->method, self->version)) {
			g_set_error(&error, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_NOT_SENT,
				    "not sent: %s is not in CWMP %s",
				    cwmp_rpc_method_to_string(item->request->method),
				    cwmp_soap_version_to_string(self->version));
			cwmp_session_cpe_request_fail(self, item, error);
			continue;
		}
		self->current = item;
		self->phase = CWMP_SESSION_PHASE_CPE_REQUEST;
		if (!cwmp_session_post_rpc(self, item->request, NULL, &error)) {
			g_autoptr(GError) not_sent = NULL;
			g_set_error(&not_sent, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_NOT_SENT,
				    "not sent: %s", error->message);
			cwmp_session_cpe_request_fail(self, g_steal_pointer(&self->current),
						      not_sent);
			continue;
		}
		return;
	}
	self->phase = CWMP_SESSION_PHASE_ACS_REQUESTS;
	cwmp_session_log(self, G_LOG_LEVEL_INFO, "empty POST");
	cwmp_session_post_bytes(self, g_bytes_new_static("", 0));
}

static void
cwmp_session_handle_inform_response(CwmpSession *self, CwmpSoapMessage *message)
{
	CwmpRpc *rpc = message->rpc;
	g_autoptr(GError) error = NULL;

	if (rpc->method == CWMP_RPC_FAULT) {
		if (rpc->fault.fault_code == 8005) {
			cwmp_session_fail(self, CWMP_SESSION_ERROR_RETRY_REQUEST,
					  "the ACS answered the Inform with fault 8005 (retry "
					  "request)");
			return;
		}
		cwmp_session_fail(self, CWMP_SESSION_ERROR_ACS_FAULT,
				  "the ACS answered the Inform with fault %u: %s",
				  rpc->fault.fault_code,
				  rpc->fault.fault_string != NULL ? rpc->fault.fault_string : "");
		return;
	}
	if (rpc->method != CWMP_RPC_INFORM_RESPONSE) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_PROTOCOL,
				  "the ACS answered the Inform with %s instead of an "
				  "InformResponse",
				  rpc->method == CWMP_RPC_EMPTY
				      ? "an empty message"
				      : cwmp_rpc_method_to_string(rpc->method));
		return;
	}
	if (!cwmp_soap_version_negotiate(self->version_mask, message->version,
					 message->header.use_cwmp_version, &self->version,
					 &error)) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_VERSION,
				  "version negotiation failed: %s", error->message);
		return;
	}
	self->max_envelopes = rpc->inform_response.max_envelopes;
	cwmp_session_apply_header(self, &message->header);
	cwmp_session_log(self, G_LOG_LEVEL_INFO, "InformResponse (CWMP %s, MaxEnvelopes %u%s)",
			 cwmp_soap_version_to_string(self->version), self->max_envelopes,
			 self->hold_requests ? ", HoldRequests" : "");
	cwmp_session_next_cpe_request(self);
}

static void
cwmp_session_handle_cpe_response(CwmpSession *self, CwmpSoapMessage *message)
{
	CwmpSessionCpeRequest *item = self->current;
	CwmpRpcMethod	       expected = cwmp_rpc_method_get_response(item->request->method);

	if (message->rpc->method != CWMP_RPC_FAULT && message->rpc->method != expected) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_PROTOCOL, "the ACS answered %s with %s",
				  cwmp_rpc_method_to_string(item->request->method),
				  message->rpc->method == CWMP_RPC_EMPTY
				      ? "an empty message"
				      : cwmp_rpc_method_to_string(message->rpc->method));
		return;
	}
	cwmp_session_apply_header(self, &message->header);
	self->current = NULL;
	if (item->func != NULL)
		item->func(self, item->request, message, NULL, item->user_data);
	cwmp_session_cpe_request_free(item);
	cwmp_session_next_cpe_request(self);
}

static GBytes *
cwmp_session_build_fault(CwmpSession *self, const gchar *id, const GError *error)
{
	g_autoptr(CwmpRpc) fault = cwmp_rpc_new_fault_from_error(error);
	g_autoptr(CwmpSoapMessage) message = cwmp_soap_message_new(self->version, id, fault);
	g_autoptr(GError) serialize_error = NULL;
	GBytes *body;

	body = cwmp_soap_message_serialize(message, &serialize_error);
	if (body == NULL) {
		g_autoptr(CwmpRpc) internal = NULL;
		g_autoptr(CwmpSoapMessage) fallback = NULL;

		/* a fault from a fixed code always serializes */
		g_warning("cannot serialize fault: %s", serialize_error->message);
		internal = cwmp_rpc_new_fault(CWMP_FAULT_INTERNAL_ERROR, NULL);
		fallback = cwmp_soap_message_new(self->version, id, internal);
		body = cwmp_soap_message_serialize(fallback, NULL);
	}
	return body;
}

/* the FaultCode of a serialized SOAP Fault (our own serializer's output: the
 * Fault is the first element of the Body), 0 for any other message */
static guint
cwmp_session_response_fault_code(GBytes *response)
{
	static const gchar body_tag[] = "<soap-env:Body>";
	static const gchar code_tag[] = "<FaultCode>";
	gsize		   len = 0;
	const gchar	  *data = g_bytes_get_data(response, &len);
	const gchar	  *end = data + len;
	const gchar	  *p;

	if (data == NULL)
		return 0;
	p = g_strstr_len(data, (gssize) len, body_tag);
	if (p == NULL)
		return 0;
	p += strlen(body_tag);
	while (p < end && g_ascii_isspace(*p))
		p++;
	if ((gsize) (end - p) < strlen("<soap-env:Fault>") ||
	    strncmp(p, "<soap-env:Fault>", strlen("<soap-env:Fault>")) != 0)
		return 0;
	p = g_strstr_len(p, end - p, code_tag);
	if (p == NULL)
		return 0;
	p += strlen(code_tag);
	/* at most 4 digits: the fault codes are 8000-9999 */
	{
		guint code = 0;
		for (guint i = 0; i < 4 && p + i < end && g_ascii_isdigit(p[i]); i++)
			code = code * 10 + (guint) (p[i] - '0');
		return code;
	}
}

static void
cwmp_session_log_acs_request(CwmpSession *self, const gchar *method, GBytes *response)
{
	guint fault_code = cwmp_session_response_fault_code(response);

	if (fault_code != 0)
		cwmp_session_log(self, G_LOG_LEVEL_INFO, "ACS request %s: fault %u", method,
				 fault_code);
	else
		cwmp_session_log(self, G_LOG_LEVEL_INFO, "ACS request %s: answered", method);
}

static void
cwmp_session_handle_acs_request(CwmpSession *self, CwmpSoapMessage *message)
{
	GBytes *response = NULL;

	if (!cwmp_rpc_method_is_request(message->rpc->method)) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_PROTOCOL,
				  "the ACS sent %s where a request or an empty message belongs",
				  cwmp_rpc_method_to_string(message->rpc->method));
		return;
	}
	cwmp_session_apply_header(self, &message->header);
	/* the handler answers in the negotiated version */
	message->version = self->version;
	self->requests_handled++;
	if (self->request_func != NULL)
		response = self->request_func(self, message, self->request_data);
	if (response == NULL) {
		g_autoptr(GError) error = NULL;
		if (self->request_func == NULL) {
			g_set_error(&error, CWMP_FAULT, CWMP_FAULT_METHOD_NOT_SUPPORTED,
				    "%s is not supported",
				    cwmp_rpc_method_to_string(message->rpc->method));
		} else {
			g_warning("the request handler returned no response to %s",
				  cwmp_rpc_method_to_string(message->rpc->method));
			g_set_error_literal(&error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
					    "no response");
		}
		response = cwmp_session_build_fault(self, message->header.id, error);
	}
	cwmp_session_log_acs_request(self, cwmp_rpc_method_to_string(message->rpc->method),
				     response);
	cwmp_session_post_bytes(self, response);
}

/* the whole body of a 200 or 204 has been read */
static void
cwmp_session_handle_body(CwmpSession *self, GBytes *body)
{
	CwmpSoapParseOptions options = {
	    .max_size = CWMP_SESSION_MAX_BODY,
	    .default_version = self->version,
	};
	g_autoptr(CwmpSoapMessage) message = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(GError) error = NULL;
	gsize	     len = 0;
	const gchar *data = g_bytes_get_data(body, &len);

	message = cwmp_soap_message_parse(data, len, &options, &partial, &error);
	if (message == NULL) {
		/* a request the codec understood enough of gets the fault TR-069
		 * prescribes and the session goes on */
		if (self->phase == CWMP_SESSION_PHASE_ACS_REQUESTS && partial != NULL) {
			GBytes *fault = cwmp_session_build_fault(self, partial->header.id, error);

			g_debug("answering a bad ACS request with a fault: %s", error->message);
			self->requests_handled++;
			cwmp_session_log_acs_request(self, "(unparsable)", fault);
			cwmp_session_post_bytes(self, fault);
			return;
		}
		cwmp_session_fail(self, CWMP_SESSION_ERROR_INVALID_BODY,
				  "cannot parse the message from the ACS: %s", error->message);
		return;
	}
	switch (self->phase) {
	case CWMP_SESSION_PHASE_INFORM:
		cwmp_session_handle_inform_response(self, message);
		break;
	case CWMP_SESSION_PHASE_CPE_REQUEST:
		cwmp_session_handle_cpe_response(self, message);
		break;
	case CWMP_SESSION_PHASE_ACS_REQUESTS:
	default:
		/* an empty body (or an empty soap-env:Body) ends the session */
		if (message->rpc->method == CWMP_RPC_EMPTY) {
			gboolean no_content =
			    soup_message_get_status(self->msg) == SOUP_STATUS_NO_CONTENT;

			cwmp_session_log(self, G_LOG_LEVEL_INFO, "session end: %s",
					 no_content ? "204" : "empty answer");
			cwmp_session_finish(self, NULL);
			return;
		}
		cwmp_session_handle_acs_request(self, message);
		break;
	}
}

static void
cwmp_session_handle_redirect(CwmpSession *self, guint status)
{
	const gchar *location;
	g_autoptr(GUri) uri = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *scheme;

	if (++self->redirects > CWMP_SESSION_MAX_REDIRECTS) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_REDIRECT,
				  "more than %u redirects in a row (last to %s)",
				  CWMP_SESSION_MAX_REDIRECTS, self->url);
		return;
	}
	location = soup_message_headers_get_one(soup_message_get_response_headers(self->msg), "Loca"
											      "tio"
											      "n");
	if (location == NULL) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_REDIRECT,
				  "HTTP %u redirect from %s without a Location", status, self->url);
		return;
	}
	uri = g_uri_parse_relative(self->uri, location, SOUP_HTTP_URI_FLAGS, &error);
	if (uri == NULL) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_REDIRECT,
				  "HTTP %u redirect from %s to an invalid Location: %s", status,
				  self->url, error->message);
		return;
	}
	scheme = g_uri_get_scheme(uri);
	if (g_strcmp0(scheme, "http") != 0 && g_strcmp0(scheme, "https") != 0) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_REDIRECT,
				  "HTTP %u redirect from %s to a %s URL", status, self->url,
				  scheme);
		return;
	}
	/* an HTTPS session never goes on in clear text: the Inform and the
	 * answer to a Basic challenge would be readable on the path */
	if (g_strcmp0(g_uri_get_scheme(self->uri), "https") == 0 &&
	    g_strcmp0(scheme, "https") != 0) {
		g_autofree gchar *target = g_uri_to_string_partial(uri, G_URI_HIDE_PASSWORD);

		cwmp_session_fail(self, CWMP_SESSION_ERROR_REDIRECT,
				  "HTTP %u redirect from %s to %s: no HTTPS", status, self->url,
				  target);
		return;
	}
	g_uri_unref(self->uri);
	self->uri = g_steal_pointer(&uri);
	g_free(self->url);
	self->url = g_uri_to_string_partial(self->uri, G_URI_HIDE_PASSWORD);
	g_debug("HTTP %u: posting again to %s", status, self->url);
	cwmp_session_post(self);
}

static void
cwmp_session_handle_response(CwmpSession *self)
{
	guint status = soup_message_get_status(self->msg);
	g_autoptr(GBytes) body = g_byte_array_free_to_bytes(g_steal_pointer(&self->received));

	self->answered_connection = soup_message_get_connection_id(self->msg);

	cwmp_session_clear_timeout(self);
	g_clear_object(&self->stream);

	switch (status) {
	case SOUP_STATUS_MOVED_PERMANENTLY:
	case SOUP_STATUS_FOUND:
	case SOUP_STATUS_TEMPORARY_REDIRECT:
	case SOUP_STATUS_PERMANENT_REDIRECT:
		cwmp_session_handle_redirect(self, status);
		return;
	case SOUP_STATUS_OK:
		self->redirects = 0;
		cwmp_session_handle_body(self, body);
		return;
	case SOUP_STATUS_NO_CONTENT:
		self->redirects = 0;
		g_bytes_unref(body);
		body = g_bytes_new_static("", 0);
		cwmp_session_handle_body(self, body);
		return;
	case SOUP_STATUS_UNAUTHORIZED:
		cwmp_session_fail(self, CWMP_SESSION_ERROR_AUTH,
				  self->username != NULL ? "HTTP 401 from %s: the ACS refused the "
							   "credentials"
							 : "HTTP 401 from %s: the ACS wants "
							   "credentials, none configured",
				  self->url);
		return;
	case SOUP_STATUS_FORBIDDEN:
		cwmp_session_fail(self, CWMP_SESSION_ERROR_FORBIDDEN, "HTTP 403 from %s",
				  self->url);
		return;
	default:
		cwmp_session_fail(self, CWMP_SESSION_ERROR_HTTP, "HTTP %u %s from %s", status,
				  soup_message_get_reason_phrase(self->msg) != NULL
				      ? soup_message_get_reason_phrase(self->msg)
				      : "",
				  self->url);
		return;
	}
}

static void
cwmp_session_close_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);
	g_autoptr(GError) error = NULL;

	if (!g_input_stream_close_finish(G_INPUT_STREAM(source), result, &error)) {
		cwmp_session_fail_io(self, error);
		return;
	}
	cwmp_session_handle_response(self);
}

static void
cwmp_session_read_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) chunk = NULL;
	gsize len;

	chunk = g_input_stream_read_bytes_finish(G_INPUT_STREAM(source), result, &error);
	if (chunk == NULL) {
		cwmp_session_fail_io(self, error);
		return;
	}
	len = g_bytes_get_size(chunk);
	if (len == 0) {
		/* closing completes the message and gives the connection back
		 * for the next POST */
		g_input_stream_close_async(self->stream, G_PRIORITY_DEFAULT, self->io_cancellable,
					   cwmp_session_close_cb, self);
		return;
	}
	if (self->received->len + len > CWMP_SESSION_MAX_BODY) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_INVALID_BODY,
				  "the answer from %s is larger than %u bytes", self->url,
				  (guint) CWMP_SESSION_MAX_BODY);
		return;
	}
	g_byte_array_append(self->received, g_bytes_get_data(chunk, NULL), (guint) len);
	g_input_stream_read_bytes_async(self->stream, CWMP_SESSION_READ_CHUNK, G_PRIORITY_DEFAULT,
					self->io_cancellable, cwmp_session_read_cb, self);
}

static void
cwmp_session_send_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);
	g_autoptr(GError) error = NULL;
	GInputStream *stream;

	stream = soup_session_send_finish(SOUP_SESSION(source), result, &error);
	if (stream == NULL) {
		cwmp_session_fail_io(self, error);
		return;
	}
	self->stream = stream;
	self->received = g_byte_array_new();
	g_input_stream_read_bytes_async(self->stream, CWMP_SESSION_READ_CHUNK, G_PRIORITY_DEFAULT,
					self->io_cancellable, cwmp_session_read_cb, self);
}

static void
cwmp_session_set_request_body(SoupMessage *msg, gpointer user_data)
{
	CwmpSession *self = CWMP_SESSION(user_data);

	/* the empty POST has no Content-Type, and Content-Length 0 */
	soup_message_set_request_body_from_bytes(
	    msg, g_bytes_get_size(self->body) > 0 ? CWMP_SESSION_CONTENT_TYPE : NULL, self->body);
}

/* posts self->body to the current URL; the answer goes to handle_response */
static void
cwmp_session_post(CwmpSession *self)
{
	SoupMessageHeaders *headers;
	GMainContext	   *context = g_main_context_get_thread_default();

	cwmp_session_clear_io(self);
	self->msg = soup_message_new_from_uri(SOUP_METHOD_POST, self->uri);
	/* IDEMPOTENT lets libsoup put a POST on the idle keep-alive connection
	 * instead of opening a new one for each message */
	soup_message_set_flags(self->msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
	headers = soup_message_get_request_headers(self->msg);
	cwmp_session_set_request_body(self->msg, self);
	if (g_bytes_get_size(self->body) > 0 && self->body_is_request)
		soup_message_headers_replace(headers, "SOAPAction", "");
	/* libsoup drops the body when it restarts the message for an auth
	 * challenge: it is set again each time */
	g_signal_connect(self->msg, "restarted", G_CALLBACK(cwmp_session_set_request_body), self);
	if (self->client_cert != NULL)
		soup_message_set_tls_client_certificate(self->msg, self->client_cert);
	g_signal_connect(self->msg, "authenticate", G_CALLBACK(cwmp_session_authenticate_cb), self);
	g_signal_connect(self->msg, "accept-certificate",
			 G_CALLBACK(cwmp_session_accept_certificate_cb), self);

	self->timeout_source = g_timeout_source_new(MIN(self->timeout, G_MAXUINT / 1000) * 1000);
	g_source_set_callback(self->timeout_source, cwmp_session_timeout_cb, self, NULL);
	g_source_set_name(self->timeout_source, "[cwmpd] session timeout");
	g_source_attach(self->timeout_source, context);

	soup_session_send_async(self->soup, self->msg, G_PRIORITY_DEFAULT, self->io_cancellable,
				cwmp_session_send_cb, self);
}

/* trust anchors of a CA directory: every certificate of every PEM file in it
 * (hashed c_rehash links included, duplicates do no harm), written to one
 * private (0600) temporary bundle for GTlsFileDatabase, which only takes a
 * file. glib-networking reads that file again for each new TLS connection,
 * so it stays until the session ends. Building the bundle at the start of
 * each session also picks up CAs added to the directory since */
static GTlsDatabase *
cwmp_session_load_ca_directory(CwmpSession *self, const gchar *directory, GError **error)
{
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GString) bundle = g_string_new(NULL);
	g_autofree gchar *tmp_path = NULL;
	g_autoptr(GError) write_error = NULL;
	GTlsDatabase *database;
	const gchar  *name;
	guint	      count = 0;
	gint	      fd;

	dir = g_dir_open(directory, 0, error);
	if (dir == NULL)
		return NULL;
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *path = g_build_filename(directory, name, NULL);
		g_autoptr(GError) load_error = NULL;
		GList *certs;

		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
			continue;
		certs = g_tls_certificate_list_new_from_file(path, &load_error);
		if (certs == NULL) {
			g_debug("skipping %s: %s", path,
				load_error != NULL ? load_error->message : "no certificate");
			continue;
		}
		for (GList *l = certs; l != NULL; l = l->next) {
			g_autofree gchar *pem = NULL;
			g_object_get(l->data, "certificate-pem", &pem, NULL);
			if (pem == NULL)
				continue;
			g_string_append(bundle, pem);
			g_string_append_c(bundle, '\n');
			count++;
		}
		g_list_free_full(certs, g_object_unref);
	}
	if (count == 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no PEM certificate in %s",
			    directory);
		return NULL;
	}
	fd = g_file_open_tmp("cwmpd-ca-XXXXXX.pem", &tmp_path, error);
	if (fd < 0)
		return NULL;
	g_close(fd, NULL);
	if (!g_file_set_contents_full(tmp_path, bundle->str, (gssize) bundle->len,
				      G_FILE_SET_CONTENTS_NONE, 0600, &write_error)) {
		g_unlink(tmp_path);
		g_propagate_error(error, g_steal_pointer(&write_error));
		return NULL;
	}
	database = g_tls_file_database_new(tmp_path, error);
	if (database == NULL) {
		g_unlink(tmp_path);
		return NULL;
	}
	self->ca_bundle = g_steal_pointer(&tmp_path);
	return database;
}

static gboolean
cwmp_session_setup(CwmpSession *self, GError **error)
{
	g_autoptr(GTlsDatabase) database = NULL;
	g_autoptr(GError) local_error = NULL;
	g_autofree gchar *user_agent = g_strdup_printf("cwmpd/%s", PACKAGE_VERSION);

	if (self->ca_file != NULL) {
		database = g_tls_file_database_new(self->ca_file, &local_error);
		if (database == NULL) {
			g_set_error(error, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_CONFIG,
				    "cannot load the CA file %s: %s", self->ca_file,
				    local_error->message);
			return FALSE;
		}
	} else if (self->ca_directory != NULL) {
		database = cwmp_session_load_ca_directory(self, self->ca_directory, &local_error);
		if (database == NULL) {
			g_set_error(error, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_CONFIG,
				    "cannot load the CA directory %s: %s", self->ca_directory,
				    local_error->message);
			return FALSE;
		}
	}
	if (self->cert_file != NULL) {
		self->client_cert = g_tls_certificate_new_from_files(
		    self->cert_file, self->key_file != NULL ? self->key_file : self->cert_file,
		    &local_error);
		if (self->client_cert == NULL) {
			g_set_error(error, CWMP_SESSION_ERROR, CWMP_SESSION_ERROR_CONFIG,
				    "cannot load the client certificate %s: %s", self->cert_file,
				    local_error->message);
			return FALSE;
		}
	}

	/* one connection for the whole session; libsoup keeps it alive and
	 * sends the answer to an auth challenge on it */
	self->soup = soup_session_new_with_options("user-agent", user_agent, "max-conns-per-host",
						   1, "timeout", 0, NULL);
	if (database != NULL)
		soup_session_set_tls_database(self->soup, database);
	/* a jar per session: the ACS's session cookie comes back, RFC 6265
	 * path and domain rules from libsoup */
	soup_session_add_feature_by_type(self->soup, SOUP_TYPE_COOKIE_JAR);
	return TRUE;
}

/**
 * cwmp_session_run_async:
 * @self: a session that has not run yet
 * @inform: the Inform (%CWMP_RPC_INFORM); MaxEnvelopes is set to 1
 * @cancellable: (nullable): cancels the session (it fails with
 *   %CWMP_SESSION_ERROR_CANCELLED)
 * @callback: called when the session has ended
 * @user_data: data for @callback
 *
 * Runs the session. The first Inform goes out in the highest version the CPE
 * supports with SupportedCWMPVersions; the rest of the session uses the
 * version negotiated from the InformResponse.
 *
 * Since: 1.0
 */
void
cwmp_session_run_async(CwmpSession	  *self,
		       CwmpRpc		  *inform,
		       GCancellable	  *cancellable,
		       GAsyncReadyCallback callback,
		       gpointer		   user_data)
{
	g_autoptr(GError) error = NULL;
	CwmpSoapHeader	  header = {0};
	g_autofree gchar *supported = NULL;

	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(inform != NULL && inform->method == CWMP_RPC_INFORM);
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);

	self->task = g_task_new(self, cancellable, callback, user_data);
	g_task_set_source_tag(self->task, cwmp_session_run_async);
	/* a cancelled session reports CWMP_SESSION_ERROR_CANCELLED like any
	 * other failure */
	g_task_set_check_cancellable(self->task, FALSE);
	self->state = CWMP_SESSION_STATE_RUNNING;
	self->phase = CWMP_SESSION_PHASE_INFORM;
	self->io_cancellable = g_cancellable_new();

	if (self->uri == NULL) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_CONFIG, "invalid ACS URL %s", self->url);
		return;
	}
	if (!cwmp_soap_version_mask_highest(self->version_mask, &self->version)) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_CONFIG, "no supported CWMP version");
		return;
	}
	if (!cwmp_session_setup(self, &error)) {
		cwmp_session_finish(self, g_steal_pointer(&error));
		return;
	}
	if (cancellable != NULL) {
		self->cancellable = g_object_ref(cancellable);
		/* calls back at once if it is already cancelled */
		self->cancelled_id =
		    g_cancellable_connect(cancellable, G_CALLBACK(cwmp_session_cancelled_cb),
					  g_object_ref(self->io_cancellable), g_object_unref);
	}

	inform->inform.max_envelopes = 1;
	supported = cwmp_soap_version_mask_to_string(self->version_mask);
	header.supported_cwmp_versions = supported;
	g_free(self->events);
	self->events = cwmp_session_format_events(inform);
	g_debug("Inform to %s in CWMP %s", self->url, cwmp_soap_version_to_string(self->version));
	if (!cwmp_session_post_rpc(self, inform, &header, &error)) {
		cwmp_session_fail(self, CWMP_SESSION_ERROR_CONFIG,
				  "cannot serialize the Inform: %s", error->message);
		return;
	}
	cwmp_session_log(self, G_LOG_LEVEL_INFO, "Inform sent: events %s",
			 self->events[0] != '\0' ? self->events : "(none)");
}

/**
 * cwmp_session_run_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for the failure (#CWMP_SESSION_ERROR)
 *
 * Returns: %TRUE if the ACS ended the session normally
 *
 * Since: 1.0
 */
gboolean
cwmp_session_run_finish(CwmpSession *self, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, self), FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}

/**
 * cwmp_session_new:
 * @url: the ACS URL (http or https)
 *
 * Returns: (transfer full): a session, not started; an unusable @url makes
 *   the run fail with %CWMP_SESSION_ERROR_CONFIG
 *
 * Since: 1.0
 */
CwmpSession *
cwmp_session_new(const gchar *url)
{
	CwmpSession *self = g_object_new(CWMP_TYPE_SESSION, NULL);

	g_return_val_if_fail(url != NULL, self);
	self->uri = g_uri_parse(url, SOUP_HTTP_URI_FLAGS, NULL);
	if (self->uri != NULL && g_strcmp0(g_uri_get_scheme(self->uri), "http") != 0 &&
	    g_strcmp0(g_uri_get_scheme(self->uri), "https") != 0)
		g_clear_pointer(&self->uri, g_uri_unref);
	self->url = self->uri != NULL ? g_uri_to_string_partial(self->uri, G_URI_HIDE_PASSWORD)
				      : g_strdup(url);
	return self;
}

/**
 * cwmp_session_set_id:
 * @self: a session
 * @id: the caller's number for the session
 *
 * Sets the CWMP_SESSION_ID field of the session's log records.
 *
 * Since: 1.0
 */
void
cwmp_session_set_id(CwmpSession *self, guint64 id)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	self->id = id;
}

guint64
cwmp_session_get_id(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), 0);
	return self->id;
}

/**
 * cwmp_session_format_events:
 * @inform: an Inform
 *
 * Returns: (transfer full): the event codes of @inform separated by commas
 *   (the CWMP_EVENTS field of the log), "" without events
 *
 * Since: 1.0
 */
gchar *
cwmp_session_format_events(const CwmpRpc *inform)
{
	GString *codes;

	g_return_val_if_fail(inform != NULL && inform->method == CWMP_RPC_INFORM, NULL);
	codes = g_string_new(NULL);
	for (guint i = 0; inform->inform.event != NULL && i < inform->inform.event->len; i++) {
		const CwmpRpcEvent *event = g_ptr_array_index(inform->inform.event, i);

		if (codes->len > 0)
			g_string_append_c(codes, ',');
		g_string_append(codes, event->event_code);
	}
	return g_string_free(codes, FALSE);
}

/* username NULL means no credentials: a challenge fails the session */
void
cwmp_session_set_credentials(CwmpSession *self, const gchar *username, const gchar *password)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_free(self->username);
	g_free(self->password);
	self->username = g_strdup(username);
	self->password = g_strdup(password);
}

/* a PEM file of trusted CAs instead of the system's; unset by NULL */
void
cwmp_session_set_ca_file(CwmpSession *self, const gchar *ca_file)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_free(self->ca_file);
	self->ca_file = g_strdup(ca_file);
}

/* a directory of PEM files of trusted CAs; a CA file takes precedence */
void
cwmp_session_set_ca_directory(CwmpSession *self, const gchar *ca_directory)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_free(self->ca_directory);
	self->ca_directory = g_strdup(ca_directory);
}

/* default TRUE; FALSE accepts a certificate whose only fault is its name */
void
cwmp_session_set_verify_hostname(CwmpSession *self, gboolean verify_hostname)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	self->verify_hostname = verify_hostname;
}

/* PEM files of the client certificate and its key (NULL: the key is in
 * @cert_file); unset by a NULL @cert_file */
void
cwmp_session_set_client_certificate(CwmpSession *self,
				    const gchar *cert_file,
				    const gchar *key_file)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_free(self->cert_file);
	g_free(self->key_file);
	self->cert_file = g_strdup(cert_file);
	self->key_file = g_strdup(key_file);
}

/* seconds to wait for each ACS answer (> 0); the ACS's SessionTimeout
 * header replaces it for the rest of the session */
void
cwmp_session_set_timeout(CwmpSession *self, guint seconds)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_return_if_fail(seconds > 0);
	self->timeout = seconds;
}

/* a mask of 1 << CwmpSoapVersion; default CWMP_SOAP_VERSION_MASK_ALL */
void
cwmp_session_set_supported_versions(CwmpSession *self, guint version_mask)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	self->version_mask = version_mask & CWMP_SOAP_VERSION_MASK_ALL;
}

/* without a handler every ACS request is answered with fault 9000 */
void
cwmp_session_set_request_func(CwmpSession	    *self,
			      CwmpSessionRequestFunc func,
			      gpointer		     user_data,
			      GDestroyNotify	     destroy)
{
	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	if (self->request_destroy != NULL)
		self->request_destroy(self->request_data);
	self->request_func = func;
	self->request_data = user_data;
	self->request_destroy = destroy;
}

/**
 * cwmp_session_add_cpe_request:
 * @self: a session that has not run yet
 * @request: a request of an ACS method (TransferComplete, GetRPCMethods, ...)
 * @func: (nullable): called once with the ACS's answer or why there is none
 * @user_data: data for @func
 *
 * Queues a request to send after the InformResponse, in the order added.
 *
 * Since: 1.0
 */
void
cwmp_session_add_cpe_request(CwmpSession	    *self,
			     CwmpRpc		    *request,
			     CwmpSessionResponseFunc func,
			     gpointer		     user_data)
{
	CwmpSessionCpeRequest *item;

	g_return_if_fail(CWMP_IS_SESSION(self));
	g_return_if_fail(self->state == CWMP_SESSION_STATE_IDLE);
	g_return_if_fail(request != NULL && cwmp_rpc_method_is_request(request->method));
	item = g_new0(CwmpSessionCpeRequest, 1);
	item->request = cwmp_rpc_ref(request);
	item->func = func;
	item->user_data = user_data;
	g_queue_push_tail(&self->cpe_requests, item);
}

CwmpSessionState
cwmp_session_get_state(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), CWMP_SESSION_STATE_IDLE);
	return self->state;
}

/* why the session failed, NULL unless it has failed */
const GError *
cwmp_session_get_error(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), NULL);
	return self->error;
}

/* the negotiated version once the InformResponse came, before that the one
 * the Inform is sent in */
CwmpSoapVersion
cwmp_session_get_version(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), CWMP_SOAP_VERSION_1_0);
	return self->version;
}

/* ACS requests answered (by the handler or with a fault) */
guint
cwmp_session_get_requests_handled(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), 0);
	return self->requests_handled;
}

/* MaxEnvelopes of the InformResponse, 0 before it */
guint
cwmp_session_get_max_envelopes(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), 0);
	return self->max_envelopes;
}

/* the last HoldRequests value the ACS sent */
gboolean
cwmp_session_get_hold_requests(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), FALSE);
	return self->hold_requests;
}

/* the timeout in force: configured, or the ACS's SessionTimeout */
guint
cwmp_session_get_timeout(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), 0);
	return self->timeout;
}

/* the URL in use: after redirects, the last one */
const gchar *
cwmp_session_get_url(CwmpSession *self)
{
	g_return_val_if_fail(CWMP_IS_SESSION(self), NULL);
	return self->url;
}

static void
cwmp_session_dispose(GObject *object)
{
	CwmpSession *self = CWMP_SESSION(object);

	cwmp_session_clear_io(self);
	g_clear_object(&self->soup);
	g_clear_object(&self->client_cert);
	g_clear_object(&self->io_cancellable);
	cwmp_session_remove_ca_bundle(self);
	if (self->request_destroy != NULL)
		self->request_destroy(self->request_data);
	self->request_destroy = NULL;
	self->request_func = NULL;
	G_OBJECT_CLASS(cwmp_session_parent_class)->dispose(object);
}

static void
cwmp_session_finalize(GObject *object)
{
	CwmpSession *self = CWMP_SESSION(object);

	/* requests queued on a session that never ran are dropped silently */
	g_queue_clear_full(&self->cpe_requests, (GDestroyNotify) cwmp_session_cpe_request_free);
	g_clear_pointer(&self->uri, g_uri_unref);
	g_free(self->url);
	g_free(self->username);
	g_free(self->password);
	g_free(self->ca_file);
	g_free(self->ca_directory);
	g_free(self->cert_file);
	g_free(self->key_file);
	g_free(self->events);
	g_clear_pointer(&self->body, g_bytes_unref);
	g_clear_error(&self->error);
	G_OBJECT_CLASS(cwmp_session_parent_class)->finalize(object);
}

static void
cwmp_session_class_init(CwmpSessionClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = cwmp_session_dispose;
	object_class->finalize = cwmp_session_finalize;
}

static void
cwmp_session_init(CwmpSession *self)
{
	self->verify_hostname = TRUE;
	self->timeout = CWMP_SESSION_DEFAULT_TIMEOUT;
	self->version_mask = CWMP_SOAP_VERSION_MASK_ALL;
	self->version = CWMP_SOAP_VERSION_1_4;
	g_queue_init(&self->cpe_requests);
}
