/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-schema.h"

/* tables written by cwmp-schema-compile.py into cwmp-schema-data.c: objects
 * sorted by path, the parameters of each object contiguous and sorted by name,
 * both in strcmp() order */
extern const CwmpSchemaObject cwmp_schema_data_objects[];
extern const guint	      cwmp_schema_data_n_objects;
extern const CwmpSchemaParam  cwmp_schema_data_params[];
extern const guint	      cwmp_schema_data_n_params;
extern const gchar	      cwmp_schema_data_root_version[];

struct _CwmpSchema {
	const gchar	       *root_version;
	const CwmpSchemaObject *objects;
	const guint	       *n_objects;
	const CwmpSchemaParam  *params;
	const guint	       *n_params;
};

static const CwmpSchema cwmp_schema_default = {
    .root_version = cwmp_schema_data_root_version,
    .objects = cwmp_schema_data_objects,
    .n_objects = &cwmp_schema_data_n_objects,
    .params = cwmp_schema_data_params,
    .n_params = &cwmp_schema_data_n_params,
};

/* clang-format off */
static const gchar *const cwmp_type_names[CWMP_TYPE_LAST] = {
	[CWMP_TYPE_NONE] = NULL,
	[CWMP_TYPE_STRING] = "string",
	[CWMP_TYPE_INT] = "int",
	[CWMP_TYPE_UNSIGNED_INT] = "unsignedInt",
	[CWMP_TYPE_LONG] = "long",
	[CWMP_TYPE_UNSIGNED_LONG] = "unsignedLong",
	[CWMP_TYPE_BOOLEAN] = "boolean",
	[CWMP_TYPE_DATE_TIME] = "dateTime",
	[CWMP_TYPE_BASE64] = "base64",
	[CWMP_TYPE_HEX_BINARY] = "hexBinary",
	[CWMP_TYPE_DECIMAL] = "decimal",
};
/* clang-format on */

/**
 * cwmp_schema_get_default:
 *
 * Returns the compiled-in schema: Device:2.19 (TR-181) with VoiceService:2.0
 * (TR-104) mounted under `Device.Services.`.
 *
 * Returns: (transfer none): the schema, valid for the life of the process
 */
const CwmpSchema *
cwmp_schema_get_default(void)
{
	return &cwmp_schema_default;
}

const gchar *
cwmp_schema_get_root_version(const CwmpSchema *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->root_version;
}

guint
cwmp_schema_get_n_objects(const CwmpSchema *self)
{
	g_return_val_if_fail(self != NULL, 0);
	return *self->n_objects;
}

guint
cwmp_schema_get_n_params(const CwmpSchema *self)
{
	g_return_val_if_fail(self != NULL, 0);
	return *self->n_params;
}

const CwmpSchemaObject *
cwmp_schema_get_object(const CwmpSchema *self, guint idx)
{
	g_return_val_if_fail(self != NULL, NULL);
	if (idx >= *self->n_objects)
		return NULL;
	return &self->objects[idx];
}

const CwmpSchemaParam *
cwmp_schema_get_param(const CwmpSchema *self, guint idx)
{
	g_return_val_if_fail(self != NULL, NULL);
	if (idx >= *self->n_params)
		return NULL;
	return &self->params[idx];
}

/* compare the NUL-terminated @key with the first @len bytes of an object path
 * stored NUL-terminated in @path */
static gint
cwmp_schema_cmp_prefix(const gchar *path, const gchar *key, gsize len)
{
	gint rc = strncmp(path, key, len);
	if (rc != 0)
		return rc;
	/* equal over @len bytes: the longer string sorts after */
	return path[len] == '\0' ? 0 : 1;
}

/* binary search of the object whose path is exactly the first @len bytes of @path */
static const CwmpSchemaObject *
cwmp_schema_find_object_len(const CwmpSchema *self, const gchar *path, gsize len)
{
	guint lo = 0;
	guint hi = *self->n_objects;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		gint  rc = cwmp_schema_cmp_prefix(self->objects[mid].path, path, len);
		if (rc == 0)
			return &self->objects[mid];
		if (rc < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const CwmpSchemaParam *
cwmp_schema_find_param(const CwmpSchema *self, const gchar *path)
{
	const gchar	       *dot = strrchr(path, '.');
	const CwmpSchemaObject *obj;
	const gchar	       *name;
	guint			lo;
	guint			hi;

	if (dot == NULL || dot[1] == '\0')
		return NULL;
	obj = cwmp_schema_find_object_len(self, path, (gsize) (dot - path) + 1);
	if (obj == NULL)
		return NULL;
	name = dot + 1;
	lo = obj->first_param;
	hi = obj->first_param + obj->n_params;
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		gint  rc = strcmp(self->params[mid].name, name);
		if (rc == 0)
			return &self->params[mid];
		if (rc < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* TRUE if some segment of @path is an instance number, "*" or "[alias]" */
static gboolean
cwmp_schema_path_has_instances(const gchar *path)
{
	gboolean seg_start = TRUE;

	for (const gchar *p = path; *p != '\0'; p++) {
		if (seg_start && (g_ascii_isdigit(*p) || *p == '*' || *p == '['))
			return TRUE;
		seg_start = *p == '.';
	}
	return FALSE;
}

/**
 * cwmp_schema_lookup_object:
 * @self: the schema
 * @path: an object path ending in a dot, either the schema form
 *   (`Device.IP.Interface.{i}.`) or an instantiated one (`Device.IP.Interface.3.`)
 *
 * Returns: (nullable): the object, or %NULL if the schema has none at @path
 */
const CwmpSchemaObject *
cwmp_schema_lookup_object(const CwmpSchema *self, const gchar *path)
{
	const CwmpSchemaObject *obj;
	g_autofree gchar       *generic = NULL;

	g_return_val_if_fail(self != NULL, NULL);
	g_return_val_if_fail(path != NULL, NULL);

	obj = cwmp_schema_find_object_len(self, path, strlen(path));
	if (obj != NULL || !cwmp_schema_path_has_instances(path))
		return obj;
	generic = cwmp_schema_path_generalize(path);
	return cwmp_schema_find_object_len(self, generic, strlen(generic));
}

/**
 * cwmp_schema_lookup_param:
 * @self: the schema
 * @path: a full parameter path, in the schema form
 *   (`Device.IP.Interface.{i}.Enable`) or instantiated (`Device.IP.Interface.3.Enable`)
 *
 * Returns: (nullable): the parameter, or %NULL if the schema has none at @path
 */
const CwmpSchemaParam *
cwmp_schema_lookup_param(const CwmpSchema *self, const gchar *path)
{
	const CwmpSchemaParam *param;
	g_autofree gchar      *generic = NULL;

	g_return_val_if_fail(self != NULL, NULL);
	g_return_val_if_fail(path != NULL, NULL);

	param = cwmp_schema_find_param(self, path);
	if (param != NULL || !cwmp_schema_path_has_instances(path))
		return param;
	generic = cwmp_schema_path_generalize(path);
	return cwmp_schema_find_param(self, generic);
}

/**
 * cwmp_schema_object_index:
 * @self: the schema
 * @obj: an object of @self
 *
 * Returns: the index of @obj in @self, as used by #CwmpSchemaParam.object and
 *   #CwmpSchemaObject.parent; %G_MAXUINT32 if @obj is not one of its objects
 */
guint
cwmp_schema_object_index(const CwmpSchema *self, const CwmpSchemaObject *obj)
{
	g_return_val_if_fail(self != NULL, G_MAXUINT32);
	g_return_val_if_fail(obj != NULL, G_MAXUINT32);

	if (obj < self->objects || obj >= self->objects + *self->n_objects)
		return G_MAXUINT32;
	return (guint) (obj - self->objects);
}

static gboolean
cwmp_schema_segment_is_instance(const gchar *seg, gsize len)
{
	if (len == 0)
		return FALSE;
	if (len == 1 && seg[0] == '*')
		return TRUE;
	if (len >= 2 && seg[0] == '[' && seg[len - 1] == ']')
		return TRUE;
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isdigit(seg[i]))
			return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_schema_path_generalize:
 * @path: a parameter or object path
 *
 * Replaces every instance segment of @path (an instance number, `*` or an
 * `[alias]`) by `{i}`: `Device.IP.Interface.3.IPv4Address.[cpe-1].IPAddress`
 * becomes `Device.IP.Interface.{i}.IPv4Address.{i}.IPAddress`. Other segments
 * and a trailing dot are kept.
 *
 * Returns: (transfer full): the schema form of @path
 */
gchar *
cwmp_schema_path_generalize(const gchar *path)
{
	GString	    *out;
	const gchar *seg = path;

	g_return_val_if_fail(path != NULL, NULL);

	out = g_string_sized_new(strlen(path) + 16);
	while (TRUE) {
		const gchar *end;
		gsize	     len;

		/* an alias may contain dots: find the closing bracket first */
		if (seg[0] == '[') {
			const gchar *close = strchr(seg, ']');
			end = close != NULL ? strchr(close, '.') : strchr(seg, '.');
		} else {
			end = strchr(seg, '.');
		}
		len = end != NULL ? (gsize) (end - seg) : strlen(seg);
		if (cwmp_schema_segment_is_instance(seg, len))
			g_string_append(out, "{i}");
		else
			g_string_append_len(out, seg, (gssize) len);
		if (end == NULL)
			break;
		g_string_append_c(out, '.');
		seg = end + 1;
	}
	return g_string_free(out, FALSE);
}

/**
 * cwmp_type_to_string:
 * @type: a #CwmpType
 *
 * Returns: (nullable): the TR-106 name of @type without the "xsd:" prefix
 *   ("unsignedInt"), or %NULL for %CWMP_TYPE_NONE and invalid values
 */
const gchar *
cwmp_type_to_string(CwmpType type)
{
	if ((guint) type >= CWMP_TYPE_LAST)
		return NULL;
	return cwmp_type_names[type];
}

/**
 * cwmp_type_from_string:
 * @str: (nullable): a TR-106 type name, with or without an "xsd:" prefix
 *
 * Returns: the type, or %CWMP_TYPE_NONE if @str names none
 */
CwmpType
cwmp_type_from_string(const gchar *str)
{
	if (str == NULL)
		return CWMP_TYPE_NONE;
	if (g_str_has_prefix(str, "xsd:"))
		str += 4;
	for (guint i = CWMP_TYPE_NONE + 1; i < CWMP_TYPE_LAST; i++) {
		if (g_strcmp0(cwmp_type_names[i], str) == 0)
			return (CwmpType) i;
	}
	return CWMP_TYPE_NONE;
}
