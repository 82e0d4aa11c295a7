/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cwmp-cr-server.h"
#include "cwmp-error.h"

/*
 * Connection-request header handling: the input is an Authorization header,
 * optionally preceded by "METHOD URI\n". In the header, NONCE stands for a
 * nonce the server has just issued and PATH for its secret path, so the
 * fuzzer reaches the Digest computation and the nonce-count bookkeeping.
 */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
cwmp_cr_fuzz_check_parse(const gchar *header)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *scheme = NULL;
	g_autoptr(GHashTable) params = NULL;

	params = cwmp_cr_server_parse_authorization(header, &scheme, &error);
	if (params == NULL) {
		if (!g_error_matches(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA) || scheme != NULL)
			abort();
		return;
	}
	if (error != NULL || g_hash_table_lookup(params, "username") == NULL)
		abort();
	if (g_strcmp0(scheme, "Digest") == 0) {
		if (strlen(g_hash_table_lookup(params, "response")) != 32 ||
		    strlen(g_hash_table_lookup(params, "nc")) != 8 ||
		    g_strcmp0(g_hash_table_lookup(params, "qop"), "auth") != 0)
			abort();
	} else if (g_strcmp0(scheme, "Basic") == 0) {
		if (g_hash_table_lookup(params, "password") == NULL)
			abort();
	} else {
		abort();
	}
}

static gchar *
cwmp_cr_fuzz_issue_nonce(CwmpCrServer *server)
{
	g_autoptr(SoupMessageHeaders) headers =
	    soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
	g_autoptr(GHashTable) params = NULL;
	const gchar *path = cwmp_cr_server_get_path(server);
	const gchar *challenge;
	guint	     status;

	status = cwmp_cr_server_handle_request(server, "GET", path, path, NULL, headers);
	challenge = soup_message_headers_get_one(headers, "WWW-Authenticate");
	if (status != SOUP_STATUS_UNAUTHORIZED || challenge == NULL ||
	    !g_str_has_prefix(challenge, "Digest "))
		abort();
	params = soup_header_parse_param_list(challenge + strlen("Digest "));
	if (g_hash_table_lookup(params, "nonce") == NULL)
		abort();
	return g_strdup(g_hash_table_lookup(params, "nonce"));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(CwmpCrServer) server = cwmp_cr_server_new();
	g_autoptr(SoupMessageHeaders) headers =
	    soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
	g_autofree gchar *text = g_strndup((const gchar *) data, size);
	g_autofree gchar *nonce = NULL;
	g_autofree gchar *method = NULL;
	g_autofree gchar *uri = NULL;
	g_autoptr(GString) header = NULL;
	const gchar *path;
	gchar	    *newline;
	guint	     status;

	cwmp_cr_server_set_credentials(server, "cpe", "secret");
	path = cwmp_cr_server_get_path(server);
	/* before Basic is allowed, so the only challenge is the Digest one */
	nonce = cwmp_cr_fuzz_issue_nonce(server);
	cwmp_cr_server_set_allow_basic(server, size > 0 && (data[0] & 1) != 0);
	cwmp_cr_server_set_session_active(server, size > 0 && (data[0] & 2) != 0);

	newline = strchr(text, '\n');
	if (newline != NULL) {
		g_auto(GStrv) words = NULL;

		*newline = '\0';
		words = g_strsplit(text, " ", 2);
		method = g_strdup(words[0]);
		uri = g_strdup(words[0] != NULL && words[1] != NULL ? words[1] : path);
		header = g_string_new(newline + 1);
	} else {
		method = g_strdup("GET");
		uri = g_strdup(path);
		header = g_string_new(text);
	}
	cwmp_cr_fuzz_check_parse(header->str);

	g_string_replace(header, "NONCE", nonce, 0);
	g_string_replace(header, "PATH", path, 0);
	if (g_strcmp0(uri, "PATH") == 0) {
		g_free(uri);
		uri = g_strdup(path);
	}
	cwmp_cr_fuzz_check_parse(header->str);

	/* the same header twice: the second time a nonce count is a replay */
	for (guint i = 0; i < 2; i++) {
		soup_message_headers_clear(headers);
		status = cwmp_cr_server_handle_request(server, method != NULL ? method : "GET", uri,
						       uri, header->str, headers);
		switch (status) {
		case SOUP_STATUS_NOT_FOUND:
			if (g_strcmp0(uri, path) == 0)
				abort();
			break;
		case SOUP_STATUS_UNAUTHORIZED:
			if (soup_message_headers_get_one(headers, "WWW-Authenticate") == NULL)
				abort();
			break;
		case SOUP_STATUS_OK:
		case SOUP_STATUS_METHOD_NOT_ALLOWED:
		case SOUP_STATUS_SERVICE_UNAVAILABLE:
			if (g_strcmp0(uri, path) != 0)
				abort();
			break;
		default:
			abort();
		}
	}
	return 0;
}
