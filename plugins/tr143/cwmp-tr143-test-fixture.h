/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * shared by the tests of the tr143 plugin: the data model reads and writes
 * every test does, waiting for a diagnostic, spinning the main loop, and the
 * fixture of the loopback tests (HTTP, UDP echo): a subset of the modules in
 * a data model of their own, with a stand-in Device.IP.Interface.{i}. table
 * whose one row "lo" is named "lo", and a host that counts the events
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-config.h"
#include "cwmp-dm-txn.h"
#include "cwmp-tr143-private.h"
#include "cwmp-tr143-test-nginx.h"

G_BEGIN_DECLS

#define CWMP_TR143_TEST_WAIT_MS 120000

/**
 * CwmpTr143TestFixture:
 * @directory: the state directory, kept across a stop and start
 * @modules: the modules under test, %NULL-terminated
 * @events: how many "8 DIAGNOSTICS COMPLETE" the plugin queued
 */
typedef struct {
	gchar			     *directory;
	const CwmpTr143Module *const *modules;
	CwmpConfig		     *config;
	CwmpDm			     *dm;
	CwmpStore		     *store;
	CwmpHost		     *host;
	CwmpPluginContext	     *ctx;
	CwmpTr143Plugin		     *plugin;
	guint			      events;
} CwmpTr143TestFixture;

void
cwmp_tr143_test_fixture_setup(CwmpTr143TestFixture	   *fx,
			      const CwmpTr143Module *const *modules,
			      const gchar		   *name);
void
cwmp_tr143_test_fixture_teardown(CwmpTr143TestFixture *fx);
void
cwmp_tr143_test_fixture_start(CwmpTr143TestFixture *fx, guint timeout_ms);
void
cwmp_tr143_test_fixture_stop(CwmpTr143TestFixture *fx);
gint
cwmp_tr143_test_fixture_set(CwmpTr143TestFixture *fx, ...) G_GNUC_NULL_TERMINATED;
gchar *
cwmp_tr143_test_fixture_wait(CwmpTr143TestFixture *fx, const gchar *object);

/* for every tr143 test */
gchar *
cwmp_tr143_test_get(CwmpDm *dm, const gchar *path);
guint64
cwmp_tr143_test_get_uint(CwmpDm *dm, const gchar *path);
gint64
cwmp_tr143_test_get_time(CwmpDm *dm, const gchar *path);
gchar *
cwmp_tr143_test_wait_state(CwmpDm *dm, const gchar *object, guint timeout_ms);
void
cwmp_tr143_test_spin(guint ms);
gboolean
cwmp_tr143_test_run(const gchar *format, ...) G_GNUC_PRINTF(1, 2);
void
cwmp_tr143_test_damage_state(const gchar *directory, const gchar *name);
gboolean
cwmp_tr143_test_state_set_aside(const gchar *directory, const gchar *name);

G_END_DECLS
