/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CwmpSoapHeader:
 * @id: cwmp:ID (always written with mustUnderstand="1"), %NULL if absent
 * @has_hold_requests: whether cwmp:HoldRequests is present
 * @hold_requests: its value (ACS to CPE only; mustUnderstand="1")
 * @session_timeout: cwmp:SessionTimeout in seconds (CWMP 1.3 and later),
 *   0 if absent
 * @supported_cwmp_versions: cwmp:SupportedCWMPVersions, e.g. "1.0,1.1,1.2,1.3,1.4"
 *   (CWMP 1.4, in the CPE's Inform), %NULL if absent
 * @use_cwmp_version: cwmp:UseCWMPVersion, e.g. "1.4" (CWMP 1.4, in the ACS's
 *   InformResponse), %NULL if absent
 * @no_more_requests: cwmp:NoMoreRequests (CWMP 1.0 only, deprecated since)
 *
 * The SOAP header of a CWMP message. Strings are owned. The serializer writes
 * only the headers the message's version has: SessionTimeout from 1.3,
 * SupportedCWMPVersions and UseCWMPVersion from 1.4, NoMoreRequests in 1.0;
 * the parser reads every one of them whatever the version.
 *
 * Since: 1.0
 */
typedef struct {
	gchar	*id;
	gboolean has_hold_requests;
	gboolean hold_requests;
	guint	 session_timeout;
	gchar	*supported_cwmp_versions;
	gchar	*use_cwmp_version;
	gboolean no_more_requests;
} CwmpSoapHeader;

void
cwmp_soap_header_clear(CwmpSoapHeader *self);
void
cwmp_soap_header_copy(CwmpSoapHeader *dest, const CwmpSoapHeader *src);

G_END_DECLS
