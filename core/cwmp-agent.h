/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-config.h"
#include "cwmp-dm.h"
#include "cwmp-engine.h"
#include "cwmp-plugin-loader.h"

G_BEGIN_DECLS

/*
 * CwmpAgent is one managed device: its configuration, its data model with
 * the persistent store "dm.state" in the state directory, and the plugins
 * that implement the data model. The daemon makes one; a load test may make
 * thousands in the same main loop, since nothing here is global.
 *
 * A state file that cannot be read (truncated, damaged, unknown format) is
 * never silently reset: the agent logs a warning naming the file, moves it
 * aside with cwmp_store_quarantine() so it can be examined, and starts from
 * the defaults.
 */

#define CWMP_TYPE_AGENT (cwmp_agent_get_type())
G_DECLARE_FINAL_TYPE(CwmpAgent, cwmp_agent, CWMP, AGENT, GObject)

#define CWMP_AGENT_DM_STORE_NAME "dm.state"
#define CWMP_AGENT_DM_STORE_KIND "dm"

CwmpAgent *
cwmp_agent_new(CwmpConfig *config);
void
cwmp_agent_add_builtin_plugin(CwmpAgent *self, const gchar *name, CwmpPluginGetInfoFunc get_info);
gboolean
cwmp_agent_start(CwmpAgent *self, GError **error);
gboolean
cwmp_agent_start_engine(CwmpAgent *self, GError **error);
gboolean
cwmp_agent_reload(CwmpAgent *self, const gchar *config_file, GStrv *needs_restart, GError **error);

/* process-wide log level ([log] level) and the writer that applies it */
gboolean
cwmp_agent_set_log_level(const gchar *level, GError **error);
const gchar *
cwmp_agent_get_log_level(void);
GLogWriterOutput
cwmp_agent_log_writer(GLogLevelFlags   log_level,
		      const GLogField *fields,
		      gsize	       n_fields,
		      gpointer	       user_data);
CwmpHost *
cwmp_agent_get_host(CwmpAgent *self);
CwmpEngine *
cwmp_agent_get_engine(CwmpAgent *self);
void
cwmp_agent_stop(CwmpAgent *self);
gboolean
cwmp_agent_is_started(CwmpAgent *self);

CwmpConfig *
cwmp_agent_get_config(CwmpAgent *self);
CwmpDm *
cwmp_agent_get_dm(CwmpAgent *self);
CwmpPluginLoader *
cwmp_agent_get_plugin_loader(CwmpAgent *self);
const gchar *
cwmp_agent_get_state_directory(CwmpAgent *self);
const gchar *
cwmp_agent_get_quarantined(CwmpAgent *self);

G_END_DECLS
