/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

#include "cwmp-schema.h"

G_BEGIN_DECLS

/*
 * Values travel as strings in their CWMP wire form. These functions parse a
 * wire string into a C value, format a C value exactly as CWMP puts it on the
 * wire, and validate a string against a parameter's type and facets.
 *
 * Errors are in the CWMP_FAULT domain: 9006 when the text is not of the base
 * type at all (or the declared xsi type differs), 9007 when it is of the type
 * but breaks a facet (range, size, enumeration, pattern, named data type).
 */

gboolean
cwmp_value_parse_int(const gchar *text, gint32 *out, GError **error);
gboolean
cwmp_value_parse_unsigned_int(const gchar *text, guint32 *out, GError **error);
gboolean
cwmp_value_parse_long(const gchar *text, gint64 *out, GError **error);
gboolean
cwmp_value_parse_unsigned_long(const gchar *text, guint64 *out, GError **error);
gboolean
cwmp_value_parse_boolean(const gchar *text, gboolean *out, GError **error);
gboolean
cwmp_value_parse_decimal(const gchar *text, gdouble *out, GError **error);
GDateTime *
cwmp_value_parse_date_time(const gchar *text, GError **error);
GBytes *
cwmp_value_parse_base64(const gchar *text, GError **error);
GBytes *
cwmp_value_parse_hex_binary(const gchar *text, GError **error);

gchar *
cwmp_value_format_int(gint32 value);
gchar *
cwmp_value_format_unsigned_int(guint32 value);
gchar *
cwmp_value_format_long(gint64 value);
gchar *
cwmp_value_format_unsigned_long(guint64 value);
const gchar *
cwmp_value_format_boolean(gboolean value);
gchar *
cwmp_value_format_date_time(GDateTime *value);
gchar *
cwmp_value_format_base64(GBytes *value);
gchar *
cwmp_value_format_hex_binary(GBytes *value);

gboolean
cwmp_value_check_type(CwmpType type, const gchar *text, GError **error);
gchar *
cwmp_value_normalize(const CwmpSchemaParam *param, const gchar *text, GError **error);
gboolean
cwmp_value_validate(const CwmpSchemaParam *param, const gchar *text, GError **error);
gboolean
cwmp_value_validate_named_type(const gchar *data_type, const gchar *text, GError **error);
const gchar *
cwmp_value_get_default(CwmpType type);

G_END_DECLS
