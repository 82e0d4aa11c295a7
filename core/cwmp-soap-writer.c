/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-soap-private.h"
#include "cwmp-soap-writer.h"

typedef enum {
	CWMP_SOAP_WRITER_STATE_BODY,	 /* inside soap-env:Body, nothing written yet */
	CWMP_SOAP_WRITER_STATE_VALUES,	 /* inside a GetParameterValuesResponse ParameterList */
	CWMP_SOAP_WRITER_STATE_WRITTEN,	 /* the body element is complete */
	CWMP_SOAP_WRITER_STATE_FINISHED, /* the buffer was handed out */
} CwmpSoapWriterState;

/*
 * the arrayType count is written as ten zeros and patched at the end; this is
 * how the placeholder ends in the output, with the attribute's closing quote
 */
#define CWMP_SOAP_WRITER_COUNT_PLACEHOLDER "0000000000]\""

struct _CwmpSoapWriter {
	CwmpSoapVersion	    version;
	CwmpSoapWriterState state;
	GString		   *buf;
	xmlTextWriterPtr    w;
	gsize		    count_offset;
	guint		    n_values;
};

static int
cwmp_soap_writer_io_write(void *context, const char *buffer, int len)
{
	CwmpSoapWriter *self = context;
	g_string_append_len(self->buf, buffer, len);
	return len;
}

static int
cwmp_soap_writer_io_close(void *context)
{
	return 0;
}

xmlTextWriterPtr
cwmp_soap_writer_get_xml_writer(CwmpSoapWriter *self)
{
	return self->w;
}

static void
cwmp_soap_writer_header_element(CwmpSoapWriter *self,
				const gchar    *name,
				const gchar    *must_understand,
				const gchar    *text)
{
	g_autofree gchar *element = g_strdup_printf("cwmp:%s", name);

	xmlTextWriterStartElement(self->w, (const xmlChar *) element);
	if (must_understand != NULL)
		xmlTextWriterWriteAttribute(self->w,
					    (const xmlChar *) CWMP_SOAP_PREFIX_ENV ":mustUnderstan"
										   "d",
					    (const xmlChar *) must_understand);
	cwmp_rpc_write_text(self->w, text);
	xmlTextWriterFullEndElement(self->w);
}

static gboolean
cwmp_soap_writer_header_is_empty(CwmpSoapVersion version, const CwmpSoapHeader *h)
{
	if (h == NULL)
		return TRUE;
	if (h->id != NULL || h->has_hold_requests)
		return FALSE;
	if (version >= CWMP_SOAP_VERSION_1_3 && h->session_timeout > 0)
		return FALSE;
	if (version >= CWMP_SOAP_VERSION_1_4 &&
	    (h->supported_cwmp_versions != NULL || h->use_cwmp_version != NULL))
		return FALSE;
	if (version == CWMP_SOAP_VERSION_1_0 && h->no_more_requests)
		return FALSE;
	return TRUE;
}

/**
 * cwmp_soap_writer_new:
 * @version: the CWMP version of the message
 * @header: (nullable): the SOAP header; fields the version lacks are left out
 *
 * Starts a message: XML declaration, soap-env:Envelope with the namespace
 * declarations, the header and the opening soap-env:Body.
 *
 * Returns: (transfer full): a new writer
 *
 * Since: 1.0
 */
CwmpSoapWriter *
cwmp_soap_writer_new(CwmpSoapVersion version, const CwmpSoapHeader *header)
{
	CwmpSoapWriter	  *self;
	xmlOutputBufferPtr out;

	g_return_val_if_fail((guint) version < CWMP_SOAP_VERSION_LAST, NULL);
	self = g_new0(CwmpSoapWriter, 1);
	self->version = version;
	self->buf = g_string_sized_new(1024);
	out = xmlOutputBufferCreateIO(cwmp_soap_writer_io_write, cwmp_soap_writer_io_close, self,
				      NULL);
	self->w = xmlNewTextWriter(out);
	xmlTextWriterSetIndent(self->w, 1);
	xmlTextWriterSetIndentString(self->w, (const xmlChar *) "  ");
	xmlTextWriterStartDocument(self->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElement(self->w, (const xmlChar *) CWMP_SOAP_PREFIX_ENV ":Envelope");
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) "xmlns:" CWMP_SOAP_PREFIX_ENV,
				    (const xmlChar *) CWMP_SOAP_NS_ENVELOPE);
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) "xmlns:" CWMP_SOAP_PREFIX_ENC,
				    (const xmlChar *) CWMP_SOAP_NS_ENCODING);
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) "xmlns:xsd",
				    (const xmlChar *) CWMP_SOAP_NS_XSD);
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) "xmlns:xsi",
				    (const xmlChar *) CWMP_SOAP_NS_XSI);
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) "xmlns:cwmp",
				    (const xmlChar *) cwmp_soap_version_get_namespace(version));
	if (!cwmp_soap_writer_header_is_empty(version, header)) {
		xmlTextWriterStartElement(self->w, (const xmlChar *) CWMP_SOAP_PREFIX_ENV ":Heade"
											  "r");
		if (header->id != NULL)
			cwmp_soap_writer_header_element(self, "ID", "1", header->id);
		if (header->has_hold_requests)
			cwmp_soap_writer_header_element(self, "HoldRequests", "1",
							header->hold_requests ? "true" : "false");
		if (version >= CWMP_SOAP_VERSION_1_3 && header->session_timeout > 0) {
			g_autofree gchar *text = g_strdup_printf("%u", header->session_timeout);
			cwmp_soap_writer_header_element(self, "SessionTimeout", "0", text);
		}
		if (version >= CWMP_SOAP_VERSION_1_4 && header->supported_cwmp_versions != NULL)
			cwmp_soap_writer_header_element(self, "SupportedCWMPVersions", "0",
							header->supported_cwmp_versions);
		if (version >= CWMP_SOAP_VERSION_1_4 && header->use_cwmp_version != NULL)
			cwmp_soap_writer_header_element(self, "UseCWMPVersion", "1",
							header->use_cwmp_version);
		if (version == CWMP_SOAP_VERSION_1_0 && header->no_more_requests)
			cwmp_soap_writer_header_element(self, "NoMoreRequests", NULL, "1");
		xmlTextWriterEndElement(self->w);
	}
	xmlTextWriterStartElement(self->w, (const xmlChar *) CWMP_SOAP_PREFIX_ENV ":Body");
	return self;
}

/**
 * cwmp_soap_writer_free:
 * @self: (nullable): a writer
 *
 * Frees the writer and, unless cwmp_soap_writer_finish() handed it out, the
 * buffer.
 *
 * Since: 1.0
 */
void
cwmp_soap_writer_free(CwmpSoapWriter *self)
{
	if (self == NULL)
		return;
	if (self->w != NULL)
		xmlFreeTextWriter(self->w);
	if (self->buf != NULL)
		g_string_free(self->buf, TRUE);
	g_free(self);
}

/**
 * cwmp_soap_writer_write_rpc:
 * @self: a writer to which no body was written yet
 * @rpc: the body
 * @error: return location for an error
 *
 * Writes @rpc as the body of the message. %CWMP_RPC_EMPTY writes an empty
 * soap-env:Body.
 *
 * Returns: %FALSE with %CWMP_ERROR_INVALID_DATA if @rpc does not exist in the
 * writer's version (e.g. ChangeDUState in 1.0)
 *
 * Since: 1.0
 */
gboolean
cwmp_soap_writer_write_rpc(CwmpSoapWriter *self, const CwmpRpc *rpc, GError **error)
{
	g_return_val_if_fail(self != NULL && rpc != NULL, FALSE);
	g_return_val_if_fail(self->state == CWMP_SOAP_WRITER_STATE_BODY, FALSE);

	if (!cwmp_rpc_method_in_version(rpc->method, self->version)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "%s does not exist in CWMP %s", cwmp_rpc_method_to_string(rpc->method),
			    cwmp_soap_version_to_string(self->version));
		return FALSE;
	}
	if (!cwmp_rpc_write_body(rpc, self->w, error))
		return FALSE;
	self->state = CWMP_SOAP_WRITER_STATE_WRITTEN;
	return TRUE;
}

/**
 * cwmp_soap_writer_begin_parameter_values:
 * @self: a writer to which no body was written yet
 *
 * Opens a GetParameterValuesResponse and its ParameterList; append the values
 * with cwmp_soap_writer_add_parameter_value() and close with
 * cwmp_soap_writer_finish().
 *
 * Since: 1.0
 */
void
cwmp_soap_writer_begin_parameter_values(CwmpSoapWriter *self)
{
	g_return_if_fail(self != NULL);
	g_return_if_fail(self->state == CWMP_SOAP_WRITER_STATE_BODY);

	xmlTextWriterStartElement(self->w, (const xmlChar *) "cwmp:GetParameterValuesResponse");
	xmlTextWriterStartElement(self->w, (const xmlChar *) "ParameterList");
	xmlTextWriterWriteAttribute(self->w, (const xmlChar *) CWMP_SOAP_PREFIX_ENC ":arrayType",
				    (const xmlChar *) "cwmp:ParameterValueStruct[0000000000]");
	/* the attribute is in the buffer once flushed, its end is the buffer's end */
	xmlTextWriterFlush(self->w);
	self->count_offset = self->buf->len - strlen(CWMP_SOAP_WRITER_COUNT_PLACEHOLDER) + 1;
	g_warn_if_fail(memcmp(self->buf->str + self->count_offset - 1,
			      CWMP_SOAP_WRITER_COUNT_PLACEHOLDER,
			      strlen(CWMP_SOAP_WRITER_COUNT_PLACEHOLDER)) == 0);
	self->state = CWMP_SOAP_WRITER_STATE_VALUES;
}

/**
 * cwmp_soap_writer_add_parameter_value:
 * @self: a writer after cwmp_soap_writer_begin_parameter_values()
 * @name: the parameter path
 * @value: (nullable): its value (%NULL is the empty string)
 * @type: its type, written as xsi:type (%CWMP_TYPE_NONE as xsd:string)
 *
 * Appends one ParameterValueStruct.
 *
 * Since: 1.0
 */
void
cwmp_soap_writer_add_parameter_value(CwmpSoapWriter *self,
				     const gchar    *name,
				     const gchar    *value,
				     CwmpType	     type)
{
	g_return_if_fail(self != NULL && name != NULL);
	g_return_if_fail(self->state == CWMP_SOAP_WRITER_STATE_VALUES);

	cwmp_rpc_write_param_value(self->w, name, value, type);
	self->n_values++;
}

/**
 * cwmp_soap_writer_get_n_values:
 * @self: a writer
 *
 * Returns: the number of values added so far
 *
 * Since: 1.0
 */
guint
cwmp_soap_writer_get_n_values(CwmpSoapWriter *self)
{
	g_return_val_if_fail(self != NULL, 0);
	return self->n_values;
}

/**
 * cwmp_soap_writer_finish:
 * @self: a writer
 * @error: return location for an error
 *
 * Closes every open element and hands out the document. The writer can only
 * be freed afterwards.
 *
 * Returns: (transfer full): the message, or %NULL if libxml2 failed to write
 *
 * Since: 1.0
 */
GBytes *
cwmp_soap_writer_finish(CwmpSoapWriter *self, GError **error)
{
	gint rc;

	g_return_val_if_fail(self != NULL, NULL);
	g_return_val_if_fail(self->state != CWMP_SOAP_WRITER_STATE_FINISHED, NULL);

	if (self->state == CWMP_SOAP_WRITER_STATE_VALUES && self->n_values == 0) {
		/* an empty list keeps an explicit end tag, like every other element */
		xmlTextWriterFullEndElement(self->w);
	}
	rc = xmlTextWriterEndDocument(self->w);
	if (rc >= 0)
		rc = xmlTextWriterFlush(self->w);
	xmlFreeTextWriter(self->w);
	self->w = NULL;
	self->state = CWMP_SOAP_WRITER_STATE_FINISHED;
	if (rc < 0) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_INTERNAL,
				    "libxml2 failed to write the SOAP envelope");
		return NULL;
	}
	if (self->count_offset > 0) {
		gchar count[16];
		gsize n = strlen(CWMP_SOAP_WRITER_COUNT_PLACEHOLDER) - 1;
		gint  len = g_snprintf(count, sizeof(count), "%u]\"", self->n_values);
		/* the rest of the placeholder becomes spaces between attributes */
		memset(self->buf->str + self->count_offset - 1, ' ', n + 1);
		memcpy(self->buf->str + self->count_offset - 1, count, len);
	}
	return g_string_free_to_bytes(g_steal_pointer(&self->buf));
}
