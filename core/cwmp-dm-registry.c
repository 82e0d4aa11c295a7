/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"

/* registration: plugins add const tables, checked against the schema */

static gint
cwmp_dm_registry_node_cmp(gconstpointer a, gconstpointer b)
{
	const CwmpDmNode *na = *(const CwmpDmNode *const *) a;
	const CwmpDmNode *nb = *(const CwmpDmNode *const *) b;
	return strcmp(na->name, nb->name);
}

static gint
cwmp_dm_registry_param_cmp(gconstpointer a, gconstpointer b)
{
	const CwmpDmParamNode *pa = *(const CwmpDmParamNode *const *) a;
	const CwmpDmParamNode *pb = *(const CwmpDmParamNode *const *) b;
	return strcmp(pa->name, pb->name);
}

static void
cwmp_dm_registry_insert_sorted(GPtrArray *array, gpointer item, GCompareFunc cmp)
{
	guint lo = 0, hi = array->len;
	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		if (cmp(&item, &g_ptr_array_index(array, mid)) < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	g_ptr_array_insert(array, lo, item);
}

static gboolean
cwmp_dm_registry_path_is_vendor(const gchar *path)
{
	/* a path is a vendor extension when any of its names is X_<OUI>_... */
	if (g_str_has_prefix(path, "X_"))
		return TRUE;
	return strstr(path, ".X_") != NULL;
}

/* make sure every object on the way to @path exists, creating implicit nodes */
static CwmpDmNode *
cwmp_dm_registry_ensure_node(CwmpDmRegistry *registry, const gchar *path, GError **error)
{
	CwmpDm		 *dm = registry->dm;
	const CwmpSchema *schema = cwmp_dm_get_schema(dm);
	CwmpDmNode	 *node = cwmp_dm_get_root_node(dm);
	g_auto(GStrv) parts = NULL;
	g_autoptr(GString) sofar = g_string_new("Device.");
	guint n;

	if (!g_str_has_prefix(path, "Device.") || !g_str_has_suffix(path, ".")) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "object path %s must start with \"Device.\" and end with \".\"", path);
		return NULL;
	}
	parts = g_strsplit(path, ".", -1);
	n = g_strv_length(parts);
	/* parts: "Device", ..., "" (trailing) */
	for (guint i = 1; i + 1 < n; i++) {
		const gchar *name = parts[i];
		gboolean     multi = FALSE;
		CwmpDmNode  *child;

		if (g_strcmp0(name, "{i}") == 0) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "object path %s has \"{i}\" in the wrong place", path);
			return NULL;
		}
		if (!cwmp_path_name_is_valid(name)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "object path %s has an invalid name \"%s\"", path, name);
			return NULL;
		}
		g_string_append_printf(sofar, "%s.", name);
		if (i + 2 < n && g_strcmp0(parts[i + 1], "{i}") == 0) {
			multi = TRUE;
			g_string_append(sofar, "{i}.");
		}
		child = cwmp_dm_node_lookup_child(node, name);
		if (child == NULL) {
			const CwmpSchemaObject *sobj =
			    cwmp_schema_lookup_object(schema, sofar->str);
			if (sobj == NULL && !multi) {
				g_autofree gchar *as_table = g_strconcat(sofar->str, "{i}.", NULL);
				if (cwmp_schema_lookup_object(schema, as_table) != NULL) {
					g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
						    "object %s is multi-instance in the schema: "
						    "register %s",
						    sofar->str, as_table);
					return NULL;
				}
			}
			if (sobj == NULL && !cwmp_dm_registry_path_is_vendor(sofar->str)) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
					    "object %s is not in the %s schema", sofar->str,
					    cwmp_schema_get_root_version(schema));
				return NULL;
			}
			if (sobj != NULL && (gboolean) sobj->multi_instance != multi) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
					    "object %s is %s in the schema", sofar->str,
					    sobj->multi_instance ? "multi-instance"
								 : "single-instance");
				return NULL;
			}
			if (multi && g_strcmp0(sofar->str, path) != 0) {
				/* an implicit table would never have instances */
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
					    "register table %s before %s", sofar->str, path);
				return NULL;
			}
			child = cwmp_dm_node_new(node, name, sofar->str);
			child->schema = sobj;
			child->multi = multi;
			cwmp_dm_registry_insert_sorted(node->children, child,
						       cwmp_dm_registry_node_cmp);
		}
		if (multi)
			i++;
		node = child;
	}
	return node;
}

static gboolean
cwmp_dm_registry_check_vendor_param(const CwmpDmParamDef *def, GError **error)
{
	if (def->type == CWMP_TYPE_NONE || def->type >= CWMP_TYPE_LAST) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "vendor parameter %s must declare its type", def->name);
		return FALSE;
	}
	if (def->access == CWMP_ACCESS_NONE) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "vendor parameter %s must declare its access", def->name);
		return FALSE;
	}
	return TRUE;
}

static CwmpSchemaParam *
cwmp_dm_registry_vendor_schema_new(CwmpDmNode *node, const CwmpDmParamDef *def)
{
	CwmpSchemaParam *sp = g_malloc0(sizeof(CwmpSchemaParam) + sizeof(CwmpSchemaRange));
	gchar		*path = g_strconcat(node->path, def->name, NULL);
	sp->path = path;
	sp->name = path + strlen(node->path);
	sp->data_type = def->data_type;
	sp->default_value = def->default_value;
	sp->enumerations = def->enumerations;
	sp->type = def->type;
	sp->access = def->access;
	sp->active_notify = def->active_notify;
	sp->max_length = def->max_length;
	sp->object = G_MAXUINT32;
	if (def->forced_inform)
		sp->flags |= CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM;
	if (def->has_range) {
		CwmpSchemaRange *range = (CwmpSchemaRange *) (sp + 1);
		range->min = def->min;
		range->max = def->max;
		range->umin = def->min < 0 ? 0 : (guint64) def->min;
		range->umax = def->max < 0 ? 0 : (guint64) def->max;
		range->dmin = (gdouble) def->min;
		range->dmax = (gdouble) def->max;
		range->has_min = TRUE;
		range->has_max = TRUE;
		sp->ranges = range;
		sp->n_ranges = 1;
		sp->flags |= CWMP_SCHEMA_PARAM_FLAG_HAS_MIN | CWMP_SCHEMA_PARAM_FLAG_HAS_MAX;
	}
	return sp;
}

static gboolean
cwmp_dm_registry_add_param(CwmpDmRegistry	*registry,
			   CwmpDmNode		*node,
			   const CwmpDmParamDef *def,
			   gpointer		 user_data,
			   GError	       **error)
{
	const CwmpSchema      *schema = cwmp_dm_get_schema(registry->dm);
	CwmpDmParamNode	      *param;
	CwmpDmParamNode	      *existing;
	const CwmpSchemaParam *sp = NULL;
	gboolean	       stored = (def->flags & CWMP_DM_PARAM_FLAG_STORED) != 0;
	gboolean	       read_only = (def->flags & CWMP_DM_PARAM_FLAG_READ_ONLY) != 0;

	if (def->name == NULL || !cwmp_path_name_is_valid(def->name)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "%s: invalid parameter name \"%s\"", node->path,
			    def->name != NULL ? def->name : "(null)");
		return FALSE;
	}
	if (cwmp_path_name_is_vendor(def->name) || node->schema == NULL) {
		if (!cwmp_dm_registry_check_vendor_param(def, error))
			return FALSE;
	} else {
		g_autofree gchar *path = g_strconcat(node->path, def->name, NULL);
		sp = cwmp_schema_lookup_param(schema, path);
		if (sp == NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s is not in the %s schema", path,
				    cwmp_schema_get_root_version(schema));
			return FALSE;
		}
		if (def->type != CWMP_TYPE_NONE && def->type != sp->type) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s is declared %s but the schema says %s", path,
				    cwmp_type_to_string(def->type), cwmp_type_to_string(sp->type));
			return FALSE;
		}
		if (def->access != CWMP_ACCESS_NONE && def->access != sp->access) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s is declared %s but the schema says %s", path,
				    def->access == CWMP_ACCESS_READ_ONLY ? "readOnly" : "readWrite",
				    sp->access == CWMP_ACCESS_READ_ONLY ? "readOnly" : "readWrite");
			return FALSE;
		}
	}

	{
		CwmpAccess access = sp != NULL ? (CwmpAccess) sp->access : def->access;
		if (access == CWMP_ACCESS_READ_ONLY && def->set != NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s%s is readOnly but has a setter", node->path,
				    def->name);
			return FALSE;
		}
		if (!stored && def->get == NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s%s has neither a getter nor the STORED flag",
				    node->path, def->name);
			return FALSE;
		}
		if (stored && (def->get != NULL)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s%s is STORED and has a getter", node->path,
				    def->name);
			return FALSE;
		}
		if (access == CWMP_ACCESS_READ_WRITE && !stored && def->set == NULL &&
		    !(read_only && def->read_only_reason != NULL)) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "parameter %s%s is readWrite in the schema: give it a setter, "
				    "the STORED flag, or READ_ONLY with a reason",
				    node->path, def->name);
			return FALSE;
		}
	}

	existing = cwmp_dm_node_lookup_param(node, def->name);
	if (existing != NULL) {
		if (existing->def == NULL && !existing->disabled) {
			/* an explicit registration replaces one the core added */
			g_ptr_array_remove(node->params, existing);
		} else if (!existing->disabled) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS,
				    "parameter %s%s is already registered by %s", node->path,
				    def->name,
				    existing->owner != NULL ? existing->owner->name : "the core");
			return FALSE;
		} else {
			g_ptr_array_remove(node->params, existing);
		}
	}

	param = g_new0(CwmpDmParamNode, 1);
	param->def = def;
	param->owner = registry->owner;
	param->user_data = user_data;
	param->object = node;
	param->store_index = -1;
	if (sp != NULL) {
		param->schema = sp;
	} else {
		param->vendor_schema = cwmp_dm_registry_vendor_schema_new(node, def);
		param->schema = param->vendor_schema;
	}
	param->name = param->schema->name;
	param->kind = stored ? CWMP_DM_PARAM_KIND_STORED : CWMP_DM_PARAM_KIND_GETTER;
	param->writable = param->schema->access == CWMP_ACCESS_READ_WRITE && !read_only &&
			  (stored || def->set != NULL);
	cwmp_dm_registry_insert_sorted(node->params, param, cwmp_dm_registry_param_cmp);
	return TRUE;
}

gboolean
cwmp_dm_registry_add_object(CwmpDmRegistry	  *registry,
			    const CwmpDmObjectDef *def,
			    gpointer		   user_data,
			    GError		 **error)
{
	CwmpDmNode *node;
	gboolean    has_table_callbacks;

	g_return_val_if_fail(registry != NULL, FALSE);
	g_return_val_if_fail(registry->dm != NULL, FALSE);
	g_return_val_if_fail(def != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	if (cwmp_dm_get_frozen(registry->dm)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "%s: the data model is frozen; register from the register callback",
			    def->path != NULL ? def->path : "(null)");
		return FALSE;
	}
	if (def->path == NULL) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_SCHEMA, "object path is NULL");
		return FALSE;
	}
	node = cwmp_dm_registry_ensure_node(registry, def->path, error);
	if (node == NULL)
		return FALSE;

	has_table_callbacks = def->enumerate != NULL || def->add != NULL || def->del != NULL ||
			      (def->flags & CWMP_DM_OBJECT_FLAG_STORED) != 0;
	if (has_table_callbacks && !node->multi) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "%s is not a table: it cannot have enumerate, add, delete or STORED",
			    def->path);
		return FALSE;
	}
	if (node->multi && !has_table_callbacks && node->def == NULL) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "table %s needs enumerate, add/delete or the STORED flag", def->path);
		return FALSE;
	}
	if (has_table_callbacks && node->def != NULL && !node->disabled) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS,
			    "table %s is already registered by %s", def->path, node->owner->name);
		return FALSE;
	}
	if ((def->add != NULL) != (def->del != NULL)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "table %s needs both add and delete, or neither", def->path);
		return FALSE;
	}
	if (node->schema == NULL) {
		/* vendor object: its metadata comes from the definition */
		if (def->access == CWMP_ACCESS_NONE) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "vendor object %s must declare its access", def->path);
			return FALSE;
		}
		if (node->vendor_schema == NULL) {
			node->vendor_schema = g_new0(CwmpSchemaObject, 1);
			node->vendor_schema->path = node->path;
			node->vendor_schema->parent = G_MAXUINT32;
			node->vendor_schema->multi_instance = node->multi;
			node->vendor_schema->max_entries = def->max_entries != 0 ? def->max_entries
										 : G_MAXUINT32;
			node->vendor_schema->access = def->access;
		}
	} else if (def->access != CWMP_ACCESS_NONE && def->access != node->schema->access) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
			    "object %s is declared %s but the schema says %s", def->path,
			    def->access == CWMP_ACCESS_READ_ONLY ? "readOnly" : "readWrite",
			    node->schema->access == CWMP_ACCESS_READ_ONLY ? "readOnly"
									  : "readWrite");
		return FALSE;
	}
	if (has_table_callbacks) {
		const CwmpSchemaObject *sobj = node->schema != NULL ? node->schema
								    : node->vendor_schema;
		gboolean		wants_write =
		    def->add != NULL || (def->flags & CWMP_DM_OBJECT_FLAG_STORED) != 0;
		if (wants_write && sobj->access != CWMP_ACCESS_READ_WRITE) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "table %s is readOnly in the schema: instances cannot be added "
				    "or deleted (use enumerate)",
				    def->path);
			return FALSE;
		}
		if (def->enumerate != NULL && (def->flags & CWMP_DM_OBJECT_FLAG_STORED) != 0) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_SCHEMA,
				    "table %s cannot be both enumerated and STORED", def->path);
			return FALSE;
		}
		node->def = def;
		node->owner = registry->owner;
		node->user_data = user_data;
		node->disabled = FALSE;
		node->stored_instances = (def->flags & CWMP_DM_OBJECT_FLAG_STORED) != 0;
		node->writable = wants_write;
	} else if (node->def == NULL) {
		node->def = def;
		node->owner = registry->owner;
		node->user_data = user_data;
		node->disabled = FALSE;
	}

	for (const CwmpDmParamDef *p = def->params; p != NULL && p->name != NULL; p++) {
		if (!cwmp_dm_registry_add_param(registry, node, p, user_data, error)) {
			g_prefix_error(error, "%s: ", def->path);
			return FALSE;
		}
	}
	return TRUE;
}

gboolean
cwmp_dm_registry_add_objects(CwmpDmRegistry		  *registry,
			     const CwmpDmObjectDef *const *defs,
			     gpointer			   user_data,
			     GError			 **error)
{
	for (guint i = 0; defs[i] != NULL; i++) {
		if (!cwmp_dm_registry_add_object(registry, defs[i], user_data, error))
			return FALSE;
	}
	return TRUE;
}

void
cwmp_dm_registry_set_txn_hooks(CwmpDmRegistry	    *registry,
			       const CwmpDmTxnHooks *hooks,
			       gpointer		     user_data)
{
	g_return_if_fail(registry != NULL && registry->owner != NULL);
	if (hooks != NULL)
		registry->owner->hooks = *hooks;
	else
		memset(&registry->owner->hooks, 0, sizeof(registry->owner->hooks));
	registry->owner->hooks_data = user_data;
}

CwmpDm *
cwmp_dm_registry_get_dm(CwmpDmRegistry *registry)
{
	g_return_val_if_fail(registry != NULL, NULL);
	return registry->dm;
}

const gchar *
cwmp_dm_registry_get_owner(CwmpDmRegistry *registry)
{
	g_return_val_if_fail(registry != NULL, NULL);
	return registry->owner->name;
}

CwmpDmRegistry *
cwmp_dm_registry_new(CwmpDm *dm, const gchar *owner)
{
	CwmpDmRegistry *registry;
	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	g_return_val_if_fail(owner != NULL, NULL);
	registry = g_new0(CwmpDmRegistry, 1);
	registry->dm = g_object_ref(dm);
	registry->owner = cwmp_dm_ensure_owner(dm, owner);
	return registry;
}

void
cwmp_dm_registry_free(CwmpDmRegistry *registry)
{
	if (registry == NULL)
		return;
	g_clear_object(&registry->dm);
	g_free(registry);
}

/* the parameters the core adds by itself: Alias of tables, NumberOfEntries */
static void
cwmp_dm_registry_add_implied(CwmpDm *dm, CwmpDmNode *node)
{
	const CwmpSchema *schema = cwmp_dm_get_schema(dm);

	if (node->multi && node->schema != NULL) {
		CwmpDmParamNode	      *alias = cwmp_dm_node_lookup_param(node, "Alias");
		g_autofree gchar      *alias_path = g_strconcat(node->path, "Alias", NULL);
		const CwmpSchemaParam *sp = cwmp_schema_lookup_param(schema, alias_path);
		if (alias == NULL && sp != NULL && !node->disabled && node->def != NULL) {
			alias = g_new0(CwmpDmParamNode, 1);
			alias->schema = sp;
			alias->name = sp->name;
			alias->object = node;
			alias->owner = node->owner;
			alias->kind = CWMP_DM_PARAM_KIND_STORED;
			alias->store_index = -1;
			alias->writable = sp->access == CWMP_ACCESS_READ_WRITE;
			cwmp_dm_registry_insert_sorted(node->params, alias,
						       cwmp_dm_registry_param_cmp);
		}
		if (alias != NULL && !alias->disabled)
			node->alias_param = alias;
	}
	for (guint i = 0; i < node->children->len; i++) {
		CwmpDmNode	      *child = g_ptr_array_index(node->children, i);
		const gchar	      *ne;
		g_autofree gchar      *ne_path = NULL;
		const CwmpSchemaParam *sp;

		if (!child->multi || child->schema == NULL || child->disabled || child->def == NULL)
			continue;
		ne = child->schema->num_entries_parameter;
		if (ne == NULL || cwmp_dm_node_lookup_param(node, ne) != NULL)
			continue;
		ne_path = g_strconcat(node->path, ne, NULL);
		sp = cwmp_schema_lookup_param(schema, ne_path);
		if (sp == NULL)
			continue;
		{
			CwmpDmParamNode *param = g_new0(CwmpDmParamNode, 1);
			param->schema = sp;
			param->name = sp->name;
			param->object = node;
			param->owner = child->owner;
			param->kind = CWMP_DM_PARAM_KIND_NUM_ENTRIES;
			param->counted_table = child;
			param->store_index = -1;
			cwmp_dm_registry_insert_sorted(node->params, param,
						       cwmp_dm_registry_param_cmp);
		}
	}
}

/* at freeze: implied parameters, child indexes and store slots */
void
cwmp_dm_registry_finalize_tree(CwmpDm *dm, CwmpDmNode *node)
{
	cwmp_dm_registry_add_implied(dm, node);
	node->n_stored = 0;
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		if (param->kind == CWMP_DM_PARAM_KIND_STORED)
			param->store_index = node->n_stored++;
	}
	for (guint i = 0; i < node->children->len; i++) {
		CwmpDmNode *child = g_ptr_array_index(node->children, i);
		child->child_index = i;
		cwmp_dm_registry_finalize_tree(dm, child);
	}
}

/* everything @owner registered disappears from requests */
void
cwmp_dm_registry_disable_owner(CwmpDmNode *node, CwmpDmOwner *owner)
{
	for (guint i = 0; i < node->params->len; i++) {
		CwmpDmParamNode *param = g_ptr_array_index(node->params, i);
		if (param->owner == owner)
			param->disabled = TRUE;
	}
	if (node->owner == owner && node->def != NULL &&
	    (node->def->enumerate != NULL || node->def->add != NULL || node->stored_instances))
		node->disabled = TRUE;
	for (guint i = 0; i < node->children->len; i++)
		cwmp_dm_registry_disable_owner(g_ptr_array_index(node->children, i), owner);
}
