/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

#include "cwmp-rpc.h"
#include "cwmp-soap-header.h"
#include "cwmp-soap-version.h"

G_BEGIN_DECLS

/**
 * CwmpSoapWriter:
 *
 * Writes one CWMP SOAP envelope with libxml2's xmlTextWriter straight into a
 * growing buffer, the only copy of the document. Use it through
 * cwmp_soap_message_serialize() for ordinary messages, or directly for a
 * GetParameterValuesResponse of any size:
 *
 * |[<!-- language="C" -->
 * g_autoptr(CwmpSoapWriter) w = cwmp_soap_writer_new(version, &header);
 * cwmp_soap_writer_begin_parameter_values(w);
 * for (...)
 *         cwmp_soap_writer_add_parameter_value(w, path, value, type);
 * bytes = cwmp_soap_writer_finish(w, &error);
 * ]|
 *
 * The arrayType count of the ParameterList is patched in place at the end,
 * so the values never exist as a list, a tree and a text at the same time.
 * The output is what the BBF schema of @version accepts: the namespace of the
 * version, soap-enc:arrayType on every array, xsi:type on every Value,
 * mustUnderstand on cwmp:ID.
 *
 * Since: 1.0
 */
typedef struct _CwmpSoapWriter CwmpSoapWriter;

CwmpSoapWriter *
cwmp_soap_writer_new(CwmpSoapVersion version, const CwmpSoapHeader *header);
void
cwmp_soap_writer_free(CwmpSoapWriter *self);
gboolean
cwmp_soap_writer_write_rpc(CwmpSoapWriter *self, const CwmpRpc *rpc, GError **error);
void
cwmp_soap_writer_begin_parameter_values(CwmpSoapWriter *self);
void
cwmp_soap_writer_add_parameter_value(CwmpSoapWriter *self,
				     const gchar    *name,
				     const gchar    *value,
				     CwmpType	     type);
guint
cwmp_soap_writer_get_n_values(CwmpSoapWriter *self);
GBytes *
cwmp_soap_writer_finish(CwmpSoapWriter *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpSoapWriter, cwmp_soap_writer_free)

G_END_DECLS
