/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-error.h"
#include "cwmp-soap-version.h"

static const gchar *const cwmp_soap_version_names[] = {
    [CWMP_SOAP_VERSION_1_0] = "1.0", [CWMP_SOAP_VERSION_1_1] = "1.1",
    [CWMP_SOAP_VERSION_1_2] = "1.2", [CWMP_SOAP_VERSION_1_3] = "1.3",
    [CWMP_SOAP_VERSION_1_4] = "1.4",
};

static const gchar *const cwmp_soap_version_namespaces[] = {
    [CWMP_SOAP_VERSION_1_0] = "urn:dslforum-org:cwmp-1-0",
    [CWMP_SOAP_VERSION_1_1] = "urn:dslforum-org:cwmp-1-1",
    [CWMP_SOAP_VERSION_1_2] = "urn:dslforum-org:cwmp-1-2",
    [CWMP_SOAP_VERSION_1_3] = "urn:dslforum-org:cwmp-1-2",
    [CWMP_SOAP_VERSION_1_4] = "urn:dslforum-org:cwmp-1-2",
};

/**
 * cwmp_soap_version_to_string:
 * @version: a version
 *
 * Returns: "1.0" .. "1.4", or %NULL for an invalid value
 *
 * Since: 1.0
 */
const gchar *
cwmp_soap_version_to_string(CwmpSoapVersion version)
{
	if ((guint) version >= CWMP_SOAP_VERSION_LAST)
		return NULL;
	return cwmp_soap_version_names[version];
}

/**
 * cwmp_soap_version_from_string:
 * @str: (nullable): a version such as "1.2", surrounding whitespace allowed
 * @version: (out): the version
 *
 * Returns: %TRUE if @str names a version cwmpd knows
 *
 * Since: 1.0
 */
gboolean
cwmp_soap_version_from_string(const gchar *str, CwmpSoapVersion *version)
{
	g_autofree gchar *tmp = NULL;

	if (str == NULL)
		return FALSE;
	tmp = g_strstrip(g_strdup(str));
	for (guint i = 0; i < CWMP_SOAP_VERSION_LAST; i++) {
		if (g_strcmp0(tmp, cwmp_soap_version_names[i]) == 0) {
			*version = (CwmpSoapVersion) i;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * cwmp_soap_version_get_namespace:
 * @version: a version
 *
 * Returns: the XML namespace of the RPC and header elements of @version
 * (1.3 and 1.4 keep the namespace of 1.2), or %NULL for an invalid value
 *
 * Since: 1.0
 */
const gchar *
cwmp_soap_version_get_namespace(CwmpSoapVersion version)
{
	if ((guint) version >= CWMP_SOAP_VERSION_LAST)
		return NULL;
	return cwmp_soap_version_namespaces[version];
}

/**
 * cwmp_soap_version_from_namespace:
 * @ns: (nullable): an XML namespace URI
 * @version: (out): the lowest version using @ns (1.2 for urn:dslforum-org:cwmp-1-2)
 *
 * Returns: %TRUE if @ns is a CWMP namespace
 *
 * Since: 1.0
 */
gboolean
cwmp_soap_version_from_namespace(const gchar *ns, CwmpSoapVersion *version)
{
	if (ns == NULL)
		return FALSE;
	for (guint i = 0; i < CWMP_SOAP_VERSION_LAST; i++) {
		if (g_strcmp0(ns, cwmp_soap_version_namespaces[i]) == 0) {
			*version = (CwmpSoapVersion) i;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * cwmp_soap_version_mask_to_string:
 * @mask: a set of versions
 *
 * Formats the value of the SupportedCWMPVersions header a CPE sends in its
 * Inform (CWMP 1.4): the versions in ascending order, comma separated.
 *
 * Returns: (transfer full): e.g. "1.0,1.1,1.2,1.3,1.4"
 *
 * Since: 1.0
 */
gchar *
cwmp_soap_version_mask_to_string(guint mask)
{
	GString *str = g_string_new(NULL);

	for (guint i = 0; i < CWMP_SOAP_VERSION_LAST; i++) {
		if ((mask & (1u << i)) == 0)
			continue;
		if (str->len > 0)
			g_string_append_c(str, ',');
		g_string_append(str, cwmp_soap_version_names[i]);
	}
	return g_string_free(str, FALSE);
}

/**
 * cwmp_soap_version_mask_from_string:
 * @str: (nullable): a comma-separated list such as "1.0,1.2" (whitespace allowed)
 *
 * Parses a SupportedCWMPVersions value. Unknown versions (e.g. "1.5") are
 * ignored rather than refused, so a newer peer still negotiates.
 *
 * Returns: the set of known versions in @str, 0 if there is none
 *
 * Since: 1.0
 */
guint
cwmp_soap_version_mask_from_string(const gchar *str)
{
	g_auto(GStrv) items = NULL;
	guint mask = 0;

	if (str == NULL)
		return 0;
	items = g_strsplit(str, ",", -1);
	for (guint i = 0; items[i] != NULL; i++) {
		CwmpSoapVersion v;
		if (cwmp_soap_version_from_string(items[i], &v))
			mask |= 1u << v;
	}
	return mask;
}

/**
 * cwmp_soap_version_mask_highest:
 * @mask: a set of versions
 * @version: (out): the highest version in @mask
 *
 * Returns: %FALSE if @mask holds no known version
 *
 * Since: 1.0
 */
gboolean
cwmp_soap_version_mask_highest(guint mask, CwmpSoapVersion *version)
{
	for (gint i = CWMP_SOAP_VERSION_LAST - 1; i >= 0; i--) {
		if (mask & (1u << i)) {
			*version = (CwmpSoapVersion) i;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * cwmp_soap_version_negotiate:
 * @cpe_mask: the versions the CPE supports (what it offered in SupportedCWMPVersions)
 * @answer_version: the version recorded from the namespace of the ACS's answer
 *   (#CwmpSoapMessage.version of the InformResponse or of the fault)
 * @use_cwmp_version: (nullable): the UseCWMPVersion header of that answer
 * @version: (out): the version to use for the rest of the session
 * @error: return location for an error
 *
 * Version negotiation of CWMP 1.4 (TR-069 Amendment 5, section 3.7.1.5
 * and annex on SupportedCWMPVersions): the CPE sends its first Inform in the
 * namespace of its highest version with SupportedCWMPVersions; a 1.4 ACS
 * answers with UseCWMPVersion naming the highest common version, which the
 * CPE must then use. An older ACS sends no such header; the CPE then falls
 * back to the namespace the ACS answered in: the highest version the CPE
 * supports in that namespace, but at most 1.3, since a 1.4 ACS would have
 * sent UseCWMPVersion.
 *
 * Returns: %FALSE with %CWMP_FAULT_REQUEST_DENIED if UseCWMPVersion names a
 * version the CPE does not support, or no common version exists
 *
 * Since: 1.0
 */
gboolean
cwmp_soap_version_negotiate(guint	     cpe_mask,
			    CwmpSoapVersion  answer_version,
			    const gchar	    *use_cwmp_version,
			    CwmpSoapVersion *version,
			    GError	   **error)
{
	const gchar *ns;

	if (use_cwmp_version != NULL) {
		CwmpSoapVersion v;
		if (!cwmp_soap_version_from_string(use_cwmp_version, &v) ||
		    (cpe_mask & (1u << v)) == 0) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
				    "UseCWMPVersion %s is not supported by the CPE",
				    use_cwmp_version);
			return FALSE;
		}
		*version = v;
		return TRUE;
	}
	ns = cwmp_soap_version_get_namespace(answer_version);
	if (ns == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "invalid answer version %d", (gint) answer_version);
		return FALSE;
	}
	for (gint i = CWMP_SOAP_VERSION_1_3; i >= 0; i--) {
		if ((cpe_mask & (1u << i)) == 0)
			continue;
		if (g_strcmp0(cwmp_soap_version_namespaces[i], ns) != 0)
			continue;
		*version = (CwmpSoapVersion) i;
		return TRUE;
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
		    "the ACS answered in %s, which the CPE does not support", ns);
	return FALSE;
}
