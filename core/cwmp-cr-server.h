/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * CwmpCrServer is the TR-069 connection-request listener (SoupServer, HTTP).
 *
 * Only GET on one random path (/cwmp-cr/<32 hex digits>, fresh for each
 * server) is served, and only with HTTP Digest authentication (RFC 7616, MD5,
 * qop=auth) against the ConnectionRequestUsername/Password given with
 * cwmp_cr_server_set_credentials(); Basic is offered too only after
 * cwmp_cr_server_set_allow_basic(TRUE). The server issues its own random
 * nonces, expires them and refuses a replayed nonce count, which libsoup's
 * SoupAuthDomainDigest does not do, so the Digest check is done here.
 *
 * Answers: any other path gets 404 whether or not credentials are given; the
 * right path without valid credentials gets 401 and a challenge (stale=true
 * for an expired or unknown nonce); another method with valid credentials gets
 * 405; an accepted request beyond the rate limit gets 503 with Retry-After;
 * otherwise 200 and the "connection-request" signal. While a session is active
 * (cwmp_cr_server_set_session_active) accepted requests are answered 200 and
 * remembered as one pending request, signalled once the session has ended.
 */

#define CWMP_TYPE_CR_SERVER (cwmp_cr_server_get_type())
G_DECLARE_FINAL_TYPE(CwmpCrServer, cwmp_cr_server, CWMP, CR_SERVER, GObject)

/* the Digest and Basic realm */
#define CWMP_CR_SERVER_REALM "cwmpd"

/* default rate limit: bursts of 3, then one request per 5 s */
#define CWMP_CR_SERVER_DEFAULT_BURST	3
#define CWMP_CR_SERVER_DEFAULT_INTERVAL 5

CwmpCrServer *
cwmp_cr_server_new(void);

/* takes effect with the next request; NULL or "" username refuses everything */
void
cwmp_cr_server_set_credentials(CwmpCrServer *self, const gchar *username, const gchar *password);
void
cwmp_cr_server_set_allow_basic(CwmpCrServer *self, gboolean allow_basic);
gboolean
cwmp_cr_server_get_allow_basic(CwmpCrServer *self);

/* at most @burst accepted requests at once, refilled at one per @interval
 * seconds (both > 0); also refills the bucket */
void
cwmp_cr_server_set_rate_limit(CwmpCrServer *self, guint burst, guint interval);

/* @address: NULL or "" listens on every IPv4 and IPv6 address, else one
 * literal IPv4 or IPv6 address; @port 0 takes any free port */
gboolean
cwmp_cr_server_start(CwmpCrServer *self, const gchar *address, guint port, GError **error);
void
cwmp_cr_server_stop(CwmpCrServer *self);

/* the port listened on, 0 when stopped */
guint
cwmp_cr_server_get_port(CwmpCrServer *self);
const gchar *
cwmp_cr_server_get_path(CwmpCrServer *self);

/*
 * The ConnectionRequestURL, "http://HOST:PORT/cwmp-cr/...". HOST is
 * @advertised_host when not NULL (configured or test override), else the
 * address listened on when it is a specific one, else the local address of
 * the interface holding the default route (found by connecting a UDP socket,
 * which sends nothing), else the loopback address. NULL when stopped.
 */
gchar *
cwmp_cr_server_get_url(CwmpCrServer *self, const gchar *advertised_host);

void
cwmp_cr_server_set_session_active(CwmpCrServer *self, gboolean active);
gboolean
cwmp_cr_server_get_session_active(CwmpCrServer *self);

/*
 * The decision for one request, without the network (used by the SoupServer
 * handler and by the fuzz target): returns the HTTP status and adds
 * WWW-Authenticate, Retry-After or Allow to @response_headers. @path is the
 * decoded request path, @request_uri the path and query as sent (what a
 * Digest "uri" parameter must equal), @authorization the Authorization header
 * or NULL.
 */
guint
cwmp_cr_server_handle_request(CwmpCrServer	 *self,
			      const gchar	 *method,
			      const gchar	 *path,
			      const gchar	 *request_uri,
			      const gchar	 *authorization,
			      SoupMessageHeaders *response_headers);

/*
 * Splits an Authorization header into its scheme ("Digest" or "Basic", as
 * returned in @scheme) and parameters. Digest parameters are checked for
 * presence, duplicates, length and syntax (nc 8 hex digits, response 32 hex
 * digits, qop "auth", algorithm MD5); Basic gives "username" and "password".
 * Fails with CWMP_ERROR_INVALID_DATA.
 */
GHashTable *
cwmp_cr_server_parse_authorization(const gchar *header, gchar **scheme, GError **error);

G_END_DECLS
