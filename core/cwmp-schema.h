/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CwmpType:
 *
 * The TR-106 base types. %CWMP_TYPE_NONE in a registration table means
 * "take it from the schema".
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_TYPE_NONE = 0,
	CWMP_TYPE_STRING,
	CWMP_TYPE_INT,
	CWMP_TYPE_UNSIGNED_INT,
	CWMP_TYPE_LONG,
	CWMP_TYPE_UNSIGNED_LONG,
	CWMP_TYPE_BOOLEAN,
	CWMP_TYPE_DATE_TIME,
	CWMP_TYPE_BASE64,
	CWMP_TYPE_HEX_BINARY,
	CWMP_TYPE_DECIMAL,
	CWMP_TYPE_LAST,
} CwmpType;

/**
 * CwmpAccess:
 *
 * Access of a parameter (read-only or read-write) or of an object (read-only,
 * or read-write meaning instances may be added and deleted). %CWMP_ACCESS_NONE
 * in a registration table means "take it from the schema".
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_ACCESS_NONE = 0,
	CWMP_ACCESS_READ_ONLY,
	CWMP_ACCESS_READ_WRITE,
} CwmpAccess;

/**
 * CwmpActiveNotify:
 *
 * The schema's activeNotify attribute.
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_ACTIVE_NOTIFY_NORMAL = 0,
	CWMP_ACTIVE_NOTIFY_FORCE_ENABLED,
	CWMP_ACTIVE_NOTIFY_FORCE_DEFAULT_ENABLED,
	CWMP_ACTIVE_NOTIFY_CAN_DENY,
} CwmpActiveNotify;

typedef enum {
	CWMP_SCHEMA_PARAM_FLAG_NONE = 0,
	CWMP_SCHEMA_PARAM_FLAG_FORCED_INFORM = 1 << 0,
	CWMP_SCHEMA_PARAM_FLAG_LIST = 1 << 1,	 /* comma-separated list of items */
	CWMP_SCHEMA_PARAM_FLAG_HIDDEN = 1 << 2,	 /* read back as an empty string (passwords) */
	CWMP_SCHEMA_PARAM_FLAG_COMMAND = 1 << 3, /* a CWMP "command" parameter */
	CWMP_SCHEMA_PARAM_FLAG_DEPRECATED = 1 << 4,
	CWMP_SCHEMA_PARAM_FLAG_HAS_MIN = 1 << 5,   /* range has a lower bound */
	CWMP_SCHEMA_PARAM_FLAG_HAS_MAX = 1 << 6,   /* range has an upper bound */
	CWMP_SCHEMA_PARAM_FLAG_REFERENCE = 1 << 7, /* value is a path reference */
} CwmpSchemaParamFlags;

/**
 * CwmpSchemaRange:
 *
 * One inclusive range facet. For signed types @min and @max are used, for
 * unsigned types @umin and @umax, for decimal @dmin and @dmax. @step is 0
 * when the range has none.
 */
typedef struct {
	gint64	min;
	gint64	max;
	guint64 umin;
	guint64 umax;
	gdouble dmin;
	gdouble dmax;
	guint64 step;
	guint8	has_min;
	guint8	has_max;
} CwmpSchemaRange;

/**
 * CwmpSchemaParam:
 *
 * Metadata of one parameter, with every facet of its named data type already
 * folded in by the schema compiler.
 */
typedef struct {
	const gchar	      *path;	      /* "Device.IP.Interface.{i}.MaxMTUSize" */
	const gchar	      *name;	      /* "MaxMTUSize", points into @path */
	const gchar	      *data_type;     /* named data type ("IPv4Address") or NULL */
	const gchar	      *default_value; /* schema default, or NULL */
	const gchar *const    *enumerations;  /* NULL-terminated, or NULL */
	const gchar *const    *patterns;      /* NULL-terminated, anchored, or NULL */
	const CwmpSchemaRange *ranges;	      /* @n_ranges of them */
	guint32		       object;	      /* index of the parent object */
	guint32		       min_length;    /* size facet (bytes for base64/hexBinary) */
	guint32		       max_length;    /* 0 means no upper bound */
	guint32		       list_min_items;
	guint32		       list_max_items;	/* 0 means no upper bound */
	guint32		       list_max_length; /* size facet of the whole list, 0 for none */
	guint16		       flags;		/* CwmpSchemaParamFlags */
	guint8		       type;		/* CwmpType */
	guint8		       access;		/* CwmpAccess */
	guint8		       active_notify;	/* CwmpActiveNotify */
	guint8		       n_ranges;
} CwmpSchemaParam;

/**
 * CwmpSchemaObject:
 *
 * Metadata of one object. The parameters of an object are contiguous in the
 * schema's parameter table, starting at @first_param.
 */
typedef struct {
	const gchar	   *path;		   /* "Device.IP.Interface.{i}." */
	const gchar	   *num_entries_parameter; /* name in the parent object, or NULL */
	const gchar	   *enable_parameter;	   /* or NULL */
	const gchar *const *unique_keys;	   /* NULL-terminated; each "A" or "A,B" */
	guint32		    parent; /* index of the parent object; G_MAXUINT32 at the root */
	guint32		    first_param;
	guint32		    n_params;
	guint32		    min_entries;
	guint32		    max_entries; /* G_MAXUINT32 means unbounded */
	guint8		    access;	 /* CwmpAccess */
	guint8		    multi_instance;
} CwmpSchemaObject;

typedef struct _CwmpSchema CwmpSchema;

const CwmpSchema *
cwmp_schema_get_default(void);
const gchar *
cwmp_schema_get_root_version(const CwmpSchema *self);
guint
cwmp_schema_get_n_objects(const CwmpSchema *self);
guint
cwmp_schema_get_n_params(const CwmpSchema *self);
const CwmpSchemaObject *
cwmp_schema_get_object(const CwmpSchema *self, guint idx);
const CwmpSchemaParam *
cwmp_schema_get_param(const CwmpSchema *self, guint idx);
const CwmpSchemaObject *
cwmp_schema_lookup_object(const CwmpSchema *self, const gchar *path);
const CwmpSchemaParam *
cwmp_schema_lookup_param(const CwmpSchema *self, const gchar *path);
guint
cwmp_schema_object_index(const CwmpSchema *self, const CwmpSchemaObject *obj);

gchar *
cwmp_schema_path_generalize(const gchar *path);

const gchar *
cwmp_type_to_string(CwmpType type);
CwmpType
cwmp_type_from_string(const gchar *str);

G_END_DECLS
