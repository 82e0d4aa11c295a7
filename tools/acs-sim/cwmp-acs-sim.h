/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>
#include <libsoup/soup.h>

#include "cwmp-rpc.h"
#include "cwmp-soap-message.h"

G_BEGIN_DECLS

/*
 * CwmpAcsSim is a small TR-069 ACS for tests and demos: a SoupServer on one
 * address (HTTP or HTTPS, optionally requiring a client certificate and HTTP
 * Basic or Digest authentication) that accepts Informs, answers them, runs a
 * list of steps (RPCs to send, connection requests, waits for the next
 * session, exit), answers the CPE's own requests and records every exchange.
 * It can misbehave on purpose during its first sessions so that a CPE's retry
 * logic can be tested.
 *
 * Sessions are numbered from 1: each Inform that arrives at the base path
 * (or at any path when no redirect chain is configured) starts one. One CPE
 * at a time is expected.
 */

#define CWMP_TYPE_ACS_SIM (cwmp_acs_sim_get_type())
G_DECLARE_FINAL_TYPE(CwmpAcsSim, cwmp_acs_sim, CWMP, ACS_SIM, GObject)

/* the path the ACS URL points at, and the realm of its HTTP authentication */
#define CWMP_ACS_SIM_PATH  "/acs"
#define CWMP_ACS_SIM_REALM "cwmp-acs-sim"

/* the cookie of the cookie-requiring mode */
#define CWMP_ACS_SIM_COOKIE_NAME "cwmpacssim"

typedef enum {
	CWMP_ACS_SIM_AUTH_NONE = 0,
	CWMP_ACS_SIM_AUTH_BASIC,
	CWMP_ACS_SIM_AUTH_DIGEST,
} CwmpAcsSimAuth;

/*
 * what the ACS does wrong in a misbehaving session:
 * - HTTP_500, HTTP_503: answers the Inform with that status (503 with
 *   Retry-After: 1) and an empty body
 * - DROP: closes the connection without answering the Inform
 * - GARBAGE: answers the Inform 200 text/xml with a body that is not XML
 * - FAULT_8005: answers the Inform with a SOAP Fault 8005 (HTTP 500)
 * - SLOW: every answer of the session is delayed by the configured delay
 * - REDIRECT: an Inform at the base path is redirected (307 by default)
 *   through a chain of hops, /acs/hop/1 ... /acs/hop/N, and served at the last
 * - COOKIE: the InformResponse sets a cookie; later POSTs of the session
 *   without it get 403
 */
typedef enum {
	CWMP_ACS_SIM_MISBEHAVE_NONE = 0,
	CWMP_ACS_SIM_MISBEHAVE_HTTP_500,
	CWMP_ACS_SIM_MISBEHAVE_HTTP_503,
	CWMP_ACS_SIM_MISBEHAVE_DROP,
	CWMP_ACS_SIM_MISBEHAVE_GARBAGE,
	CWMP_ACS_SIM_MISBEHAVE_FAULT_8005,
	CWMP_ACS_SIM_MISBEHAVE_SLOW,
	CWMP_ACS_SIM_MISBEHAVE_REDIRECT,
	CWMP_ACS_SIM_MISBEHAVE_COOKIE,
	CWMP_ACS_SIM_MISBEHAVE_LAST,
} CwmpAcsSimMisbehave;

const gchar *
cwmp_acs_sim_misbehave_to_string(CwmpAcsSimMisbehave mode);
/* "500", "503", "drop", "garbage", "8005", "slow", "redirect", "cookie", "none" */
gboolean
cwmp_acs_sim_misbehave_from_string(const gchar *str, CwmpAcsSimMisbehave *mode);

/* one step of the list the ACS works through */
typedef enum {
	CWMP_ACS_SIM_STEP_RPC = 0,	      /* send @rpc in the current session */
	CWMP_ACS_SIM_STEP_CONNECTION_REQUEST, /* end the session, then send a CR */
	CWMP_ACS_SIM_STEP_WAIT_INFORM,	      /* end the session, wait for the next one */
	CWMP_ACS_SIM_STEP_EXIT,		      /* end the session, then emit "finished" */
} CwmpAcsSimStepKind;

/*
 * @line: the script line it came from, 0 when queued through the API
 * @event: WAIT_INFORM only: the event code the next session must carry, or
 *   NULL for any session
 * A "{last}" in the object or parameter names of @rpc is replaced, when the
 * RPC is sent, by the instance number the last AddObjectResponse returned
 */
typedef struct {
	CwmpAcsSimStepKind kind;
	CwmpRpc		  *rpc;
	gchar		  *event;
	guint		   line;
} CwmpAcsSimStep;

void
cwmp_acs_sim_step_free(CwmpAcsSimStep *step);

/*
 * the script format, one step per line ('#' comments and blank lines
 * ignored; see tools/acs-sim/README.md); returns the steps in order or fails
 * with CWMP_ERROR_INVALID_DATA and "FILENAME:LINE: message"
 */
GPtrArray *
cwmp_acs_sim_parse_script(const gchar *text, const gchar *filename, GError **error);

typedef enum {
	CWMP_ACS_SIM_RECORD_INFORM = 0,		/* an Inform and its answer */
	CWMP_ACS_SIM_RECORD_EXCHANGE,		/* any other CPE POST and its answer */
	CWMP_ACS_SIM_RECORD_CONNECTION_REQUEST, /* a CR the ACS sent */
} CwmpAcsSimRecordKind;

/*
 * One HTTP exchange. @request is what the CPE posted (NULL for an empty body
 * or a body that did not parse, see @error), @response what the ACS answered
 * (NULL for an empty or non-SOAP answer). For a CR, @path is the URL, @status
 * the CPE's answer (0 when the request failed, see @error). Times are
 * g_get_real_time() values; the raw bodies are kept only with
 * cwmp_acs_sim_set_record_xml().
 */
typedef struct {
	CwmpAcsSimRecordKind kind;
	guint		     session;
	gint64		     request_time;
	gint64		     response_time;
	gchar		    *method;
	gchar		    *path;
	guint		     status;
	CwmpSoapVersion	     version;
	CwmpRpc		    *request;
	CwmpRpc		    *response;
	CwmpAcsSimMisbehave  misbehave;
	gchar		    *error;
	gchar		    *request_xml;
	gchar		    *response_xml;
} CwmpAcsSimRecord;

/*
 * One session, created by its Inform. @version is the one the ACS answers
 * in: the highest version both support when the Inform carried
 * SupportedCWMPVersions, else the version of the Inform's namespace.
 * @completed is TRUE once the ACS ended it with an empty answer.
 */
typedef struct {
	guint		    number;
	CwmpRpc		   *inform;
	CwmpSoapVersion	    inform_version;
	gchar		   *supported_versions;
	CwmpSoapVersion	    version;
	CwmpAcsSimMisbehave misbehave;
	gboolean	    completed;
} CwmpAcsSimSession;

/* an RPC the ACS sent and the CPE's answer (NULL while none came) */
typedef struct {
	guint	 session;
	CwmpRpc *request;
	CwmpRpc *response;
} CwmpAcsSimRpcResult;

CwmpAcsSim *
cwmp_acs_sim_new(void);

/* configuration: before cwmp_acs_sim_start() */
gboolean
cwmp_acs_sim_set_tls(CwmpAcsSim	 *self,
		     const gchar *cert_file,
		     const gchar *key_file,
		     const gchar *client_ca_file,
		     GError	**error);
void
cwmp_acs_sim_set_auth(CwmpAcsSim    *self,
		      CwmpAcsSimAuth auth,
		      const gchar   *username,
		      const gchar   *password);

/* settable at any time */
void
cwmp_acs_sim_set_cr_credentials(CwmpAcsSim *self, const gchar *username, const gchar *password);
/* @n_sessions: the first N sessions misbehave, 0 means every session */
void
cwmp_acs_sim_set_misbehave(CwmpAcsSim *self, CwmpAcsSimMisbehave mode, guint n_sessions);
void
cwmp_acs_sim_set_delay(CwmpAcsSim *self, guint delay_ms);
/* @status: 301, 302, 303 or 307 */
void
cwmp_acs_sim_set_redirect(CwmpAcsSim *self, guint hops, guint status);
/* the status of the empty answer that ends a session: 200 or 204 */
void
cwmp_acs_sim_set_end_status(CwmpAcsSim *self, guint status);
/* NULL leaves cwmp:UseCWMPVersion out of the InformResponse */
void
cwmp_acs_sim_set_use_cwmp_version(CwmpAcsSim *self, const gchar *version);
/* the highest version the ACS speaks, 1.4 by default */
void
cwmp_acs_sim_set_max_version(CwmpAcsSim *self, CwmpSoapVersion version);
void
cwmp_acs_sim_set_hold_requests(CwmpAcsSim *self, gboolean hold_requests);
void
cwmp_acs_sim_set_record_xml(CwmpAcsSim *self, gboolean record_xml);

/* the steps list; queue functions take ownership */
void
cwmp_acs_sim_queue_step(CwmpAcsSim *self, CwmpAcsSimStep *step);
void
cwmp_acs_sim_queue_rpc(CwmpAcsSim *self, CwmpRpc *rpc);
void
cwmp_acs_sim_queue_connection_request(CwmpAcsSim *self);
void
cwmp_acs_sim_queue_wait_inform(CwmpAcsSim *self, const gchar *event);
void
cwmp_acs_sim_queue_exit(CwmpAcsSim *self);
gboolean
cwmp_acs_sim_load_script(CwmpAcsSim *self, const gchar *filename, GError **error);
guint
cwmp_acs_sim_get_n_pending_steps(CwmpAcsSim *self);

/* @address: a literal address, NULL for 127.0.0.1; @port 0 takes any free port */
gboolean
cwmp_acs_sim_start(CwmpAcsSim *self, const gchar *address, guint port, GError **error);
void
cwmp_acs_sim_stop(CwmpAcsSim *self);
guint
cwmp_acs_sim_get_port(CwmpAcsSim *self);
/* "http(s)://ADDRESS:PORT/acs", NULL when stopped */
gchar *
cwmp_acs_sim_get_url(CwmpAcsSim *self);

/* sends a CR now to the ConnectionRequestURL of the last Inform (or @url) */
void
cwmp_acs_sim_send_connection_request(CwmpAcsSim *self, const gchar *url);

/* results; the arrays belong to the simulator */
GPtrArray *
cwmp_acs_sim_get_records(CwmpAcsSim *self);
GPtrArray *
cwmp_acs_sim_get_sessions(CwmpAcsSim *self);
GPtrArray *
cwmp_acs_sim_get_rpc_results(CwmpAcsSim *self);
guint
cwmp_acs_sim_get_n_completed_sessions(CwmpAcsSim *self);
/* the transcript lines so far, in order (also emitted as "transcript") */
GPtrArray *
cwmp_acs_sim_get_transcript(CwmpAcsSim *self);

/* one record as a JSON object on one line, for --json-log */
gchar *
cwmp_acs_sim_record_to_json(const CwmpAcsSimRecord *record);

/*
 * Signals:
 * - "transcript" (const gchar *line): each readable line ("[acs] ...")
 * - "session-started" (guint number): an Inform was accepted
 * - "session-finished" (guint number, gboolean completed): the session
 *   ended with the ACS's empty answer (TRUE), or a misbehaving answer
 *   ended it (FALSE)
 * - "record-added" (gpointer record): a record was completed
 * - "connection-request-done" (guint status): a CR got its answer (0: failed)
 * - "finished": the Exit step was reached and its session ended
 */

G_END_DECLS
