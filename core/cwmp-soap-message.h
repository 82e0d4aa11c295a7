/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-rpc.h"
#include "cwmp-soap-header.h"
#include "cwmp-soap-version.h"

G_BEGIN_DECLS

/**
 * CWMP_SOAP_DEFAULT_MAX_SIZE:
 *
 * The default limit on the size of a message cwmp_soap_message_parse()
 * accepts: 4 MiB.
 *
 * Since: 1.0
 */
#define CWMP_SOAP_DEFAULT_MAX_SIZE (4u * 1024u * 1024u)

/**
 * CWMP_SOAP_DEFAULT_MAX_DEPTH:
 *
 * The default limit on element nesting: 64 (a CWMP message needs at most 7).
 *
 * Since: 1.0
 */
#define CWMP_SOAP_DEFAULT_MAX_DEPTH 64

/**
 * CwmpSoapParseOptions:
 * @max_size: largest accepted message in bytes, 0 for %CWMP_SOAP_DEFAULT_MAX_SIZE
 * @max_depth: deepest accepted element nesting, 0 for %CWMP_SOAP_DEFAULT_MAX_DEPTH
 * @default_version: the version recorded for a message that names no cwmp
 *   namespace (an empty body), usually the session's current version
 *
 * Limits and defaults of cwmp_soap_message_parse(). A zeroed struct (or
 * %NULL) means the defaults and version 1.0.
 *
 * Since: 1.0
 */
typedef struct {
	gsize		max_size;
	guint		max_depth;
	CwmpSoapVersion default_version;
} CwmpSoapParseOptions;

/**
 * CwmpSoapMessage:
 * @version: the CWMP version: for a parsed message the one of the cwmp
 *   namespace the sender used (1.2 for urn:dslforum-org:cwmp-1-2, the lowest
 *   version of a namespace; with UseCWMPVersion the session picks the exact
 *   one, see cwmp_soap_version_negotiate()); for a message to serialize, the
 *   version whose schema the output follows
 * @version_known: %FALSE when the parsed message named no cwmp namespace
 *   (empty message) and @version is the default
 * @header: the SOAP header
 * @rpc: the body; %CWMP_RPC_EMPTY for an empty HTTP body or soap-env:Body;
 *   %NULL only in the partial message handed out by a failed parse
 *
 * One CWMP message. Reference counted; also a boxed type.
 *
 * Since: 1.0
 */
typedef struct {
	CwmpSoapVersion version;
	gboolean	version_known;
	CwmpSoapHeader	header;
	CwmpRpc	       *rpc;
	/*< private >*/
	gint ref_count;
} CwmpSoapMessage;

#define CWMP_TYPE_SOAP_MESSAGE (cwmp_soap_message_get_type())
GType
cwmp_soap_message_get_type(void);

CwmpSoapMessage *
cwmp_soap_message_new(CwmpSoapVersion version, const gchar *id, CwmpRpc *rpc);
CwmpSoapMessage *
cwmp_soap_message_ref(CwmpSoapMessage *self);
void
cwmp_soap_message_unref(CwmpSoapMessage *self);
CwmpSoapMessage *
cwmp_soap_message_parse(const gchar		   *data,
			gsize			    len,
			const CwmpSoapParseOptions *options,
			CwmpSoapMessage		  **partial,
			GError			  **error);
GBytes *
cwmp_soap_message_serialize(const CwmpSoapMessage *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpSoapMessage, cwmp_soap_message_unref)

G_END_DECLS
