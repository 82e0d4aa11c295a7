/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cwmp-cr-server.h"
#include "cwmp-error.h"

#define USERNAME "acs-user"
#define PASSWORD "s3cret:pass"

/* generous cap for any one exchange over loopback */
#define REQUEST_TIMEOUT 30

typedef struct {
	CwmpCrServer *server;
	gchar	     *base; /* http://127.0.0.1:PORT */
	guint	      signals;
} Fixture;

typedef struct {
	SoupMessage *msg;
	const gchar *username; /* what the client answers a challenge with */
	const gchar *password;
	guint	     challenges;
	gboolean     done;
	GError	    *error;
} Request;

static void
cwmp_cr_server_test_signal_cb(CwmpCrServer *server, gpointer user_data)
{
	Fixture *fixture = user_data;
	fixture->signals++;
}

static void
cwmp_cr_server_test_setup_at(Fixture *fixture, const gchar *address)
{
	g_autoptr(GError) error = NULL;
	gboolean ok;

	fixture->server = cwmp_cr_server_new();
	cwmp_cr_server_set_credentials(fixture->server, USERNAME, PASSWORD);
	g_signal_connect(fixture->server, "connection-request",
			 G_CALLBACK(cwmp_cr_server_test_signal_cb), fixture);
	ok = cwmp_cr_server_start(fixture->server, address, 0, &error);
	g_assert_no_error(error);
	g_assert_true(ok);
	if (strchr(address, ':') != NULL)
		fixture->base = g_strdup_printf("http://[%s]:%u", address,
						cwmp_cr_server_get_port(fixture->server));
	else
		fixture->base = g_strdup_printf("http://%s:%u", address,
						cwmp_cr_server_get_port(fixture->server));
}

static void
cwmp_cr_server_test_setup(Fixture *fixture, gconstpointer user_data)
{
	cwmp_cr_server_test_setup_at(fixture, "127.0.0.1");
}

static gboolean
cwmp_cr_server_test_drain_cb(gpointer user_data)
{
	gboolean *done = user_data;
	*done = TRUE;
	return G_SOURCE_REMOVE;
}

/* lets closed connections finish on both sides before the next test, so
 * nothing is left half-closed for the leak checkers */
static void
cwmp_cr_server_test_drain(void)
{
	gboolean done = FALSE;

	g_timeout_add(200, cwmp_cr_server_test_drain_cb, &done);
	while (!done)
		g_main_context_iteration(NULL, TRUE);
}

static void
cwmp_cr_server_test_teardown(Fixture *fixture, gconstpointer user_data)
{
	g_clear_object(&fixture->server);
	g_clear_pointer(&fixture->base, g_free);
	cwmp_cr_server_test_drain();
}

static gboolean
cwmp_cr_server_test_authenticate_cb(SoupMessage *msg,
				    SoupAuth	*auth,
				    gboolean	 retrying,
				    gpointer	 user_data)
{
	Request *request = user_data;

	request->challenges++;
	/* a second challenge means the credentials were refused: give up */
	if (!retrying && request->username != NULL)
		soup_auth_authenticate(auth, request->username, request->password);
	return FALSE;
}

static void
cwmp_cr_server_test_send_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Request *request = user_data;
	g_autoptr(GBytes) body = NULL;

	body = soup_session_send_and_read_finish(SOUP_SESSION(source), result, &request->error);
	request->done = TRUE;
}

static gboolean
cwmp_cr_server_test_timeout_cb(gpointer user_data)
{
	g_error("a request took more than %d s", REQUEST_TIMEOUT);
	return G_SOURCE_REMOVE;
}

static Request *
cwmp_cr_server_test_request_new(const gchar *method,
				const gchar *url,
				const gchar *username,
				const gchar *password)
{
	Request *request = g_new0(Request, 1);

	request->msg = soup_message_new(method, url);
	g_assert_nonnull(request->msg);
	request->username = username;
	request->password = password;
	g_signal_connect(request->msg, "authenticate",
			 G_CALLBACK(cwmp_cr_server_test_authenticate_cb), request);
	return request;
}

static void
cwmp_cr_server_test_request_free(Request *request)
{
	g_clear_object(&request->msg);
	g_clear_error(&request->error);
	g_free(request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Request, cwmp_cr_server_test_request_free)

static void
cwmp_cr_server_test_wait(Request **requests, guint n_requests)
{
	guint timeout_id =
	    g_timeout_add_seconds(REQUEST_TIMEOUT, cwmp_cr_server_test_timeout_cb, NULL);

	for (guint i = 0; i < n_requests; i++) {
		while (!requests[i]->done)
			g_main_context_iteration(NULL, TRUE);
		g_assert_no_error(requests[i]->error);
	}
	g_source_remove(timeout_id);
}

/* one request on a fresh session (nothing cached); @authorization, when set,
 * is sent as is and the session's own authentication is turned off */
static Request *
cwmp_cr_server_test_send(const gchar *method,
			 const gchar *url,
			 const gchar *username,
			 const gchar *password,
			 const gchar *authorization)
{
	g_autoptr(SoupSession) session =
	    soup_session_new_with_options("timeout", REQUEST_TIMEOUT, NULL);
	Request *request = cwmp_cr_server_test_request_new(method, url, username, password);

	if (authorization != NULL) {
		soup_session_remove_feature_by_type(session, SOUP_TYPE_AUTH_MANAGER);
		soup_message_headers_replace(soup_message_get_request_headers(request->msg),
					     "Authorization", authorization);
	}
	soup_session_send_and_read_async(session, request->msg, G_PRIORITY_DEFAULT, NULL,
					 cwmp_cr_server_test_send_cb, request);
	cwmp_cr_server_test_wait(&request, 1);
	return request;
}

static gchar *
cwmp_cr_server_test_url(Fixture *fixture, const gchar *path)
{
	return g_strconcat(fixture->base,
			   path != NULL ? path : cwmp_cr_server_get_path(fixture->server), NULL);
}

static guint
cwmp_cr_server_test_get(Fixture *fixture, const gchar *username, const gchar *password)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autoptr(Request) request = cwmp_cr_server_test_send("GET", url, username, password, NULL);
	return soup_message_get_status(request->msg);
}

static void
cwmp_cr_server_test_digest_ok(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autoptr(Request) request = cwmp_cr_server_test_send("GET", url, USERNAME, PASSWORD, NULL);

	g_assert_cmpuint(soup_message_get_status(request->msg), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(request->challenges, ==, 1);
	g_assert_cmpuint(fixture->signals, ==, 1);
}

static void
cwmp_cr_server_test_refused(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autoptr(Request) request = NULL;
	const gchar *challenge;

	/* no credentials: a Digest challenge, and no Basic offer */
	request = cwmp_cr_server_test_send("GET", url, NULL, NULL, NULL);
	g_assert_cmpuint(soup_message_get_status(request->msg), ==, SOUP_STATUS_UNAUTHORIZED);
	challenge = soup_message_headers_get_list(soup_message_get_response_headers(request->msg),
						  "WWW-Authenticate");
	g_assert_nonnull(challenge);
	g_assert_true(g_str_has_prefix(challenge, "Digest "));
	g_assert_nonnull(strstr(challenge, "qop=\"auth\""));
	g_assert_null(strstr(challenge, "Basic"));

	/* wrong password, wrong user */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, "wrong"), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, "other", PASSWORD), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, ""), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture->signals, ==, 0);
}

static void
cwmp_cr_server_test_no_credentials_configured(Fixture *fixture, gconstpointer user_data)
{
	cwmp_cr_server_set_credentials(fixture->server, NULL, NULL);
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*no ConnectionRequestUsername*");
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, "", ""), ==, SOUP_STATUS_UNAUTHORIZED);
	g_test_assert_expected_messages();
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture->signals, ==, 0);
}

static void
cwmp_cr_server_test_basic(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autofree gchar *good = NULL;
	g_autofree gchar *bad = NULL;
	g_autofree gchar *good_header = NULL;
	g_autofree gchar *bad_header = NULL;

	good =
	    g_base64_encode((const guchar *) USERNAME ":" PASSWORD, strlen(USERNAME ":" PASSWORD));
	bad = g_base64_encode((const guchar *) USERNAME ":nope", strlen(USERNAME ":nope"));
	good_header = g_strdup_printf("Basic %s", good);
	bad_header = g_strdup_printf("Basic %s", bad);

	/* refused unless allowed, even with the right password */
	{
		g_autoptr(Request) request =
		    cwmp_cr_server_test_send("GET", url, NULL, NULL, good_header);
		g_assert_cmpuint(soup_message_get_status(request->msg), ==,
				 SOUP_STATUS_UNAUTHORIZED);
	}
	g_assert_cmpuint(fixture->signals, ==, 0);

	cwmp_cr_server_set_allow_basic(fixture->server, TRUE);
	{
		g_autoptr(Request) request =
		    cwmp_cr_server_test_send("GET", url, NULL, NULL, bad_header);
		const gchar *challenge;

		g_assert_cmpuint(soup_message_get_status(request->msg), ==,
				 SOUP_STATUS_UNAUTHORIZED);
		challenge = soup_message_headers_get_list(
		    soup_message_get_response_headers(request->msg), "WWW-Authenticate");
		g_assert_nonnull(strstr(challenge, "Basic realm=\"cwmpd\""));
		g_assert_nonnull(strstr(challenge, "Digest "));
	}
	{
		g_autoptr(Request) request =
		    cwmp_cr_server_test_send("GET", url, NULL, NULL, good_header);
		g_assert_cmpuint(soup_message_get_status(request->msg), ==, SOUP_STATUS_OK);
	}
	g_assert_cmpuint(fixture->signals, ==, 1);

	/* libsoup picks Digest when both are offered */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(fixture->signals, ==, 2);
}

static void
cwmp_cr_server_test_wrong_path(Fixture *fixture, gconstpointer user_data)
{
	const gchar	 *path = cwmp_cr_server_get_path(fixture->server);
	g_autofree gchar *prefix = g_strndup(path, strlen(path) - 1);
	g_autofree gchar *longer = g_strconcat(path, "/x", NULL);
	g_autofree gchar *with_slash = g_strconcat(path, "/", NULL);
	g_autofree gchar *good =
	    g_base64_encode((const guchar *) USERNAME ":" PASSWORD, strlen(USERNAME ":" PASSWORD));
	g_autofree gchar *basic = g_strdup_printf("Basic %s", good);
	const gchar	 *paths[] = {"/",    "/cwmp-cr", "/cwmp-cr/", "/index.html",
				     prefix, longer,	 with_slash};
	const gchar	 *methods[] = {"GET", "POST", "HEAD", "PUT", "DELETE"};

	cwmp_cr_server_set_allow_basic(fixture->server, TRUE);
	for (guint i = 0; i < G_N_ELEMENTS(paths); i++) {
		g_autofree gchar *url = cwmp_cr_server_test_url(fixture, paths[i]);

		for (guint j = 0; j < G_N_ELEMENTS(methods); j++) {
			g_autoptr(Request) plain = NULL;
			g_autoptr(Request) digest = NULL;
			g_autoptr(Request) with_basic = NULL;

			plain = cwmp_cr_server_test_send(methods[j], url, NULL, NULL, NULL);
			g_assert_cmpuint(soup_message_get_status(plain->msg), ==,
					 SOUP_STATUS_NOT_FOUND);
			/* no challenge: nothing tells the path is close */
			g_assert_null(soup_message_headers_get_one(
			    soup_message_get_response_headers(plain->msg), "WWW-Authenticate"));
			g_assert_cmpuint(plain->challenges, ==, 0);

			digest =
			    cwmp_cr_server_test_send(methods[j], url, USERNAME, PASSWORD, NULL);
			g_assert_cmpuint(soup_message_get_status(digest->msg), ==,
					 SOUP_STATUS_NOT_FOUND);

			with_basic = cwmp_cr_server_test_send(methods[j], url, NULL, NULL, basic);
			g_assert_cmpuint(soup_message_get_status(with_basic->msg), ==,
					 SOUP_STATUS_NOT_FOUND);
		}
	}
	g_assert_cmpuint(fixture->signals, ==, 0);
}

static void
cwmp_cr_server_test_methods(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	const gchar	 *methods[] = {"POST", "PUT", "DELETE"};

	for (guint i = 0; i < G_N_ELEMENTS(methods); i++) {
		g_autoptr(Request) anonymous =
		    cwmp_cr_server_test_send(methods[i], url, NULL, NULL, NULL);
		g_autoptr(Request) request = NULL;

		/* authentication first, so nothing is revealed without it */
		g_assert_cmpuint(soup_message_get_status(anonymous->msg), ==,
				 SOUP_STATUS_UNAUTHORIZED);
		request = cwmp_cr_server_test_send(methods[i], url, USERNAME, PASSWORD, NULL);
		g_assert_cmpuint(soup_message_get_status(request->msg), ==,
				 SOUP_STATUS_METHOD_NOT_ALLOWED);
		g_assert_cmpstr(soup_message_headers_get_one(
				    soup_message_get_response_headers(request->msg), "Allow"),
				==, "GET");
	}
	g_assert_cmpuint(fixture->signals, ==, 0);
}

static void
cwmp_cr_server_test_change_credentials(Fixture *fixture, gconstpointer user_data)
{
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	cwmp_cr_server_set_credentials(fixture->server, "new-user", "new-pass");
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, "new-user", "new-pass"), ==,
			 SOUP_STATUS_OK);
	cwmp_cr_server_set_credentials(fixture->server, "new-user", "other-pass");
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, "new-user", "new-pass"), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture->signals, ==, 2);
}

/* the Digest answer to @challenge for GET @uri, computed here independently of libsoup */
static gchar *
cwmp_cr_server_test_digest_header(const gchar *challenge,
				  const gchar *uri,
				  const gchar *nc,
				  const gchar *password)
{
	g_autoptr(GHashTable) params = soup_header_parse_param_list(challenge + strlen("Digest "));
	const gchar	 *nonce = g_hash_table_lookup(params, "nonce");
	const gchar	 *cnonce = "0a4f113b";
	g_autofree gchar *a1 = g_strdup_printf("%s:%s:%s", USERNAME, "cwmpd", password);
	g_autofree gchar *a2 = g_strdup_printf("GET:%s", uri);
	g_autofree gchar *ha1 = g_compute_checksum_for_string(G_CHECKSUM_MD5, a1, -1);
	g_autofree gchar *ha2 = g_compute_checksum_for_string(G_CHECKSUM_MD5, a2, -1);
	g_autofree gchar *kd = NULL;
	g_autofree gchar *response = NULL;

	g_assert_nonnull(nonce);
	g_assert_cmpstr(g_hash_table_lookup(params, "realm"), ==, "cwmpd");
	kd = g_strdup_printf("%s:%s:%s:%s:auth:%s", ha1, nonce, nc, cnonce, ha2);
	response = g_compute_checksum_for_string(G_CHECKSUM_MD5, kd, -1);
	return g_strdup_printf("Digest username=\"%s\", realm=\"cwmpd\", nonce=\"%s\", "
			       "uri=\"%s\", algorithm=MD5, response=\"%s\", qop=auth, "
			       "nc=%s, cnonce=\"%s\"",
			       USERNAME, nonce, uri, response, nc, cnonce);
}

static guint
cwmp_cr_server_test_get_with(Fixture *fixture, const gchar *authorization, gchar **challenge)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autoptr(Request) request =
	    cwmp_cr_server_test_send("GET", url, NULL, NULL, authorization);

	if (challenge != NULL) {
		*challenge = g_strdup(soup_message_headers_get_one(
		    soup_message_get_response_headers(request->msg), "WWW-Authenticate"));
	}
	return soup_message_get_status(request->msg);
}

static void
cwmp_cr_server_test_digest_replay(Fixture *fixture, gconstpointer user_data)
{
	const gchar	 *path = cwmp_cr_server_get_path(fixture->server);
	g_autofree gchar *challenge = NULL;
	g_autofree gchar *challenge2 = NULL;
	g_autofree gchar *first = NULL;
	g_autofree gchar *second = NULL;
	g_autofree gchar *wrong = NULL;
	g_autofree gchar *forged = NULL;
	g_autofree gchar *other_uri = NULL;
	g_autofree gchar *other_path = NULL;

	cwmp_cr_server_set_rate_limit(fixture->server, 10, 3600);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, NULL, &challenge), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	first = cwmp_cr_server_test_digest_header(challenge, path, "00000001", PASSWORD);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, first, NULL), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(fixture->signals, ==, 1);

	/* the same nonce count again is a replay */
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, first, &challenge2), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_null(strstr(challenge2, "stale"));
	g_assert_cmpuint(fixture->signals, ==, 1);

	/* the next count is fine */
	second = cwmp_cr_server_test_digest_header(challenge, path, "00000002", PASSWORD);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, second, NULL), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(fixture->signals, ==, 2);

	/* wrong password with a known nonce */
	wrong = cwmp_cr_server_test_digest_header(challenge, path, "00000003", "guess");
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, wrong, NULL), ==,
			 SOUP_STATUS_UNAUTHORIZED);

	/* a nonce the server never issued: stale only if the password is right */
	forged = cwmp_cr_server_test_digest_header("Digest realm=\"cwmpd\", "
						   "nonce=\"00000000000000000000000000000000\"",
						   path, "00000001", PASSWORD);
	g_clear_pointer(&challenge2, g_free);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, forged, &challenge2), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_nonnull(strstr(challenge2, "stale=true"));

	/* a Digest made for another uri */
	other_path = g_strconcat(path, "?x=1", NULL);
	other_uri = cwmp_cr_server_test_digest_header(challenge, other_path, "00000004", PASSWORD);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, other_uri, NULL), ==,
			 SOUP_STATUS_UNAUTHORIZED);

	/* garbage */
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, "Digest", NULL), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(cwmp_cr_server_test_get_with(fixture, "Bearer abc", NULL), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture->signals, ==, 2);
}

static gboolean
cwmp_cr_server_test_tick_cb(gpointer user_data)
{
	guint *ticks = user_data;
	(*ticks)++;
	return G_SOURCE_CONTINUE;
}

#define FLOOD_SIZE  50
#define FLOOD_BURST 3

static void
cwmp_cr_server_test_flood(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_test_url(fixture, NULL);
	g_autoptr(SoupSession) session =
	    soup_session_new_with_options("timeout", REQUEST_TIMEOUT, NULL);
	Request *requests[FLOOD_SIZE];
	guint	 ok = 0;
	guint	 unavailable = 0;
	guint	 ticks = 0;
	guint	 tick_id;

	/* no refill can happen during the test, however slow the machine */
	cwmp_cr_server_set_rate_limit(fixture->server, FLOOD_BURST, 3600);
	tick_id = g_timeout_add(1, cwmp_cr_server_test_tick_cb, &ticks);
	for (guint i = 0; i < FLOOD_SIZE; i++) {
		requests[i] = cwmp_cr_server_test_request_new("GET", url, USERNAME, PASSWORD);
		soup_session_send_and_read_async(session, requests[i]->msg, G_PRIORITY_DEFAULT,
						 NULL, cwmp_cr_server_test_send_cb, requests[i]);
	}
	cwmp_cr_server_test_wait(requests, FLOOD_SIZE);
	g_source_remove(tick_id);

	for (guint i = 0; i < FLOOD_SIZE; i++) {
		guint status = soup_message_get_status(requests[i]->msg);

		if (status == SOUP_STATUS_OK) {
			ok++;
		} else {
			const gchar *retry_after;
			guint64	     seconds = 0;

			g_assert_cmpuint(status, ==, SOUP_STATUS_SERVICE_UNAVAILABLE);
			retry_after = soup_message_headers_get_one(
			    soup_message_get_response_headers(requests[i]->msg), "Retry-After");
			g_assert_nonnull(retry_after);
			g_assert_true(
			    g_ascii_string_to_unsigned(retry_after, 10, 1, 3600, &seconds, NULL));
			unavailable++;
		}
		cwmp_cr_server_test_request_free(requests[i]);
	}
	g_assert_cmpuint(ok, ==, FLOOD_BURST);
	g_assert_cmpuint(unavailable, ==, FLOOD_SIZE - FLOOD_BURST);
	g_assert_cmpuint(fixture->signals, ==, FLOOD_BURST);
	/* the main loop went on running other sources during the flood */
	g_assert_cmpuint(ticks, >, 0);

	/* still answering, still limited, no signal */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==,
			 SOUP_STATUS_SERVICE_UNAVAILABLE);
	/* refused credentials are not counted and do not get through */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, "wrong"), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture->signals, ==, FLOOD_BURST);

	/* a new limit refills the bucket */
	cwmp_cr_server_set_rate_limit(fixture->server, 1, 3600);
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(fixture->signals, ==, FLOOD_BURST + 1);
}

static void
cwmp_cr_server_test_session(Fixture *fixture, gconstpointer user_data)
{
	cwmp_cr_server_set_rate_limit(fixture->server, 10, 3600);
	cwmp_cr_server_set_session_active(fixture->server, TRUE);
	g_assert_true(cwmp_cr_server_get_session_active(fixture->server));
	for (guint i = 0; i < 3; i++) {
		g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==,
				 SOUP_STATUS_OK);
	}
	/* a refused one is not remembered */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, "wrong"), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	while (g_main_context_iteration(NULL, FALSE))
		;
	g_assert_cmpuint(fixture->signals, ==, 0);

	cwmp_cr_server_set_session_active(fixture->server, FALSE);
	while (fixture->signals == 0)
		g_main_context_iteration(NULL, TRUE);
	while (g_main_context_iteration(NULL, FALSE))
		;
	g_assert_cmpuint(fixture->signals, ==, 1);

	/* nothing pending any more */
	cwmp_cr_server_set_session_active(fixture->server, TRUE);
	cwmp_cr_server_set_session_active(fixture->server, FALSE);
	while (g_main_context_iteration(NULL, FALSE))
		;
	g_assert_cmpuint(fixture->signals, ==, 1);

	/* a session that starts again before the deferred signal waits for its end */
	cwmp_cr_server_set_session_active(fixture->server, TRUE);
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	cwmp_cr_server_set_session_active(fixture->server, FALSE);
	cwmp_cr_server_set_session_active(fixture->server, TRUE);
	while (g_main_context_iteration(NULL, FALSE))
		;
	g_assert_cmpuint(fixture->signals, ==, 1);
	cwmp_cr_server_set_session_active(fixture->server, FALSE);
	while (fixture->signals == 1)
		g_main_context_iteration(NULL, TRUE);
	g_assert_cmpuint(fixture->signals, ==, 2);

	/* outside a session the signal is immediate */
	g_assert_cmpuint(cwmp_cr_server_test_get(fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(fixture->signals, ==, 3);
}

static void
cwmp_cr_server_test_url_ipv4(Fixture *fixture, gconstpointer user_data)
{
	g_autofree gchar *url = cwmp_cr_server_get_url(fixture->server, NULL);
	g_autofree gchar *expected = cwmp_cr_server_test_url(fixture, NULL);
	g_autofree gchar *advertised = cwmp_cr_server_get_url(fixture->server, "cpe.example.net");
	g_autofree gchar *advertised6 = cwmp_cr_server_get_url(fixture->server, "2001:db8::5");
	const gchar	 *path = cwmp_cr_server_get_path(fixture->server);
	g_autoptr(CwmpCrServer) other = cwmp_cr_server_new();

	g_assert_cmpstr(url, ==, expected);
	g_assert_true(g_str_has_prefix(path, "/cwmp-cr/"));
	g_assert_cmpuint(strlen(path), ==, strlen("/cwmp-cr/") + 32);
	for (const gchar *p = path + strlen("/cwmp-cr/"); *p != '\0'; p++)
		g_assert_true(g_ascii_isxdigit(*p));
	g_assert_true(g_str_has_prefix(advertised, "http://cpe.example.net:"));
	g_assert_true(g_str_has_suffix(advertised, path));
	g_assert_true(g_str_has_prefix(advertised6, "http://[2001:db8::5]:"));

	/* each server has its own path; a stopped one has no URL */
	g_assert_cmpstr(cwmp_cr_server_get_path(other), !=, path);
	g_assert_null(cwmp_cr_server_get_url(other, NULL));
	g_assert_cmpuint(cwmp_cr_server_get_port(other), ==, 0);
}

static gboolean
cwmp_cr_server_test_have_ipv6(void)
{
	g_autoptr(GSocket) sock =
	    g_socket_new(G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV6);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(loopback, 0);

	return sock != NULL && g_socket_bind(sock, address, FALSE, NULL);
}

static void
cwmp_cr_server_test_url_any(void)
{
	g_autoptr(CwmpCrServer) server = cwmp_cr_server_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(GUri) uri = NULL;
	g_autoptr(GInetAddress) host = NULL;
	g_autofree gchar *url = NULL;
	g_autofree gchar *hostname = NULL;

	g_assert_true(cwmp_cr_server_start(server, NULL, 0, &error));
	g_assert_no_error(error);
	url = cwmp_cr_server_get_url(server, NULL);
	g_test_message("ConnectionRequestURL %s", url);
	uri = g_uri_parse(url, G_URI_FLAGS_NONE, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(g_uri_get_scheme(uri), ==, "http");
	g_assert_cmpint(g_uri_get_port(uri), ==, (gint) cwmp_cr_server_get_port(server));
	g_assert_cmpstr(g_uri_get_path(uri), ==, cwmp_cr_server_get_path(server));
	/* a real address, never the wildcard the socket is bound to */
	hostname = g_strdup(g_uri_get_host(uri));
	host = g_inet_address_new_from_string(hostname);
	g_assert_nonnull(host);
	g_assert_false(g_inet_address_get_is_any(host));

	/* reachable over IPv4 and, where there is IPv6, over IPv6 too */
	cwmp_cr_server_set_credentials(server, USERNAME, PASSWORD);
	for (guint i = 0; i < 2; i++) {
		g_autofree gchar *loopback_url = NULL;
		g_autoptr(Request) request = NULL;

		if (i == 1 && !cwmp_cr_server_test_have_ipv6())
			break;
		loopback_url = g_strdup_printf(
		    i == 0 ? "http://127.0.0.1:%u%s" : "http://[::1]:%u%s",
		    cwmp_cr_server_get_port(server), cwmp_cr_server_get_path(server));
		request = cwmp_cr_server_test_send("GET", loopback_url, USERNAME, PASSWORD, NULL);
		g_assert_cmpuint(soup_message_get_status(request->msg), ==, SOUP_STATUS_OK);
	}

	/* started twice: refused */
	g_assert_false(cwmp_cr_server_start(server, NULL, 0, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	cwmp_cr_server_stop(server);
	g_assert_cmpuint(cwmp_cr_server_get_port(server), ==, 0);
}

static void
cwmp_cr_server_test_bad_address(void)
{
	g_autoptr(CwmpCrServer) server = cwmp_cr_server_new();
	g_autoptr(GError) error = NULL;

	g_assert_false(cwmp_cr_server_start(server, "not-an-address", 0, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_false(cwmp_cr_server_start(server, "127.0.0.1", 70000, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_assert_cmpuint(cwmp_cr_server_get_port(server), ==, 0);
}

static void
cwmp_cr_server_test_ipv6(void)
{
	Fixture		  fixture = {0};
	g_autofree gchar *url = NULL;
	g_autofree gchar *expected = NULL;

	if (!cwmp_cr_server_test_have_ipv6()) {
		g_test_skip("no IPv6 loopback on this machine");
		return;
	}
	cwmp_cr_server_test_setup_at(&fixture, "::1");
	url = cwmp_cr_server_get_url(fixture.server, NULL);
	expected = g_strdup_printf("http://[::1]:%u%s", cwmp_cr_server_get_port(fixture.server),
				   cwmp_cr_server_get_path(fixture.server));
	g_assert_cmpstr(url, ==, expected);
	g_assert_cmpuint(cwmp_cr_server_test_get(&fixture, USERNAME, PASSWORD), ==, SOUP_STATUS_OK);
	g_assert_cmpuint(cwmp_cr_server_test_get(&fixture, USERNAME, "wrong"), ==,
			 SOUP_STATUS_UNAUTHORIZED);
	g_assert_cmpuint(fixture.signals, ==, 1);
	cwmp_cr_server_test_teardown(&fixture, NULL);
}

static void
cwmp_cr_server_test_parse(void)
{
	struct {
		const gchar *header;
		const gchar *scheme; /* NULL: refused */
	} cases[] = {
	    {"Digest username=\"u\", realm=\"cwmpd\", nonce=\"n\", uri=\"/x\", qop=auth, "
	     "nc=00000001, cnonce=\"c\", response=\"0123456789abcdef0123456789ABCDEF\"",
	     "Digest"},
	    {"digest username=u, realm=cwmpd, nonce=n, uri=/x, qop=auth, nc=0000000a, cnonce=c, "
	     "response=0123456789abcdef0123456789abcdef, algorithm=md5",
	     "Digest"},
	    /* nc zero, short response, other qop, other algorithm, missing cnonce */
	    {"Digest username=u, realm=r, nonce=n, uri=/x, qop=auth, nc=00000000, cnonce=c, "
	     "response=0123456789abcdef0123456789abcdef",
	     NULL},
	    {"Digest username=u, realm=r, nonce=n, uri=/x, qop=auth, nc=00000001, cnonce=c, "
	     "response=0123",
	     NULL},
	    {"Digest username=u, realm=r, nonce=n, uri=/x, qop=auth-int, nc=00000001, cnonce=c, "
	     "response=0123456789abcdef0123456789abcdef",
	     NULL},
	    {"Digest username=u, realm=r, nonce=n, uri=/x, qop=auth, nc=00000001, cnonce=c, "
	     "response=0123456789abcdef0123456789abcdef, algorithm=SHA-256",
	     NULL},
	    {"Digest username=u, realm=r, nonce=n, uri=/x, qop=auth, nc=00000001, "
	     "response=0123456789abcdef0123456789abcdef",
	     NULL},
	    /* repeated parameter, also in another case */
	    {"Digest username=u, username=v, realm=r, nonce=n, uri=/x, qop=auth, nc=00000001, "
	     "cnonce=c, response=0123456789abcdef0123456789abcdef",
	     NULL},
	    {"Digest username=u, USERNAME=v, realm=r, nonce=n, uri=/x, qop=auth, nc=00000001, "
	     "cnonce=c, response=0123456789abcdef0123456789abcdef",
	     NULL},
	    {"Basic dXNlcjpwYXNz", "Basic"},
	    {"Basic dXNlcnBhc3M=", NULL}, /* no colon */
	    {"Basic !!!!", NULL},
	    {"Basic ", NULL},
	    {"Bearer abc", NULL},
	    {"", NULL},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *scheme = NULL;
		g_autoptr(GHashTable) params = NULL;

		params = cwmp_cr_server_parse_authorization(cases[i].header, &scheme, &error);
		if (cases[i].scheme == NULL) {
			g_assert_null(params);
			g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
			g_assert_null(scheme);
		} else {
			g_assert_no_error(error);
			g_assert_nonnull(params);
			g_assert_cmpstr(scheme, ==, cases[i].scheme);
			g_assert_nonnull(g_hash_table_lookup(params, "username"));
		}
	}
	{
		g_autoptr(GError) error = NULL;
		g_autofree gchar *scheme = NULL;
		g_autoptr(GHashTable) params =
		    cwmp_cr_server_parse_authorization("Basic dXNlcjpwYTpzcw==", &scheme, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(g_hash_table_lookup(params, "username"), ==, "user");
		g_assert_cmpstr(g_hash_table_lookup(params, "password"), ==, "pa:ss");
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add("/cwmp/cr-server/digest-ok", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_digest_ok, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/refused", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_refused, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/no-credentials-configured", Fixture, NULL,
		   cwmp_cr_server_test_setup, cwmp_cr_server_test_no_credentials_configured,
		   cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/basic", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_basic, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/wrong-path", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_wrong_path, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/methods", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_methods, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/change-credentials", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_change_credentials, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/digest-replay", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_digest_replay, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/flood", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_flood, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/session", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_session, cwmp_cr_server_test_teardown);
	g_test_add("/cwmp/cr-server/url-ipv4", Fixture, NULL, cwmp_cr_server_test_setup,
		   cwmp_cr_server_test_url_ipv4, cwmp_cr_server_test_teardown);
	g_test_add_func("/cwmp/cr-server/url-any", cwmp_cr_server_test_url_any);
	g_test_add_func("/cwmp/cr-server/bad-address", cwmp_cr_server_test_bad_address);
	g_test_add_func("/cwmp/cr-server/ipv6", cwmp_cr_server_test_ipv6);
	g_test_add_func("/cwmp/cr-server/parse", cwmp_cr_server_test_parse);
	return g_test_run();
}
