/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * shared by the ping, traceroute, NSLookup and server-selection tests: the
 * tr181 and tr143 plugins in one data model, a host that records the events
 * the plugin queues, and SetParameterValues of several parameters at once
 */

#pragma once

#include "cwmpd-plugin.h"

#include "cwmp-config.h"
#include "cwmp-dm-txn.h"

G_BEGIN_DECLS

typedef struct {
	gchar		  *directory;
	CwmpConfig	  *config;
	CwmpDm		  *dm;
	CwmpStore	  *store;
	CwmpHost	  *host;
	CwmpPluginContext *ctx181;
	CwmpPluginContext *ctx143;
	GPtrArray	  *events; /* event codes the plugin queued */
} CwmpTr143TestAgent;

void
cwmp_tr143_test_agent_start(CwmpTr143TestAgent *agent, const gchar *directory);
void
cwmp_tr143_test_agent_stop(CwmpTr143TestAgent *agent, gboolean remove_directory);
gchar *
cwmp_tr143_test_agent_get(CwmpTr143TestAgent *agent, const gchar *path);
guint64
cwmp_tr143_test_agent_get_uint(CwmpTr143TestAgent *agent, const gchar *path);
void
cwmp_tr143_test_agent_set(CwmpTr143TestAgent *agent,
			  gint		      expected_fault,
			  ...) G_GNUC_NULL_TERMINATED;
gboolean
cwmp_tr143_test_agent_wait_done(CwmpTr143TestAgent *agent, const gchar *object, guint timeout_ms);
void
cwmp_tr143_test_agent_spin(guint ms);
gint
cwmp_tr143_test_agent_find_interface(CwmpTr143TestAgent *agent, const gchar *ifname);

G_END_DECLS
