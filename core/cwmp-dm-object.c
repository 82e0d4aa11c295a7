/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"

/* concrete objects: "Device.IP.Interface.3." */

CwmpDmObject *
cwmp_dm_object_new(CwmpDm *dm, CwmpDmNode *node, CwmpDmObject *parent, guint32 instance)
{
	CwmpDmObject *object = g_new0(CwmpDmObject, 1);
	object->dm = dm;
	object->node = node;
	object->parent = parent;
	object->instance = instance;
	if (node->n_stored > 0)
		object->values = g_new0(gchar *, node->n_stored);
	if (node->children->len > 0) {
		object->tables = g_new0(CwmpDmTable, node->children->len);
		for (guint i = 0; i < node->children->len; i++) {
			CwmpDmNode  *child = g_ptr_array_index(node->children, i);
			CwmpDmTable *table = &object->tables[i];
			table->node = child;
			table->instances = g_ptr_array_new();
			table->next_instance = 1;
			if (!child->multi && !child->disabled)
				g_ptr_array_add(table->instances,
						cwmp_dm_object_new(dm, child, object, 0));
		}
	}
	return object;
}

void
cwmp_dm_object_free(CwmpDmObject *object)
{
	if (object == NULL)
		return;
	if (object->tables != NULL) {
		for (guint i = 0; i < object->node->children->len; i++) {
			CwmpDmTable *table = &object->tables[i];
			for (guint j = 0; j < table->instances->len; j++)
				cwmp_dm_object_free(g_ptr_array_index(table->instances, j));
			g_ptr_array_unref(table->instances);
			if (table->key_map != NULL)
				g_hash_table_unref(table->key_map);
		}
		g_free(object->tables);
	}
	if (object->values != NULL) {
		for (guint i = 0; i < object->node->n_stored; i++)
			g_free(object->values[i]);
		g_free(object->values);
	}
	if (object->destroy != NULL && object->data != NULL)
		object->destroy(object->data);
	g_free(object->key);
	g_free(object);
}

CwmpDmTable *
cwmp_dm_object_get_table(CwmpDmObject *object, CwmpDmNode *child)
{
	if (object->tables == NULL || child->parent != object->node)
		return NULL;
	return &object->tables[child->child_index];
}

CwmpDmObject *
cwmp_dm_object_find_single(CwmpDmObject *object, CwmpDmNode *child)
{
	CwmpDmTable *table = cwmp_dm_object_get_table(object, child);
	if (table == NULL || table->instances->len == 0)
		return NULL;
	return g_ptr_array_index(table->instances, 0);
}

CwmpDmObject *
cwmp_dm_object_find_instance(CwmpDmTable *table, guint32 instance)
{
	guint lo = 0, hi = table->instances->len;
	while (lo < hi) {
		guint	      mid = (lo + hi) / 2;
		CwmpDmObject *object = g_ptr_array_index(table->instances, mid);
		if (object->instance == instance)
			return object;
		if (instance < object->instance)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void
cwmp_dm_object_insert_instance(CwmpDmTable *table, CwmpDmObject *instance)
{
	guint lo = 0, hi = table->instances->len;
	while (lo < hi) {
		guint	      mid = (lo + hi) / 2;
		CwmpDmObject *object = g_ptr_array_index(table->instances, mid);
		if (instance->instance < object->instance)
			hi = mid;
		else
			lo = mid + 1;
	}
	g_ptr_array_insert(table->instances, lo, instance);
	/* 0: the last number was handed out, the counter does not wrap around */
	if (table->next_instance != 0 && instance->instance >= table->next_instance)
		table->next_instance = instance->instance + 1;
}

guint32
cwmp_dm_object_allocate_instance(CwmpDmTable *table)
{
	/* numbers are never reused while the table lives: the counter only grows */
	if (table->next_instance == 0 || table->next_instance == G_MAXUINT32)
		return 0;
	return table->next_instance++;
}

void
cwmp_dm_object_append_path(CwmpDmObject *object, GString *out)
{
	if (object->parent == NULL) {
		g_string_append(out, "Device.");
		return;
	}
	cwmp_dm_object_append_path(object->parent, out);
	g_string_append(out, object->node->name);
	g_string_append_c(out, '.');
	if (object->node->multi)
		g_string_append_printf(out, "%u.", object->instance);
}

const gchar *
cwmp_dm_object_peek_value(CwmpDmObject *object, CwmpDmParamNode *param)
{
	if (param->store_index < 0 || object->values == NULL)
		return NULL;
	return object->values[param->store_index];
}

void
cwmp_dm_object_take_value(CwmpDmObject *object, CwmpDmParamNode *param, gchar *value)
{
	g_return_if_fail(param->store_index >= 0 && object->values != NULL);
	g_free(object->values[param->store_index]);
	object->values[param->store_index] = value;
}

static gint
cwmp_dm_object_find_by_key(CwmpDmTable *table, const gchar *key)
{
	for (guint i = 0; i < table->instances->len; i++) {
		CwmpDmObject *object = g_ptr_array_index(table->instances, i);
		if (g_strcmp0(object->key, key) == 0)
			return (gint) i;
	}
	return -1;
}

static void
cwmp_dm_object_set_data_internal(CwmpDmObject *object, gpointer data, GDestroyNotify destroy)
{
	if (object->data == data) {
		/* the same pointer again: keep it, drop the extra ownership */
		return;
	}
	if (object->destroy != NULL && object->data != NULL)
		object->destroy(object->data);
	object->data = data;
	object->destroy = destroy;
}

/* bring a table up to date with what its key says exists now */
static CwmpDmObject *
cwmp_dm_object_sync_key(CwmpDmObject  *parent,
			CwmpDmTable   *table,
			GHashTable    *by_key,
			const gchar   *key,
			gpointer       data,
			GDestroyNotify destroy,
			gboolean      *new_mapping)
{
	CwmpDmObject *instance = NULL;
	gpointer      mapped;
	guint32	      number;

	if (by_key != NULL) {
		instance = g_hash_table_lookup(by_key, key);
	} else {
		gint idx = cwmp_dm_object_find_by_key(table, key);
		if (idx >= 0)
			instance = g_ptr_array_index(table->instances, idx);
	}
	if (instance != NULL) {
		cwmp_dm_object_set_data_internal(instance, data, destroy);
		return instance;
	}
	if (table->key_map == NULL)
		table->key_map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	mapped = g_hash_table_lookup(table->key_map, key);
	if (mapped != NULL) {
		number = GPOINTER_TO_UINT(mapped);
	} else {
		number = cwmp_dm_object_allocate_instance(table);
		if (number == 0) {
			g_warning("%s: no instance number left for %s", table->node->path, key);
			if (destroy != NULL && data != NULL)
				destroy(data);
			return NULL;
		}
		g_hash_table_insert(table->key_map, g_strdup(key), GUINT_TO_POINTER(number));
		*new_mapping = TRUE;
	}
	if (cwmp_dm_object_find_instance(table, number) != NULL) {
		/* a stale instance holds the number: replace it */
		for (guint i = 0; i < table->instances->len; i++) {
			CwmpDmObject *other = g_ptr_array_index(table->instances, i);
			if (other->instance == number) {
				if (by_key != NULL && other->key != NULL)
					g_hash_table_remove(by_key, other->key);
				g_ptr_array_remove_index(table->instances, i);
				cwmp_dm_retire_object(parent->dm, other);
				break;
			}
		}
	}
	instance = cwmp_dm_object_new(parent->dm, table->node, parent, number);
	instance->key = g_strdup(key);
	instance->data = data;
	instance->destroy = destroy;
	cwmp_dm_object_insert_instance(table, instance);
	return instance;
}

gboolean
cwmp_dm_object_refresh_table(CwmpDmObject *object, CwmpDmTable *table, GError **error)
{
	CwmpDmNode	  *node = table->node;
	CwmpDmInstanceList list = {NULL};
	g_autoptr(GHashTable) present = NULL;
	g_autoptr(GHashTable) by_key = NULL;
	gboolean new_mapping = FALSE;
	guint64	 epoch = cwmp_dm_get_epoch(object->dm);

	if (!node->multi || node->def == NULL || node->def->enumerate == NULL || node->disabled)
		return TRUE;
	if (table->epoch == epoch)
		return TRUE;
	list.entries = g_array_new(FALSE, TRUE, sizeof(CwmpDmInstanceEntry));
	if (!node->def->enumerate(object, node->name, &list, node->user_data, error)) {
		cwmp_dm_instance_list_clear(&list);
		g_array_unref(list.entries);
		if (error != NULL && *error == NULL) {
			/* a plugin that fails without saying why */
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "%s: enumerate failed", node->path);
		} else if (error != NULL && (*error)->domain != CWMP_FAULT) {
			GError *inner = *error;
			*error = NULL;
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: %s",
				    node->path, inner->message);
			g_error_free(inner);
		}
		return FALSE;
	}
	table->epoch = epoch;
	present = g_hash_table_new(g_str_hash, g_str_equal);
	/* an index of what exists, so a large table syncs in linear time */
	by_key = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < table->instances->len; i++) {
		CwmpDmObject *instance = g_ptr_array_index(table->instances, i);
		if (instance->key != NULL)
			g_hash_table_insert(by_key, instance->key, instance);
	}
	for (guint i = 0; i < list.entries->len; i++) {
		CwmpDmInstanceEntry *entry = &g_array_index(list.entries, CwmpDmInstanceEntry, i);
		if (g_hash_table_contains(present, entry->key)) {
			g_warning("%s: enumerate returned key %s twice", node->path, entry->key);
			continue;
		}
		if (cwmp_dm_object_sync_key(object, table, by_key, entry->key, entry->data,
					    entry->destroy, &new_mapping) != NULL)
			g_hash_table_add(present, (gpointer) entry->key);
		entry->data = NULL;
		entry->destroy = NULL;
	}
	for (guint i = table->instances->len; i > 0; i--) {
		CwmpDmObject *instance = g_ptr_array_index(table->instances, i - 1);
		if (instance->key == NULL || !g_hash_table_contains(present, instance->key)) {
			g_ptr_array_remove_index(table->instances, i - 1);
			cwmp_dm_retire_object(object->dm, instance);
		}
	}
	g_hash_table_remove_all(present);
	cwmp_dm_instance_list_clear(&list);
	g_array_unref(list.entries);
	if (new_mapping)
		cwmp_dm_mark_dirty(object->dm);
	return TRUE;
}

/* --- public accessors for plugins --------------------------------------- */

CwmpDm *
cwmp_dm_object_get_dm(CwmpDmObject *object)
{
	g_return_val_if_fail(object != NULL, NULL);
	return object->dm;
}

CwmpDmObject *
cwmp_dm_object_get_parent(CwmpDmObject *object)
{
	g_return_val_if_fail(object != NULL, NULL);
	return object->parent;
}

guint32
cwmp_dm_object_get_instance(CwmpDmObject *object)
{
	g_return_val_if_fail(object != NULL, 0);
	return object->instance;
}

const gchar *
cwmp_dm_object_get_key(CwmpDmObject *object)
{
	g_return_val_if_fail(object != NULL, NULL);
	return object->key;
}

void
cwmp_dm_object_set_key(CwmpDmObject *object, const gchar *key)
{
	g_return_if_fail(object != NULL);
	g_free(object->key);
	object->key = g_strdup(key);
}

gpointer
cwmp_dm_object_get_data(CwmpDmObject *object)
{
	g_return_val_if_fail(object != NULL, NULL);
	return object->data;
}

void
cwmp_dm_object_set_data(CwmpDmObject *object, gpointer data, GDestroyNotify destroy)
{
	g_return_if_fail(object != NULL);
	cwmp_dm_object_set_data_internal(object, data, destroy);
}

gchar *
cwmp_dm_object_dup_path(CwmpDmObject *object)
{
	GString *out;
	g_return_val_if_fail(object != NULL, NULL);
	out = g_string_new(NULL);
	cwmp_dm_object_append_path(object, out);
	return g_string_free(out, FALSE);
}

const gchar *
cwmp_dm_object_get_stored(CwmpDmObject *object, const gchar *name)
{
	CwmpDmParamNode *param;
	const gchar	*value;
	g_return_val_if_fail(object != NULL, NULL);
	g_return_val_if_fail(name != NULL, NULL);
	param = cwmp_dm_node_lookup_param(object->node, name);
	if (param == NULL || param->kind != CWMP_DM_PARAM_KIND_STORED)
		return NULL;
	value = cwmp_dm_object_peek_value(object, param);
	if (value != NULL)
		return value;
	if (param->schema->default_value != NULL)
		return param->schema->default_value;
	return cwmp_value_get_default(param->schema->type);
}

CwmpDmObject *
cwmp_dm_object_push_instance(CwmpDmObject  *parent,
			     const gchar   *table_name,
			     const gchar   *key,
			     gpointer	    data,
			     GDestroyNotify destroy)
{
	CwmpDmNode   *child;
	CwmpDmTable  *table;
	CwmpDmObject *instance;
	gboolean      new_mapping = FALSE;

	g_return_val_if_fail(parent != NULL, NULL);
	g_return_val_if_fail(table_name != NULL && key != NULL, NULL);
	child = cwmp_dm_node_lookup_child(parent->node, table_name);
	if (child == NULL || !child->multi ||
	    (table = cwmp_dm_object_get_table(parent, child)) == NULL) {
		g_warning("push_instance: %s has no table %s", parent->node->path, table_name);
		if (destroy != NULL && data != NULL)
			destroy(data);
		return NULL;
	}
	instance = cwmp_dm_object_sync_key(parent, table, NULL, key, data, destroy, &new_mapping);
	if (new_mapping)
		cwmp_dm_mark_dirty(parent->dm);
	return instance;
}

gboolean
cwmp_dm_object_remove_instance(CwmpDmObject *parent, const gchar *table_name, const gchar *key)
{
	CwmpDmNode  *child;
	CwmpDmTable *table;
	gint	     idx;

	g_return_val_if_fail(parent != NULL, FALSE);
	g_return_val_if_fail(table_name != NULL && key != NULL, FALSE);
	child = cwmp_dm_node_lookup_child(parent->node, table_name);
	if (child == NULL || (table = cwmp_dm_object_get_table(parent, child)) == NULL)
		return FALSE;
	idx = cwmp_dm_object_find_by_key(table, key);
	if (idx < 0)
		return FALSE;
	cwmp_dm_retire_object(parent->dm, g_ptr_array_steal_index(table->instances, idx));
	return TRUE;
}

void
cwmp_dm_object_notify_changed(CwmpDmObject *object, const gchar *name)
{
	CwmpDmParamNode *param;
	g_return_if_fail(object != NULL);
	g_return_if_fail(name != NULL);
	param = cwmp_dm_node_lookup_param(object->node, name);
	if (param == NULL) {
		g_warning("notify_changed: %s has no parameter %s", object->node->path, name);
		return;
	}
	cwmp_dm_note_change(object->dm, object, param, NULL);
}

/**
 * cwmp_dm_object_lookup_instance:
 * @parent: the object holding the table
 * @table: the table's name ("Interface")
 * @key: the plugin's key of the instance
 *
 * Finds an instance by its key, enumerating the table first when this
 * request has not yet; for references between tables (LowerLayers).
 *
 * Returns: (transfer none) (nullable): the instance
 */
CwmpDmObject *
cwmp_dm_object_lookup_instance(CwmpDmObject *parent, const gchar *table_name, const gchar *key)
{
	g_autoptr(GError) error = NULL;
	CwmpDmNode  *child;
	CwmpDmTable *table;
	gint	     idx;

	g_return_val_if_fail(parent != NULL, NULL);
	g_return_val_if_fail(table_name != NULL && key != NULL, NULL);
	child = cwmp_dm_node_lookup_child(parent->node, table_name);
	if (child == NULL || !child->multi ||
	    (table = cwmp_dm_object_get_table(parent, child)) == NULL)
		return NULL;
	if (!cwmp_dm_object_refresh_table(parent, table, &error)) {
		g_debug("lookup_instance: %s", error->message);
		return NULL;
	}
	idx = cwmp_dm_object_find_by_key(table, key);
	return idx >= 0 ? g_ptr_array_index(table->instances, idx) : NULL;
}
