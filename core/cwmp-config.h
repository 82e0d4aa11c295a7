/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * CwmpConfig is cwmpd.conf (GKeyFile syntax) merged with the drop-ins of its
 * conf.d/ folder, applied in name order. Every group and key is declared in a
 * table in cwmp-config.c with its type and limits; an unknown group or key, a
 * value of the wrong type or out of range is refused with "FILE:LINE: ..."
 * (CWMP_ERROR_CONFIG), and every error of a file is reported, not just the
 * first.
 */

#define CWMP_TYPE_CONFIG (cwmp_config_get_type())
G_DECLARE_FINAL_TYPE(CwmpConfig, cwmp_config, CWMP, CONFIG, GObject)

CwmpConfig *
cwmp_config_new(void);
gboolean
cwmp_config_load_file(CwmpConfig *self, const gchar *filename, GError **error);
gboolean
cwmp_config_load_data(CwmpConfig *self, const gchar *name, const gchar *data, GError **error);
gboolean
cwmp_config_load_with_dropins(CwmpConfig *self, const gchar *filename, GError **error);

/* values with the built-in defaults of the key table; never NULL for keys with a default */
gchar *
cwmp_config_get_string(CwmpConfig *self, const gchar *group, const gchar *key);
gint64
cwmp_config_get_integer(CwmpConfig *self, const gchar *group, const gchar *key);
gboolean
cwmp_config_get_boolean(CwmpConfig *self, const gchar *group, const gchar *key);
gchar **
cwmp_config_get_string_list(CwmpConfig *self, const gchar *group, const gchar *key);
gboolean
cwmp_config_has_key(CwmpConfig *self, const gchar *group, const gchar *key);
gboolean
cwmp_config_set_string(CwmpConfig  *self,
		       const gchar *group,
		       const gchar *key,
		       const gchar *value,
		       GError	  **error);
gchar *
cwmp_config_to_data(CwmpConfig *self);
GPtrArray *
cwmp_config_get_sources(CwmpConfig *self);

/* reload: keys are named "group.key" */
gchar **
cwmp_config_list_keys(void);
gboolean
cwmp_config_key_is_runtime(const gchar *name);
gboolean
cwmp_config_key_is_factory_default(const gchar *name);
gchar **
cwmp_config_diff(CwmpConfig *old_config, CwmpConfig *new_config);
gboolean
cwmp_config_copy_key(CwmpConfig *self, CwmpConfig *from, const gchar *name);
void
cwmp_config_copy_overrides(CwmpConfig *self, CwmpConfig *from);
void
cwmp_config_copy_sources(CwmpConfig *self, CwmpConfig *from);

/* cwmpd.conf(5): every key of the table as roff */
gchar *
cwmp_config_keys_to_roff(void);

G_END_DECLS
