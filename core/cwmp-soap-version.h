/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CwmpSoapVersion:
 * @CWMP_SOAP_VERSION_1_0: CWMP 1.0, namespace urn:dslforum-org:cwmp-1-0
 * @CWMP_SOAP_VERSION_1_1: CWMP 1.1, namespace urn:dslforum-org:cwmp-1-1
 * @CWMP_SOAP_VERSION_1_2: CWMP 1.2, namespace urn:dslforum-org:cwmp-1-2
 * @CWMP_SOAP_VERSION_1_3: CWMP 1.3, same namespace as 1.2, adds SessionTimeout
 * @CWMP_SOAP_VERSION_1_4: CWMP 1.4, same namespace as 1.2, adds
 *   SupportedCWMPVersions and UseCWMPVersion
 *
 * A CWMP protocol version. The values are ordered, so versions compare with
 * `<`. A set of versions is a bit mask of `1 << version`.
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_SOAP_VERSION_1_0 = 0,
	CWMP_SOAP_VERSION_1_1,
	CWMP_SOAP_VERSION_1_2,
	CWMP_SOAP_VERSION_1_3,
	CWMP_SOAP_VERSION_1_4,
	CWMP_SOAP_VERSION_LAST,
} CwmpSoapVersion;

/**
 * CWMP_SOAP_VERSION_MASK_ALL:
 *
 * The mask of every version cwmpd speaks (1.0 to 1.4).
 *
 * Since: 1.0
 */
#define CWMP_SOAP_VERSION_MASK_ALL ((1u << CWMP_SOAP_VERSION_LAST) - 1)

#define CWMP_SOAP_NS_ENVELOPE "http://schemas.xmlsoap.org/soap/envelope/"
#define CWMP_SOAP_NS_ENCODING "http://schemas.xmlsoap.org/soap/encoding/"
#define CWMP_SOAP_NS_XSD      "http://www.w3.org/2001/XMLSchema"
#define CWMP_SOAP_NS_XSI      "http://www.w3.org/2001/XMLSchema-instance"

const gchar *
cwmp_soap_version_to_string(CwmpSoapVersion version);
gboolean
cwmp_soap_version_from_string(const gchar *str, CwmpSoapVersion *version);
const gchar *
cwmp_soap_version_get_namespace(CwmpSoapVersion version);
gboolean
cwmp_soap_version_from_namespace(const gchar *ns, CwmpSoapVersion *version);
gchar *
cwmp_soap_version_mask_to_string(guint mask);
guint
cwmp_soap_version_mask_from_string(const gchar *str);
gboolean
cwmp_soap_version_mask_highest(guint mask, CwmpSoapVersion *version);
gboolean
cwmp_soap_version_negotiate(guint	     cpe_mask,
			    CwmpSoapVersion  answer_version,
			    const gchar	    *use_cwmp_version,
			    CwmpSoapVersion *version,
			    GError	   **error);

G_END_DECLS
