/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The DiagnosticsState machine (TR-181 dataType DiagnosticsState) of the
 * ping, traceroute, NSLookup and server-selection modules.
 *
 * Requested: the test is queued with cwmp_host_call_when_idle(), so it starts
 * only once no ACS session runs (hence after the SetParameterValues that
 * asked for it was committed); the results are cleared when it starts.
 * Canceled: the test stops and the state becomes None. Writing a test
 * parameter stops a queued or running test and sets the state to None,
 * except within the SetParameterValues that also writes Requested: the
 * plugin cannot install transaction hooks per module, so the commit of
 * Requested opens a window that closes at the next main-loop iteration
 * (an idle of high priority), before the engine can read the next RPC.
 * A rollback writes the old state back, which the setter takes as is.
 *
 * Everything (state, parameters, results, table rows) is written to
 * tr143-<name>.state in the plugin's state directory at each change, so the
 * results of the last test survive a restart. A test that was queued or
 * running when the agent stopped comes back as None: it was canceled.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cwmp-tr143-diag.h"

#define CWMP_TR143_DIAG_EVENT "8 DIAGNOSTICS COMPLETE"

struct _CwmpTr143Diag {
	const CwmpTr143DiagDesc *desc;
	CwmpTr143Plugin		*plugin;
	CwmpStore		*store;
	gchar			*state;
	GHashTable		*params;  /* name -> value */
	GHashTable		*results; /* name -> value */
	GPtrArray		*rows;	  /* GHashTable name -> value */
	GCancellable		*cancellable;
	guint			 call_id;
	guint			 idle_id; /* no host: a plain idle */
	guint			 settle_id;
	gboolean		 running;
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

/**
 * cwmp_tr143_diag_new:
 * @desc: (transfer none): static
 * @plugin: the plugin; its context gives the state directory and the host
 */
CwmpTr143Diag *
cwmp_tr143_diag_new(const CwmpTr143DiagDesc *desc, CwmpTr143Plugin *plugin)
{
	CwmpTr143Diag *self = g_new0(CwmpTr143Diag, 1);
	const gchar   *directory = NULL;

	self->desc = desc;
	self->plugin = plugin;
	self->state = g_strdup("None");
	self->params = cwmp_tr143_diag_pairs_new(desc->params);
	self->results = cwmp_tr143_diag_pairs_new(desc->results);
	self->rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_hash_table_unref);
	if (plugin->ctx != NULL)
		directory = cwmp_plugin_context_get_state_directory(plugin->ctx);
	if (directory != NULL) {
		g_autofree gchar *name = g_strdup_printf("tr143-%s.state", desc->name);
		self->store = cwmp_store_new(directory, name, "tr143");
	}
	return self;
}

static void
cwmp_tr143_diag_stop(CwmpTr143Diag *self)
{
	if (self->cancellable != NULL) {
		g_cancellable_cancel(self->cancellable);
		g_clear_object(&self->cancellable);
	}
	if (self->call_id != 0 && self->plugin->host != NULL)
		cwmp_host_cancel_call(self->plugin->host, self->call_id);
	self->call_id = 0;
	g_clear_handle_id(&self->idle_id, g_source_remove);
	self->running = FALSE;
}

void
cwmp_tr143_diag_free(CwmpTr143Diag *self)
{
	if (self == NULL)
		return;
	cwmp_tr143_diag_stop(self);
	g_clear_handle_id(&self->settle_id, g_source_remove);
	g_clear_object(&self->store);
	g_free(self->state);
	g_hash_table_unref(self->params);
	g_hash_table_unref(self->results);
	g_ptr_array_unref(self->rows);
	g_free(self);
}

CwmpTr143Plugin *
cwmp_tr143_diag_get_plugin(CwmpTr143Diag *self)
{
	return self->plugin;
}

const gchar *
cwmp_tr143_diag_get_state(CwmpTr143Diag *self)
{
	return self->state;
}

/* whether a test was requested and has not ended yet */
gboolean
cwmp_tr143_diag_is_running(CwmpTr143Diag *self)
{
	return self->cancellable != NULL;
}

/* --- persistence ---------------------------------------------------------- */

static gboolean
cwmp_tr143_diag_save(CwmpTr143Diag *self, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = NULL;
	GHashTableIter iter;
	gpointer       key, value;

	if (self->store == NULL)
		return TRUE;
	writer = cwmp_store_writer_new(self->store, error);
	if (writer == NULL)
		return FALSE;
	if (!cwmp_store_writer_add1(writer, 'S', self->state, error))
		return FALSE;
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
	return cwmp_store_writer_commit(writer, error);
}

static void
cwmp_tr143_diag_save_or_warn(CwmpTr143Diag *self)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_tr143_diag_save(self, &error))
		g_warning("%s: cannot save the diagnostic state: %s", self->desc->name,
			  error->message);
}

static gboolean
cwmp_tr143_diag_load_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpTr143Diag *self = user_data;
	guint64	       index = 0;

	switch (record->tag) {
	case 'S':
		if (record->n_fields != 1)
			break;
		g_free(self->state);
		/* queued or running when the agent stopped: canceled */
		self->state = g_strdup(
		    g_strcmp0(record->fields[0], "Requested") == 0 ? "None" : record->fields[0]);
		return TRUE;
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
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *aside = NULL;

	if (self->store == NULL || !cwmp_store_exists(self->store))
		return TRUE;
	if (cwmp_store_read(self->store, cwmp_tr143_diag_load_cb, self, &error_local))
		return TRUE;
	g_warning("%s: %s: %s; starting from None", self->desc->name,
		  cwmp_store_get_filename(self->store), error_local->message);
	g_free(self->state);
	self->state = g_strdup("None");
	g_hash_table_unref(self->params);
	self->params = cwmp_tr143_diag_pairs_new(self->desc->params);
	cwmp_tr143_diag_reset_results(self);
	return cwmp_store_quarantine(self->store, &aside, error);
}

/* --- the data model side -------------------------------------------------- */

/**
 * cwmp_tr143_diag_get:
 * @name: DiagnosticsState, a test parameter or a result of the object
 */
gchar *
cwmp_tr143_diag_get(CwmpTr143Diag *self, const gchar *name, GError **error)
{
	const gchar *value;

	if (g_strcmp0(name, "DiagnosticsState") == 0)
		return g_strdup(self->state);
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

static gboolean
cwmp_tr143_diag_settle_cb(gpointer user_data)
{
	CwmpTr143Diag *self = user_data;
	self->settle_id = 0;
	return G_SOURCE_REMOVE;
}

static gboolean
cwmp_tr143_diag_start_cb(gpointer user_data)
{
	CwmpTr143Diag *self = user_data;

	self->call_id = 0;
	self->idle_id = 0;
	g_return_val_if_fail(self->cancellable != NULL, G_SOURCE_REMOVE);
	g_debug("%s: starting the test", self->desc->name);
	cwmp_tr143_diag_reset_results(self);
	self->running = TRUE;
	self->desc->run(self, self->cancellable);
	return G_SOURCE_REMOVE;
}

static void
cwmp_tr143_diag_request(CwmpTr143Diag *self)
{
	cwmp_tr143_diag_stop(self);
	self->cancellable = g_cancellable_new();
	if (self->plugin->host != NULL) {
		self->call_id = cwmp_host_call_when_idle(self->plugin->host,
							 cwmp_tr143_diag_start_cb, self, NULL);
	} else {
		self->idle_id = g_idle_add(cwmp_tr143_diag_start_cb, self);
	}
	g_clear_handle_id(&self->settle_id, g_source_remove);
	self->settle_id = g_idle_add_full(G_PRIORITY_HIGH, cwmp_tr143_diag_settle_cb, self, NULL);
}

static void
cwmp_tr143_diag_set_state(CwmpTr143Diag *self, const gchar *state)
{
	g_free(self->state);
	self->state = g_strdup(state);
}

/**
 * cwmp_tr143_diag_set:
 *
 * The set callback of every writable parameter of the object.
 */
gboolean
cwmp_tr143_diag_set(CwmpTr143Diag *self, const gchar *name, const gchar *value, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *old_value = NULL;
	gboolean	  is_state = g_strcmp0(name, "DiagnosticsState") == 0;

	if (is_state) {
		old_value = g_strdup(self->state);
		if (g_strcmp0(value, "Requested") == 0) {
			cwmp_tr143_diag_request(self);
			cwmp_tr143_diag_set_state(self, value);
		} else {
			/* Canceled, or the old value written back by a rollback */
			cwmp_tr143_diag_stop(self);
			cwmp_tr143_diag_set_state(self, g_strcmp0(value, "Canceled") == 0 ? "None"
											  : value);
		}
	} else if (g_hash_table_contains(self->params, name)) {
		old_value = g_strdup(g_hash_table_lookup(self->params, name));
		g_hash_table_insert(self->params, g_strdup(name), g_strdup(value));
		if (self->settle_id == 0) {
			cwmp_tr143_diag_stop(self);
			cwmp_tr143_diag_set_state(self, "None");
		}
	} else {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: %s is not writable", self->desc->name, name);
		return FALSE;
	}
	if (!cwmp_tr143_diag_save(self, &error_local)) {
		/* the core does not undo the change that failed: take it back here; a
		 * test that was stopped stays stopped */
		if (is_state) {
			cwmp_tr143_diag_stop(self);
			g_clear_handle_id(&self->settle_id, g_source_remove);
			cwmp_tr143_diag_set_state(
			    self, g_strcmp0(old_value, "Requested") == 0 ? "None" : old_value);
		} else {
			g_hash_table_insert(self->params, g_strdup(name),
					    g_steal_pointer(&old_value));
		}
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: cannot keep the change: %s", self->desc->name,
			    error_local->message);
		return FALSE;
	}
	return TRUE;
}

/* the validate callback of DiagnosticsState: the ACS writes only these two */
gboolean
cwmp_tr143_diag_validate_state(const gchar *value, GError **error)
{
	if (g_strcmp0(value, "Requested") == 0 || g_strcmp0(value, "Canceled") == 0)
		return TRUE;
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
		    "DiagnosticsState can only be set to Requested or Canceled, not '%s'", value);
	return FALSE;
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
	g_autofree gchar *path = NULL;
	g_autofree gchar *name = NULL;
	g_autoptr(GError) error_local = NULL;
	gsize len;

	if (value == NULL || value[0] == '\0')
		return NULL;
	len = strlen(value);
	if (!g_str_has_prefix(value, "Device.IP.Interface.") || len <= strlen("Device.IP."
									      "Interface.")) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a reference to a Device.IP.Interface.{i}. object", value);
		return NULL;
	}
	/* "Device.IP.Interface.1" or "Device.IP.Interface.1." */
	path = g_strconcat(value, value[len - 1] == '.' ? "Name" : ".Name", NULL);
	if (plugin->ctx != NULL)
		name =
		    cwmp_dm_get_value(cwmp_plugin_context_get_dm(plugin->ctx), path, &error_local);
	if (name == NULL || name[0] == '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "interface %s: %s", value,
			    error_local != NULL ? error_local->message : "it has no name");
		return NULL;
	}
	return g_steal_pointer(&name);
}

/* the validate callback of Interface */
gboolean
cwmp_tr143_diag_validate_interface(CwmpTr143Plugin *plugin, const gchar *value, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	g_free(cwmp_tr143_diag_resolve_interface(plugin, value, &error_local));

	if (error_local != NULL) {
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	return TRUE;
}

/* the enumerate callback of the object's one table: one row per key 1..n */
void
cwmp_tr143_diag_enumerate_rows(CwmpTr143Diag *self, CwmpDmInstanceList *list)
{
	for (guint i = 0; i < self->rows->len; i++) {
		g_autofree gchar *key = g_strdup_printf("%u", i + 1);
		cwmp_dm_instance_list_add(list, key, NULL, NULL);
	}
}

gchar *
cwmp_tr143_diag_get_row_value(CwmpTr143Diag *self,
			      CwmpDmObject  *row,
			      const gchar   *name,
			      GError	   **error)
{
	guint64	     index = 0;
	const gchar *value = NULL;

	if (!g_ascii_string_to_unsigned(cwmp_dm_object_get_key(row), 10, 1, G_MAXUINT, &index,
					NULL) ||
	    index > self->rows->len) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: the result row is gone", self->desc->name);
		return NULL;
	}
	value = g_hash_table_lookup(g_ptr_array_index(self->rows, index - 1), name);
	return g_strdup(value != NULL ? value : "");
}

/* --- the test side -------------------------------------------------------- */

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
	g_autoptr(GError) error = NULL;

	if (cancellable == NULL || cancellable != self->cancellable ||
	    g_cancellable_is_cancelled(cancellable))
		return;
	g_debug("%s: test ended: %s", self->desc->name, state);
	g_clear_object(&self->cancellable);
	self->running = FALSE;
	cwmp_tr143_diag_set_state(self, state);
	cwmp_tr143_diag_save_or_warn(self);
	if (self->plugin->host != NULL &&
	    !cwmp_host_queue_event(self->plugin->host, CWMP_TR143_DIAG_EVENT, NULL, &error))
		g_warning("%s: cannot queue %s: %s", self->desc->name, CWMP_TR143_DIAG_EVENT,
			  error->message);
}
