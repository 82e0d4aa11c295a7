/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* a table printed with aligned columns: a header row, then the rows */
typedef struct _CwmpCtlFormatTable CwmpCtlFormatTable;

CwmpCtlFormatTable *
cwmp_ctl_format_table_new(const gchar *first_header, ...) G_GNUC_NULL_TERMINATED;
void
cwmp_ctl_format_table_add_row(CwmpCtlFormatTable *table,
			      const gchar	 *first_cell,
			      ...) G_GNUC_NULL_TERMINATED;
gchar *
cwmp_ctl_format_table_to_string(CwmpCtlFormatTable *table);
void
cwmp_ctl_format_table_free(CwmpCtlFormatTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpCtlFormatTable, cwmp_ctl_format_table_free)

gchar *
cwmp_ctl_format_escape(const gchar *text);
gchar *
cwmp_ctl_format_time(guint64 usec);
gchar *
cwmp_ctl_format_json(JsonNode *node, gboolean pretty);

gboolean
cwmp_ctl_format_is_type(const gchar *type);
gboolean
cwmp_ctl_format_parse_assignment(const gchar *arg,
				 gchar	    **path,
				 gchar	    **value,
				 gchar	    **type,
				 GError	    **error);
gboolean
cwmp_ctl_format_parse_attributes(const gchar *const *args,
				 gboolean	    *notification_change,
				 guint		    *notification,
				 gboolean	    *access_change,
				 GStrv		    *access_list,
				 GError		   **error);

G_END_DECLS
