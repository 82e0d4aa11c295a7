/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The DiagnosticsState machine shared by the ping, traceroute, NSLookup and
 * server-selection modules: test parameters and results kept as text, the
 * request started when no ACS session runs, cancellation when a parameter
 * changes, "8 DIAGNOSTICS COMPLETE" on completion, and the whole state kept
 * in tr143-<name>.state across restarts.
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-private.h"

G_BEGIN_DECLS

typedef struct _CwmpTr143Diag CwmpTr143Diag;

/**
 * CwmpTr143DiagRunFunc:
 * @diag: the diagnostic, its parameters readable with cwmp_tr143_diag_get_param()
 * @cancellable: cancelled when the test must stop; the run ends with
 *   cwmp_tr143_diag_finish() and this cancellable, which is ignored once cancelled
 *
 * Starts the test on the main loop and returns at once.
 */
typedef void (*CwmpTr143DiagRunFunc)(CwmpTr143Diag *diag, GCancellable *cancellable);

/**
 * CwmpTr143DiagDesc:
 * @name: for messages and the state file name (tr143-@name.state)
 * @params: the writable test parameters as name, default pairs, %NULL-terminated
 * @results: the result parameters as name, value-before-any-run pairs, %NULL-terminated
 * @run: starts a test
 */
typedef struct {
	const gchar	    *name;
	const gchar *const  *params;
	const gchar *const  *results;
	CwmpTr143DiagRunFunc run;
} CwmpTr143DiagDesc;

CwmpTr143Diag *
cwmp_tr143_diag_new(const CwmpTr143DiagDesc *desc, CwmpTr143Plugin *plugin);
void
cwmp_tr143_diag_free(CwmpTr143Diag *self);
gboolean
cwmp_tr143_diag_load(CwmpTr143Diag *self, GError **error);
CwmpTr143Plugin *
cwmp_tr143_diag_get_plugin(CwmpTr143Diag *self);
const gchar *
cwmp_tr143_diag_get_state(CwmpTr143Diag *self);
gboolean
cwmp_tr143_diag_is_running(CwmpTr143Diag *self);

/* the data model side */
gchar *
cwmp_tr143_diag_get(CwmpTr143Diag *self, const gchar *name, GError **error);
gboolean
cwmp_tr143_diag_set(CwmpTr143Diag *self, const gchar *name, const gchar *value, GError **error);
gboolean
cwmp_tr143_diag_validate_state(const gchar *value, GError **error);
gboolean
cwmp_tr143_diag_validate_interface(CwmpTr143Plugin *plugin, const gchar *value, GError **error);
gchar *
cwmp_tr143_diag_resolve_interface(CwmpTr143Plugin *plugin, const gchar *value, GError **error);
void
cwmp_tr143_diag_enumerate_rows(CwmpTr143Diag *self, CwmpDmInstanceList *list);
gchar *
cwmp_tr143_diag_get_row_value(CwmpTr143Diag *self,
			      CwmpDmObject  *row,
			      const gchar   *name,
			      GError	   **error);

/* the test side */
const gchar *
cwmp_tr143_diag_get_param(CwmpTr143Diag *self, const gchar *name);
guint
cwmp_tr143_diag_get_param_uint(CwmpTr143Diag *self, const gchar *name);
void
cwmp_tr143_diag_set_result(CwmpTr143Diag *self, const gchar *name, const gchar *value);
void
cwmp_tr143_diag_set_result_uint(CwmpTr143Diag *self, const gchar *name, guint64 value);
guint
cwmp_tr143_diag_add_row(CwmpTr143Diag *self);
void
cwmp_tr143_diag_set_row_value(CwmpTr143Diag *self,
			      guint	     row,
			      const gchar   *name,
			      const gchar   *value);
void
cwmp_tr143_diag_finish(CwmpTr143Diag *self, GCancellable *cancellable, const gchar *state);

G_END_DECLS
