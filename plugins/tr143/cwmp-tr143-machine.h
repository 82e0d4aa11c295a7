/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The DiagnosticsState machine every TR-143 diagnostic of the plugin uses
 * (download, upload, UDP echo, ping, traceroute, NSLookup, server selection):
 *
 * - DiagnosticsState=Requested is acted on in the plugin's transaction commit
 *   hook, so the whole SetParameterValues is in place before anything starts,
 *   and the test itself starts with cwmp_host_call_when_idle(), once no ACS
 *   session runs;
 * - a committed change of any other parameter of the object stops a queued
 *   or running test and sets the state to None; Canceled does the same;
 * - the end of a test (cwmp_tr143_machine_finish()) keeps the state and
 *   queues "8 DIAGNOSTICS COMPLETE";
 * - the state and what the module saves live in tr143-<name>.state in the
 *   plugin's state directory; a test queued or running when the agent
 *   stopped comes back as None, and a damaged file is set aside
 *   (cwmp_store_quarantine()) and the module starts from its defaults.
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-private.h"

G_BEGIN_DECLS

/**
 * CwmpTr143MachineFuncs:
 * @save: writes the module's records (any tag but 'S', which is the state)
 * @load: reads one of them back; %FALSE with @error: the file is damaged
 * @reset: the file was damaged: parameters and results back to the defaults
 * @run: starts a test on the main loop and returns at once; the test ends
 *   with cwmp_tr143_machine_finish() and @cancellable. Once @cancellable is
 *   cancelled the owner may be gone: check it before touching the owner.
 *
 * What a module tells the machine, all called with the module's @owner.
 */
typedef struct {
	gboolean (*save)(gpointer owner, CwmpStoreWriter *writer, GError **error);
	gboolean (*load)(gpointer owner, const CwmpStoreRecord *record, GError **error);
	void (*reset)(gpointer owner);
	void (*run)(gpointer owner, GCancellable *cancellable);
} CwmpTr143MachineFuncs;

typedef struct _CwmpTr143Machine CwmpTr143Machine;

CwmpTr143Machine *
cwmp_tr143_machine_new(CwmpTr143Plugin		   *plugin,
		       const gchar		   *name,
		       const gchar		   *path,
		       const CwmpTr143MachineFuncs *funcs,
		       gpointer			    owner);
void
cwmp_tr143_machine_free(CwmpTr143Machine *self);
const gchar *
cwmp_tr143_machine_get_name(CwmpTr143Machine *self);
const gchar *
cwmp_tr143_machine_get_path(CwmpTr143Machine *self);
gpointer
cwmp_tr143_machine_get_owner(CwmpTr143Machine *self);
CwmpTr143Plugin *
cwmp_tr143_machine_get_plugin(CwmpTr143Machine *self);
const gchar *
cwmp_tr143_machine_get_state(CwmpTr143Machine *self);
gboolean
cwmp_tr143_machine_is_running(CwmpTr143Machine *self);

gboolean
cwmp_tr143_machine_load(CwmpTr143Machine *self, GError **error);
gboolean
cwmp_tr143_machine_save(CwmpTr143Machine *self, GError **error);
void
cwmp_tr143_machine_save_or_warn(CwmpTr143Machine *self);

void
cwmp_tr143_machine_set_state(CwmpTr143Machine *self, const gchar *state);
gboolean
cwmp_tr143_machine_validate_state(const gchar *value, GError **error);
gboolean
cwmp_tr143_machine_commit(CwmpTr143Machine *self, const CwmpDmChange *changes, guint n_changes);
void
cwmp_tr143_machine_cancel(CwmpTr143Machine *self);
gboolean
cwmp_tr143_machine_finish(CwmpTr143Machine *self, GCancellable *cancellable, const gchar *state);

G_END_DECLS
