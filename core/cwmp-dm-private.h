/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include "cwmp-dm-txn.h"
#include "cwmp-dm.h"
#include "cwmp-path.h"
#include "cwmp-value.h"

G_BEGIN_DECLS

/*
 * Two trees. The node tree has one CwmpDmNode per registered schema path
 * ("Device.IP.Interface.{i}."); the object tree has one CwmpDmObject per
 * concrete object ("Device.IP.Interface.3."). Stored values live in the
 * object that holds them, one pointer per stored parameter, so a stored
 * parameter costs a pointer plus its string.
 */

typedef struct _CwmpDmNode  CwmpDmNode;
typedef struct _CwmpDmOwner CwmpDmOwner;

typedef struct {
	CwmpDmNode *node;
	GPtrArray  *instances; /* CwmpDmObject, sorted by instance number */
	GHashTable *key_map;   /* key -> instance number, for enumerated tables */
	guint32	    next_instance;
	guint64	    epoch; /* of the last enumerate */
} CwmpDmTable;

typedef enum {
	CWMP_DM_PARAM_KIND_GETTER,
	CWMP_DM_PARAM_KIND_STORED,
	CWMP_DM_PARAM_KIND_NUM_ENTRIES, /* counts the instances of a sibling table */
} CwmpDmParamKind;

typedef struct {
	const gchar	      *name;
	const CwmpSchemaParam *schema;
	CwmpSchemaParam	      *vendor_schema; /* owned, for X_ parameters */
	const CwmpDmParamDef  *def;	      /* NULL for parameters the core adds */
	CwmpDmOwner	      *owner;
	gpointer	       user_data;
	CwmpDmNode	      *object;
	CwmpDmNode	      *counted_table; /* NUM_ENTRIES */
	gint		       store_index;   /* STORED */
	CwmpDmParamKind	       kind;
	gboolean	       writable;
	gboolean	       disabled;
} CwmpDmParamNode;

struct _CwmpDmNode {
	gchar		       *name;
	gchar		       *path; /* schema path, "Device.IP.Interface.{i}." */
	CwmpDmNode	       *parent;
	const CwmpSchemaObject *schema;
	CwmpSchemaObject       *vendor_schema; /* owned, for X_ objects */
	const CwmpDmObjectDef  *def;
	CwmpDmOwner	       *owner; /* owner of the table callbacks */
	gpointer		user_data;
	GPtrArray	       *children; /* CwmpDmNode, sorted by name */
	GPtrArray	       *params;	  /* CwmpDmParamNode, sorted by name */
	guint			child_index;
	guint			n_stored;
	gboolean		multi;
	gboolean		stored_instances;
	gboolean		writable; /* instances may be added and deleted */
	gboolean		disabled;
	CwmpDmParamNode	       *alias_param;
};

struct _CwmpDmObject {
	CwmpDmNode    *node;
	CwmpDm	      *dm;
	CwmpDmObject  *parent;
	gchar	      *key;
	gpointer       data;
	GDestroyNotify destroy;
	gchar	     **values; /* node->n_stored */
	CwmpDmTable   *tables; /* node->children->len */
	guint32	       instance;
};

struct _CwmpDmOwner {
	gchar	      *name;
	CwmpDmTxnHooks hooks;
	gpointer       hooks_data;
	guint	       index;
	gboolean       disabled;
};

struct _CwmpDmRegistry {
	CwmpDm	    *dm;
	CwmpDmOwner *owner;
};

typedef struct {
	gchar	      *key;
	gpointer       data;
	GDestroyNotify destroy;
} CwmpDmInstanceEntry;

struct _CwmpDmInstanceList {
	GArray *entries; /* CwmpDmInstanceEntry */
};

typedef struct {
	CwmpDmObject	*object;
	CwmpDmNode	*table; /* the path names this table of @object ("Device.IP.Interface.") */
	CwmpDmParamNode *param;
} CwmpDmTarget;

/* cwmp-dm.c */
CwmpDmNode *
cwmp_dm_get_root_node(CwmpDm *self);
gboolean
cwmp_dm_get_frozen(CwmpDm *self);
guint64
cwmp_dm_get_epoch(CwmpDm *self);
void
cwmp_dm_begin_request(CwmpDm *self);
CwmpDm *
cwmp_dm_enter(CwmpDm *self);
void
cwmp_dm_leave(CwmpDm *self);
void
cwmp_dm_retire_object(CwmpDm *self, CwmpDmObject *object);

/*
 * While the core walks the tree (a request), an instance a plugin removes (a
 * netlink notification dispatched from inside a getter, say) may be the one
 * being walked: it is only taken out of its table then, and freed when the
 * outermost request ends. CWMP_DM_WALK(dm) marks a request for the scope.
 */
typedef CwmpDm CwmpDmWalkGuard;
static inline void
cwmp_dm_walk_guard_leave(CwmpDmWalkGuard *dm)
{
	cwmp_dm_leave(dm);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpDmWalkGuard, cwmp_dm_walk_guard_leave)
#define CWMP_DM_WALK(dm)                                                                           \
	G_GNUC_UNUSED g_autoptr(CwmpDmWalkGuard) G_PASTE(cwmp_dm_walk_, __LINE__) =                \
	    cwmp_dm_enter(dm)
CwmpDmOwner *
cwmp_dm_ensure_owner(CwmpDm *self, const gchar *name);
void
cwmp_dm_set_root_object(CwmpDm *self, CwmpDmObject *root);
gboolean
cwmp_dm_resolve(CwmpDm *self, const gchar *text, GArray *targets, GError **error);
gboolean
cwmp_dm_read_param(CwmpDm	   *self,
		   CwmpDmObject	   *object,
		   CwmpDmParamNode *param,
		   gchar	  **value,
		   GError	  **error);
void
cwmp_dm_mark_dirty(CwmpDm *self);
void
cwmp_dm_note_change(CwmpDm	    *self,
		    CwmpDmObject    *object,
		    CwmpDmParamNode *param,
		    const gchar	    *acs_value);
void
cwmp_dm_flush(CwmpDm *self);
gboolean
cwmp_dm_is_alias_based(CwmpDm *self);

/* cwmp-dm-object.c */
CwmpDmObject *
cwmp_dm_object_new(CwmpDm *dm, CwmpDmNode *node, CwmpDmObject *parent, guint32 instance);
void
cwmp_dm_object_free(CwmpDmObject *object);
CwmpDmTable *
cwmp_dm_object_get_table(CwmpDmObject *object, CwmpDmNode *child);
CwmpDmObject *
cwmp_dm_object_find_instance(CwmpDmTable *table, guint32 instance);
CwmpDmObject *
cwmp_dm_object_find_single(CwmpDmObject *object, CwmpDmNode *child);
void
cwmp_dm_object_insert_instance(CwmpDmTable *table, CwmpDmObject *instance);
gboolean
cwmp_dm_object_refresh_table(CwmpDmObject *object, CwmpDmTable *table, GError **error);
void
cwmp_dm_object_append_path(CwmpDmObject *object, GString *out);
const gchar *
cwmp_dm_object_peek_value(CwmpDmObject *object, CwmpDmParamNode *param);
void
cwmp_dm_object_take_value(CwmpDmObject *object, CwmpDmParamNode *param, gchar *value);
guint32
cwmp_dm_object_allocate_instance(CwmpDmTable *table);

/* cwmp-dm-node.c */
CwmpDmNode *
cwmp_dm_node_new(CwmpDmNode *parent, const gchar *name, const gchar *path);
CwmpDmNode *
cwmp_dm_node_lookup_child(CwmpDmNode *node, const gchar *name);
CwmpDmParamNode *
cwmp_dm_node_lookup_param(CwmpDmNode *node, const gchar *name);
void
cwmp_dm_node_free(CwmpDmNode *node);
CwmpDmNode *
cwmp_dm_node_new_root(const CwmpSchema *schema);

/* cwmp-dm-registry.c */
void
cwmp_dm_registry_finalize_tree(CwmpDm *dm, CwmpDmNode *node);
void
cwmp_dm_registry_disable_owner(CwmpDmNode *node, CwmpDmOwner *owner);

/* cwmp-dm-instance-list.c */
void
cwmp_dm_instance_list_clear(CwmpDmInstanceList *list);

G_END_DECLS
