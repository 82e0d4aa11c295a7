/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-soap-message.h"
#include "cwmp-soap-private.h"

G_DEFINE_BOXED_TYPE(CwmpSoapMessage,
		    cwmp_soap_message,
		    cwmp_soap_message_ref,
		    cwmp_soap_message_unref)

/**
 * cwmp_soap_message_new:
 * @version: the version to serialize in
 * @id: (nullable): the cwmp:ID header
 * @rpc: (nullable): the body; a reference is taken; %NULL means %CWMP_RPC_EMPTY
 *
 * Returns: (transfer full): a new message; set further header fields directly
 *
 * Since: 1.0
 */
CwmpSoapMessage *
cwmp_soap_message_new(CwmpSoapVersion version, const gchar *id, CwmpRpc *rpc)
{
	CwmpSoapMessage *self = g_new0(CwmpSoapMessage, 1);

	self->ref_count = 1;
	self->version = version;
	self->version_known = TRUE;
	self->header.id = g_strdup(id);
	self->rpc = rpc != NULL ? cwmp_rpc_ref(rpc) : cwmp_rpc_new(CWMP_RPC_EMPTY);
	return self;
}

/**
 * cwmp_soap_message_ref:
 * @self: a message
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
CwmpSoapMessage *
cwmp_soap_message_ref(CwmpSoapMessage *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	g_atomic_int_inc(&self->ref_count);
	return self;
}

/**
 * cwmp_soap_message_unref:
 * @self: (transfer full): a message
 *
 * Since: 1.0
 */
void
cwmp_soap_message_unref(CwmpSoapMessage *self)
{
	g_return_if_fail(self != NULL);
	if (!g_atomic_int_dec_and_test(&self->ref_count))
		return;
	cwmp_soap_header_clear(&self->header);
	if (self->rpc != NULL)
		cwmp_rpc_unref(self->rpc);
	g_free(self);
}

/**
 * cwmp_soap_message_serialize:
 * @self: a message
 * @error: return location for an error
 *
 * Writes @self as a SOAP envelope that validates against the BBF schema of
 * its version. A %CWMP_RPC_EMPTY message is the empty HTTP body (zero bytes).
 * For a GetParameterValuesResponse of many values use #CwmpSoapWriter
 * directly.
 *
 * Returns: (transfer full): the document, or %NULL if the RPC does not exist
 * in the version (%CWMP_ERROR_INVALID_DATA)
 *
 * Since: 1.0
 */
GBytes *
cwmp_soap_message_serialize(const CwmpSoapMessage *self, GError **error)
{
	g_autoptr(CwmpSoapWriter) w = NULL;

	g_return_val_if_fail(self != NULL && self->rpc != NULL, NULL);
	if (self->rpc->method == CWMP_RPC_EMPTY)
		return g_bytes_new(NULL, 0);
	w = cwmp_soap_writer_new(self->version, &self->header);
	if (!cwmp_soap_writer_write_rpc(w, self->rpc, error))
		return NULL;
	return cwmp_soap_writer_finish(w, error);
}

/* parsing */

typedef struct {
	gboolean doctype;
} CwmpSoapParseState;

/* any DTD could define entities, so the parser is stopped at the DOCTYPE */
static void
cwmp_soap_message_internal_subset(void		*ctx,
				  const xmlChar *name,
				  const xmlChar *external_id,
				  const xmlChar *system_id)
{
	xmlParserCtxtPtr    ctxt = ctx;
	CwmpSoapParseState *state = ctxt->_private;

	state->doctype = TRUE;
	xmlStopParser(ctxt);
}

static void
cwmp_soap_message_entity_decl(void	    *ctx,
			      const xmlChar *name,
			      int	     type,
			      const xmlChar *public_id,
			      const xmlChar *system_id,
			      xmlChar	    *content)
{
	xmlParserCtxtPtr    ctxt = ctx;
	CwmpSoapParseState *state = ctxt->_private;

	state->doctype = TRUE;
	xmlStopParser(ctxt);
}

static gboolean
cwmp_soap_message_check_depth(xmlNode *root, guint max_depth, GError **error)
{
	xmlNode *node = root;
	guint	 depth = 1;

	/* iterative walk: a recursive one could itself overflow the stack */
	while (node != NULL) {
		if (node->type == XML_ELEMENT_NODE && depth > max_depth) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "elements nested deeper than %u levels", max_depth);
			return FALSE;
		}
		if (node->type == XML_ELEMENT_NODE && node->children != NULL) {
			node = node->children;
			depth++;
			continue;
		}
		while (node != NULL && node->next == NULL) {
			node = node->parent;
			depth--;
			if (node == root || depth == 0)
				return TRUE;
		}
		if (node == NULL || node == root)
			return TRUE;
		node = node->next;
	}
	return TRUE;
}

static gboolean
cwmp_soap_message_is_blank(const gchar *data, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isspace(data[i]))
			return FALSE;
	}
	return TRUE;
}

static const gchar *
cwmp_soap_message_node_ns(xmlNode *node)
{
	return node->ns != NULL ? (const gchar *) node->ns->href : NULL;
}

static xmlNode *
cwmp_soap_message_first_element(xmlNode *parent)
{
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
	}
	return NULL;
}

static void
cwmp_soap_message_note_version(CwmpSoapMessage *msg, xmlNode *node)
{
	CwmpSoapVersion v;

	if (msg->version_known)
		return;
	if (cwmp_soap_version_from_namespace(cwmp_soap_message_node_ns(node), &v)) {
		msg->version = v;
		msg->version_known = TRUE;
	}
}

/* a bad element does not stop the walk: the cwmp:ID after it is still read
 * so the fault can echo it; the first error is reported */
static gboolean
cwmp_soap_message_read_header(CwmpSoapMessage *msg, xmlNode *header, GError **error)
{
	g_autoptr(GError) first_error = NULL;

	for (xmlNode *n = header->children; n != NULL; n = n->next) {
		const gchar	 *name = (const gchar *) n->name;
		g_autofree gchar *text = NULL;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		text = cwmp_rpc_xml_text(n, TRUE);
		if (g_strcmp0(name, "ID") == 0) {
			g_free(msg->header.id);
			msg->header.id = g_steal_pointer(&text);
		} else if (g_strcmp0(name, "HoldRequests") == 0) {
			msg->header.has_hold_requests = TRUE;
			msg->header.hold_requests =
			    g_strcmp0(text, "1") == 0 || g_ascii_strcasecmp(text, "true") == 0;
		} else if (g_strcmp0(name, "SessionTimeout") == 0) {
			guint64 v = 0;
			if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT32, &v, NULL)) {
				if (first_error == NULL)
					g_set_error(&first_error, CWMP_FAULT,
						    CWMP_FAULT_INVALID_ARGUMENTS,
						    "header SessionTimeout is not an unsignedInt: "
						    "'%s'",
						    text);
				continue;
			}
			msg->header.session_timeout = (guint) v;
		} else if (g_strcmp0(name, "SupportedCWMPVersions") == 0) {
			g_free(msg->header.supported_cwmp_versions);
			msg->header.supported_cwmp_versions = g_steal_pointer(&text);
		} else if (g_strcmp0(name, "UseCWMPVersion") == 0) {
			g_free(msg->header.use_cwmp_version);
			msg->header.use_cwmp_version = g_steal_pointer(&text);
		} else if (g_strcmp0(name, "NoMoreRequests") == 0) {
			msg->header.no_more_requests =
			    g_strcmp0(text, "1") == 0 || g_ascii_strcasecmp(text, "true") == 0;
		} else {
			continue;
		}
		/* the body's namespace wins, the header's counts if the body has none */
		cwmp_soap_message_note_version(msg, n);
	}
	if (first_error != NULL) {
		g_propagate_error(error, g_steal_pointer(&first_error));
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_soap_message_read_envelope(CwmpSoapMessage *msg,
				xmlNode		*root,
				CwmpSoapVersion	 default_version,
				GError	       **error)
{
	xmlNode	       *header;
	xmlNode	       *body;
	xmlNode	       *method_node;
	CwmpRpcMethod	method;
	const gchar    *ns;
	CwmpSoapVersion v;

	header = cwmp_rpc_xml_child(root, "Header");
	body = cwmp_rpc_xml_child(root, "Body");
	if (body == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "the SOAP envelope has no Body");
		return FALSE;
	}
	method_node = cwmp_soap_message_first_element(body);
	if (method_node != NULL &&
	    cwmp_soap_version_from_namespace(cwmp_soap_message_node_ns(method_node), &v)) {
		msg->version = v;
		msg->version_known = TRUE;
	}
	if (header != NULL && !cwmp_soap_message_read_header(msg, header, error))
		return FALSE;
	if (!msg->version_known)
		msg->version = default_version;

	if (method_node == NULL) {
		msg->rpc = cwmp_rpc_new(CWMP_RPC_EMPTY);
		return TRUE;
	}
	ns = cwmp_soap_message_node_ns(method_node);
	if (g_strcmp0((const gchar *) method_node->name, "Fault") == 0 &&
	    g_strcmp0(ns, CWMP_SOAP_NS_ENVELOPE) == 0) {
		msg->rpc = cwmp_rpc_read_fault(method_node, error);
		return msg->rpc != NULL;
	}
	method = cwmp_rpc_method_from_string((const gchar *) method_node->name);
	if (method == CWMP_RPC_LAST) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_METHOD_NOT_SUPPORTED, "unknown method %s",
			    (const gchar *) method_node->name);
		return FALSE;
	}
	msg->rpc = cwmp_rpc_read_body(method_node, method, error);
	return msg->rpc != NULL;
}

/**
 * cwmp_soap_message_parse:
 * @data: the HTTP body
 * @len: its length
 * @options: (nullable): limits and defaults
 * @partial: (out) (optional) (nullable): on a failure after the envelope was
 *   recognised, the message with its version and header but a %NULL rpc, so
 *   the fault can echo the cwmp:ID and namespace of the request
 * @error: return location for an error
 *
 * Parses a CWMP message tolerantly: any namespace prefixes, default
 * namespaces, the cwmp namespace of any version (recorded in
 * #CwmpSoapMessage.version), RPC child elements in any or no namespace,
 * array items under any element name, missing soap-enc:arrayType, absent
 * xsi:type (%CWMP_TYPE_NONE), whitespace around names, numbers, booleans and
 * times, elements in any order and unknown elements (ignored). An empty or
 * blank body, or an empty soap-env:Body, gives %CWMP_RPC_EMPTY.
 *
 * And safely: no network access, no DTD (a DOCTYPE or entity declaration is
 * refused before anything in it is used, so entities are never substituted),
 * at most @options->max_size bytes and @options->max_depth levels.
 *
 * Every error is in the %CWMP_FAULT domain with the code a CPE answers with:
 * - %CWMP_FAULT_RESOURCES_EXCEEDED (9004): the message is larger than max_size;
 * - %CWMP_FAULT_METHOD_NOT_SUPPORTED (9000): the body names no RPC of
 *   cwmp-1-0..1-4;
 * - %CWMP_FAULT_INVALID_ARGUMENTS (9003): everything else: not well-formed,
 *   DOCTYPE or entity declaration, nesting too deep, no SOAP 1.1 Envelope (or
 *   another envelope namespace), no Body, a required element missing, a
 *   number, boolean or dateTime that does not parse, an Operations element
 *   without a known xsi:type.
 * The message names what was wrong.
 *
 * Returns: (transfer full): the message, or %NULL
 *
 * Since: 1.0
 */
CwmpSoapMessage *
cwmp_soap_message_parse(const gchar		   *data,
			gsize			    len,
			const CwmpSoapParseOptions *options,
			CwmpSoapMessage		  **partial,
			GError			  **error)
{
	gsize		   max_size = CWMP_SOAP_DEFAULT_MAX_SIZE;
	guint		   max_depth = CWMP_SOAP_DEFAULT_MAX_DEPTH;
	CwmpSoapVersion	   default_version = CWMP_SOAP_VERSION_1_0;
	CwmpSoapParseState state = {FALSE};
	g_autoptr(CwmpSoapMessage) msg = NULL;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr	 doc;
	xmlNode		*root;
	gboolean	 ok;

	g_return_val_if_fail(data != NULL || len == 0, NULL);
	if (partial != NULL)
		*partial = NULL;
	if (options != NULL) {
		if (options->max_size > 0)
			max_size = options->max_size;
		if (options->max_depth > 0)
			max_depth = options->max_depth;
		if ((guint) options->default_version < CWMP_SOAP_VERSION_LAST)
			default_version = options->default_version;
	}
	max_size = MIN(max_size, (gsize) G_MAXINT);
	if (len > max_size) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
			    "message of %" G_GSIZE_FORMAT " bytes exceeds the limit of "
			    "%" G_GSIZE_FORMAT " bytes",
			    len, max_size);
		return NULL;
	}

	msg = g_new0(CwmpSoapMessage, 1);
	msg->ref_count = 1;
	msg->version = default_version;
	if (cwmp_soap_message_is_blank(data, len)) {
		msg->rpc = cwmp_rpc_new(CWMP_RPC_EMPTY);
		return g_steal_pointer(&msg);
	}

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "cannot create an XML parser");
		return NULL;
	}
	ctxt->_private = &state;
	ctxt->sax->internalSubset = cwmp_soap_message_internal_subset;
	ctxt->sax->entityDecl = cwmp_soap_message_entity_decl;
	doc = xmlCtxtReadMemory(ctxt, data, (int) len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				    XML_PARSE_NOCDATA);
	if (state.doctype) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "DOCTYPE and entity declarations are not allowed");
		if (doc != NULL)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		const xmlError	 *e = xmlCtxtGetLastError(ctxt);
		g_autofree gchar *msg_text =
		    g_strdup(e != NULL && e->message != NULL ? e->message : "unknown error");
		g_strchomp(msg_text);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "not well-formed XML (line %d): %s", e != NULL ? e->line : 0, msg_text);
		if (doc != NULL)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);

	root = xmlDocGetRootElement(doc);
	if (root == NULL || g_strcmp0((const gchar *) root->name, "Envelope") != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "the document is no SOAP Envelope but %s",
			    root != NULL ? (const gchar *) root->name : "empty");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (g_strcmp0(cwmp_soap_message_node_ns(root), CWMP_SOAP_NS_ENVELOPE) != 0) {
		const gchar *ns = cwmp_soap_message_node_ns(root);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "the Envelope is in namespace %s, not SOAP 1.1 " CWMP_SOAP_NS_ENVELOPE,
			    ns != NULL ? ns : "(none)");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!cwmp_soap_message_check_depth(root, max_depth, error)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	ok = cwmp_soap_message_read_envelope(msg, root, default_version, error);
	xmlFreeDoc(doc);
	if (!ok) {
		if (partial != NULL) {
			g_clear_pointer(&msg->rpc, cwmp_rpc_unref);
			*partial = g_steal_pointer(&msg);
		}
		return NULL;
	}
	return g_steal_pointer(&msg);
}
