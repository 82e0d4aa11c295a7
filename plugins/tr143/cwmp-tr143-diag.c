/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The diagnostics kept as text: ping, traceroute, NSLookup and server
 * selection. Their parameters, results and result rows are name-value
 * pairs; their DiagnosticsState is a CwmpTr143Machine, so Requested starts
 * the test from the commit of the SetParameterValues, once no ACS session
 * runs, and the results are cleared when it starts.
 *
 * A change of a parameter is written to tr143-<name>.state at once, and a
 * change that cannot be kept (full disk) is refused; the results of the
 * last test are written when it ends, so they survive a restart.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cwmp-tr143-diag.h"

struct _CwmpTr143Diag {
	const CwmpTr143DiagDesc *desc;
	CwmpTr143Plugin		*plugin;
	CwmpTr143Machine	*machine;
	GHashTable		*params;  /* name -> value */
	GHashTable		*results; /* name -> value */
	GPtrArray		*rows;	  /* GHashTable name -> value */
};

static GHashTable *
cwmp_tr143_diag_pairs_new(const gchar *const *pairs)
{
	GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; pairs != NULL && pairs[i] != NULL; i += 2)
		g_hash_table_insert(table, g_strdup(pairs[i]), g_strdup(pairs[i + 1]));
	return table;
}

static void
cwmp_tr143_diag_reset_results(CwmpTr143Diag *self)
{
	g_hash_table_unref(self->results);
	self->results = cwmp_tr143_diag_pairs_new(self->desc->results);
	g_ptr_array_set_size(self->rows, 0);
}

static const CwmpTr143MachineFuncs cwmp_tr143_diag_machine_funcs;

/**
 * cwmp_tr143_diag_new:
 * @desc: (transfer none): static
 * @plugin: the plugin; its context gives the state directory and the host
 */
CwmpTr143Diag *
cwmp_tr143_diag_new(const CwmpTr143DiagDesc *desc, CwmpTr143Plugin *plugin)
{
	CwmpTr143Diag *self = g_new0(CwmpTr143Diag, 1);

	self->desc = desc;
	self->plugin = plugin;
	self->params = cwmp_tr143_diag_pairs_new(desc->params);
	self->results = cwmp_tr143_diag_pairs_new(desc->results);
	self->rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_hash_table_unref);
	self->machine = cwmp_tr143_machine_new(plugin, desc->name, desc->path,
					       &cwmp_tr143_diag_machine_funcs, self);
	return self;
}

void
cwmp_tr143_diag_free(CwmpTr143Diag *self)
{
	if (self == NULL)
		return;
	cwmp_tr143_machine_free(self->machine);
	g_hash_table_unref(self->params);
	g_hash_table_unref(self->results);
	g_ptr_array_unref(self->rows);
	g_free(self);
}

const CwmpTr143DiagDesc *
cwmp_tr143_diag_get_desc(CwmpTr143Diag *self)
{
	return self->desc;
}

CwmpTr143Plugin *
cwmp_tr143_diag_get_plugin(CwmpTr143Diag *self)
{
	return self->plugin;
}

/* --- persistence ---------------------------------------------------------- */

static gboolean
cwmp_tr143_diag_save_cb(gpointer owner, CwmpStoreWriter *writer, GError **error)
{
	CwmpTr143Diag *self = owner;
	GHashTableIter iter;
	gpointer       key, value;

	g_hash_table_iter_init(&iter, self->params);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (!cwmp_store_writer_add2(writer, 'P', key, value, error))
			return FALSE;
	}
	g_hash_table_iter_init(&iter, self->results);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (!cwmp_store_writer_add2(writer, 'R', key, value, error))
			return FALSE;
	}
	for (guint i = 0; i < self->rows->len; i++) {
		g_autofree gchar *index = g_strdup_printf("%u", i + 1);
		g_hash_table_iter_init(&iter, g_ptr_array_index(self->rows, i));
		/* a row with no value yet still counts */
		if (!cwmp_store_writer_add3(writer, 'W', index, "", "", error))
			return FALSE;
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			if (!cwmp_store_writer_add3(writer, 'W', index, key, value, error))
				return FALSE;
		}
	}
	return TRUE;
}

static gboolean
cwmp_tr143_diag_load_cb(gpointer owner, const CwmpStoreRecord *record, GError **error)
{
	CwmpTr143Diag *self = owner;
	guint64	       index = 0;

	switch (record->tag) {
	case 'P':
	case 'R': {
		GHashTable *table = record->tag == 'P' ? self->params : self->results;
		/* a name this version does not know is dropped */
		if (record->n_fields == 2 && g_hash_table_contains(table, record->fields[0])) {
			g_hash_table_insert(table, g_strdup(record->fields[0]),
					    g_strdup(record->fields[1]));
		}
		return TRUE;
	}
	case 'W':
		if (record->n_fields != 3 ||
		    !g_ascii_string_to_unsigned(record->fields[0], 10, 1, 1024, &index, NULL))
			break;
		while (self->rows->len < index) {
			g_ptr_array_add(self->rows, g_hash_table_new_full(g_str_hash, g_str_equal,
									  g_free, g_free));
		}
		if (record->fields[1][0] != '\0') {
			g_hash_table_insert(g_ptr_array_index(self->rows, index - 1),
					    g_strdup(record->fields[1]),
					    g_strdup(record->fields[2]));
		}
		return TRUE;
	default:
		break;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "unexpected record '%c' (%u fields)",
		    record->tag, record->n_fields);
	return FALSE;
}

/* a damaged state file: the defaults */
static void
cwmp_tr143_diag_reset_cb(gpointer owner)
{
	CwmpTr143Diag *self = owner;

	g_hash_table_unref(self->params);
	self->params = cwmp_tr143_diag_pairs_new(self->desc->params);
	cwmp_tr143_diag_reset_results(self);
}

/* a test starts: the results of the last one go */
static void
cwmp_tr143_diag_run_cb(gpointer owner, GCancellable *cancellable)
{
	CwmpTr143Diag *self = owner;

	cwmp_tr143_diag_reset_results(self);
	self->desc->run(self, cancellable);
}

static const CwmpTr143MachineFuncs cwmp_tr143_diag_machine_funcs = {
    .save = cwmp_tr143_diag_save_cb,
    .load = cwmp_tr143_diag_load_cb,
    .reset = cwmp_tr143_diag_reset_cb,
    .run = cwmp_tr143_diag_run_cb,
};

/**
 * cwmp_tr143_diag_load:
 *
 * Reads the state file when there is one. A damaged file is set aside
 * (cwmp_store_quarantine()) and the diagnostic starts from None.
 *
 * Returns: %FALSE only when a damaged file cannot be set aside
 */
gboolean
cwmp_tr143_diag_load(CwmpTr143Diag *self, GError **error)
{
	return cwmp_tr143_machine_load(self->machine, error);
}

/* --- the data model side -------------------------------------------------- */

static CwmpTr143Diag *
cwmp_tr143_diag_lookup(gpointer user_data, CwmpDmObject *object, GError **error)
{
	CwmpTr143Machine *machine = cwmp_tr143_plugin_find_machine(user_data, object);

	if (machine == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "the diagnostic is not started");
		return NULL;
	}
	return cwmp_tr143_machine_get_owner(machine);
}

/* DiagnosticsState, a test parameter or a result of the object */
gchar *
cwmp_tr143_diag_get_cb(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	CwmpTr143Diag *self = cwmp_tr143_diag_lookup(user_data, object, error);
	const gchar   *value;

	if (self == NULL)
		return NULL;
	if (g_strcmp0(name, "DiagnosticsState") == 0)
		return g_strdup(cwmp_tr143_machine_get_state(self->machine));
	value = g_hash_table_lookup(self->params, name);
	if (value == NULL)
		value = g_hash_table_lookup(self->results, name);
	if (value == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: no parameter %s", self->desc->name, name);
		return NULL;
	}
	return g_strdup(value);
}

/**
 * cwmp_tr143_diag_set_cb:
 *
 * The set callback of every writable parameter of the object: the value is
 * kept and written to the state file; the machine acts on the commit. A
 * rollback writes the old value back the same way.
 */
gboolean
cwmp_tr143_diag_set_cb(CwmpDmObject *object,
		       const gchar  *name,
		       const gchar  *value,
		       gpointer	     user_data,
		       GError	   **error)
{
	CwmpTr143Diag *self = cwmp_tr143_diag_lookup(user_data, object, error);
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *old_value = NULL;
	gboolean	  is_state = g_strcmp0(name, "DiagnosticsState") == 0;

	if (self == NULL)
		return FALSE;
	if (is_state) {
		old_value = g_strdup(cwmp_tr143_machine_get_state(self->machine));
		cwmp_tr143_machine_set_state(self->machine, value);
	} else if (g_hash_table_contains(self->params, name)) {
		old_value = g_strdup(g_hash_table_lookup(self->params, name));
		g_hash_table_insert(self->params, g_strdup(name), g_strdup(value));
	} else {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: %s is not writable", self->desc->name, name);
		return FALSE;
	}
	if (!cwmp_tr143_machine_save(self->machine, &error_local)) {
		/* the core does not undo the change that failed: take it back here */
		if (is_state) {
			cwmp_tr143_machine_set_state(self->machine, old_value);
		} else {
			g_hash_table_insert(self->params, g_strdup(name),
					    g_steal_pointer(&old_value));
		}
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "cannot keep the change: %s", error_local->message);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr143_diag_resolve_interface:
 * @value: the Interface parameter: empty, or a path such as Device.IP.Interface.1
 *
 * Reads the Name of the referenced interface from the data model (the tr181
 * plugin serves it).
 *
 * Returns: (transfer full) (nullable): the Linux interface name, %NULL for
 *   empty @value (routing decides) or with @error set (9007)
 */
gchar *
cwmp_tr143_diag_resolve_interface(CwmpTr143Plugin *plugin, const gchar *value, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	gchar *name = cwmp_tr143_util_resolve_interface(plugin, value, &error_local);

	if (error_local != NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE, "%s",
			    error_local->message);
		return NULL;
	}
	return name;
}

/* the validate callback of the writable parameters */
gboolean
cwmp_tr143_diag_validate_cb(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr143Diag *self = cwmp_tr143_diag_lookup(user_data, object, error);

	if (self == NULL)
		return FALSE;
	if (g_strcmp0(name, "DiagnosticsState") == 0)
		return cwmp_tr143_machine_validate_state(value, error);
	if (g_strcmp0(name, "Interface") == 0) {
		g_autoptr(GError) error_local = NULL;
		g_free(cwmp_tr143_diag_resolve_interface(self->plugin, value, &error_local));
		if (error_local != NULL) {
			g_propagate_error(error, g_steal_pointer(&error_local));
			return FALSE;
		}
		return TRUE;
	}
	return self->desc->validate == NULL ||
	       self->desc->validate(self->plugin, name, value, error);
}

/* the enumerate callback of the object's one table: one row per key 1..n */
gboolean
cwmp_tr143_diag_enumerate_cb(CwmpDmObject	*parent,
			     const gchar	*table,
			     CwmpDmInstanceList *list,
			     gpointer		 user_data,
			     GError	       **error)
{
	CwmpTr143Diag *self = cwmp_tr143_diag_lookup(user_data, parent, NULL);

	if (self != NULL)
		cwmp_tr143_util_add_rows(list, self->rows->len);
	return TRUE;
}

gchar *
cwmp_tr143_diag_get_row_cb(CwmpDmObject *object,
			   const gchar	*name,
			   gpointer	 user_data,
			   GError      **error)
{
	CwmpTr143Diag *self = cwmp_tr143_diag_lookup(user_data, object, error);
	guint	       index = cwmp_tr143_util_row_index(object);
	const gchar   *value = NULL;

	if (self == NULL)
		return NULL;
	if (index == 0 || index > self->rows->len) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: the result row is gone", self->desc->name);
		return NULL;
	}
	value = g_hash_table_lookup(g_ptr_array_index(self->rows, index - 1), name);
	return g_strdup(value != NULL ? value : "");
}

/* --- the test side -------------------------------------------------------- */

/**
 * cwmp_tr143_diag_resolve_ifname:
 * @ifname: (out) (transfer full) (nullable): the Linux name of the Interface
 *   parameter, %NULL when it is empty (routing decides)
 *
 * For a test that starts: Interface was checked when it was written, but
 * the interface may have gone since.
 *
 * Returns: %FALSE (and a message) when it did: the test ends with Error_Other
 */
gboolean
cwmp_tr143_diag_resolve_ifname(CwmpTr143Diag *self, gchar **ifname)
{
	g_autoptr(GError) error = NULL;

	*ifname = cwmp_tr143_diag_resolve_interface(
	    self->plugin, cwmp_tr143_diag_get_param(self, "Interface"), &error);
	if (error != NULL) {
		g_info("%s: %s", self->desc->name, error->message);
		return FALSE;
	}
	return TRUE;
}

const gchar *
cwmp_tr143_diag_get_param(CwmpTr143Diag *self, const gchar *name)
{
	const gchar *value = g_hash_table_lookup(self->params, name);
	g_return_val_if_fail(value != NULL, "");
	return value;
}

guint
cwmp_tr143_diag_get_param_uint(CwmpTr143Diag *self, const gchar *name)
{
	guint64 value = 0;
	if (!g_ascii_string_to_unsigned(cwmp_tr143_diag_get_param(self, name), 10, 0, G_MAXUINT,
					&value, NULL))
		return 0;
	return (guint) value;
}

void
cwmp_tr143_diag_set_result(CwmpTr143Diag *self, const gchar *name, const gchar *value)
{
	g_return_if_fail(g_hash_table_contains(self->results, name));
	g_hash_table_insert(self->results, g_strdup(name), g_strdup(value));
}

void
cwmp_tr143_diag_set_result_uint(CwmpTr143Diag *self, const gchar *name, guint64 value)
{
	g_autofree gchar *text = g_strdup_printf("%" G_GUINT64_FORMAT, value);
	cwmp_tr143_diag_set_result(self, name, text);
}

/* Returns: the new row's index, from 0 */
guint
cwmp_tr143_diag_add_row(CwmpTr143Diag *self)
{
	g_ptr_array_add(self->rows, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free));
	return self->rows->len - 1;
}

void
cwmp_tr143_diag_set_row_value(CwmpTr143Diag *self, guint row, const gchar *name, const gchar *value)
{
	g_return_if_fail(row < self->rows->len);
	g_hash_table_insert(g_ptr_array_index(self->rows, row), g_strdup(name), g_strdup(value));
}

/**
 * cwmp_tr143_diag_finish:
 * @cancellable: the run's
 * @state: Complete or one of the object's Error values
 *
 * Ends a run: keeps the results, queues 8 DIAGNOSTICS COMPLETE. A run that
 * was canceled meanwhile changes nothing.
 */
void
cwmp_tr143_diag_finish(CwmpTr143Diag *self, GCancellable *cancellable, const gchar *state)
{
	cwmp_tr143_machine_finish(self->machine, cancellable, state);
}
