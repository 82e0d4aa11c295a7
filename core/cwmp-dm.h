/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-error.h"
#include "cwmp-schema.h"
#include "cwmp-store.h"

G_BEGIN_DECLS

#define CWMP_TYPE_DM (cwmp_dm_get_type())
G_DECLARE_FINAL_TYPE(CwmpDm, cwmp_dm, CWMP, DM, GObject)

/**
 * CwmpDmObject:
 *
 * One concrete object of the data model: "Device.", "Device.DeviceInfo.",
 * "Device.IP.Interface.3.". Owned by the data model; plugin callbacks receive
 * it and may attach their own data to it.
 */
typedef struct _CwmpDmObject CwmpDmObject;

/**
 * CwmpDmRegistry:
 *
 * The handle a plugin's register callback gets. It is valid only during that
 * call.
 */
typedef struct _CwmpDmRegistry CwmpDmRegistry;

/**
 * CwmpDmInstanceList:
 *
 * Filled by an enumerate callback with one entry per instance that exists now.
 */
typedef struct _CwmpDmInstanceList CwmpDmInstanceList;

/* --- what plugins register ----------------------------------------------- */

/**
 * CwmpDmGetFunc:
 * @object: the object holding the parameter
 * @name: the parameter name
 * @user_data: the data given at registration
 * @error: a #GError, or %NULL
 *
 * Reads the parameter's current value, in its CWMP wire form.
 *
 * Returns: (transfer full): the value, or %NULL with @error set (CWMP_FAULT).
 */
typedef gchar *(*CwmpDmGetFunc)(CwmpDmObject *object,
				const gchar  *name,
				gpointer      user_data,
				GError	    **error);

/**
 * CwmpDmSetFunc:
 *
 * Applies a new value during the commit phase of a transaction. The value has
 * passed the schema check and the validate callback. When a later step of the
 * transaction fails, the core calls this again with the old value.
 */
typedef gboolean (*CwmpDmSetFunc)(CwmpDmObject *object,
				  const gchar  *name,
				  const gchar  *value,
				  gpointer	user_data,
				  GError      **error);

/**
 * CwmpDmValidateFunc:
 *
 * Checks a new value beyond what the schema says, with no side effect.
 */
typedef gboolean (*CwmpDmValidateFunc)(CwmpDmObject *object,
				       const gchar  *name,
				       const gchar  *value,
				       gpointer	     user_data,
				       GError	   **error);

typedef gboolean (*CwmpDmEnumerateFunc)(CwmpDmObject	   *parent,
					const gchar	   *table,
					CwmpDmInstanceList *list,
					gpointer	    user_data,
					GError		  **error);
typedef gboolean (*CwmpDmAddFunc)(CwmpDmObject *instance, gpointer user_data, GError **error);
typedef gboolean (*CwmpDmDeleteFunc)(CwmpDmObject *instance, gpointer user_data, GError **error);

typedef enum {
	CWMP_DM_PARAM_FLAG_NONE = 0,
	/* the core keeps the value in the persistent store (no system source) */
	CWMP_DM_PARAM_FLAG_STORED = 1 << 0,
	/* the plugin calls cwmp_dm_object_notify_changed(); never polled */
	CWMP_DM_PARAM_FLAG_PUSH = 1 << 1,
	/* implemented read-only although the schema says readWrite; needs a reason */
	CWMP_DM_PARAM_FLAG_READ_ONLY = 1 << 2,
	/* the value changes all the time (counters, uptime): never polled */
	CWMP_DM_PARAM_FLAG_VOLATILE = 1 << 3,
} CwmpDmParamFlags;

/**
 * CwmpDmParamDef:
 *
 * One parameter in a registration table. Use designated initialisers. The
 * type, access and facets come from the schema; when given here they must
 * match it. A vendor parameter (a name starting with "X_") must declare its
 * type and access, and may declare facets.
 */
typedef struct {
	const gchar	  *name;
	CwmpDmGetFunc	   get;
	CwmpDmSetFunc	   set;
	CwmpDmValidateFunc validate;
	guint32		   flags; /* CwmpDmParamFlags */
	const gchar	  *read_only_reason;
	CwmpType	   type;
	CwmpAccess	   access;
	/* vendor parameters only */
	const gchar	   *data_type;
	const gchar	   *default_value;
	const gchar *const *enumerations;
	gint64		    min;
	gint64		    max;
	gboolean	    has_range;
	guint32		    max_length;
	CwmpActiveNotify    active_notify;
	gboolean	    forced_inform;
	/*< private >*/
	gpointer reserved[4];
} CwmpDmParamDef;

typedef enum {
	CWMP_DM_OBJECT_FLAG_NONE = 0,
	/* instances are kept by the core in the persistent store */
	CWMP_DM_OBJECT_FLAG_STORED = 1 << 0,
} CwmpDmObjectFlags;

/**
 * CwmpDmObjectDef:
 *
 * One object in a registration table: its path (with "{i}" for tables), the
 * parameters it implements (terminated by an entry whose name is %NULL) and,
 * for tables, how instances come and go.
 *
 * A table whose instances reflect the system has @enumerate: the core calls it
 * when a request reaches the table and keeps instance numbers stable per key.
 * A table the ACS may add to has @add and @del, or the STORED flag for
 * instances that live only in the store.
 */
typedef struct {
	const gchar	     *path;
	const CwmpDmParamDef *params;
	guint32		      flags; /* CwmpDmObjectFlags */
	CwmpDmEnumerateFunc   enumerate;
	CwmpDmAddFunc	      add;
	CwmpDmDeleteFunc      del;
	/* vendor objects only */
	CwmpAccess access;
	guint32	   max_entries;
	/*< private >*/
	gpointer reserved[4];
} CwmpDmObjectDef;

/**
 * CwmpDmChange:
 *
 * One parameter change inside a transaction, as the transaction hooks see it.
 */
typedef struct {
	CwmpDmObject *object;
	const gchar  *name;
	const gchar  *value;
	const gchar  *old_value;
} CwmpDmChange;

/**
 * CwmpDmTxnHooks:
 *
 * Optional per-plugin transaction hooks. @prepare sees every change that
 * belongs to the plugin before any is applied and may refuse them as a whole;
 * @commit runs after the plugin's set callbacks (apply once, e.g. restart a
 * service); @abort releases what @prepare reserved.
 */
typedef struct {
	gboolean (*prepare)(const CwmpDmChange *changes,
			    guint		n_changes,
			    gpointer		user_data,
			    GError	      **error);
	gboolean (*commit)(const CwmpDmChange *changes,
			   guint	       n_changes,
			   gpointer	       user_data,
			   GError	     **error);
	void (*abort)(const CwmpDmChange *changes, guint n_changes, gpointer user_data);
	/*< private >*/
	gpointer reserved[4];
} CwmpDmTxnHooks;

gboolean
cwmp_dm_registry_add_object(CwmpDmRegistry	  *registry,
			    const CwmpDmObjectDef *def,
			    gpointer		   user_data,
			    GError		 **error);
gboolean
cwmp_dm_registry_add_objects(CwmpDmRegistry		  *registry,
			     const CwmpDmObjectDef *const *defs,
			     gpointer			   user_data,
			     GError			 **error);
void
cwmp_dm_registry_set_txn_hooks(CwmpDmRegistry	    *registry,
			       const CwmpDmTxnHooks *hooks,
			       gpointer		     user_data);
CwmpDm *
cwmp_dm_registry_get_dm(CwmpDmRegistry *registry);
const gchar *
cwmp_dm_registry_get_owner(CwmpDmRegistry *registry);

void
cwmp_dm_instance_list_add(CwmpDmInstanceList *list,
			  const gchar	     *key,
			  gpointer	      data,
			  GDestroyNotify      destroy);

CwmpDm *
cwmp_dm_object_get_dm(CwmpDmObject *object);
CwmpDmObject *
cwmp_dm_object_get_parent(CwmpDmObject *object);
guint32
cwmp_dm_object_get_instance(CwmpDmObject *object);
const gchar *
cwmp_dm_object_get_key(CwmpDmObject *object);
void
cwmp_dm_object_set_key(CwmpDmObject *object, const gchar *key);
gpointer
cwmp_dm_object_get_data(CwmpDmObject *object);
void
cwmp_dm_object_set_data(CwmpDmObject *object, gpointer data, GDestroyNotify destroy);
gchar *
cwmp_dm_object_dup_path(CwmpDmObject *object);
const gchar *
cwmp_dm_object_get_stored(CwmpDmObject *object, const gchar *name);
void
cwmp_dm_object_notify_changed(CwmpDmObject *object, const gchar *name);
CwmpDmObject *
cwmp_dm_object_push_instance(CwmpDmObject  *parent,
			     const gchar   *table,
			     const gchar   *key,
			     gpointer	    data,
			     GDestroyNotify destroy);
gboolean
cwmp_dm_object_remove_instance(CwmpDmObject *parent, const gchar *table, const gchar *key);
CwmpDmObject *
cwmp_dm_object_lookup_instance(CwmpDmObject *parent, const gchar *table, const gchar *key);

/* --- what the core and the RPC layer use ------------------------------- */

typedef enum {
	CWMP_DM_NOTIFICATION_OFF = 0,
	CWMP_DM_NOTIFICATION_PASSIVE = 1,
	CWMP_DM_NOTIFICATION_ACTIVE = 2,
} CwmpDmNotification;

typedef void (*CwmpDmValueFunc)(const gchar *path,
				const gchar *value,
				CwmpType     type,
				gpointer     user_data);
typedef void (*CwmpDmNameFunc)(const gchar *path, gboolean writable, gpointer user_data);
typedef void (*CwmpDmAttributeFunc)(const gchar	       *path,
				    CwmpDmNotification	notification,
				    const gchar *const *access_list,
				    gpointer		user_data);

typedef struct {
	gchar	*path;
	gchar	*value;
	CwmpType type;
} CwmpDmParamValue;

void
cwmp_dm_param_value_free(CwmpDmParamValue *pv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpDmParamValue, cwmp_dm_param_value_free)

typedef struct {
	gchar *path;
	gint   code;
	gchar *message;
} CwmpDmFault;

void
cwmp_dm_fault_free(CwmpDmFault *fault);

typedef struct {
	const gchar	   *path;
	gboolean	    notification_change;
	CwmpDmNotification  notification;
	gboolean	    access_list_change;
	const gchar *const *access_list;
} CwmpDmAttributeRequest;

CwmpDm *
cwmp_dm_new(const CwmpSchema *schema);
const CwmpSchema *
cwmp_dm_get_schema(CwmpDm *self);
CwmpDmObject *
cwmp_dm_get_root(CwmpDm *self);
CwmpDmObject *
cwmp_dm_lookup_object(CwmpDm *self, const gchar *path);
void
cwmp_dm_set_store(CwmpDm *self, CwmpStore *store);
CwmpDmRegistry *
cwmp_dm_registry_new(CwmpDm *self, const gchar *owner);
void
cwmp_dm_registry_free(CwmpDmRegistry *registry);
gboolean
cwmp_dm_unregister_owner(CwmpDm *self, const gchar *owner);
gboolean
cwmp_dm_freeze(CwmpDm *self, GError **error);
gboolean
cwmp_dm_is_frozen(CwmpDm *self);
void
cwmp_dm_set_alias_based_addressing(CwmpDm *self, gboolean enabled);
gboolean
cwmp_dm_save(CwmpDm *self, GError **error);

gboolean
cwmp_dm_get_values_foreach(CwmpDm	  *self,
			   const gchar	  *path,
			   CwmpDmValueFunc func,
			   gpointer	   user_data,
			   GError	 **error);
GPtrArray *
cwmp_dm_get_values(CwmpDm *self, const gchar *const *paths, GError **error);
gchar *
cwmp_dm_get_value(CwmpDm *self, const gchar *path, GError **error);
gboolean
cwmp_dm_get_names(CwmpDm	*self,
		  const gchar	*path,
		  gboolean	 next_level,
		  CwmpDmNameFunc func,
		  gpointer	 user_data,
		  GError       **error);
gboolean
cwmp_dm_add_object(CwmpDm *self, const gchar *path, guint32 *instance, GError **error);
gboolean
cwmp_dm_delete_object(CwmpDm *self, const gchar *path, GError **error);
gboolean
cwmp_dm_get_attributes(CwmpDm		  *self,
		       const gchar	  *path,
		       CwmpDmAttributeFunc func,
		       gpointer		   user_data,
		       GError		 **error);
gboolean
cwmp_dm_set_attributes(CwmpDm			    *self,
		       const CwmpDmAttributeRequest *requests,
		       guint			     n_requests,
		       GError			   **error);
const CwmpSchemaParam *
cwmp_dm_lookup_param_info(CwmpDm *self, const gchar *path, GError **error);
GPtrArray *
cwmp_dm_get_forced_inform_paths(CwmpDm *self);

/* value-change detection */
void
cwmp_dm_set_poll_budget(CwmpDm *self, guint params_per_poll);
guint
cwmp_dm_poll(CwmpDm *self);
GPtrArray *
cwmp_dm_get_changed(CwmpDm *self);
gboolean
cwmp_dm_ack_changed(CwmpDm *self, GError **error);

G_END_DECLS
