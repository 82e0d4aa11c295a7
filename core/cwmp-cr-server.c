/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/random.h>

#include "cwmp-cr-server.h"
#include "cwmp-error.h"

/* bytes of randomness in the URL path and in a nonce (32 hex digits) */
#define CWMP_CR_SERVER_RANDOM_BYTES 16

/* an issued nonce is good for this long, then the client gets stale=true */
#define CWMP_CR_SERVER_NONCE_LIFETIME (300 * G_USEC_PER_SEC)

/* nonces remembered at once; an unauthenticated flood evicts the oldest */
#define CWMP_CR_SERVER_MAX_NONCES 256

/* longest Authorization header and Digest parameter accepted */
#define CWMP_CR_SERVER_MAX_HEADER 4096
#define CWMP_CR_SERVER_MAX_PARAM  1024

/* nonce counts remembered below the highest one seen (replay window) */
#define CWMP_CR_SERVER_NC_WINDOW 64

typedef struct {
	gint64	created; /* monotonic time */
	guint32 max_nc;	 /* highest nonce count accepted, 0 for none */
	guint64 seen;	 /* bit i: nonce count max_nc - i was accepted */
} CwmpCrServerNonce;

struct _CwmpCrServer {
	GObject	      parent_instance;
	SoupServer   *server;
	GInetAddress *bound_address; /* NULL when listening on every address */
	gchar	     *path;
	gchar	     *username;
	gchar	     *password;
	gboolean      allow_basic;
	gboolean      warned_no_credentials;
	guint	      burst;
	guint	      interval; /* seconds per token */
	guint	      tokens;
	gint64	      refill_time; /* monotonic time the bucket was last refilled */
	GHashTable   *nonces;	   /* hex string -> CwmpCrServerNonce */
	gboolean      session_active;
	gboolean      pending;
	guint	      pending_id;
};

enum { SIGNAL_CONNECTION_REQUEST, SIGNAL_LAST };

static guint signals[SIGNAL_LAST] = {0};

G_DEFINE_TYPE(CwmpCrServer, cwmp_cr_server, G_TYPE_OBJECT)

/* random bytes from the kernel; GLib's GRand (seeded from /dev/urandom) only
 * if getrandom() is not available */
static void
cwmp_cr_server_random_hex(gchar *out)
{
	guint8 buf[CWMP_CR_SERVER_RANDOM_BYTES];
	gsize  got = 0;

	while (got < sizeof(buf)) {
		gssize rc = getrandom(buf + got, sizeof(buf) - got, 0);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			g_warning("getrandom() failed: %s; falling back to GRand",
				  g_strerror(errno));
			for (gsize i = got; i < sizeof(buf); i++)
				buf[i] = (guint8) g_random_int_range(0, 256);
			break;
		}
		got += (gsize) rc;
	}
	for (gsize i = 0; i < sizeof(buf); i++)
		g_snprintf(out + 2 * i, 3, "%02x", buf[i]);
}

/* compares without an early exit so the time taken does not reveal how
 * much of a secret matched */
static gboolean
cwmp_cr_server_equal_secret(const gchar *a, const gchar *b)
{
	gsize len_a = strlen(a);
	gsize len_b = strlen(b);
	gsize len = MAX(len_a, len_b);
	guint diff = len_a != len_b;

	for (gsize i = 0; i < len; i++) {
		guint8 ca = i < len_a ? (guint8) a[i] : 0;
		guint8 cb = i < len_b ? (guint8) b[i] : 0;
		diff |= ca ^ cb;
	}
	return diff == 0;
}

static gboolean
cwmp_cr_server_is_hex(const gchar *value, gsize len)
{
	if (strlen(value) != len)
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isxdigit(value[i]))
			return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_cr_server_is_base64(const gchar *value)
{
	gsize len = strlen(value);

	if (len == 0 || len % 4 != 0)
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		gchar c = value[i];
		if (g_ascii_isalnum(c) || c == '+' || c == '/')
			continue;
		/* padding only at the end */
		if (c == '=' && i >= len - 2 && (i == len - 1 || value[len - 1] == '='))
			continue;
		return FALSE;
	}
	return TRUE;
}

static GHashTable *
cwmp_cr_server_parse_basic(const gchar *credentials, GError **error)
{
	g_autoptr(GHashTable) params = NULL;
	g_autofree guchar *decoded = NULL;
	g_autofree gchar  *text = NULL;
	gsize		   len = 0;
	const gchar	  *colon;

	if (!cwmp_cr_server_is_base64(credentials)) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Basic credentials are not base64");
		return NULL;
	}
	decoded = g_base64_decode(credentials, &len);
	if (len == 0 || memchr(decoded, '\0', len) != NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Basic credentials are empty or hold a NUL");
		return NULL;
	}
	text = g_strndup((const gchar *) decoded, len);
	if (!g_utf8_validate(text, -1, NULL)) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Basic credentials are not UTF-8");
		return NULL;
	}
	colon = strchr(text, ':');
	if (colon == NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Basic credentials have no ':'");
		return NULL;
	}
	params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_insert(params, g_strdup("username"), g_strndup(text, colon - text));
	g_hash_table_insert(params, g_strdup("password"), g_strdup(colon + 1));
	return g_steal_pointer(&params);
}

static GHashTable *
cwmp_cr_server_parse_digest(const gchar *list, GError **error)
{
	const gchar *required[] = {"username", "realm", "nonce", "uri",
				   "response", "qop",	"nc",	 "cnonce"};
	g_autoptr(GHashTable) params = NULL;
	GHashTable    *raw;
	GHashTableIter iter;
	gpointer       key, value;
	const gchar   *algorithm;
	const gchar   *userhash;

	raw = soup_header_parse_param_list_strict(list);
	if (raw == NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest parameters are malformed or repeated");
		return NULL;
	}
	params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_iter_init(&iter, raw);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (value != NULL && strlen(value) > CWMP_CR_SERVER_MAX_PARAM) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest parameter %s is too long", (const gchar *) key);
			soup_header_free_param_list(raw);
			return NULL;
		}
		/* the same name in two cases is a repeat too */
		if (!g_hash_table_insert(params, g_ascii_strdown(key, -1),
					 value != NULL ? g_strdup(value) : NULL)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest parameter %s is repeated", (const gchar *) key);
			soup_header_free_param_list(raw);
			return NULL;
		}
	}
	soup_header_free_param_list(raw);

	for (guint i = 0; i < G_N_ELEMENTS(required); i++) {
		const gchar *val = g_hash_table_lookup(params, required[i]);
		if (val == NULL || val[0] == '\0') {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest parameter %s is missing", required[i]);
			return NULL;
		}
	}
	if (g_strcmp0(g_hash_table_lookup(params, "qop"), "auth") != 0) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest qop is not auth");
		return NULL;
	}
	if (!cwmp_cr_server_is_hex(g_hash_table_lookup(params, "nc"), 8) ||
	    strcmp(g_hash_table_lookup(params, "nc"), "00000000") == 0) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest nc is not 8 hex digits above 0");
		return NULL;
	}
	if (!cwmp_cr_server_is_hex(g_hash_table_lookup(params, "response"), 32)) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest response is not 32 hex digits");
		return NULL;
	}
	algorithm = g_hash_table_lookup(params, "algorithm");
	if (g_hash_table_contains(params, "algorithm") &&
	    (algorithm == NULL || g_ascii_strcasecmp(algorithm, "MD5") != 0)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "Digest algorithm %s is not supported",
			    algorithm != NULL ? algorithm : "(none)");
		return NULL;
	}
	userhash = g_hash_table_lookup(params, "userhash");
	if (g_hash_table_contains(params, "userhash") &&
	    (userhash == NULL || g_ascii_strcasecmp(userhash, "false") != 0)) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Digest userhash is not supported");
		return NULL;
	}
	return g_steal_pointer(&params);
}

GHashTable *
cwmp_cr_server_parse_authorization(const gchar *header, gchar **scheme, GError **error)
{
	g_autofree gchar *token = NULL;
	const gchar	 *start;
	const gchar	 *end;
	GHashTable	 *params;

	g_return_val_if_fail(header != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (strlen(header) > CWMP_CR_SERVER_MAX_HEADER) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "Authorization header is too long");
		return NULL;
	}
	start = header;
	while (*start == ' ' || *start == '\t')
		start++;
	end = start;
	while (*end != '\0' && *end != ' ' && *end != '\t')
		end++;
	token = g_strndup(start, end - start);
	while (*end == ' ' || *end == '\t')
		end++;

	if (g_ascii_strcasecmp(token, "Digest") == 0) {
		params = cwmp_cr_server_parse_digest(end, error);
		if (params != NULL && scheme != NULL)
			*scheme = g_strdup("Digest");
		return params;
	}
	if (g_ascii_strcasecmp(token, "Basic") == 0) {
		g_autofree gchar *credentials = g_strdup(end);
		params = cwmp_cr_server_parse_basic(g_strchomp(credentials), error);
		if (params != NULL && scheme != NULL)
			*scheme = g_strdup("Basic");
		return params;
	}
	g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "Authorization scheme is neither Digest nor Basic");
	return NULL;
}

static void
cwmp_cr_server_expire_nonces(CwmpCrServer *self, gint64 now)
{
	GHashTableIter iter;
	gpointer       value;

	g_hash_table_iter_init(&iter, self->nonces);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpCrServerNonce *nonce = value;
		if (now - nonce->created >= CWMP_CR_SERVER_NONCE_LIFETIME)
			g_hash_table_iter_remove(&iter);
	}
}

static gchar *
cwmp_cr_server_new_nonce(CwmpCrServer *self)
{
	gchar		   hex[2 * CWMP_CR_SERVER_RANDOM_BYTES + 1];
	gint64		   now = g_get_monotonic_time();
	CwmpCrServerNonce *nonce;

	cwmp_cr_server_expire_nonces(self, now);
	if (g_hash_table_size(self->nonces) >= CWMP_CR_SERVER_MAX_NONCES) {
		GHashTableIter iter;
		gpointer       key, value;
		gpointer       oldest_key = NULL;
		gint64	       oldest = G_MAXINT64;

		g_hash_table_iter_init(&iter, self->nonces);
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			CwmpCrServerNonce *entry = value;
			if (entry->created < oldest) {
				oldest = entry->created;
				oldest_key = key;
			}
		}
		g_hash_table_remove(self->nonces, oldest_key);
	}
	cwmp_cr_server_random_hex(hex);
	nonce = g_new0(CwmpCrServerNonce, 1);
	nonce->created = now;
	g_hash_table_insert(self->nonces, g_strdup(hex), nonce);
	return g_strdup(hex);
}

/* records @nc for @nonce; FALSE if it was used before or is too old to tell */
static gboolean
cwmp_cr_server_nonce_use(CwmpCrServerNonce *nonce, guint32 nc)
{
	guint32 diff;

	if (nc > nonce->max_nc) {
		diff = nc - nonce->max_nc;
		nonce->seen = diff >= CWMP_CR_SERVER_NC_WINDOW ? 0 : nonce->seen << diff;
		nonce->seen |= 1;
		nonce->max_nc = nc;
		return TRUE;
	}
	diff = nonce->max_nc - nc;
	if (diff >= CWMP_CR_SERVER_NC_WINDOW)
		return FALSE;
	if (nonce->seen & (G_GUINT64_CONSTANT(1) << diff))
		return FALSE;
	nonce->seen |= G_GUINT64_CONSTANT(1) << diff;
	return TRUE;
}

static gchar *
cwmp_cr_server_md5(const gchar *format, ...) G_GNUC_PRINTF(1, 2);

static gchar *
cwmp_cr_server_md5(const gchar *format, ...)
{
	g_autofree gchar *text = NULL;
	va_list		  args;

	va_start(args, format);
	text = g_strdup_vprintf(format, args);
	va_end(args);
	return g_compute_checksum_for_string(G_CHECKSUM_MD5, text, -1);
}

static gboolean
cwmp_cr_server_check_digest(CwmpCrServer *self,
			    GHashTable	 *params,
			    const gchar	 *method,
			    const gchar	 *request_uri,
			    gboolean	 *stale)
{
	const gchar	  *nonce_hex = g_hash_table_lookup(params, "nonce");
	const gchar	  *nc_hex = g_hash_table_lookup(params, "nc");
	const gchar	  *uri = g_hash_table_lookup(params, "uri");
	g_autofree gchar  *ha1 = NULL;
	g_autofree gchar  *ha2 = NULL;
	g_autofree gchar  *expected = NULL;
	g_autofree gchar  *response = NULL;
	CwmpCrServerNonce *nonce;
	gboolean	   valid;

	if (g_strcmp0(g_hash_table_lookup(params, "realm"), CWMP_CR_SERVER_REALM) != 0) {
		g_debug("connection request refused: wrong Digest realm");
		return FALSE;
	}
	if (g_strcmp0(uri, request_uri) != 0) {
		g_debug("connection request refused: Digest uri is not the request's");
		return FALSE;
	}
	ha1 = cwmp_cr_server_md5("%s:%s:%s", self->username, CWMP_CR_SERVER_REALM,
				 self->password != NULL ? self->password : "");
	ha2 = cwmp_cr_server_md5("%s:%s", method, uri);
	expected = cwmp_cr_server_md5("%s:%s:%s:%s:auth:%s", ha1, nonce_hex, nc_hex,
				      (const gchar *) g_hash_table_lookup(params, "cnonce"), ha2);
	response = g_ascii_strdown(g_hash_table_lookup(params, "response"), -1);
	valid = cwmp_cr_server_equal_secret(expected, response) &&
		cwmp_cr_server_equal_secret(self->username, g_hash_table_lookup(params, "usernam"
											"e"));

	nonce = g_hash_table_lookup(self->nonces, nonce_hex);
	if (nonce == NULL ||
	    g_get_monotonic_time() - nonce->created >= CWMP_CR_SERVER_NONCE_LIFETIME) {
		/* stale only tells a client that knows the password to retry */
		*stale = valid;
		g_debug("connection request refused: unknown or expired nonce");
		return FALSE;
	}
	if (!valid) {
		g_debug("connection request refused: wrong Digest credentials");
		return FALSE;
	}
	if (!cwmp_cr_server_nonce_use(nonce, (guint32) g_ascii_strtoull(nc_hex, NULL, 16))) {
		g_debug("connection request refused: replayed Digest nonce count");
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_cr_server_authenticate(CwmpCrServer *self,
			    const gchar	 *method,
			    const gchar	 *request_uri,
			    const gchar	 *authorization,
			    gboolean	 *stale)
{
	g_autofree gchar *scheme = NULL;
	g_autoptr(GHashTable) params = NULL;
	g_autoptr(GError) error = NULL;

	if (self->username == NULL || self->username[0] == '\0') {
		if (!self->warned_no_credentials) {
			g_warning("connection request refused: no ConnectionRequestUsername set");
			self->warned_no_credentials = TRUE;
		}
		return FALSE;
	}
	if (authorization == NULL)
		return FALSE;
	params = cwmp_cr_server_parse_authorization(authorization, &scheme, &error);
	if (params == NULL) {
		g_debug("connection request refused: %s", error->message);
		return FALSE;
	}
	if (g_strcmp0(scheme, "Basic") == 0) {
		gboolean valid;

		if (!self->allow_basic) {
			g_debug("connection request refused: Basic authentication is not allowed");
			return FALSE;
		}
		valid =
		    cwmp_cr_server_equal_secret(self->username, g_hash_table_lookup(params, "userna"
											    "me"));
		valid &= cwmp_cr_server_equal_secret(self->password != NULL ? self->password : "",
						     g_hash_table_lookup(params, "password"));
		if (!valid)
			g_debug("connection request refused: wrong Basic credentials");
		return valid;
	}
	return cwmp_cr_server_check_digest(self, params, method, request_uri, stale);
}

static void
cwmp_cr_server_challenge(CwmpCrServer *self, SoupMessageHeaders *headers, gboolean stale)
{
	g_autofree gchar *nonce = cwmp_cr_server_new_nonce(self);
	g_autofree gchar *digest = NULL;

	digest = g_strdup_printf("Digest realm=\"%s\", qop=\"auth\", nonce=\"%s\", "
				 "algorithm=MD5%s",
				 CWMP_CR_SERVER_REALM, nonce, stale ? ", stale=true" : "");
	soup_message_headers_append(headers, "WWW-Authenticate", digest);
	if (self->allow_basic)
		soup_message_headers_append(headers, "WWW-Authenticate",
					    "Basic realm=\"" CWMP_CR_SERVER_REALM "\"");
}

/* token bucket; on refusal @retry_after is the wait for the next token */
static gboolean
cwmp_cr_server_take_token(CwmpCrServer *self, guint *retry_after)
{
	gint64 now = g_get_monotonic_time();
	gint64 step = (gint64) self->interval * G_USEC_PER_SEC;
	gint64 elapsed = now - self->refill_time;

	if (elapsed >= step) {
		gint64 add = elapsed / step;
		self->tokens = (guint) MIN((gint64) self->burst, (gint64) self->tokens + add);
		self->refill_time += add * step;
	}
	if (self->tokens >= self->burst)
		self->refill_time = now;
	if (self->tokens > 0) {
		self->tokens--;
		return TRUE;
	}
	*retry_after =
	    (guint) MAX(1, (self->refill_time + step - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
	return FALSE;
}

guint
cwmp_cr_server_handle_request(CwmpCrServer	 *self,
			      const gchar	 *method,
			      const gchar	 *path,
			      const gchar	 *request_uri,
			      const gchar	 *authorization,
			      SoupMessageHeaders *response_headers)
{
	gboolean stale = FALSE;
	guint	 retry_after = 0;

	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), SOUP_STATUS_INTERNAL_SERVER_ERROR);
	g_return_val_if_fail(method != NULL, SOUP_STATUS_INTERNAL_SERVER_ERROR);
	g_return_val_if_fail(response_headers != NULL, SOUP_STATUS_INTERNAL_SERVER_ERROR);

	/* nothing but the one path exists, to anyone */
	if (path == NULL || !cwmp_cr_server_equal_secret(path, self->path))
		return SOUP_STATUS_NOT_FOUND;
	if (!cwmp_cr_server_authenticate(self, method, request_uri != NULL ? request_uri : path,
					 authorization, &stale)) {
		cwmp_cr_server_challenge(self, response_headers, stale);
		return SOUP_STATUS_UNAUTHORIZED;
	}
	if (g_strcmp0(method, SOUP_METHOD_GET) != 0) {
		soup_message_headers_replace(response_headers, "Allow", SOUP_METHOD_GET);
		return SOUP_STATUS_METHOD_NOT_ALLOWED;
	}
	if (!cwmp_cr_server_take_token(self, &retry_after)) {
		g_autofree gchar *value = g_strdup_printf("%u", retry_after);
		g_debug("connection request refused: rate limit, retry after %u s", retry_after);
		soup_message_headers_replace(response_headers, "Retry-After", value);
		return SOUP_STATUS_SERVICE_UNAVAILABLE;
	}
	if (self->session_active) {
		g_debug("connection request during a session: served after it");
		self->pending = TRUE;
		return SOUP_STATUS_OK;
	}
	g_debug("connection request accepted");
	g_object_ref(self);
	g_signal_emit(self, signals[SIGNAL_CONNECTION_REQUEST], 0);
	g_object_unref(self);
	return SOUP_STATUS_OK;
}

static void
cwmp_cr_server_request_cb(SoupServer	    *server,
			  SoupServerMessage *msg,
			  const char	    *path,
			  GHashTable	    *query,
			  gpointer	     user_data)
{
	CwmpCrServer	   *self = CWMP_CR_SERVER(user_data);
	GUri		   *uri = soup_server_message_get_uri(msg);
	SoupMessageHeaders *request_headers = soup_server_message_get_request_headers(msg);
	SoupMessageHeaders *response_headers = soup_server_message_get_response_headers(msg);
	g_autofree gchar   *request_uri = NULL;
	guint		    status;

	if (g_uri_get_query(uri) != NULL)
		request_uri = g_strdup_printf("%s?%s", g_uri_get_path(uri), g_uri_get_query(uri));
	else
		request_uri = g_strdup(g_uri_get_path(uri));
	status = cwmp_cr_server_handle_request(
	    self, soup_server_message_get_method(msg), path, request_uri,
	    soup_message_headers_get_one(request_headers, "Authorization"), response_headers);
	soup_server_message_set_status(msg, status, NULL);
	soup_server_message_set_response(msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
	/* no idle keep-alive connections: nothing to hold open for a flood, and
	 * libsoup 3.2 leaks an idle connection the client closes */
	soup_message_headers_replace(response_headers, "Connection", "close");
}

CwmpCrServer *
cwmp_cr_server_new(void)
{
	return g_object_new(CWMP_TYPE_CR_SERVER, NULL);
}

void
cwmp_cr_server_set_credentials(CwmpCrServer *self, const gchar *username, const gchar *password)
{
	g_return_if_fail(CWMP_IS_CR_SERVER(self));

	g_free(self->username);
	self->username = g_strdup(username);
	g_free(self->password);
	self->password = g_strdup(password);
	self->warned_no_credentials = FALSE;
}

void
cwmp_cr_server_set_allow_basic(CwmpCrServer *self, gboolean allow_basic)
{
	g_return_if_fail(CWMP_IS_CR_SERVER(self));
	self->allow_basic = allow_basic;
}

gboolean
cwmp_cr_server_get_allow_basic(CwmpCrServer *self)
{
	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), FALSE);
	return self->allow_basic;
}

void
cwmp_cr_server_set_rate_limit(CwmpCrServer *self, guint burst, guint interval)
{
	g_return_if_fail(CWMP_IS_CR_SERVER(self));
	g_return_if_fail(burst > 0);
	g_return_if_fail(interval > 0);

	self->burst = burst;
	self->interval = interval;
	self->tokens = burst;
	self->refill_time = g_get_monotonic_time();
}

/* every address: one dual-stack IPv6 socket where the system allows it,
 * else IPv6 and IPv4 sockets on the same port, else IPv4 alone; done here
 * because libsoup's listeners are IPv6-only and soup_server_listen_all() of
 * libsoup 3.2 leaks an address */
static gboolean
cwmp_cr_server_listen_any(SoupServer *server, guint port, GError **error)
{
	g_autoptr(GSocket) sock6 = NULL;
	g_autoptr(GInetAddress) any4 = g_inet_address_new_any(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) sockaddr4 = NULL;
	g_autoptr(GError) error_local = NULL;

	sock6 = g_socket_new(G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
			     &error_local);
	if (sock6 != NULL) {
		g_autoptr(GInetAddress) any6 = g_inet_address_new_any(G_SOCKET_FAMILY_IPV6);
		g_autoptr(GSocketAddress) sockaddr6 = g_inet_socket_address_new(any6, port);
		g_autoptr(GSocketAddress) bound = NULL;
		gboolean dual = g_socket_set_option(sock6, IPPROTO_IPV6, IPV6_V6ONLY, 0, NULL);

		if (g_socket_bind(sock6, sockaddr6, TRUE, &error_local) &&
		    g_socket_listen(sock6, &error_local) &&
		    soup_server_listen_socket(server, sock6, 0, &error_local)) {
			if (dual)
				return TRUE;
			/* IPv4 separately, on the port just taken */
			bound = g_socket_get_local_address(sock6, NULL);
			if (bound != NULL)
				port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
		}
	}
	if (error_local != NULL) {
		g_debug("no IPv6 listener (%s): IPv4 only", error_local->message);
		g_clear_error(&error_local);
	}
	sockaddr4 = g_inet_socket_address_new(any4, port);
	if (!soup_server_listen(server, sockaddr4, 0, &error_local)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO, "failed to listen on port %u: %s",
			    port, error_local->message);
		return FALSE;
	}
	return TRUE;
}

gboolean
cwmp_cr_server_start(CwmpCrServer *self, const gchar *address, guint port, GError **error)
{
	g_autoptr(SoupServer) server = NULL;
	g_autoptr(GInetAddress) inet = NULL;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (self->server != NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_EXISTS,
				    "connection-request server already started");
		return FALSE;
	}
	if (port > G_MAXUINT16) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "connection-request port %u is out of range", port);
		return FALSE;
	}
	if (address != NULL && address[0] != '\0') {
		inet = g_inet_address_new_from_string(address);
		if (inet == NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
				    "connection-request address '%s' is not an IP address",
				    address);
			return FALSE;
		}
	}

	server = g_object_new(SOUP_TYPE_SERVER, NULL);
	/* the decision is made once the headers are in, before any body */
	soup_server_add_early_handler(server, NULL, cwmp_cr_server_request_cb, self, NULL);
	if (inet == NULL) {
		if (!cwmp_cr_server_listen_any(server, port, error))
			return FALSE;
	} else {
		g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new(inet, port);
		if (!soup_server_listen(server, sockaddr, 0, &error_local)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO,
				    "failed to listen on %s port %u: %s", address, port,
				    error_local->message);
			return FALSE;
		}
		if (!g_inet_address_get_is_any(inet))
			self->bound_address = g_steal_pointer(&inet);
	}
	self->server = g_steal_pointer(&server);
	g_debug("connection-request server on port %u", cwmp_cr_server_get_port(self));
	return TRUE;
}

void
cwmp_cr_server_stop(CwmpCrServer *self)
{
	g_return_if_fail(CWMP_IS_CR_SERVER(self));

	if (self->server != NULL)
		soup_server_disconnect(self->server);
	g_clear_object(&self->server);
	g_clear_object(&self->bound_address);
}

static GInetSocketAddress *
cwmp_cr_server_get_listener_address(GSocket *listener)
{
	g_autoptr(GSocketAddress) local = g_socket_get_local_address(listener, NULL);

	if (local == NULL || !G_IS_INET_SOCKET_ADDRESS(local))
		return NULL;
	return G_INET_SOCKET_ADDRESS(g_steal_pointer(&local));
}

guint
cwmp_cr_server_get_port(CwmpCrServer *self)
{
	GSList *listeners;
	guint	port = 0;

	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), 0);

	if (self->server == NULL)
		return 0;
	listeners = soup_server_get_listeners(self->server);
	for (GSList *l = listeners; l != NULL && port == 0; l = l->next) {
		g_autoptr(GInetSocketAddress) local = cwmp_cr_server_get_listener_address(l->data);
		if (local != NULL)
			port = g_inet_socket_address_get_port(local);
	}
	g_slist_free(listeners);
	return port;
}

const gchar *
cwmp_cr_server_get_path(CwmpCrServer *self)
{
	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), NULL);
	return self->path;
}

/* the source address the kernel would use toward the default route; a UDP
 * connect() only looks up the route, no packet leaves (the targets are the
 * RFC 5737 / RFC 3849 documentation addresses) */
static GInetAddress *
cwmp_cr_server_probe_route(GSocketFamily family)
{
	const gchar *target = family == G_SOCKET_FAMILY_IPV4 ? "192.0.2.1" : "2001:db8::1";
	g_autoptr(GSocket) sock = NULL;
	g_autoptr(GInetAddress) remote = g_inet_address_new_from_string(target);
	g_autoptr(GSocketAddress) remote_addr = g_inet_socket_address_new(remote, 9);
	g_autoptr(GSocketAddress) local = NULL;
	g_autoptr(GError) error = NULL;
	GInetAddress *address;

	sock = g_socket_new(family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
	if (sock == NULL) {
		g_debug("no route probe: %s", error->message);
		return NULL;
	}
	if (!g_socket_connect(sock, remote_addr, NULL, &error)) {
		g_debug("no default route for %s: %s", target, error->message);
		return NULL;
	}
	local = g_socket_get_local_address(sock, &error);
	if (local == NULL || !G_IS_INET_SOCKET_ADDRESS(local))
		return NULL;
	address = g_inet_socket_address_get_address(G_INET_SOCKET_ADDRESS(local));
	if (g_inet_address_get_is_any(address))
		return NULL;
	return g_object_ref(address);
}

static GInetAddress *
cwmp_cr_server_choose_address(CwmpCrServer *self)
{
	GSList	     *listeners;
	gboolean      have_ipv4 = FALSE;
	gboolean      have_ipv6 = FALSE;
	GInetAddress *address = NULL;

	if (self->bound_address != NULL)
		return g_object_ref(self->bound_address);

	listeners = soup_server_get_listeners(self->server);
	for (GSList *l = listeners; l != NULL; l = l->next) {
		g_autoptr(GInetSocketAddress) local = cwmp_cr_server_get_listener_address(l->data);
		if (local == NULL)
			continue;
		if (g_socket_address_get_family(G_SOCKET_ADDRESS(local)) == G_SOCKET_FAMILY_IPV4) {
			have_ipv4 = TRUE;
		} else {
			g_autoptr(GError) error = NULL;
			gint v6only = 1;

			have_ipv6 = TRUE;
			/* a dual-stack socket takes IPv4 too */
			if (g_socket_get_option(l->data, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
						&error) &&
			    v6only == 0)
				have_ipv4 = TRUE;
		}
	}
	g_slist_free(listeners);

	if (have_ipv4)
		address = cwmp_cr_server_probe_route(G_SOCKET_FAMILY_IPV4);
	if (address == NULL && have_ipv6)
		address = cwmp_cr_server_probe_route(G_SOCKET_FAMILY_IPV6);
	if (address == NULL)
		address = g_inet_address_new_loopback(have_ipv4 ? G_SOCKET_FAMILY_IPV4
								: G_SOCKET_FAMILY_IPV6);
	return address;
}

gchar *
cwmp_cr_server_get_url(CwmpCrServer *self, const gchar *advertised_host)
{
	g_autofree gchar *host = NULL;
	guint		  port;

	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), NULL);

	port = cwmp_cr_server_get_port(self);
	if (port == 0)
		return NULL;
	if (advertised_host != NULL && advertised_host[0] != '\0') {
		host = g_strdup(advertised_host);
	} else {
		g_autoptr(GInetAddress) address = cwmp_cr_server_choose_address(self);
		host = g_inet_address_to_string(address);
	}
	/* an IPv6 literal goes in brackets */
	if (strchr(host, ':') != NULL && host[0] != '[')
		return g_strdup_printf("http://[%s]:%u%s", host, port, self->path);
	return g_strdup_printf("http://%s:%u%s", host, port, self->path);
}

static gboolean
cwmp_cr_server_pending_cb(gpointer user_data)
{
	CwmpCrServer *self = CWMP_CR_SERVER(user_data);

	self->pending_id = 0;
	/* a new session began in between: keep it for the end of that one */
	if (self->session_active || !self->pending)
		return G_SOURCE_REMOVE;
	self->pending = FALSE;
	g_debug("connection request deferred by a session: signalled now");
	g_signal_emit(self, signals[SIGNAL_CONNECTION_REQUEST], 0);
	return G_SOURCE_REMOVE;
}

void
cwmp_cr_server_set_session_active(CwmpCrServer *self, gboolean active)
{
	g_return_if_fail(CWMP_IS_CR_SERVER(self));

	self->session_active = active;
	/* signalled from the main loop so the caller finishes ending its session first */
	if (!active && self->pending && self->pending_id == 0)
		self->pending_id = g_idle_add(cwmp_cr_server_pending_cb, self);
}

gboolean
cwmp_cr_server_get_session_active(CwmpCrServer *self)
{
	g_return_val_if_fail(CWMP_IS_CR_SERVER(self), FALSE);
	return self->session_active;
}

static void
cwmp_cr_server_dispose(GObject *object)
{
	CwmpCrServer *self = CWMP_CR_SERVER(object);

	g_clear_handle_id(&self->pending_id, g_source_remove);
	cwmp_cr_server_stop(self);
	G_OBJECT_CLASS(cwmp_cr_server_parent_class)->dispose(object);
}

static void
cwmp_cr_server_finalize(GObject *object)
{
	CwmpCrServer *self = CWMP_CR_SERVER(object);

	g_free(self->path);
	g_free(self->username);
	if (self->password != NULL)
		memset(self->password, 0, strlen(self->password));
	g_free(self->password);
	g_hash_table_unref(self->nonces);
	G_OBJECT_CLASS(cwmp_cr_server_parent_class)->finalize(object);
}

static void
cwmp_cr_server_init(CwmpCrServer *self)
{
	gchar hex[2 * CWMP_CR_SERVER_RANDOM_BYTES + 1];

	cwmp_cr_server_random_hex(hex);
	self->path = g_strdup_printf("/cwmp-cr/%s", hex);
	self->nonces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	cwmp_cr_server_set_rate_limit(self, CWMP_CR_SERVER_DEFAULT_BURST,
				      CWMP_CR_SERVER_DEFAULT_INTERVAL);
}

static void
cwmp_cr_server_class_init(CwmpCrServerClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);

	object_class->dispose = cwmp_cr_server_dispose;
	object_class->finalize = cwmp_cr_server_finalize;

	/**
	 * CwmpCrServer::connection-request:
	 *
	 * An authenticated connection request was accepted (or, if it came
	 * during a session, that session has ended): open a session with
	 * "6 CONNECTION REQUEST".
	 */
	signals[SIGNAL_CONNECTION_REQUEST] =
	    g_signal_new("connection-request", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}
