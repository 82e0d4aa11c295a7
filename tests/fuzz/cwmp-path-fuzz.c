/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "cwmp-error.h"
#include "cwmp-path.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a parsed path written back must give the text it came from */
static gchar *
cwmp_path_fuzz_rebuild(const CwmpPath *path)
{
	GString *str = g_string_new(NULL);

	for (guint i = 0; i < path->n_segments; i++) {
		const CwmpPathSegment *segment = &path->segments[i];

		if (i > 0)
			g_string_append_c(str, '.');
		switch (segment->kind) {
		case CWMP_PATH_SEGMENT_NAME:
			if (!cwmp_path_name_is_valid(segment->name))
				abort();
			g_string_append(str, segment->name);
			break;
		case CWMP_PATH_SEGMENT_INSTANCE:
			if (segment->instance == 0)
				abort();
			g_string_append_printf(str, "%u", segment->instance);
			break;
		case CWMP_PATH_SEGMENT_WILDCARD:
			g_string_append_c(str, '*');
			break;
		case CWMP_PATH_SEGMENT_ALIAS:
			g_string_append_printf(str, "[%s]", segment->name);
			break;
		default:
			abort();
		}
	}
	if (path->partial && path->n_segments > 0)
		g_string_append_c(str, '.');
	return g_string_free(str, FALSE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *text = g_strndup((const gchar *) data, size);
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpPath) path = NULL;
	g_autofree gchar *rebuilt = NULL;

	(void) cwmp_path_name_is_valid(text);
	(void) cwmp_path_name_is_vendor(text);

	path = cwmp_path_parse(text, &error);
	if (path == NULL) {
		if (!g_error_matches(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME))
			abort();
		return 0;
	}
	if (error != NULL)
		abort();
	rebuilt = cwmp_path_fuzz_rebuild(path);
	if (g_strcmp0(rebuilt, text) != 0)
		abort();
	return 0;
}
