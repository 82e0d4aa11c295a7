/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"

/* the data model of one agent: registry, object tree, attributes, store */

typedef struct {
	gchar  **access_list;
	gchar	*baseline; /* the value last reported to (or set by) the ACS */
	gchar	*reported; /* handed out by get_changed, waiting for the ack */
	guint8	 notification;
	gboolean explicit_notification; /* set by SetParameterAttributes */
	gboolean changed;
	gboolean changed_again; /* differs from @reported too: stays changed after the ack */
	gboolean polled;	/* compared once since loaded, even if its plugin pushes */
} CwmpDmAttr;

struct _CwmpDm {
	GObject		  parent_instance;
	const CwmpSchema *schema;
	CwmpDmNode	 *root_node;
	CwmpDmObject	 *root;
	GPtrArray	 *owners; /* CwmpDmOwner */
	CwmpStore	 *store;
	GHashTable	 *attrs;   /* concrete parameter path -> CwmpDmAttr */
	GPtrArray	 *orphans; /* GStrv records of the store nobody claims (plugin gone) */
	guint64		  epoch;
	guint		  depth;   /* requests in progress (CWMP_DM_WALK) */
	GPtrArray	 *retired; /* instances removed during a request, freed after it */
	guint		  poll_budget;
	guint		  poll_cursor;
	gboolean	  frozen;
	gboolean	  alias_based;
	gboolean	  dirty;
};

G_DEFINE_TYPE(CwmpDm, cwmp_dm, G_TYPE_OBJECT)

enum { SIGNAL_VALUE_CHANGED, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

static void
cwmp_dm_owner_free(CwmpDmOwner *owner)
{
	g_free(owner->name);
	g_free(owner);
}

static void
cwmp_dm_attr_free(CwmpDmAttr *attr)
{
	if (attr == NULL)
		return;
	g_strfreev(attr->access_list);
	g_free(attr->baseline);
	g_free(attr->reported);
	g_free(attr);
}

void
cwmp_dm_param_value_free(CwmpDmParamValue *pv)
{
	if (pv == NULL)
		return;
	g_free(pv->path);
	g_free(pv->value);
	g_free(pv);
}

void
cwmp_dm_fault_free(CwmpDmFault *fault)
{
	if (fault == NULL)
		return;
	g_free(fault->path);
	g_free(fault->message);
	g_free(fault);
}

static void
cwmp_dm_finalize(GObject *object)
{
	CwmpDm *self = CWMP_DM(object);
	g_ptr_array_unref(self->retired);
	cwmp_dm_object_free(self->root);
	cwmp_dm_node_free(self->root_node);
	g_ptr_array_unref(self->owners);
	g_hash_table_unref(self->attrs);
	g_ptr_array_unref(self->orphans);
	g_clear_object(&self->store);
	G_OBJECT_CLASS(cwmp_dm_parent_class)->finalize(object);
}

static void
cwmp_dm_class_init(CwmpDmClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->finalize = cwmp_dm_finalize;

	/**
	 * CwmpDm::value-changed:
	 * @path: the parameter
	 * @notification: 1 passive, 2 active
	 *
	 * A watched parameter's value differs from the one last reported.
	 */
	signals[SIGNAL_VALUE_CHANGED] =
	    g_signal_new("value-changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
cwmp_dm_init(CwmpDm *self)
{
	self->owners = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_owner_free);
	self->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    (GDestroyNotify) cwmp_dm_attr_free);
	self->orphans = g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
	self->retired = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_object_free);
	self->poll_budget = 2000;
}

CwmpDm *
cwmp_dm_new(const CwmpSchema *schema)
{
	CwmpDm *self;
	g_return_val_if_fail(schema != NULL, NULL);
	self = g_object_new(CWMP_TYPE_DM, NULL);
	self->schema = schema;
	self->root_node = cwmp_dm_node_new_root(schema);
	return self;
}

const CwmpSchema *
cwmp_dm_get_schema(CwmpDm *self)
{
	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	return self->schema;
}

CwmpDmObject *
cwmp_dm_get_root(CwmpDm *self)
{
	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	return self->root;
}

CwmpDmNode *
cwmp_dm_get_root_node(CwmpDm *self)
{
	return self->root_node;
}

gboolean
cwmp_dm_get_frozen(CwmpDm *self)
{
	return self->frozen;
}

gboolean
cwmp_dm_is_frozen(CwmpDm *self)
{
	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	return self->frozen;
}

guint64
cwmp_dm_get_epoch(CwmpDm *self)
{
	return self->epoch;
}

CwmpDm *
cwmp_dm_enter(CwmpDm *self)
{
	self->depth++;
	return self;
}

void
cwmp_dm_leave(CwmpDm *self)
{
	g_return_if_fail(self->depth > 0);
	if (--self->depth == 0 && self->retired->len > 0)
		g_ptr_array_set_size(self->retired, 0);
}

void
cwmp_dm_retire_object(CwmpDm *self, CwmpDmObject *object)
{
	if (self->depth > 0)
		g_ptr_array_add(self->retired, object);
	else
		cwmp_dm_object_free(object);
}

void
cwmp_dm_begin_request(CwmpDm *self)
{
	self->epoch++;
}

gboolean
cwmp_dm_is_alias_based(CwmpDm *self)
{
	return self->alias_based;
}

void
cwmp_dm_set_alias_based_addressing(CwmpDm *self, gboolean enabled)
{
	g_return_if_fail(CWMP_IS_DM(self));
	self->alias_based = enabled;
}

void
cwmp_dm_set_store(CwmpDm *self, CwmpStore *store)
{
	g_return_if_fail(CWMP_IS_DM(self));
	g_return_if_fail(!self->frozen);
	g_set_object(&self->store, store);
}

void
cwmp_dm_set_poll_budget(CwmpDm *self, guint params_per_poll)
{
	g_return_if_fail(CWMP_IS_DM(self));
	self->poll_budget = MAX(params_per_poll, 1);
}

void
cwmp_dm_mark_dirty(CwmpDm *self)
{
	self->dirty = TRUE;
}

CwmpDmOwner *
cwmp_dm_ensure_owner(CwmpDm *self, const gchar *name)
{
	CwmpDmOwner *owner;
	for (guint i = 0; i < self->owners->len; i++) {
		owner = g_ptr_array_index(self->owners, i);
		if (g_strcmp0(owner->name, name) == 0) {
			owner->disabled = FALSE;
			return owner;
		}
	}
	owner = g_new0(CwmpDmOwner, 1);
	owner->name = g_strdup(name);
	owner->index = self->owners->len;
	g_ptr_array_add(self->owners, owner);
	return owner;
}

/* before freeze, forget everything @owner registered, so nothing of a failed
 * plugin stays behind; after freeze, hide it */
static gboolean
cwmp_dm_prune_owner(CwmpDmNode *node, CwmpDmOwner *owner)
{
	for (guint i = node->params->len; i > 0; i--) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i - 1);
		if (param->owner == owner)
			g_ptr_array_remove_index(node->params, i - 1);
	}
	for (guint i = node->children->len; i > 0; i--) {
		CwmpDmNode *child = g_ptr_array_index(node->children, i - 1);
		if (cwmp_dm_prune_owner(child, owner))
			g_ptr_array_remove_index(node->children, i - 1);
	}
	if (node->owner == owner) {
		node->owner = NULL;
		node->def = NULL;
		node->user_data = NULL;
	}
	/* a node nobody registers anything in any more goes away */
	return node->parent != NULL && node->params->len == 0 && node->children->len == 0 &&
	       node->def == NULL;
}

gboolean
cwmp_dm_unregister_owner(CwmpDm *self, const gchar *owner_name)
{
	CwmpDmOwner *owner = NULL;
	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	for (guint i = 0; i < self->owners->len; i++) {
		CwmpDmOwner *tmp = g_ptr_array_index(self->owners, i);
		if (g_strcmp0(tmp->name, owner_name) == 0)
			owner = tmp;
	}
	if (owner == NULL)
		return FALSE;
	owner->disabled = TRUE;
	if (!self->frozen)
		cwmp_dm_prune_owner(self->root_node, owner);
	else
		cwmp_dm_registry_disable_owner(self->root_node, owner);
	return TRUE;
}

/* --- path resolution ----------------------------------------------------- */

static gboolean
cwmp_dm_fail_name(GError **error, const gchar *text, const gchar *why)
{
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME, "%s: %s", text, why);
	return FALSE;
}

static CwmpDmObject *
cwmp_dm_find_by_alias(CwmpDmTable *table, const gchar *alias)
{
	CwmpDmParamNode *param = table->node->alias_param;
	if (param == NULL)
		return NULL;
	for (guint i = 0; i < table->instances->len; i++) {
		CwmpDmObject *instance = g_ptr_array_index(table->instances, i);
		if (g_strcmp0(cwmp_dm_object_peek_value(instance, param), alias) == 0)
			return instance;
	}
	return NULL;
}

static gboolean
cwmp_dm_walk(CwmpDm	    *self,
	     const gchar    *text,
	     const CwmpPath *path,
	     guint	     seg,
	     CwmpDmObject   *object,
	     gboolean	     refresh,
	     GArray	    *targets,
	     GError	   **error)
{
	const CwmpPathSegment *segment;
	CwmpDmParamNode	      *param;
	CwmpDmNode	      *child;
	CwmpDmTable	      *table;

	if (seg == path->n_segments) {
		CwmpDmTarget target = {object, NULL, NULL};
		if (!path->partial)
			return cwmp_dm_fail_name(error, text, "names an object; end it with a dot");
		g_array_append_val(targets, target);
		return TRUE;
	}
	segment = &path->segments[seg];
	if (segment->kind != CWMP_PATH_SEGMENT_NAME)
		return cwmp_dm_fail_name(error, text, "instance number where a name belongs");

	param = cwmp_dm_node_lookup_param(object->node, segment->name);
	if (param != NULL && !param->disabled) {
		CwmpDmTarget target = {object, NULL, param};
		if (seg + 1 != path->n_segments || path->partial)
			return cwmp_dm_fail_name(error, text, "a parameter is not an object");
		g_array_append_val(targets, target);
		return TRUE;
	}
	child = cwmp_dm_node_lookup_child(object->node, segment->name);
	if (child == NULL || child->disabled)
		return cwmp_dm_fail_name(error, text, "no such parameter or object");
	table = cwmp_dm_object_get_table(object, child);
	if (table == NULL)
		return cwmp_dm_fail_name(error, text, "no such object");
	if (!child->multi) {
		CwmpDmObject *next =
		    table->instances->len > 0 ? g_ptr_array_index(table->instances, 0) : NULL;
		if (next == NULL)
			return cwmp_dm_fail_name(error, text, "no such object");
		return cwmp_dm_walk(self, text, path, seg + 1, next, refresh, targets, error);
	}
	if (refresh && !cwmp_dm_object_refresh_table(object, table, error))
		return FALSE;
	if (seg + 1 == path->n_segments) {
		CwmpDmTarget target = {object, child, NULL};
		if (!path->partial)
			return cwmp_dm_fail_name(error, text, "names a table; end it with a dot");
		g_array_append_val(targets, target);
		return TRUE;
	}
	segment = &path->segments[seg + 1];
	switch (segment->kind) {
	case CWMP_PATH_SEGMENT_INSTANCE: {
		CwmpDmObject *next = cwmp_dm_object_find_instance(table, segment->instance);
		if (next == NULL)
			return cwmp_dm_fail_name(error, text, "no such instance");
		return cwmp_dm_walk(self, text, path, seg + 2, next, refresh, targets, error);
	}
	case CWMP_PATH_SEGMENT_ALIAS: {
		CwmpDmObject *next;
		if (!self->alias_based)
			return cwmp_dm_fail_name(error, text, "alias-based addressing is off");
		next = cwmp_dm_find_by_alias(table, segment->name);
		if (next == NULL)
			return cwmp_dm_fail_name(error, text, "no instance with that alias");
		return cwmp_dm_walk(self, text, path, seg + 2, next, refresh, targets, error);
	}
	case CWMP_PATH_SEGMENT_WILDCARD:
		/* a copy: a getter may not change the table, but be safe */
		for (guint i = 0; i < table->instances->len; i++) {
			CwmpDmObject *next = g_ptr_array_index(table->instances, i);
			if (!cwmp_dm_walk(self, text, path, seg + 2, next, refresh, targets, error))
				return FALSE;
		}
		return TRUE;
	case CWMP_PATH_SEGMENT_NAME:
	default:
		return cwmp_dm_fail_name(error, text, "a table needs an instance number");
	}
}

static gboolean
cwmp_dm_resolve_internal(CwmpDm	     *self,
			 const gchar *text,
			 gboolean     refresh,
			 GArray	     *targets,
			 GError	    **error)
{
	g_autoptr(CwmpPath) path = NULL;

	if (!self->frozen) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: the data model is not ready", text);
		return FALSE;
	}
	path = cwmp_path_parse(text, error);
	if (path == NULL)
		return FALSE;
	if (path->n_segments == 0) {
		CwmpDmTarget target = {self->root, NULL, NULL};
		g_array_append_val(targets, target);
		return TRUE;
	}
	if (path->segments[0].kind != CWMP_PATH_SEGMENT_NAME ||
	    g_strcmp0(path->segments[0].name, "Device") != 0)
		return cwmp_dm_fail_name(error, text, "paths start with \"Device.\"");
	return cwmp_dm_walk(self, text, path, 1, self->root, refresh, targets, error);
}

gboolean
cwmp_dm_resolve(CwmpDm *self, const gchar *text, GArray *targets, GError **error)
{
	return cwmp_dm_resolve_internal(self, text, TRUE, targets, error);
}

/**
 * cwmp_dm_lookup_object:
 * @self: a #CwmpDm
 * @path: a concrete object path, "Device.Hosts." or "Device.IP.Interface.2."
 *
 * Finds an object without calling any plugin, for plugins that push
 * instances and changes.
 *
 * Returns: (transfer none): the object, or %NULL
 */
CwmpDmObject *
cwmp_dm_lookup_object(CwmpDm *self, const gchar *path)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	CwmpDmTarget *target;
	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	g_return_val_if_fail(path != NULL, NULL);
	if (!cwmp_dm_resolve_internal(self, path, FALSE, targets, NULL) || targets->len != 1)
		return NULL;
	target = &g_array_index(targets, CwmpDmTarget, 0);
	if (target->param != NULL || target->table != NULL)
		return NULL;
	return target->object;
}

/* --- reading values ------------------------------------------------------ */

gboolean
cwmp_dm_read_param(CwmpDm	   *self,
		   CwmpDmObject	   *object,
		   CwmpDmParamNode *param,
		   gchar	  **value,
		   GError	  **error)
{
	switch (param->kind) {
	case CWMP_DM_PARAM_KIND_STORED: {
		const gchar *stored = cwmp_dm_object_peek_value(object, param);
		if (stored == NULL)
			stored = param->schema->default_value;
		if (stored == NULL)
			stored = cwmp_value_get_default(param->schema->type);
		*value = g_strdup(stored);
		return TRUE;
	}
	case CWMP_DM_PARAM_KIND_NUM_ENTRIES: {
		CwmpDmTable *table = cwmp_dm_object_get_table(object, param->counted_table);
		if (table == NULL) {
			*value = g_strdup("0");
			return TRUE;
		}
		if (!cwmp_dm_object_refresh_table(object, table, error))
			return FALSE;
		*value = g_strdup_printf("%u", table->instances->len);
		return TRUE;
	}
	case CWMP_DM_PARAM_KIND_GETTER:
	default: {
		g_autoptr(GError) error_local = NULL;
		gchar *tmp = param->def->get(object, param->name, param->user_data, &error_local);
		if (tmp == NULL) {
			g_autofree gchar *path = cwmp_dm_object_dup_path(object);
			if (error_local == NULL) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
					    "%s%s: the getter returned no value", path,
					    param->name);
			} else if (error_local->domain == CWMP_FAULT) {
				g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
							   "%s%s: ", path, param->name);
			} else {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
					    "%s%s: %s", path, param->name, error_local->message);
			}
			return FALSE;
		}
		*value = tmp;
		return TRUE;
	}
	}
}

typedef struct {
	CwmpDm	       *dm;
	GString	       *path;
	CwmpDmValueFunc func;
	gpointer	user_data;
} CwmpDmValueWalk;

static gboolean
cwmp_dm_emit_param(CwmpDmValueWalk *walk,
		   CwmpDmObject	   *object,
		   CwmpDmParamNode *param,
		   GError	  **error)
{
	gsize	     len = walk->path->len;
	const gchar *value;
	gchar	    *tmp = NULL;

	if (param->kind == CWMP_DM_PARAM_KIND_STORED) {
		/* the hot path of a store-backed tree: no copy */
		value = cwmp_dm_object_peek_value(object, param);
		if (value == NULL)
			value = param->schema->default_value;
		if (value == NULL)
			value = cwmp_value_get_default(param->schema->type);
	} else {
		if (!cwmp_dm_read_param(walk->dm, object, param, &tmp, error))
			return FALSE;
		value = tmp;
	}
	if (param->schema->flags & CWMP_SCHEMA_PARAM_FLAG_HIDDEN)
		value = "";
	g_string_append(walk->path, param->name);
	walk->func(walk->path->str, value, param->schema->type, walk->user_data);
	g_string_truncate(walk->path, len);
	g_free(tmp);
	return TRUE;
}

static gboolean
cwmp_dm_emit_object(CwmpDmValueWalk *walk, CwmpDmObject *object, GError **error);

static gboolean
cwmp_dm_emit_table(CwmpDmValueWalk *walk, CwmpDmObject *object, CwmpDmTable *table, GError **error)
{
	gsize len = walk->path->len;
	if (table->node->disabled)
		return TRUE;
	if (!cwmp_dm_object_refresh_table(object, table, error))
		return FALSE;
	g_string_append(walk->path, table->node->name);
	g_string_append_c(walk->path, '.');
	if (table->node->multi) {
		gsize tlen = walk->path->len;
		for (guint j = 0; j < table->instances->len; j++) {
			CwmpDmObject *instance = g_ptr_array_index(table->instances, j);
			g_string_append_printf(walk->path, "%u.", instance->instance);
			if (!cwmp_dm_emit_object(walk, instance, error))
				return FALSE;
			g_string_truncate(walk->path, tlen);
		}
	} else if (table->instances->len > 0) {
		if (!cwmp_dm_emit_object(walk, g_ptr_array_index(table->instances, 0), error))
			return FALSE;
	}
	g_string_truncate(walk->path, len);
	return TRUE;
}

static gboolean
cwmp_dm_emit_object(CwmpDmValueWalk *walk, CwmpDmObject *object, GError **error)
{
	CwmpDmNode *node = object->node;
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		if (param->disabled)
			continue;
		if (!cwmp_dm_emit_param(walk, object, param, error))
			return FALSE;
	}
	if (object->tables == NULL)
		return TRUE;
	for (guint i = 0; i < node->children->len; i++) {
		if (!cwmp_dm_emit_table(walk, object, &object->tables[i], error))
			return FALSE;
	}
	return TRUE;
}

gboolean
cwmp_dm_get_values_foreach(CwmpDm	  *self,
			   const gchar	  *path,
			   CwmpDmValueFunc func,
			   gpointer	   user_data,
			   GError	 **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GString) buf = g_string_sized_new(256);
	CwmpDmValueWalk walk = {self, buf, func, user_data};

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_return_val_if_fail(path != NULL, FALSE);
	g_return_val_if_fail(func != NULL, FALSE);
	CWMP_DM_WALK(self);

	self->epoch++;
	if (!cwmp_dm_resolve(self, path, targets, error))
		return FALSE;
	for (guint i = 0; i < targets->len; i++) {
		CwmpDmTarget *target = &g_array_index(targets, CwmpDmTarget, i);
		g_string_truncate(buf, 0);
		cwmp_dm_object_append_path(target->object, buf);
		if (target->param != NULL) {
			if (!cwmp_dm_emit_param(&walk, target->object, target->param, error))
				return FALSE;
		} else if (target->table != NULL) {
			if (!cwmp_dm_emit_table(
				&walk, target->object,
				cwmp_dm_object_get_table(target->object, target->table), error))
				return FALSE;
		} else {
			if (!cwmp_dm_emit_object(&walk, target->object, error))
				return FALSE;
		}
	}
	cwmp_dm_flush(self);
	return TRUE;
}

static void
cwmp_dm_collect_value_cb(const gchar *path, const gchar *value, CwmpType type, gpointer user_data)
{
	GPtrArray	 *out = user_data;
	CwmpDmParamValue *pv = g_new0(CwmpDmParamValue, 1);
	pv->path = g_strdup(path);
	pv->value = g_strdup(value);
	pv->type = type;
	g_ptr_array_add(out, pv);
}

GPtrArray *
cwmp_dm_get_values(CwmpDm *self, const gchar *const *paths, GError **error)
{
	g_autoptr(GPtrArray) out =
	    g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_param_value_free);
	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	for (guint i = 0; paths[i] != NULL; i++) {
		if (!cwmp_dm_get_values_foreach(self, paths[i], cwmp_dm_collect_value_cb, out,
						error))
			return NULL;
	}
	return g_steal_pointer(&out);
}

gchar *
cwmp_dm_get_value(CwmpDm *self, const gchar *path, GError **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	CwmpDmTarget *target;
	gchar	     *value = NULL;

	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	CWMP_DM_WALK(self);
	self->epoch++;
	if (!cwmp_dm_resolve(self, path, targets, error))
		return NULL;
	if (targets->len != 1 || g_array_index(targets, CwmpDmTarget, 0).param == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: not the path of one parameter", path);
		return NULL;
	}
	target = &g_array_index(targets, CwmpDmTarget, 0);
	if (!cwmp_dm_read_param(self, target->object, target->param, &value, error))
		return NULL;
	if (target->param->schema->flags & CWMP_SCHEMA_PARAM_FLAG_HIDDEN) {
		g_free(value);
		value = g_strdup("");
	}
	cwmp_dm_flush(self);
	return value;
}

const CwmpSchemaParam *
cwmp_dm_lookup_param_info(CwmpDm *self, const gchar *path, GError **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_return_val_if_fail(CWMP_IS_DM(self), NULL);
	if (!cwmp_dm_resolve_internal(self, path, FALSE, targets, error))
		return NULL;
	if (targets->len == 0 || g_array_index(targets, CwmpDmTarget, 0).param == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: not a parameter", path);
		return NULL;
	}
	return g_array_index(targets, CwmpDmTarget, 0).param->schema;
}

/* --- names --------------------------------------------------------------- */

typedef struct {
	GString	      *path;
	CwmpDmNameFunc func;
	gpointer       user_data;
} CwmpDmNameWalk;

static gboolean
cwmp_dm_names_object(CwmpDmNameWalk *walk,
		     CwmpDmObject   *object,
		     gboolean	     self_too,
		     gboolean	     recurse,
		     GError	   **error);

static gboolean
cwmp_dm_names_table(CwmpDmNameWalk *walk,
		    CwmpDmObject   *object,
		    CwmpDmTable	   *table,
		    gboolean	    self_too,
		    gboolean	    recurse,
		    GError	  **error)
{
	gsize	    len = walk->path->len;
	CwmpDmNode *node = table->node;

	if (node->disabled)
		return TRUE;
	g_string_append(walk->path, node->name);
	g_string_append_c(walk->path, '.');
	if (!node->multi) {
		if (table->instances->len > 0 &&
		    !cwmp_dm_names_object(walk, g_ptr_array_index(table->instances, 0), self_too,
					  recurse, error))
			return FALSE;
		g_string_truncate(walk->path, len);
		return TRUE;
	}
	if (self_too)
		walk->func(walk->path->str, node->writable, walk->user_data);
	if (recurse || !self_too) {
		gsize tlen = walk->path->len;
		if (!cwmp_dm_object_refresh_table(object, table, error))
			return FALSE;
		for (guint j = 0; j < table->instances->len; j++) {
			CwmpDmObject *instance = g_ptr_array_index(table->instances, j);
			g_string_append_printf(walk->path, "%u.", instance->instance);
			if (!cwmp_dm_names_object(walk, instance, TRUE, recurse, error))
				return FALSE;
			g_string_truncate(walk->path, tlen);
		}
	}
	g_string_truncate(walk->path, len);
	return TRUE;
}

static gboolean
cwmp_dm_names_object(CwmpDmNameWalk *walk,
		     CwmpDmObject   *object,
		     gboolean	     self_too,
		     gboolean	     recurse,
		     GError	   **error)
{
	CwmpDmNode *node = object->node;
	gsize	    len = walk->path->len;

	if (self_too)
		walk->func(walk->path->str, node->multi && node->writable, walk->user_data);
	if (self_too && !recurse)
		return TRUE;
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		if (param->disabled)
			continue;
		g_string_append(walk->path, param->name);
		walk->func(walk->path->str, param->writable, walk->user_data);
		g_string_truncate(walk->path, len);
	}
	if (object->tables == NULL)
		return TRUE;
	for (guint i = 0; i < node->children->len; i++) {
		if (!cwmp_dm_names_table(walk, object, &object->tables[i], TRUE, recurse, error))
			return FALSE;
	}
	return TRUE;
}

gboolean
cwmp_dm_get_names(CwmpDm	*self,
		  const gchar	*path,
		  gboolean	 next_level,
		  CwmpDmNameFunc func,
		  gpointer	 user_data,
		  GError       **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GString) buf = g_string_sized_new(256);
	CwmpDmNameWalk walk = {buf, func, user_data};

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_return_val_if_fail(path != NULL, FALSE);
	CWMP_DM_WALK(self);

	self->epoch++;
	if (path[0] == '\0' && next_level) {
		/* TR-069: an empty path with NextLevel lists only the root object */
		func("Device.", FALSE, user_data);
		return TRUE;
	}
	if (!cwmp_dm_resolve(self, path, targets, error))
		return FALSE;
	for (guint i = 0; i < targets->len; i++) {
		CwmpDmTarget *target = &g_array_index(targets, CwmpDmTarget, i);
		g_string_truncate(buf, 0);
		cwmp_dm_object_append_path(target->object, buf);
		if (target->param != NULL) {
			if (next_level) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
					    "%s: NextLevel must be false for a parameter", path);
				return FALSE;
			}
			g_string_append(buf, target->param->name);
			func(buf->str, target->param->writable, user_data);
		} else if (target->table != NULL) {
			CwmpDmTable *table =
			    cwmp_dm_object_get_table(target->object, target->table);
			if (!cwmp_dm_names_table(&walk, target->object, table, !next_level,
						 !next_level, error))
				return FALSE;
		} else {
			if (next_level) {
				if (!cwmp_dm_names_object(&walk, target->object, FALSE, FALSE,
							  error))
					return FALSE;
			} else {
				if (!cwmp_dm_names_object(&walk, target->object, TRUE, TRUE, error))
					return FALSE;
			}
		}
	}
	cwmp_dm_flush(self);
	return TRUE;
}

static gint
cwmp_dm_strptr_cmp(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *) a, *(const gchar *const *) b);
}

GPtrArray *
cwmp_dm_get_forced_inform_paths(CwmpDm *self)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *stack = g_ptr_array_new();

	g_return_val_if_fail(CWMP_IS_DM(self), out);
	if (self->root == NULL) {
		g_ptr_array_unref(stack);
		return out;
	}
	/* forced parameters live in single-instance objects */
	g_ptr_array_add(stack, self->root);
	while (stack->len > 0) {
		CwmpDmObject *object = g_ptr_array_steal_index(stack, stack->len - 1);
		CwmpDmNode   *node = object->node;
		for (guint i = 0; i < node->params->len; i++) {
			CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
			if (!param->disabled &&
			    (param->schema->flags & CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM)) {
				g_autoptr(GString) path = g_string_new(NULL);
				cwmp_dm_object_append_path(object, path);
				g_string_append(path, param->name);
				g_ptr_array_add(out, g_string_free(g_steal_pointer(&path), FALSE));
			}
		}
		for (guint i = 0; object->tables != NULL && i < node->children->len; i++) {
			CwmpDmNode *child = g_ptr_array_index(node->children, i);
			if (!child->multi && !child->disabled &&
			    object->tables[i].instances->len > 0)
				g_ptr_array_add(stack,
						g_ptr_array_index(object->tables[i].instances, 0));
		}
	}
	g_ptr_array_unref(stack);
	g_ptr_array_sort(out, cwmp_dm_strptr_cmp);
	return out;
}

/* --- the store ----------------------------------------------------------- */

static gboolean
cwmp_dm_save_object(CwmpDm	    *self,
		    CwmpStoreWriter *writer,
		    CwmpDmObject    *object,
		    GString	    *path,
		    GError	   **error)
{
	CwmpDmNode *node = object->node;
	gsize	    len = path->len;

	if (node->multi && node->stored_instances) {
		if (!cwmp_store_writer_add1(writer, 'o', path->str, error))
			return FALSE;
	}
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		const gchar	*value;
		if (param->kind != CWMP_DM_PARAM_KIND_STORED)
			continue;
		value = cwmp_dm_object_peek_value(object, param);
		if (value == NULL)
			continue;
		g_string_append(path, param->name);
		if (!cwmp_store_writer_add2(writer, 'v', path->str, value, error))
			return FALSE;
		g_string_truncate(path, len);
	}
	for (guint i = 0; object->tables != NULL && i < node->children->len; i++) {
		CwmpDmTable *table = &object->tables[i];
		gsize	     tlen;
		g_string_append(path, table->node->name);
		g_string_append_c(path, '.');
		tlen = path->len;
		if (table->node->multi) {
			g_autofree gchar *next = g_strdup_printf("%u", table->next_instance);
			if (table->next_instance > 1 &&
			    !cwmp_store_writer_add2(writer, 'n', path->str, next, error))
				return FALSE;
			if (table->key_map != NULL) {
				g_autoptr(GList) keys = g_hash_table_get_keys(table->key_map);
				keys = g_list_sort(keys, (GCompareFunc) g_strcmp0);
				for (GList *l = keys; l != NULL; l = l->next) {
					g_autofree gchar *num = g_strdup_printf(
					    "%u", GPOINTER_TO_UINT(g_hash_table_lookup(
						      table->key_map, l->data)));
					if (!cwmp_store_writer_add3(writer, 'k', path->str, l->data,
								    num, error))
						return FALSE;
				}
			}
		}
		for (guint j = 0; j < table->instances->len; j++) {
			CwmpDmObject *child = g_ptr_array_index(table->instances, j);
			if (table->node->multi)
				g_string_append_printf(path, "%u.", child->instance);
			if (!cwmp_dm_save_object(self, writer, child, path, error))
				return FALSE;
			g_string_truncate(path, tlen);
		}
		g_string_truncate(path, len);
	}
	return TRUE;
}

gboolean
cwmp_dm_save(CwmpDm *self, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = NULL;
	g_autoptr(GString) path = g_string_new("Device.");
	g_autoptr(GList) keys = NULL;

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	if (self->store == NULL || !self->frozen) {
		self->dirty = FALSE;
		return TRUE;
	}
	writer = cwmp_store_writer_new(self->store, error);
	if (writer == NULL)
		return FALSE;
	if (!cwmp_dm_save_object(self, writer, self->root, path, error))
		return FALSE;
	keys = g_hash_table_get_keys(self->attrs);
	keys = g_list_sort(keys, (GCompareFunc) g_strcmp0);
	for (GList *l = keys; l != NULL; l = l->next) {
		CwmpDmAttr	 *attr = g_hash_table_lookup(self->attrs, l->data);
		g_autofree gchar *notification = g_strdup_printf("%u", attr->notification);
		g_autofree gchar *access =
		    attr->access_list != NULL ? g_strjoinv(",", attr->access_list) : g_strdup("");
		const gchar *fields[4] = {l->data, notification, access, attr->baseline};
		if (!attr->explicit_notification && attr->baseline == NULL &&
		    attr->access_list == NULL)
			continue;
		if (!cwmp_store_writer_add(writer, attr->explicit_notification ? 'a' : 'b',
					   attr->baseline != NULL ? 4 : 3, fields, error))
			return FALSE;
	}
	for (guint i = 0; i < self->orphans->len; i++) {
		gchar **record = g_ptr_array_index(self->orphans, i);
		if (!cwmp_store_writer_add(writer, record[0][0], g_strv_length(record) - 1,
					   (const gchar *const *) record + 1, error))
			return FALSE;
	}
	if (!cwmp_store_writer_commit(writer, error))
		return FALSE;
	self->dirty = FALSE;
	return TRUE;
}

void
cwmp_dm_flush(CwmpDm *self)
{
	g_autoptr(GError) error = NULL;
	if (!self->dirty)
		return;
	if (!cwmp_dm_save(self, &error))
		g_warning("failed to save the data model state: %s", error->message);
}

static void
cwmp_dm_keep_orphan(CwmpDm *self, const CwmpStoreRecord *record)
{
	gchar **copy = g_new0(gchar *, record->n_fields + 2);
	copy[0] = g_strndup(&record->tag, 1);
	for (guint i = 0; i < record->n_fields; i++)
		copy[i + 1] = g_strdup(record->fields[i]);
	g_ptr_array_add(self->orphans, copy);
}

/* the table a concrete path "Device.X.Item." names, without calling plugins */
static gboolean
cwmp_dm_lookup_table(CwmpDm *self, const gchar *text, CwmpDmObject **object, CwmpDmTable **table)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	CwmpDmTarget *target;
	if (!cwmp_dm_resolve_internal(self, text, FALSE, targets, NULL) || targets->len != 1)
		return FALSE;
	target = &g_array_index(targets, CwmpDmTarget, 0);
	if (target->table == NULL)
		return FALSE;
	*object = target->object;
	*table = cwmp_dm_object_get_table(target->object, target->table);
	return *table != NULL;
}

static gboolean
cwmp_dm_parse_instance_number(const gchar *text, guint32 *out)
{
	guint64 tmp;
	if (!g_ascii_string_to_unsigned(text, 10, 1, G_MAXUINT32, &tmp, NULL))
		return FALSE;
	*out = (guint32) tmp;
	return TRUE;
}

static gboolean
cwmp_dm_load_record_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpDm	    *self = CWMP_DM(user_data);
	const gchar *path = record->n_fields > 0 ? record->fields[0] : "";

	switch (record->tag) {
	case 'n': {
		CwmpDmObject *object;
		CwmpDmTable  *table;
		guint32	      next;
		if (record->n_fields != 2 ||
		    !cwmp_dm_parse_instance_number(record->fields[1], &next))
			break;
		if (!cwmp_dm_lookup_table(self, path, &object, &table)) {
			cwmp_dm_keep_orphan(self, record);
			return TRUE;
		}
		if (table->next_instance != 0)
			table->next_instance = MAX(table->next_instance, next);
		return TRUE;
	}
	case 'k': {
		CwmpDmObject *object;
		CwmpDmTable  *table;
		guint32	      number;
		if (record->n_fields != 3 ||
		    !cwmp_dm_parse_instance_number(record->fields[2], &number))
			break;
		if (!cwmp_dm_lookup_table(self, path, &object, &table) ||
		    table->node->def == NULL || table->node->def->enumerate == NULL) {
			cwmp_dm_keep_orphan(self, record);
			return TRUE;
		}
		if (table->key_map == NULL)
			table->key_map =
			    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_hash_table_insert(table->key_map, g_strdup(record->fields[1]),
				    GUINT_TO_POINTER(number));
		if (table->next_instance != 0 && number >= table->next_instance)
			table->next_instance = number + 1;
		/* a placeholder until the first enumerate says whether it still exists,
		 * so the values stored for it can be restored */
		if (cwmp_dm_object_find_instance(table, number) == NULL) {
			CwmpDmObject *instance =
			    cwmp_dm_object_new(self, table->node, object, number);
			instance->key = g_strdup(record->fields[1]);
			cwmp_dm_object_insert_instance(table, instance);
		}
		return TRUE;
	}
	case 'o': {
		g_autofree gchar *table_path = NULL;
		const gchar	 *last;
		CwmpDmObject	 *object;
		CwmpDmTable	 *table;
		guint32		  number;
		gsize		  len = strlen(path);
		if (record->n_fields != 1 || len < 2 || path[len - 1] != '.')
			break;
		table_path = g_strndup(path, len - 1);
		last = strrchr(table_path, '.');
		if (last == NULL || !cwmp_dm_parse_instance_number(last + 1, &number))
			break;
		table_path[last - table_path + 1] = '\0';
		if (!cwmp_dm_lookup_table(self, table_path, &object, &table) ||
		    !table->node->stored_instances) {
			cwmp_dm_keep_orphan(self, record);
			return TRUE;
		}
		if (cwmp_dm_object_find_instance(table, number) == NULL)
			cwmp_dm_object_insert_instance(
			    table, cwmp_dm_object_new(self, table->node, object, number));
		return TRUE;
	}
	case 'v': {
		g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
		CwmpDmTarget *target;
		if (record->n_fields != 2)
			break;
		if (!cwmp_dm_resolve_internal(self, path, FALSE, targets, NULL) ||
		    targets->len != 1 ||
		    (target = &g_array_index(targets, CwmpDmTarget, 0))->param == NULL ||
		    target->param->kind != CWMP_DM_PARAM_KIND_STORED) {
			cwmp_dm_keep_orphan(self, record);
			return TRUE;
		}
		cwmp_dm_object_take_value(target->object, target->param,
					  g_strdup(record->fields[1]));
		return TRUE;
	}
	case 'a':
	case 'b': {
		CwmpDmAttr *attr;
		guint64	    notification;
		if (record->n_fields < 3 || record->n_fields > 4 ||
		    !g_ascii_string_to_unsigned(record->fields[1], 10, 0, 6, &notification, NULL))
			break;
		attr = g_new0(CwmpDmAttr, 1);
		attr->notification = (guint8) notification;
		attr->explicit_notification = record->tag == 'a';
		if (record->fields[2][0] != '\0')
			attr->access_list = g_strsplit(record->fields[2], ",", -1);
		if (record->n_fields == 4)
			attr->baseline = g_strdup(record->fields[3]);
		g_hash_table_replace(self->attrs, g_strdup(path), attr);
		return TRUE;
	}
	default:
		break;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "record '%c' for %s is malformed",
		    record->tag, path);
	return FALSE;
}

/* forced-notification parameters are watched from the start */
static void
cwmp_dm_watch_forced(CwmpDm *self, CwmpDmObject *object, GString *path)
{
	CwmpDmNode *node = object->node;
	gsize	    len = path->len;
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		CwmpDmAttr	*attr;
		if (param->schema->active_notify != CWMP_ACTIVE_NOTIFY_FORCE_ENABLED &&
		    param->schema->active_notify != CWMP_ACTIVE_NOTIFY_FORCE_DEFAULT_ENABLED)
			continue;
		g_string_append(path, param->name);
		attr = g_hash_table_lookup(self->attrs, path->str);
		if (attr == NULL) {
			attr = g_new0(CwmpDmAttr, 1);
			attr->notification = CWMP_DM_NOTIFICATION_ACTIVE;
			g_hash_table_insert(self->attrs, g_strdup(path->str), attr);
		} else if (param->schema->active_notify == CWMP_ACTIVE_NOTIFY_FORCE_ENABLED) {
			attr->notification = CWMP_DM_NOTIFICATION_ACTIVE;
		}
		g_string_truncate(path, len);
	}
	for (guint i = 0; object->tables != NULL && i < node->children->len; i++) {
		CwmpDmTable *table = &object->tables[i];
		if (table->node->multi || table->instances->len == 0)
			continue;
		g_string_append(path, table->node->name);
		g_string_append_c(path, '.');
		cwmp_dm_watch_forced(self, g_ptr_array_index(table->instances, 0), path);
		g_string_truncate(path, len);
	}
}

gboolean
cwmp_dm_freeze(CwmpDm *self, GError **error)
{
	g_autoptr(GString) path = g_string_new("Device.");

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	if (self->frozen)
		return TRUE;
	cwmp_dm_registry_finalize_tree(self, self->root_node);
	/* a failed freeze left an empty tree behind */
	cwmp_dm_object_free(self->root);
	self->root = cwmp_dm_object_new(self, self->root_node, NULL, 0);
	self->frozen = TRUE;
	if (self->store != NULL &&
	    !cwmp_store_read(self->store, cwmp_dm_load_record_cb, self, error)) {
		/* nothing half-loaded stays behind */
		cwmp_dm_object_free(self->root);
		g_hash_table_remove_all(self->attrs);
		g_ptr_array_set_size(self->orphans, 0);
		self->root = cwmp_dm_object_new(self, self->root_node, NULL, 0);
		self->frozen = FALSE;
		return FALSE;
	}
	cwmp_dm_watch_forced(self, self->root, path);
	return TRUE;
}

/* --- add and delete ------------------------------------------------------ */

static gboolean
cwmp_dm_alias_taken(CwmpDmTable *table, const gchar *alias)
{
	return cwmp_dm_find_by_alias(table, alias) != NULL;
}

static void
cwmp_dm_forget_attrs_below(CwmpDm *self, const gchar *prefix)
{
	GHashTableIter iter;
	gpointer       key;
	g_hash_table_iter_init(&iter, self->attrs);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (g_str_has_prefix(key, prefix)) {
			g_hash_table_iter_remove(&iter);
			self->dirty = TRUE;
		}
	}
}

gboolean
cwmp_dm_add_object(CwmpDm *self, const gchar *path, guint32 *instance_out, GError **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar       *wanted_alias = NULL;
	g_autofree gchar       *table_path = NULL;
	CwmpDmTarget	       *target;
	CwmpDmTable	       *table;
	CwmpDmObject	       *instance;
	CwmpDmNode	       *node;
	const CwmpSchemaObject *sobj;
	guint32			number;
	gsize			len;

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_return_val_if_fail(path != NULL, FALSE);
	CWMP_DM_WALK(self);
	self->epoch++;

	/* alias-based addressing: "Device.X.Item.[name]." asks for that alias */
	len = strlen(path);
	if (len > 3 && g_str_has_suffix(path, "].")) {
		const gchar *open = g_strrstr(path, ".[");
		if (open == NULL)
			return cwmp_dm_fail_name(error, path, "malformed alias");
		if (!self->alias_based)
			return cwmp_dm_fail_name(error, path, "alias-based addressing is off");
		wanted_alias = g_strndup(open + 2, (path + len - 2) - (open + 2));
		table_path = g_strndup(path, open - path + 1);
	} else {
		table_path = g_strdup(path);
	}
	if (!g_str_has_suffix(table_path, "."))
		return cwmp_dm_fail_name(error, path,
					 "AddObject needs an object path ending in a dot");
	if (!cwmp_dm_resolve(self, table_path, targets, error))
		return FALSE;
	if (targets->len != 1 || (target = &g_array_index(targets, CwmpDmTarget, 0))->table == NULL)
		return cwmp_dm_fail_name(error, path, "not a table");
	node = target->table;
	sobj = node->schema != NULL ? node->schema : node->vendor_schema;
	if (!node->writable)
		return cwmp_dm_fail_name(error, path, "instances of this table cannot be added");
	table = cwmp_dm_object_get_table(target->object, node);
	if (sobj != NULL && sobj->max_entries != G_MAXUINT32 &&
	    table->instances->len >= sobj->max_entries) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
			    "%s: the table already has its maximum of %u entries", path,
			    sobj->max_entries);
		return FALSE;
	}
	if (wanted_alias != NULL) {
		if (node->alias_param == NULL)
			return cwmp_dm_fail_name(error, path, "the table has no Alias");
		if (!cwmp_value_validate(node->alias_param->schema, wanted_alias, &error_local)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "%s: ", path);
			return FALSE;
		}
		if (cwmp_dm_alias_taken(table, wanted_alias)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s: alias %s is taken", path, wanted_alias);
			return FALSE;
		}
	}
	number = cwmp_dm_object_allocate_instance(table);
	if (number == 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
			    "%s: no instance number left", path);
		return FALSE;
	}
	instance = cwmp_dm_object_new(self, node, target->object, number);
	if (node->alias_param != NULL) {
		gchar *alias = g_steal_pointer(&wanted_alias);
		if (alias == NULL) {
			/* TR-181: a CPE-assigned alias starts with "cpe-" */
			alias = g_strdup_printf("cpe-%u", number);
			for (guint n = 1; cwmp_dm_alias_taken(table, alias); n++) {
				g_free(alias);
				alias = g_strdup_printf("cpe-%u-%u", number, n);
			}
		}
		cwmp_dm_object_take_value(instance, node->alias_param, alias);
	}
	if (node->def->add != NULL && !node->def->add(instance, node->user_data, &error_local)) {
		cwmp_dm_object_free(instance);
		table->next_instance = number; /* never handed out */
		if (error_local == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "%s: the plugin refused to add an instance", path);
		} else if (error_local->domain != CWMP_FAULT) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: %s", path,
				    error_local->message);
		} else {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "%s: ", path);
		}
		return FALSE;
	}
	cwmp_dm_object_insert_instance(table, instance);
	if (instance->key != NULL && node->def->enumerate != NULL) {
		/* the plugin named the new instance: the number follows that key */
		if (table->key_map == NULL)
			table->key_map =
			    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_hash_table_replace(table->key_map, g_strdup(instance->key),
				     GUINT_TO_POINTER(number));
	}
	if (!cwmp_dm_save(self, &error_local)) {
		/* not acknowledged unless it is on disk */
		g_ptr_array_remove(table->instances, instance);
		if (node->def->del != NULL) {
			g_autoptr(GError) error_del = NULL;
			if (!node->def->del(instance, node->user_data, &error_del))
				g_warning("%s: undoing AddObject failed: %s", path,
					  error_del != NULL ? error_del->message
							    : "no reason given");
		}
		cwmp_dm_object_free(instance);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: cannot persist the new instance: %s", path, error_local->message);
		return FALSE;
	}
	if (instance_out != NULL)
		*instance_out = number;
	return TRUE;
}

gboolean
cwmp_dm_delete_object(CwmpDm *self, const gchar *path, GError **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *concrete = NULL;
	CwmpDmTarget	 *target;
	CwmpDmObject	 *instance;
	CwmpDmTable	 *table;
	CwmpDmNode	 *node;

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_return_val_if_fail(path != NULL, FALSE);
	CWMP_DM_WALK(self);
	self->epoch++;
	if (!g_str_has_suffix(path, "."))
		return cwmp_dm_fail_name(error, path,
					 "DeleteObject needs an instance path ending in a dot");
	if (!cwmp_dm_resolve(self, path, targets, error))
		return FALSE;
	if (targets->len != 1)
		return cwmp_dm_fail_name(error, path, "not one instance");
	target = &g_array_index(targets, CwmpDmTarget, 0);
	if (target->table != NULL || target->param != NULL || !target->object->node->multi)
		return cwmp_dm_fail_name(error, path, "not an instance of a table");
	instance = target->object;
	node = instance->node;
	if (!node->writable)
		return cwmp_dm_fail_name(error, path, "instances of this table cannot be deleted");
	table = cwmp_dm_object_get_table(instance->parent, node);
	if (node->def->del != NULL && !node->def->del(instance, node->user_data, &error_local)) {
		if (error_local == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "%s: the plugin refused to delete the instance", path);
		} else if (error_local->domain != CWMP_FAULT) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: %s", path,
				    error_local->message);
		} else {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "%s: ", path);
		}
		return FALSE;
	}
	concrete = cwmp_dm_object_dup_path(instance);
	g_ptr_array_remove(table->instances, instance);
	if (instance->key != NULL && table->key_map != NULL)
		g_hash_table_remove(table->key_map, instance->key);
	cwmp_dm_retire_object(self, instance);
	cwmp_dm_forget_attrs_below(self, concrete);
	if (!cwmp_dm_save(self, &error_local)) {
		/* the instance is gone from the system already; say so loudly */
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: deleted, but the state could not be saved: %s", path,
			    error_local->message);
		return FALSE;
	}
	return TRUE;
}

/* --- attributes and value changes ---------------------------------------- */

typedef struct {
	gchar		*path;
	CwmpDmObject	*object;
	CwmpDmParamNode *param;
} CwmpDmParamRef;

static void
cwmp_dm_param_ref_clear(CwmpDmParamRef *ref)
{
	g_free(ref->path);
}

static guint8
cwmp_dm_default_notification(const CwmpSchemaParam *sp)
{
	if (sp->active_notify == CWMP_ACTIVE_NOTIFY_FORCE_ENABLED ||
	    sp->active_notify == CWMP_ACTIVE_NOTIFY_FORCE_DEFAULT_ENABLED)
		return CWMP_DM_NOTIFICATION_ACTIVE;
	return CWMP_DM_NOTIFICATION_OFF;
}

static gboolean
cwmp_dm_params_below(CwmpDmObject *object, GString *path, GArray *refs, GError **error)
{
	CwmpDmNode *node = object->node;
	gsize	    len = path->len;
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		CwmpDmParamRef	 ref = {NULL, object, param};
		if (param->disabled)
			continue;
		g_string_append(path, param->name);
		ref.path = g_strdup(path->str);
		g_array_append_val(refs, ref);
		g_string_truncate(path, len);
	}
	for (guint i = 0; object->tables != NULL && i < node->children->len; i++) {
		CwmpDmTable *table = &object->tables[i];
		gsize	     tlen;
		if (table->node->disabled)
			continue;
		if (!cwmp_dm_object_refresh_table(object, table, error))
			return FALSE;
		g_string_append(path, table->node->name);
		g_string_append_c(path, '.');
		tlen = path->len;
		for (guint j = 0; j < table->instances->len; j++) {
			CwmpDmObject *child = g_ptr_array_index(table->instances, j);
			if (table->node->multi)
				g_string_append_printf(path, "%u.", child->instance);
			if (!cwmp_dm_params_below(child, path, refs, error))
				return FALSE;
			g_string_truncate(path, tlen);
		}
		g_string_truncate(path, len);
	}
	return TRUE;
}

/* every concrete parameter a path covers */
static gboolean
cwmp_dm_collect_params(CwmpDm *self, const gchar *text, GArray *refs, GError **error)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GString) buf = g_string_sized_new(256);

	if (!cwmp_dm_resolve(self, text[0] == '\0' ? "Device." : text, targets, error))
		return FALSE;
	for (guint i = 0; i < targets->len; i++) {
		CwmpDmTarget *target = &g_array_index(targets, CwmpDmTarget, i);
		g_string_truncate(buf, 0);
		cwmp_dm_object_append_path(target->object, buf);
		if (target->param != NULL) {
			CwmpDmParamRef ref = {NULL, target->object, target->param};
			g_string_append(buf, target->param->name);
			ref.path = g_strdup(buf->str);
			g_array_append_val(refs, ref);
		} else if (target->table != NULL) {
			CwmpDmTable *table =
			    cwmp_dm_object_get_table(target->object, target->table);
			gsize len;
			g_string_append(buf, target->table->name);
			g_string_append_c(buf, '.');
			len = buf->len;
			for (guint j = 0; j < table->instances->len; j++) {
				CwmpDmObject *child = g_ptr_array_index(table->instances, j);
				g_string_append_printf(buf, "%u.", child->instance);
				if (!cwmp_dm_params_below(child, buf, refs, error))
					return FALSE;
				g_string_truncate(buf, len);
			}
		} else if (!cwmp_dm_params_below(target->object, buf, refs, error)) {
			return FALSE;
		}
	}
	return TRUE;
}

static GArray *
cwmp_dm_param_refs_new(void)
{
	GArray *refs = g_array_new(FALSE, FALSE, sizeof(CwmpDmParamRef));
	g_array_set_clear_func(refs, (GDestroyNotify) cwmp_dm_param_ref_clear);
	return refs;
}

gboolean
cwmp_dm_get_attributes(CwmpDm		  *self,
		       const gchar	  *path,
		       CwmpDmAttributeFunc func,
		       gpointer		   user_data,
		       GError		 **error)
{
	g_autoptr(GArray) refs = cwmp_dm_param_refs_new();
	static const gchar *const empty[] = {NULL};

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_return_val_if_fail(path != NULL && func != NULL, FALSE);
	CWMP_DM_WALK(self);
	self->epoch++;
	if (!cwmp_dm_collect_params(self, path, refs, error))
		return FALSE;
	for (guint i = 0; i < refs->len; i++) {
		CwmpDmParamRef *ref = &g_array_index(refs, CwmpDmParamRef, i);
		CwmpDmAttr     *attr = g_hash_table_lookup(self->attrs, ref->path);
		if (attr != NULL)
			func(ref->path, attr->notification,
			     attr->access_list != NULL ? (const gchar *const *) attr->access_list
						       : empty,
			     user_data);
		else
			func(ref->path, cwmp_dm_default_notification(ref->param->schema), empty,
			     user_data);
	}
	cwmp_dm_flush(self);
	return TRUE;
}

static gboolean
cwmp_dm_check_notification(const gchar	   *path,
			   CwmpDmParamNode *param,
			   guint	    notification,
			   GError	  **error)
{
	if (notification > 6) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%s: notification %u is not defined", path, notification);
		return FALSE;
	}
	if (notification > 2) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED,
			    "%s: lightweight notification (%u) is not supported", path,
			    notification);
		return FALSE;
	}
	if (param->schema->active_notify == CWMP_ACTIVE_NOTIFY_FORCE_ENABLED &&
	    notification != CWMP_DM_NOTIFICATION_ACTIVE) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED,
			    "%s: active notification is forced on for this parameter", path);
		return FALSE;
	}
	if (param->schema->active_notify == CWMP_ACTIVE_NOTIFY_CAN_DENY &&
	    notification == CWMP_DM_NOTIFICATION_ACTIVE) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_NOTIFICATION_REJECTED,
			    "%s: active notification is denied for this parameter", path);
		return FALSE;
	}
	return TRUE;
}

static CwmpDmAttr *
cwmp_dm_attr_copy(const CwmpDmAttr *attr)
{
	CwmpDmAttr *copy = g_new0(CwmpDmAttr, 1);
	*copy = *attr;
	copy->access_list = g_strdupv(attr->access_list);
	copy->baseline = g_strdup(attr->baseline);
	copy->reported = g_strdup(attr->reported);
	return copy;
}

gboolean
cwmp_dm_set_attributes(CwmpDm			    *self,
		       const CwmpDmAttributeRequest *requests,
		       guint			     n_requests,
		       GError			   **error)
{
	g_autoptr(GArray) refs = cwmp_dm_param_refs_new();
	g_autoptr(GArray) ref_request = g_array_new(FALSE, FALSE, sizeof(guint));
	g_autoptr(GHashTable) saved = NULL;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	CWMP_DM_WALK(self);
	self->epoch++;

	/* check everything first: all or nothing */
	for (guint r = 0; r < n_requests; r++) {
		const CwmpDmAttributeRequest *req = &requests[r];
		guint			      before = refs->len;
		if (!cwmp_dm_collect_params(self, req->path, refs, error))
			return FALSE;
		for (guint i = before; i < refs->len; i++) {
			CwmpDmParamRef *ref = &g_array_index(refs, CwmpDmParamRef, i);
			if (req->notification_change &&
			    !cwmp_dm_check_notification(ref->path, ref->param, req->notification,
							error))
				return FALSE;
			g_array_append_val(ref_request, r);
		}
		for (guint i = 0; req->access_list_change && req->access_list != NULL &&
				  req->access_list[i] != NULL;
		     i++) {
			if (g_strcmp0(req->access_list[i], "Subscriber") != 0) {
				g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
					    "%s: access list entry \"%s\" is not defined "
					    "(only \"Subscriber\" is)",
					    req->path, req->access_list[i]);
				return FALSE;
			}
		}
	}

	/* copies of what is there now, so a failed save puts everything back */
	saved = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
				      (GDestroyNotify) cwmp_dm_attr_free);
	for (guint i = 0; i < refs->len; i++) {
		CwmpDmParamRef *ref = &g_array_index(refs, CwmpDmParamRef, i);
		CwmpDmAttr     *attr = g_hash_table_lookup(self->attrs, ref->path);
		if (!g_hash_table_contains(saved, ref->path))
			g_hash_table_insert(saved, g_strdup(ref->path),
					    attr != NULL ? cwmp_dm_attr_copy(attr) : NULL);
	}
	for (guint i = 0; i < refs->len; i++) {
		CwmpDmParamRef		     *ref = &g_array_index(refs, CwmpDmParamRef, i);
		const CwmpDmAttributeRequest *req = &requests[g_array_index(ref_request, guint, i)];
		CwmpDmAttr		     *attr = g_hash_table_lookup(self->attrs, ref->path);
		if (attr == NULL) {
			attr = g_new0(CwmpDmAttr, 1);
			attr->notification = cwmp_dm_default_notification(ref->param->schema);
			g_hash_table_insert(self->attrs, g_strdup(ref->path), attr);
		}
		if (req->notification_change) {
			gchar *now = NULL;
			attr->notification = (guint8) req->notification;
			attr->explicit_notification = TRUE;
			attr->changed = FALSE;
			attr->changed_again = FALSE;
			g_clear_pointer(&attr->reported, g_free);
			/* from here on, changes are against the value as it is now */
			if (cwmp_dm_read_param(self, ref->object, ref->param, &now, NULL)) {
				g_free(attr->baseline);
				attr->baseline = now;
			}
		}
		if (req->access_list_change) {
			g_strfreev(attr->access_list);
			attr->access_list =
			    (req->access_list != NULL && req->access_list[0] != NULL)
				? g_strdupv((gchar **) req->access_list)
				: NULL;
			attr->explicit_notification = TRUE;
		}
	}
	if (!cwmp_dm_save(self, &error_local)) {
		GHashTableIter iter;
		gpointer       key, value;
		g_hash_table_iter_init(&iter, saved);
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			if (value == NULL)
				g_hash_table_remove(self->attrs, key);
			else
				g_hash_table_replace(self->attrs, g_strdup(key), value);
			g_hash_table_iter_steal(&iter);
			g_free(key);
		}
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "cannot persist the attributes: %s", error_local->message);
		return FALSE;
	}
	return TRUE;
}

/* compare a watched parameter's value with its baseline */
static gboolean
cwmp_dm_check_attr(CwmpDm	   *self,
		   const gchar	   *path,
		   CwmpDmAttr	   *attr,
		   CwmpDmObject	   *object,
		   CwmpDmParamNode *param)
{
	g_autofree gchar *now = NULL;
	if (attr->notification == CWMP_DM_NOTIFICATION_OFF)
		return FALSE;
	if (!cwmp_dm_read_param(self, object, param, &now, NULL))
		return FALSE;
	if (attr->baseline == NULL) {
		/* first sight: this is the value to compare against */
		attr->baseline = g_steal_pointer(&now);
		self->dirty = TRUE;
		return FALSE;
	}
	if (attr->changed && attr->reported != NULL && !attr->changed_again &&
	    g_strcmp0(now, attr->reported) != 0) {
		/* changed again after it was reported: the ack must not swallow that */
		attr->changed_again = TRUE;
		g_signal_emit(self, signals[SIGNAL_VALUE_CHANGED], 0, path,
			      (guint) attr->notification);
		return TRUE;
	}
	if (attr->changed || g_strcmp0(now, attr->baseline) == 0)
		return FALSE;
	attr->changed = TRUE;
	g_signal_emit(self, signals[SIGNAL_VALUE_CHANGED], 0, path, (guint) attr->notification);
	return TRUE;
}

void
cwmp_dm_note_change(CwmpDm	    *self,
		    CwmpDmObject    *object,
		    CwmpDmParamNode *param,
		    const gchar	    *acs_value)
{
	g_autoptr(GString) path = g_string_sized_new(128);
	CwmpDmAttr *attr;

	cwmp_dm_object_append_path(object, path);
	g_string_append(path, param->name);
	attr = g_hash_table_lookup(self->attrs, path->str);
	if (attr == NULL)
		return;
	if (acs_value != NULL) {
		/* TR-069: a value the ACS set itself is not reported back */
		if (g_strcmp0(attr->baseline, acs_value) != 0) {
			g_free(attr->baseline);
			attr->baseline = g_strdup(acs_value);
			self->dirty = TRUE;
		}
		attr->changed = FALSE;
		attr->changed_again = FALSE;
		/* an acknowledgement of an earlier report must not bring that value back */
		g_clear_pointer(&attr->reported, g_free);
		return;
	}
	cwmp_dm_check_attr(self, path->str, attr, object, param);
}

static gint
cwmp_dm_param_value_cmp(gconstpointer a, gconstpointer b)
{
	const CwmpDmParamValue *pa = *(const CwmpDmParamValue *const *) a;
	const CwmpDmParamValue *pb = *(const CwmpDmParamValue *const *) b;
	return g_strcmp0(pa->path, pb->path);
}

guint
cwmp_dm_poll(CwmpDm *self)
{
	g_autoptr(GPtrArray) keys = NULL;
	guint found = 0;
	guint budget;

	g_return_val_if_fail(CWMP_IS_DM(self), 0);
	CWMP_DM_WALK(self);
	if (!self->frozen || g_hash_table_size(self->attrs) == 0)
		return 0;
	self->epoch++;
	keys = g_ptr_array_new();
	{
		GHashTableIter iter;
		gpointer       key;
		g_hash_table_iter_init(&iter, self->attrs);
		while (g_hash_table_iter_next(&iter, &key, NULL))
			g_ptr_array_add(keys, key);
	}
	g_ptr_array_sort(keys, cwmp_dm_strptr_cmp);
	budget = MIN(self->poll_budget, keys->len);
	for (guint n = 0; n < budget; n++) {
		const gchar *path;
		CwmpDmAttr  *attr;
		g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
		CwmpDmTarget *target;

		if (self->poll_cursor >= keys->len)
			self->poll_cursor = 0;
		path = g_ptr_array_index(keys, self->poll_cursor++);
		attr = g_hash_table_lookup(self->attrs, path);
		if (attr->notification == CWMP_DM_NOTIFICATION_OFF)
			continue;
		if (!cwmp_dm_resolve(self, path, targets, NULL) || targets->len != 1)
			continue;
		target = &g_array_index(targets, CwmpDmTarget, 0);
		if (target->param == NULL)
			continue;
		/* plugins push these themselves, but not what changed while cwmpd was
		 * not running */
		if (target->param->def != NULL &&
		    (target->param->def->flags & CWMP_DM_PARAM_FLAG_PUSH) != 0 &&
		    attr->baseline != NULL && attr->polled)
			continue;
		attr->polled = TRUE;
		if (cwmp_dm_check_attr(self, path, attr, target->object, target->param))
			found++;
	}
	cwmp_dm_flush(self);
	return found;
}

GPtrArray *
cwmp_dm_get_changed(CwmpDm *self)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_param_value_free);
	GHashTableIter iter;
	gpointer       key, value;

	g_return_val_if_fail(CWMP_IS_DM(self), out);
	CWMP_DM_WALK(self);
	self->epoch++;
	g_hash_table_iter_init(&iter, self->attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		CwmpDmAttr *attr = value;
		g_autoptr(GArray) targets = NULL;
		CwmpDmTarget	 *target;
		CwmpDmParamValue *pv;
		gchar		 *now = NULL;

		if (!attr->changed || attr->notification == CWMP_DM_NOTIFICATION_OFF)
			continue;
		targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
		if (!cwmp_dm_resolve(self, key, targets, NULL) || targets->len != 1 ||
		    (target = &g_array_index(targets, CwmpDmTarget, 0))->param == NULL)
			continue;
		if (!cwmp_dm_read_param(self, target->object, target->param, &now, NULL))
			continue;
		g_free(attr->reported);
		attr->reported = g_strdup(now);
		attr->changed_again = FALSE; /* this report has the latest value */
		pv = g_new0(CwmpDmParamValue, 1);
		pv->path = g_strdup(key);
		pv->value = now;
		pv->type = target->param->schema->type;
		if (target->param->schema->flags & CWMP_SCHEMA_PARAM_FLAG_HIDDEN) {
			g_free(pv->value);
			pv->value = g_strdup("");
		}
		g_ptr_array_add(out, pv);
	}
	g_ptr_array_sort(out, cwmp_dm_param_value_cmp);
	return out;
}

gboolean
cwmp_dm_ack_changed(CwmpDm *self, GError **error)
{
	GHashTableIter iter;
	gpointer       value;

	g_return_val_if_fail(CWMP_IS_DM(self), FALSE);
	g_hash_table_iter_init(&iter, self->attrs);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpDmAttr *attr = value;
		if (attr->reported == NULL)
			continue;
		g_free(attr->baseline);
		attr->baseline = g_steal_pointer(&attr->reported);
		attr->changed = attr->changed_again;
		attr->changed_again = FALSE;
		self->dirty = TRUE;
	}
	if (self->dirty)
		return cwmp_dm_save(self, error);
	return TRUE;
}
