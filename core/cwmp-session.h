/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>
#include <glib-object.h>

#include "cwmp-rpc.h"
#include "cwmp-soap-message.h"
#include "cwmp-soap-version.h"

G_BEGIN_DECLS

/*
 * CwmpSession runs one CWMP session with the ACS on the GLib main loop,
 * asynchronously, over libsoup 3 (one SoupSession, one keep-alive connection):
 *
 *   Inform -> InformResponse -> queued CPE requests (unless HoldRequests)
 *   -> empty POST -> { ACS request -> handler -> response POST }* -> the ACS
 *   answers with an empty body (200 or 204): the session has succeeded
 *
 * Configure it with the setters, then call cwmp_session_run_async() once; an
 * object runs one session. After the run the getters report what the ACS
 * said (negotiated version, requests handled, MaxEnvelopes, final URL, the
 * failure). Every failure ends the session with a #CWMP_SESSION_ERROR; none
 * of them exits or stops the main loop.
 */

#define CWMP_TYPE_SESSION (cwmp_session_get_type())
G_DECLARE_FINAL_TYPE(CwmpSession, cwmp_session, CWMP, SESSION, GObject)

/**
 * CWMP_SESSION_ERROR:
 *
 * Error domain of a failed session; the codes are the failure reasons.
 *
 * Since: 1.0
 */
#define CWMP_SESSION_ERROR (cwmp_session_error_quark())

/**
 * CwmpSessionError:
 * @CWMP_SESSION_ERROR_CONFIG: the configuration is unusable (bad URL, CA or
 *   client certificate that cannot be loaded)
 * @CWMP_SESSION_ERROR_RETRY_REQUEST: the ACS answered the Inform with fault
 *   8005 (retry request)
 * @CWMP_SESSION_ERROR_ACS_FAULT: the ACS answered the Inform with another fault
 * @CWMP_SESSION_ERROR_PROTOCOL: the ACS sent a message that does not fit the
 *   session (no InformResponse, a response where a request belongs, ...)
 * @CWMP_SESSION_ERROR_VERSION: no common CWMP version
 * @CWMP_SESSION_ERROR_AUTH: HTTP 401 after the credentials were tried (or
 *   none were configured)
 * @CWMP_SESSION_ERROR_FORBIDDEN: HTTP 403
 * @CWMP_SESSION_ERROR_HTTP: any other HTTP status that is not 200, 204 or a
 *   redirect (5xx, 404, ...)
 * @CWMP_SESSION_ERROR_NETWORK: the connection was refused, could not be
 *   made, or broke
 * @CWMP_SESSION_ERROR_TLS: TLS failed (unknown CA, hostname mismatch, client
 *   certificate refused or missing)
 * @CWMP_SESSION_ERROR_INVALID_BODY: the body (or the HTTP response) cannot be
 *   parsed, or is too large
 * @CWMP_SESSION_ERROR_REDIRECT: more than %CWMP_SESSION_MAX_REDIRECTS
 *   redirects in a row, or a redirect without a usable Location
 * @CWMP_SESSION_ERROR_TIMEOUT: the ACS did not answer within the session timeout
 * @CWMP_SESSION_ERROR_CANCELLED: the caller cancelled the session
 * @CWMP_SESSION_ERROR_NOT_SENT: (only for a queued CPE request) the request was
 *   not sent: held by the ACS (HoldRequests), not in the negotiated version,
 *   or the session ended first
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_SESSION_ERROR_CONFIG,
	CWMP_SESSION_ERROR_RETRY_REQUEST,
	CWMP_SESSION_ERROR_ACS_FAULT,
	CWMP_SESSION_ERROR_PROTOCOL,
	CWMP_SESSION_ERROR_VERSION,
	CWMP_SESSION_ERROR_AUTH,
	CWMP_SESSION_ERROR_FORBIDDEN,
	CWMP_SESSION_ERROR_HTTP,
	CWMP_SESSION_ERROR_NETWORK,
	CWMP_SESSION_ERROR_TLS,
	CWMP_SESSION_ERROR_INVALID_BODY,
	CWMP_SESSION_ERROR_REDIRECT,
	CWMP_SESSION_ERROR_TIMEOUT,
	CWMP_SESSION_ERROR_CANCELLED,
	CWMP_SESSION_ERROR_NOT_SENT,
} CwmpSessionError;

/* redirects followed in a row before the session fails */
#define CWMP_SESSION_MAX_REDIRECTS 5

/* seconds to wait for each ACS answer unless configured or set by the
 * ACS's SessionTimeout header */
#define CWMP_SESSION_DEFAULT_TIMEOUT 30

/* largest HTTP body accepted from the ACS */
#define CWMP_SESSION_MAX_BODY CWMP_SOAP_DEFAULT_MAX_SIZE

/**
 * CwmpSessionState:
 * @CWMP_SESSION_STATE_IDLE: not started
 * @CWMP_SESSION_STATE_RUNNING: between cwmp_session_run_async() and its callback
 * @CWMP_SESSION_STATE_SUCCEEDED: the ACS ended the session normally
 * @CWMP_SESSION_STATE_FAILED: the session failed, see cwmp_session_get_error()
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_SESSION_STATE_IDLE,
	CWMP_SESSION_STATE_RUNNING,
	CWMP_SESSION_STATE_SUCCEEDED,
	CWMP_SESSION_STATE_FAILED,
} CwmpSessionState;

/**
 * CwmpSessionRequestFunc:
 * @session: the session
 * @request: a parsed ACS request; its version is the session's negotiated one
 * @user_data: data given with the function
 *
 * Answers one ACS request.
 *
 * Returns: (transfer full): the complete serialized SOAP envelope of the
 *   response (or of a Fault) in @request's version, echoing its cwmp:ID;
 *   never %NULL (a handler that cannot build a response returns a 9002 Fault)
 *
 * Since: 1.0
 */
typedef GBytes *(*CwmpSessionRequestFunc)(CwmpSession	  *session,
					  CwmpSoapMessage *request,
					  gpointer	   user_data);

/**
 * CwmpSessionResponseFunc:
 * @session: the session
 * @request: the queued CPE request
 * @response: (nullable): the ACS's answer (the matching response or a
 *   Fault), %NULL if the request was not answered
 * @error: (nullable): why there is no answer: a #CWMP_SESSION_ERROR_NOT_SENT
 *   if it was never sent, else the session's failure
 * @user_data: data given with the request
 *
 * Called exactly once for each queued CPE request, at the latest when the
 * session ends. A Fault from the ACS (for example 8005 to a TransferComplete)
 * comes as @response; the session goes on, and it is the caller's decision
 * to queue the request again for the next session.
 *
 * Since: 1.0
 */
typedef void (*CwmpSessionResponseFunc)(CwmpSession	*session,
					CwmpRpc		*request,
					CwmpSoapMessage *response,
					const GError	*error,
					gpointer	 user_data);

GQuark
cwmp_session_error_quark(void);

CwmpSession *
cwmp_session_new(const gchar *url);

/* configuration: only before cwmp_session_run_async() */
void
cwmp_session_set_id(CwmpSession *self, guint64 id);
void
cwmp_session_set_credentials(CwmpSession *self, const gchar *username, const gchar *password);
void
cwmp_session_set_ca_file(CwmpSession *self, const gchar *ca_file);
void
cwmp_session_set_ca_directory(CwmpSession *self, const gchar *ca_directory);
void
cwmp_session_set_verify_hostname(CwmpSession *self, gboolean verify_hostname);
void
cwmp_session_set_client_certificate(CwmpSession *self,
				    const gchar *cert_file,
				    const gchar *key_file);
void
cwmp_session_set_timeout(CwmpSession *self, guint seconds);
void
cwmp_session_set_supported_versions(CwmpSession *self, guint version_mask);
void
cwmp_session_set_request_func(CwmpSession	    *self,
			      CwmpSessionRequestFunc func,
			      gpointer		     user_data,
			      GDestroyNotify	     destroy);
void
cwmp_session_add_cpe_request(CwmpSession	    *self,
			     CwmpRpc		    *request,
			     CwmpSessionResponseFunc func,
			     gpointer		     user_data);

void
cwmp_session_run_async(CwmpSession	  *self,
		       CwmpRpc		  *inform,
		       GCancellable	  *cancellable,
		       GAsyncReadyCallback callback,
		       gpointer		   user_data);
gboolean
cwmp_session_run_finish(CwmpSession *self, GAsyncResult *result, GError **error);

/* results */
CwmpSessionState
cwmp_session_get_state(CwmpSession *self);
const GError *
cwmp_session_get_error(CwmpSession *self);
CwmpSoapVersion
cwmp_session_get_version(CwmpSession *self);
guint
cwmp_session_get_requests_handled(CwmpSession *self);
guint
cwmp_session_get_max_envelopes(CwmpSession *self);
gboolean
cwmp_session_get_hold_requests(CwmpSession *self);
guint
cwmp_session_get_timeout(CwmpSession *self);
const gchar *
cwmp_session_get_url(CwmpSession *self);
guint64
cwmp_session_get_id(CwmpSession *self);

/* the event codes of an Inform, comma-separated, for the log */
gchar *
cwmp_session_format_events(const CwmpRpc *inform);

G_END_DECLS
