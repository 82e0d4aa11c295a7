/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * shared by the tr181 module tests: a private network namespace to build
 * fixtures in, the plugin in a data model, and waiting on the main loop
 */

#pragma once

#include "cwmpd-plugin.h"

#include "cwmp-config.h"
#include "cwmp-dm-txn.h"

G_BEGIN_DECLS

/* how long a change made outside may take to reach the core */
/* issue 5: a change made outside reaches the core within one second; under
 * valgrind (everything 20-50 times slower) the bound is relaxed */
#define CWMP_TR181_TEST_NETNS_TIMEOUT_MS (g_getenv("CWMP_UNDER_VALGRIND") != NULL ? 5000 : 1000)

/* --- the namespace ------------------------------------------------------- */

gboolean
cwmp_tr181_test_netns_enter(void);
gboolean
cwmp_tr181_test_netns_skip(void);
void
cwmp_tr181_test_netns_ip(const gchar *format, ...) G_GNUC_PRINTF(1, 2);
gboolean
cwmp_tr181_test_netns_ip_try(GError **error, const gchar *format, ...) G_GNUC_PRINTF(2, 3);
void
cwmp_tr181_test_netns_add_link(const gchar *ifname);
gchar *
cwmp_tr181_test_netns_read_sysfs(const gchar *ifname, const gchar *attribute);
guint64
cwmp_tr181_test_netns_read_sysfs_uint(const gchar *ifname, const gchar *attribute);

/* --- the main loop ------------------------------------------------------- */

typedef gboolean (*CwmpTr181TestNetnsCondFunc)(gpointer user_data);

gboolean
cwmp_tr181_test_netns_wait(CwmpTr181TestNetnsCondFunc cond, gpointer user_data);
void
cwmp_tr181_test_netns_drain(void);

/* --- the plugin in a data model ------------------------------------------ */

/**
 * CwmpTr181TestAgent:
 * @directory: the state directory (the store)
 * @config: the configuration (tests/cwmpd.conf)
 * @dm: the data model with the tr181 plugin registered, frozen and started
 * @changed: paths the core reported through #CwmpDm::value-changed
 *
 * Start with cwmp_tr181_test_agent_start(), stop with
 * cwmp_tr181_test_agent_stop(); starting again with the same directory is a
 * restart of the agent.
 */
typedef struct {
	gchar		  *directory;
	CwmpConfig	  *config;
	CwmpDm		  *dm;
	CwmpStore	  *store;
	CwmpPluginContext *ctx;
	GHashTable	  *changed;
	gulong		   changed_id;
} CwmpTr181TestAgent;

void
cwmp_tr181_test_agent_start(CwmpTr181TestAgent *agent, const gchar *directory);
void
cwmp_tr181_test_agent_stop(CwmpTr181TestAgent *agent, gboolean remove_directory);
gchar *
cwmp_tr181_test_agent_get(CwmpTr181TestAgent *agent, const gchar *path);
void
cwmp_tr181_test_agent_assert_value(CwmpTr181TestAgent *agent,
				   const gchar	      *path,
				   const gchar	      *expected);
void
cwmp_tr181_test_agent_set(CwmpTr181TestAgent *agent,
			  const gchar	     *path,
			  const gchar	     *value,
			  CwmpType	      type,
			  gint		      expected_fault);
GPtrArray *
cwmp_tr181_test_agent_list_instances(CwmpTr181TestAgent *agent, const gchar *table);
guint32
cwmp_tr181_test_agent_find_instance(CwmpTr181TestAgent *agent,
				    const gchar	       *table,
				    const gchar	       *param,
				    const gchar	       *value);
gboolean
cwmp_tr181_test_agent_wait_instance(CwmpTr181TestAgent *agent,
				    const gchar	       *table,
				    const gchar	       *param,
				    const gchar	       *value,
				    gboolean		present);
void
cwmp_tr181_test_agent_watch(CwmpTr181TestAgent *agent, const gchar *path);
gboolean
cwmp_tr181_test_agent_wait_changed(CwmpTr181TestAgent *agent, const gchar *path);
gboolean
cwmp_tr181_test_has_instance(CwmpDm *dm, const gchar *parent, const gchar *table, const gchar *key);
void
cwmp_tr181_test_rm_rf(const gchar *directory);

G_END_DECLS
