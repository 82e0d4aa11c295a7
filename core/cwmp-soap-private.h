/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "cwmp-rpc.h"
#include "cwmp-soap-writer.h"

G_BEGIN_DECLS

/* shared between the codec files, not part of the SDK */

#define CWMP_SOAP_PREFIX_ENV "soap-env"
#define CWMP_SOAP_PREFIX_ENC "soap-enc"

gboolean
cwmp_rpc_write_body(const CwmpRpc *rpc, xmlTextWriterPtr w, GError **error);
CwmpRpc *
cwmp_rpc_read_body(xmlNode *node, CwmpRpcMethod method, GError **error);
CwmpRpc *
cwmp_rpc_read_fault(xmlNode *node, GError **error);
void
cwmp_rpc_write_text(xmlTextWriterPtr w, const gchar *text);
void
cwmp_rpc_write_param_value(xmlTextWriterPtr w,
			   const gchar	   *name,
			   const gchar	   *value,
			   CwmpType	    type);
CwmpType
cwmp_rpc_type_from_xsi(const gchar *qname);
const gchar *
cwmp_rpc_type_to_xsi(CwmpType type);
xmlNode *
cwmp_rpc_xml_child(xmlNode *parent, const gchar *name);
gchar *
cwmp_rpc_xml_text(xmlNode *node, gboolean trim);

xmlTextWriterPtr
cwmp_soap_writer_get_xml_writer(CwmpSoapWriter *self);

G_END_DECLS
