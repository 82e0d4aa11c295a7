/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "cwmp-error.h"
#include "cwmp-value.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const gchar *const cwmp_value_fuzz_patterns[] = {
    "^(?:)$",
    "^(?:([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f]))$",
    NULL,
};
static const gchar *const    cwmp_value_fuzz_enums[] = {"None", "Requested", "Complete", NULL};
static const CwmpSchemaRange cwmp_value_fuzz_ranges[] = {
    {.min = -10,
     .max = -5,
     .umin = 1,
     .umax = 100,
     .dmin = -1.5,
     .dmax = 2.5,
     .has_min = 1,
     .has_max = 1},
    {.min = 0, .umin = 1000, .dmin = 10, .step = 5, .has_min = 1},
};

static const gchar *const cwmp_value_fuzz_named_types[] = {
    "IPAddress",  "IPv4Address", "IPv6Address", "IPPrefix", "IPv4Prefix", "IPv6Prefix",
    "MACAddress", "URL",	 "Alias",	"UUID",	    NULL,
};

/* hand-made parameters covering every facet */
static const CwmpSchemaParam cwmp_value_fuzz_params[] = {
    {.type = CWMP_TYPE_STRING,
     .min_length = 1,
     .max_length = 17,
     .patterns = cwmp_value_fuzz_patterns,
     .data_type = "MACAddress"},
    {.type = CWMP_TYPE_STRING, .enumerations = cwmp_value_fuzz_enums},
    {.type = CWMP_TYPE_STRING,
     .max_length = 45,
     .data_type = "IPAddress",
     .flags = CWMP_SCHEMA_PARAM_FLAG_LIST,
     .list_max_items = 4,
     .list_max_length = 64},
    {.type = CWMP_TYPE_STRING, .data_type = "IPPrefix"},
    {.type = CWMP_TYPE_STRING, .data_type = "URL", .max_length = 2048},
    {.type = CWMP_TYPE_STRING, .data_type = "Alias", .max_length = 64},
    {.type = CWMP_TYPE_STRING, .data_type = "UUID"},
    {.type = CWMP_TYPE_INT, .ranges = cwmp_value_fuzz_ranges, .n_ranges = 2},
    {.type = CWMP_TYPE_LONG, .ranges = cwmp_value_fuzz_ranges, .n_ranges = 2},
    {.type = CWMP_TYPE_UNSIGNED_INT,
     .ranges = cwmp_value_fuzz_ranges,
     .n_ranges = 2,
     .flags = CWMP_SCHEMA_PARAM_FLAG_LIST,
     .list_min_items = 1},
    {.type = CWMP_TYPE_UNSIGNED_LONG, .ranges = cwmp_value_fuzz_ranges, .n_ranges = 1},
    {.type = CWMP_TYPE_DECIMAL, .ranges = cwmp_value_fuzz_ranges, .n_ranges = 2},
    {.type = CWMP_TYPE_BOOLEAN},
    {.type = CWMP_TYPE_DATE_TIME},
    {.type = CWMP_TYPE_BASE64, .max_length = 16},
    {.type = CWMP_TYPE_HEX_BINARY, .min_length = 1, .max_length = 8},
};

static void
cwmp_value_fuzz_parsers(const gchar *text)
{
	gint32	 i32;
	guint32	 u32;
	gint64	 i64;
	guint64	 u64;
	gboolean b;
	gdouble	 d;
	g_autoptr(GDateTime) dt = NULL;
	g_autoptr(GBytes) b64 = NULL;
	g_autoptr(GBytes) hex = NULL;

	/* whatever parses must survive a trip through its formatter */
	if (cwmp_value_parse_int(text, &i32, NULL)) {
		g_autofree gchar *str = cwmp_value_format_int(i32);
		gint32		  again;
		if (!cwmp_value_parse_int(str, &again, NULL) || again != i32)
			abort();
	}
	if (cwmp_value_parse_unsigned_int(text, &u32, NULL)) {
		g_autofree gchar *str = cwmp_value_format_unsigned_int(u32);
		guint32		  again;
		if (!cwmp_value_parse_unsigned_int(str, &again, NULL) || again != u32)
			abort();
	}
	if (cwmp_value_parse_long(text, &i64, NULL)) {
		g_autofree gchar *str = cwmp_value_format_long(i64);
		gint64		  again;
		if (!cwmp_value_parse_long(str, &again, NULL) || again != i64)
			abort();
	}
	if (cwmp_value_parse_unsigned_long(text, &u64, NULL)) {
		g_autofree gchar *str = cwmp_value_format_unsigned_long(u64);
		guint64		  again;
		if (!cwmp_value_parse_unsigned_long(str, &again, NULL) || again != u64)
			abort();
	}
	if (cwmp_value_parse_boolean(text, &b, NULL)) {
		gboolean again;
		if (!cwmp_value_parse_boolean(cwmp_value_format_boolean(b), &again, NULL) ||
		    again != b)
			abort();
	}
	(void) cwmp_value_parse_decimal(text, &d, NULL);
	dt = cwmp_value_parse_date_time(text, NULL);
	if (dt != NULL) {
		g_autofree gchar *str = cwmp_value_format_date_time(dt);
		g_autoptr(GDateTime) again = cwmp_value_parse_date_time(str, NULL);
		if (again == NULL || !g_date_time_equal(again, dt))
			abort();
	}
	b64 = cwmp_value_parse_base64(text, NULL);
	if (b64 != NULL) {
		g_autofree gchar *str = cwmp_value_format_base64(b64);
		g_autoptr(GBytes) again = cwmp_value_parse_base64(str, NULL);
		if (again == NULL || !g_bytes_equal(again, b64))
			abort();
	}
	hex = cwmp_value_parse_hex_binary(text, NULL);
	if (hex != NULL) {
		g_autofree gchar *str = cwmp_value_format_hex_binary(hex);
		g_autoptr(GBytes) again = cwmp_value_parse_hex_binary(str, NULL);
		if (again == NULL || !g_bytes_equal(again, hex))
			abort();
	}
}

static void
cwmp_value_fuzz_params_check(const gchar *text)
{
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_value_fuzz_params); i++) {
		const CwmpSchemaParam *param = &cwmp_value_fuzz_params[i];
		g_autoptr(GError) error = NULL;
		g_autofree gchar *normalized = NULL;
		g_autofree gchar *twice = NULL;
		gboolean	  valid = cwmp_value_validate(param, text, &error);

		if (!valid) {
			if (error == NULL || error->domain != CWMP_FAULT ||
			    (error->code != CWMP_FAULT_INVALID_PARAMETER_TYPE &&
			     error->code != CWMP_FAULT_INVALID_PARAMETER_VALUE))
				abort();
			continue;
		}
		/* a valid value normalises to a valid value that stays put */
		normalized = cwmp_value_normalize(param, text, NULL);
		if (normalized == NULL)
			abort();
		twice = cwmp_value_normalize(param, normalized, NULL);
		if (twice == NULL || g_strcmp0(twice, normalized) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *text = NULL;

	/* values beyond a few kB tell nothing new and slow the run down */
	if (size > 4096)
		return 0;
	text = g_strndup((const gchar *) data, size);
	cwmp_value_fuzz_parsers(text);
	for (guint type = CWMP_TYPE_STRING; type < CWMP_TYPE_LAST; type++)
		(void) cwmp_value_check_type((CwmpType) type, text, NULL);
	cwmp_value_fuzz_params_check(text);
	for (guint i = 0; cwmp_value_fuzz_named_types[i] != NULL; i++)
		(void) cwmp_value_validate_named_type(cwmp_value_fuzz_named_types[i], text, NULL);
	return 0;
}
