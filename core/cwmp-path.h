/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
	CWMP_PATH_SEGMENT_NAME,	    /* "Interface" */
	CWMP_PATH_SEGMENT_INSTANCE, /* "3" */
	CWMP_PATH_SEGMENT_WILDCARD, /* "*" */
	CWMP_PATH_SEGMENT_ALIAS,    /* "[cpe-lan]" */
} CwmpPathSegmentKind;

typedef struct {
	CwmpPathSegmentKind kind;
	guint32		    instance; /* for CWMP_PATH_SEGMENT_INSTANCE */
	const gchar	   *name;     /* NAME: the name; ALIAS: the alias, without brackets */
} CwmpPathSegment;

/**
 * CwmpPath:
 *
 * A parsed parameter or object path. @partial is TRUE when the text ended in
 * a dot (an object path); the empty path parses to zero segments and is
 * partial. Paths longer than 1024 bytes, empty segments, instance numbers of 0
 * or above 2^32-1, and characters outside TR-106's name syntax are refused
 * with CWMP_FAULT_INVALID_PARAMETER_NAME.
 */
typedef struct {
	CwmpPathSegment *segments;
	guint		 n_segments;
	gboolean	 partial;
	gboolean	 has_wildcard;
	gboolean	 has_alias;
	/*< private >*/
	gchar *buffer;
} CwmpPath;

CwmpPath *
cwmp_path_parse(const gchar *text, GError **error);
void
cwmp_path_free(CwmpPath *path);
gboolean
cwmp_path_name_is_valid(const gchar *name);
gboolean
cwmp_path_name_is_vendor(const gchar *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpPath, cwmp_path_free)

G_END_DECLS
