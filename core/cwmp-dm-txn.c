/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"

/*
 * A SetParameterValues transaction. cwmp_dm_txn_set() only checks and records;
 * nothing changes before cwmp_dm_txn_commit(), which validates all, prepares
 * every plugin involved, then commits them one by one. When a plugin fails in
 * commit, the ones already committed get their old values back, so a failed
 * transaction leaves the data model as it was. Dropping a transaction that
 * was not committed changes nothing (the locker pattern).
 */

typedef struct {
	CwmpDmObject	*object;
	CwmpDmParamNode *param;
	gchar		*path;
	gchar		*value;
	gchar		*old_value;
	gboolean	 applied;
} CwmpDmTxnItem;

struct _CwmpDmTxn {
	GObject	    parent_instance;
	CwmpDm	   *dm;
	GArray	   *items;  /* CwmpDmTxnItem */
	GPtrArray  *faults; /* CwmpDmFault */
	GHashTable *seen;   /* paths set so far */
	gboolean    committed;
	gboolean    duplicate;
	gboolean    local; /* made by a local client, not the ACS: changes are reported */
};

G_DEFINE_TYPE(CwmpDmTxn, cwmp_dm_txn, G_TYPE_OBJECT)

static void
cwmp_dm_txn_item_clear(CwmpDmTxnItem *item)
{
	g_free(item->path);
	g_free(item->value);
	g_free(item->old_value);
}

static void
cwmp_dm_txn_finalize(GObject *object)
{
	CwmpDmTxn *self = CWMP_DM_TXN(object);
	g_array_unref(self->items);
	g_ptr_array_unref(self->faults);
	g_hash_table_unref(self->seen);
	g_clear_object(&self->dm);
	G_OBJECT_CLASS(cwmp_dm_txn_parent_class)->finalize(object);
}

static void
cwmp_dm_txn_class_init(CwmpDmTxnClass *klass)
{
	G_OBJECT_CLASS(klass)->finalize = cwmp_dm_txn_finalize;
}

static void
cwmp_dm_txn_init(CwmpDmTxn *self)
{
	self->items = g_array_new(FALSE, TRUE, sizeof(CwmpDmTxnItem));
	g_array_set_clear_func(self->items, (GDestroyNotify) cwmp_dm_txn_item_clear);
	self->faults = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_fault_free);
	self->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

CwmpDmTxn *
cwmp_dm_txn_new(CwmpDm *dm)
{
	CwmpDmTxn *self;
	g_return_val_if_fail(CWMP_IS_DM(dm), NULL);
	self = g_object_new(CWMP_TYPE_DM_TXN, NULL);
	self->dm = g_object_ref(dm);
	/* a new request: tables are enumerated afresh, once for the whole transaction */
	cwmp_dm_begin_request(dm);
	return self;
}

static void
cwmp_dm_txn_add_fault(CwmpDmTxn *self, const gchar *path, const GError *error)
{
	CwmpDmFault *fault = g_new0(CwmpDmFault, 1);
	fault->path = g_strdup(path);
	fault->code = cwmp_error_to_fault(error);
	fault->message = g_strdup(error->message);
	g_ptr_array_add(self->faults, fault);
}

/**
 * cwmp_dm_txn_set:
 * @self: a #CwmpDmTxn
 * @path: a full parameter path
 * @value: the new value, in its wire form
 * @declared_type: the xsi type the request gave, or %CWMP_TYPE_NONE
 *
 * Checks and records one change. A problem is recorded as a fault for this
 * parameter (see cwmp_dm_txn_get_faults()) and makes the commit fail.
 *
 * Returns: %FALSE if this parameter got a fault
 */
gboolean
cwmp_dm_txn_set(CwmpDmTxn *self, const gchar *path, const gchar *value, CwmpType declared_type)
{
	g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(CwmpDmTarget));
	g_autoptr(GError) error = NULL;
	g_autofree gchar *normalized = NULL;
	CwmpDmTarget	 *target;
	CwmpDmParamNode	 *param;
	CwmpDmTxnItem	  item = {NULL};

	g_return_val_if_fail(CWMP_IS_DM_TXN(self), FALSE);
	g_return_val_if_fail(path != NULL && value != NULL, FALSE);
	g_return_val_if_fail(!self->committed, FALSE);
	CWMP_DM_WALK(self->dm);

	if (g_hash_table_contains(self->seen, path)) {
		/* TR-069: the same parameter twice in one request is invalid */
		self->duplicate = TRUE;
		g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%s appears more than once", path);
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	g_hash_table_add(self->seen, g_strdup(path));

	if (!cwmp_dm_resolve(self->dm, path, targets, &error)) {
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	if (targets->len != 1 || g_array_index(targets, CwmpDmTarget, 0).param == NULL) {
		g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "%s: not the path of one parameter", path);
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	target = &g_array_index(targets, CwmpDmTarget, 0);
	param = target->param;
	if (!param->writable) {
		g_set_error(&error, CWMP_FAULT, CWMP_FAULT_NON_WRITABLE_PARAMETER,
			    "%s is not writable%s%s", path,
			    param->def != NULL && param->def->read_only_reason != NULL ? ": " : "",
			    param->def != NULL && param->def->read_only_reason != NULL
				? param->def->read_only_reason
				: "");
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	if (declared_type != CWMP_TYPE_NONE && declared_type != param->schema->type) {
		g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_TYPE,
			    "%s is of type %s, not %s", path,
			    cwmp_type_to_string(param->schema->type),
			    cwmp_type_to_string(declared_type));
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	normalized = cwmp_value_normalize(param->schema, value, &error);
	if (normalized == NULL) {
		g_prefix_error(&error, "%s: ", path);
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	if (param->def != NULL && param->def->validate != NULL &&
	    !param->def->validate(target->object, param->name, normalized, param->user_data,
				  &error)) {
		if (error == NULL)
			g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s: value refused", path);
		else if (error->domain != CWMP_FAULT) {
			GError *inner = g_steal_pointer(&error);
			g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s: %s", path, inner->message);
			g_error_free(inner);
		}
		cwmp_dm_txn_add_fault(self, path, error);
		return FALSE;
	}
	if (param == target->object->node->alias_param) {
		/* an Alias must stay unique within its table */
		CwmpDmTable *table =
		    cwmp_dm_object_get_table(target->object->parent, target->object->node);
		for (guint i = 0; table != NULL && i < table->instances->len; i++) {
			CwmpDmObject *other = g_ptr_array_index(table->instances, i);
			if (other != target->object &&
			    g_strcmp0(cwmp_dm_object_peek_value(other, param), normalized) == 0) {
				g_set_error(&error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
					    "%s: alias %s is taken", path, normalized);
				cwmp_dm_txn_add_fault(self, path, error);
				return FALSE;
			}
		}
	}
	item.object = target->object;
	item.param = param;
	item.path = g_strdup(path);
	item.value = g_steal_pointer(&normalized);
	g_array_append_val(self->items, item);
	return TRUE;
}

/**
 * cwmp_dm_txn_set_local:
 * @self: a #CwmpDmTxn
 * @local: %TRUE for a change made on the device (D-Bus, cwmpctl)
 *
 * TR-069 reports no value change for what the ACS set itself; a change a
 * local client makes to a parameter the ACS watches is reported (VALUE
 * CHANGE) like any other change of the device.
 */
void
cwmp_dm_txn_set_local(CwmpDmTxn *self, gboolean local)
{
	g_return_if_fail(CWMP_IS_DM_TXN(self));
	self->local = local;
}

GPtrArray *
cwmp_dm_txn_get_faults(CwmpDmTxn *self)
{
	g_return_val_if_fail(CWMP_IS_DM_TXN(self), NULL);
	return self->faults;
}

/* the changes of one owner, in the order they were set */
static GArray *
cwmp_dm_txn_changes_for(CwmpDmTxn *self, CwmpDmOwner *owner, gboolean inverse)
{
	GArray *changes = g_array_new(FALSE, FALSE, sizeof(CwmpDmChange));
	for (guint i = 0; i < self->items->len; i++) {
		CwmpDmTxnItem *item = &g_array_index(self->items, CwmpDmTxnItem, i);
		CwmpDmChange   change;
		if (item->param->owner != owner || (inverse && !item->applied))
			continue;
		change.object = item->object;
		change.name = item->param->name;
		change.value = inverse ? item->old_value : item->value;
		change.old_value = inverse ? item->value : item->old_value;
		g_array_append_val(changes, change);
	}
	return changes;
}

static gboolean
cwmp_dm_txn_apply_one(CwmpDmTxnItem *item, const gchar *value, GError **error)
{
	if (item->param->kind == CWMP_DM_PARAM_KIND_STORED) {
		cwmp_dm_object_take_value(item->object, item->param, g_strdup(value));
		return TRUE;
	}
	if (value == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: the old value is unknown", item->path);
		return FALSE;
	}
	return item->param->def->set(item->object, item->param->name, value, item->param->user_data,
				     error);
}

/* put back the old values of everything @owner applied */
static void
cwmp_dm_txn_revert_owner(CwmpDmTxn *self, CwmpDmOwner *owner, gboolean call_commit)
{
	g_autoptr(GArray) inverse = cwmp_dm_txn_changes_for(self, owner, TRUE);
	for (guint i = self->items->len; i > 0; i--) {
		CwmpDmTxnItem *item = &g_array_index(self->items, CwmpDmTxnItem, i - 1);
		g_autoptr(GError) error = NULL;
		if (item->param->owner != owner || !item->applied)
			continue;
		if (item->param->kind == CWMP_DM_PARAM_KIND_STORED) {
			/* a stored value that was unset goes back to unset */
			cwmp_dm_object_take_value(item->object, item->param,
						  g_strdup(item->old_value));
		} else if (!cwmp_dm_txn_apply_one(item, item->old_value, &error)) {
			g_warning("%s: cannot restore the old value: %s", item->path,
				  error != NULL ? error->message : "no reason given");
		}
		item->applied = FALSE;
	}
	if (call_commit && owner != NULL && owner->hooks.commit != NULL && inverse->len > 0) {
		g_autoptr(GError) error = NULL;
		if (!owner->hooks.commit((const CwmpDmChange *) (gpointer) inverse->data,
					 inverse->len, owner->hooks_data, &error))
			g_warning("%s: cannot re-apply the old values: %s", owner->name,
				  error != NULL ? error->message : "no reason given");
	}
}

static void
cwmp_dm_txn_abort_owner(CwmpDmTxn *self, CwmpDmOwner *owner)
{
	g_autoptr(GArray) changes = NULL;
	if (owner == NULL || owner->hooks.abort == NULL)
		return;
	changes = cwmp_dm_txn_changes_for(self, owner, FALSE);
	owner->hooks.abort((const CwmpDmChange *) (gpointer) changes->data, changes->len,
			   owner->hooks_data);
}

static gint
cwmp_dm_txn_owner_cmp(gconstpointer a, gconstpointer b)
{
	const CwmpDmOwner *oa = *(const CwmpDmOwner *const *) a;
	const CwmpDmOwner *ob = *(const CwmpDmOwner *const *) b;
	guint		   ia = oa != NULL ? oa->index + 1 : 0;
	guint		   ib = ob != NULL ? ob->index + 1 : 0;
	return (ia > ib) - (ia < ib);
}

/* an error from a plugin keeps its fault code when it has one */
static void
cwmp_dm_txn_set_commit_error(CwmpDmTxn *self, CwmpDmTxnItem *item, GError *inner, GError **error)
{
	if (inner->domain == CWMP_FAULT && item != NULL &&
	    inner->code >= CWMP_FAULT_INVALID_PARAMETER_NAME &&
	    inner->code <= CWMP_FAULT_NON_WRITABLE_PARAMETER) {
		/* a per-parameter fault: the request fails with 9003 and this entry */
		cwmp_dm_txn_add_fault(self, item->path, inner);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS, "%s: %s", item->path,
			    inner->message);
	} else if (inner->domain == CWMP_FAULT) {
		g_set_error_literal(error, CWMP_FAULT, inner->code, inner->message);
	} else {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s", inner->message);
	}
	g_error_free(inner);
}

gboolean
cwmp_dm_txn_commit(CwmpDmTxn *self, GError **error)
{
	g_autoptr(GPtrArray) owners = g_ptr_array_new();
	guint n_prepared = 0;
	guint n_committed = 0;
	g_autoptr(GError) error_local = NULL;

	g_return_val_if_fail(CWMP_IS_DM_TXN(self), FALSE);
	g_return_val_if_fail(!self->committed, FALSE);
	CWMP_DM_WALK(self->dm);
	self->committed = TRUE;

	if (self->faults->len > 0) {
		CwmpDmFault *first = g_ptr_array_index(self->faults, 0);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "%u parameter%s refused, first %s: %s", self->faults->len,
			    self->faults->len == 1 ? "" : "s", first->path, first->message);
		return FALSE;
	}

	/* the owners involved, in registration order; old values for the undo */
	for (guint i = 0; i < self->items->len; i++) {
		CwmpDmTxnItem *item = &g_array_index(self->items, CwmpDmTxnItem, i);
		if (!g_ptr_array_find(owners, item->param->owner, NULL))
			g_ptr_array_add(owners, item->param->owner);
		if (item->param->kind == CWMP_DM_PARAM_KIND_STORED) {
			item->old_value =
			    g_strdup(cwmp_dm_object_peek_value(item->object, item->param));
		} else if (!cwmp_dm_read_param(self->dm, item->object, item->param,
					       &item->old_value, &error_local)) {
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "cannot read the value before changing it: ");
			return FALSE;
		}
	}
	g_ptr_array_sort(owners, cwmp_dm_txn_owner_cmp);

	/* prepare: any refusal aborts everything, nothing was applied */
	for (n_prepared = 0; n_prepared < owners->len; n_prepared++) {
		CwmpDmOwner *owner = g_ptr_array_index(owners, n_prepared);
		g_autoptr(GArray) changes = NULL;
		if (owner == NULL || owner->hooks.prepare == NULL)
			continue;
		changes = cwmp_dm_txn_changes_for(self, owner, FALSE);
		if (!owner->hooks.prepare((const CwmpDmChange *) (gpointer) changes->data,
					  changes->len, owner->hooks_data, &error_local)) {
			for (guint j = 0; j < n_prepared; j++)
				cwmp_dm_txn_abort_owner(self, g_ptr_array_index(owners, j));
			if (error_local == NULL)
				g_set_error(&error_local, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
					    "%s refused the change", owner->name);
			g_prefix_error(&error_local, "%s: ", owner->name);
			cwmp_dm_txn_set_commit_error(self, NULL, g_steal_pointer(&error_local),
						     error);
			return FALSE;
		}
	}

	/* commit owner by owner; on failure undo the committed ones */
	for (n_committed = 0; n_committed < owners->len; n_committed++) {
		CwmpDmOwner   *owner = g_ptr_array_index(owners, n_committed);
		CwmpDmTxnItem *failed_item = NULL;
		gboolean       ok = TRUE;

		for (guint i = 0; i < self->items->len && ok; i++) {
			CwmpDmTxnItem *item = &g_array_index(self->items, CwmpDmTxnItem, i);
			if (item->param->owner != owner)
				continue;
			if (!cwmp_dm_txn_apply_one(item, item->value, &error_local)) {
				failed_item = item;
				ok = FALSE;
				break;
			}
			item->applied = TRUE;
		}
		if (ok && owner != NULL && owner->hooks.commit != NULL) {
			g_autoptr(GArray) changes = cwmp_dm_txn_changes_for(self, owner, FALSE);
			ok = owner->hooks.commit((const CwmpDmChange *) (gpointer) changes->data,
						 changes->len, owner->hooks_data, &error_local);
		}
		if (!ok) {
			/* this owner first (without its commit hook: it failed or never ran) */
			cwmp_dm_txn_revert_owner(self, owner, FALSE);
			for (guint j = n_committed; j > 0; j--)
				cwmp_dm_txn_revert_owner(self, g_ptr_array_index(owners, j - 1),
							 TRUE);
			for (guint j = n_committed; j < owners->len; j++)
				cwmp_dm_txn_abort_owner(self, g_ptr_array_index(owners, j));
			if (error_local == NULL)
				g_set_error(&error_local, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
					    "%s failed to apply the change",
					    owner != NULL ? owner->name : "the core");
			cwmp_dm_txn_set_commit_error(self, failed_item,
						     g_steal_pointer(&error_local), error);
			return FALSE;
		}
	}

	/* acknowledge only what is on disk */
	if (!cwmp_dm_save(self->dm, &error_local)) {
		for (guint j = owners->len; j > 0; j--)
			cwmp_dm_txn_revert_owner(self, g_ptr_array_index(owners, j - 1), TRUE);
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "cannot persist the new values: %s", error_local->message);
		return FALSE;
	}
	for (guint i = 0; i < self->items->len; i++) {
		CwmpDmTxnItem *item = &g_array_index(self->items, CwmpDmTxnItem, i);
		cwmp_dm_note_change(self->dm, item->object, item->param,
				    self->local ? NULL : item->value);
	}
	cwmp_dm_flush(self->dm);
	return TRUE;
}
