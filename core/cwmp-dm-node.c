/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-dm-private.h"

static void
cwmp_dm_node_param_free(CwmpDmParamNode *param)
{
	if (param->vendor_schema != NULL) {
		g_free((gchar *) param->vendor_schema->path);
		g_free(param->vendor_schema);
	}
	g_free(param);
}

void
cwmp_dm_node_free(CwmpDmNode *node)
{
	if (node == NULL)
		return;
	g_ptr_array_unref(node->children);
	g_ptr_array_unref(node->params);
	if (node->vendor_schema != NULL)
		g_free(node->vendor_schema);
	g_free(node->name);
	g_free(node->path);
	g_free(node);
}

CwmpDmNode *
cwmp_dm_node_new(CwmpDmNode *parent, const gchar *name, const gchar *path)
{
	CwmpDmNode *node = g_new0(CwmpDmNode, 1);
	node->name = g_strdup(name);
	node->path = g_strdup(path);
	node->parent = parent;
	node->children = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_node_free);
	node->params = g_ptr_array_new_with_free_func((GDestroyNotify) cwmp_dm_node_param_free);
	return node;
}

CwmpDmNode *
cwmp_dm_node_new_root(const CwmpSchema *schema)
{
	CwmpDmNode *node = cwmp_dm_node_new(NULL, "Device", "Device.");
	node->schema = cwmp_schema_lookup_object(schema, "Device.");
	return node;
}

CwmpDmNode *
cwmp_dm_node_lookup_child(CwmpDmNode *node, const gchar *name)
{
	guint lo = 0, hi = node->children->len;
	while (lo < hi) {
		guint	    mid = (lo + hi) / 2;
		CwmpDmNode *child = g_ptr_array_index(node->children, mid);
		gint	    rc = strcmp(name, child->name);
		if (rc == 0)
			return child;
		if (rc < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

CwmpDmParamNode *
cwmp_dm_node_lookup_param(CwmpDmNode *node, const gchar *name)
{
	guint lo = 0, hi = node->params->len;
	while (lo < hi) {
		guint		 mid = (lo + hi) / 2;
		CwmpDmParamNode *param = g_ptr_array_index(node->params, mid);
		gint		 rc = strcmp(name, param->name);
		if (rc == 0)
			return param;
		if (rc < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
