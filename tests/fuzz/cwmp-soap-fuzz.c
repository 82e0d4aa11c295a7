/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <libxml/parser.h>

#include "cwmp-error.h"
#include "cwmp-soap-message.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv);
int
LLVMFuzzerTestOneInput(const guint8 *data, gsize size);

/* libxml2 must stay quiet: the parser reports through GError */
static void
cwmp_soap_fuzz_silent(void *ctx, const char *msg, ...)
{
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, cwmp_soap_fuzz_silent);
	return 0;
}

int
LLVMFuzzerTestOneInput(const guint8 *data, gsize size)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpSoapMessage) partial = NULL;
	g_autoptr(CwmpSoapMessage) msg = NULL;
	CwmpSoapParseOptions opts = {.max_size = 64 * 1024};

	msg = cwmp_soap_message_parse((const gchar *) data, size, &opts, &partial, &error);
	if (msg == NULL) {
		/* every failure is a CWMP fault the CPE can answer with */
		g_assert_nonnull(error);
		g_assert_true(error->domain == CWMP_FAULT);
		return 0;
	}
	g_assert_nonnull(msg->rpc);
	/* what parses must serialize again when its version has the method */
	if (cwmp_rpc_method_in_version(msg->rpc->method, msg->version)) {
		g_autoptr(GBytes) bytes = cwmp_soap_message_serialize(msg, &error);
		g_assert_no_error(error);
		g_assert_nonnull(bytes);
	}
	return 0;
}
