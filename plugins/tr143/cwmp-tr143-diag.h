/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The diagnostics kept as text (ping, traceroute, NSLookup, server
 * selection): test parameters, results and the rows of one result table as
 * name-value pairs, the data model callbacks of their objects, and the
 * whole kept in tr143-<name>.state; the DiagnosticsState machine is
 * cwmp-tr143-machine.c, as for every diagnostic.
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-tr143-machine.h"
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
 * @path: the object, "Device.IP.Diagnostics.IPPing." and the like
 * @params: the writable test parameters as name, default pairs, %NULL-terminated
 * @results: the result parameters as name, value-before-any-run pairs, %NULL-terminated
 * @run: starts a test
 * @validate: (nullable): checks a new value of a parameter other than
 *   DiagnosticsState and Interface (which cwmp_tr143_diag_validate_cb() checks)
 */
struct _CwmpTr143DiagDesc {
	const gchar	    *name;
	const gchar	    *path;
	const gchar *const  *params;
	const gchar *const  *results;
	CwmpTr143DiagRunFunc run;
	gboolean (*validate)(CwmpTr143Plugin *plugin,
			     const gchar     *name,
			     const gchar     *value,
			     GError	    **error);
};

CwmpTr143Diag *
cwmp_tr143_diag_new(const CwmpTr143DiagDesc *desc, CwmpTr143Plugin *plugin);
void
cwmp_tr143_diag_free(CwmpTr143Diag *self);
gboolean
cwmp_tr143_diag_load(CwmpTr143Diag *self, GError **error);
const CwmpTr143DiagDesc *
cwmp_tr143_diag_get_desc(CwmpTr143Diag *self);
CwmpTr143Plugin *
cwmp_tr143_diag_get_plugin(CwmpTr143Diag *self);
gchar *
cwmp_tr143_diag_resolve_interface(CwmpTr143Plugin *plugin, const gchar *value, GError **error);

/* the data model callbacks of the object (user data: the plugin) */
gchar *
cwmp_tr143_diag_get_cb(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error);
gboolean
cwmp_tr143_diag_set_cb(CwmpDmObject *object,
		       const gchar  *name,
		       const gchar  *value,
		       gpointer	     user_data,
		       GError	   **error);
gboolean
cwmp_tr143_diag_validate_cb(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error);
gboolean
cwmp_tr143_diag_enumerate_cb(CwmpDmObject	*parent,
			     const gchar	*table,
			     CwmpDmInstanceList *list,
			     gpointer		 user_data,
			     GError	       **error);
gchar *
cwmp_tr143_diag_get_row_cb(CwmpDmObject *object,
			   const gchar	*name,
			   gpointer	 user_data,
			   GError      **error);

/* a writable parameter, a result, a parameter of a row of the result table */
#define CWMP_TR143_DIAG_RW(n)                                                                      \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_diag_get_cb, .set = cwmp_tr143_diag_set_cb,           \
		.validate = cwmp_tr143_diag_validate_cb                                            \
	}
#define CWMP_TR143_DIAG_RO(n)                                                                      \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_diag_get_cb                                           \
	}
#define CWMP_TR143_DIAG_ROW(n)                                                                     \
	{                                                                                          \
		.name = n, .get = cwmp_tr143_diag_get_row_cb                                       \
	}

/* the test side */
gboolean
cwmp_tr143_diag_resolve_ifname(CwmpTr143Diag *self, gchar **ifname);
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
