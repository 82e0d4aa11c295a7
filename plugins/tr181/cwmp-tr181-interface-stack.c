/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.InterfaceStack.{i}.: one entry per layer pair the LowerLayers of
 * IP.Interface and Ethernet.Link name (IP interface on Ethernet link,
 * Ethernet link on Ethernet port), keyed "higher|lower" by the two paths.
 * The kernel's link notifications push entries that come and go.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <string.h>

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

typedef struct {
	guint	    watch_id;
	GHashTable *keys; /* the entries pushed: "higher|lower" */
} CwmpTr181InterfaceStack;

/* the entries the links make now, as "higher|lower" keys */
static GPtrArray *
cwmp_tr181_interface_stack_collect(CwmpTr181Plugin *self, CwmpDm *dm)
{
	GPtrArray	*keys = g_ptr_array_new_with_free_func(g_free);
	struct nl_cache *cache =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);

	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		const gchar	 *ifname = rtnl_link_get_name(link);
		g_autofree gchar *ip = NULL;
		g_autofree gchar *eth_link = NULL;
		g_autofree gchar *eth_interface = NULL;

		if (rtnl_link_get_family(link) != AF_UNSPEC || ifname == NULL ||
		    !cwmp_tr181_ethernet_is_ethernet(self, link))
			continue;
		ip = cwmp_tr181_ip_dup_interface_path(dm, ifname);
		eth_link = cwmp_tr181_ethernet_dup_link_path(dm, ifname);
		eth_interface = cwmp_tr181_ethernet_dup_interface_path(dm, ifname);
		if (ip != NULL && eth_link != NULL)
			g_ptr_array_add(keys, g_strconcat(ip, "|", eth_link, NULL));
		if (eth_link != NULL && eth_interface != NULL)
			g_ptr_array_add(keys, g_strconcat(eth_link, "|", eth_interface, NULL));
	}
	return keys;
}

static gboolean
cwmp_tr181_interface_stack_enumerate(CwmpDmObject	*parent,
				     const gchar	*table,
				     CwmpDmInstanceList *list,
				     gpointer		 user_data,
				     GError	       **error)
{
	CwmpTr181Plugin *self = user_data;
	g_autoptr(GPtrArray) keys = NULL;

	if (self->netlink == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "rtnetlink is not started");
		return FALSE;
	}
	keys = cwmp_tr181_interface_stack_collect(self, cwmp_dm_object_get_dm(parent));
	for (guint i = 0; i < keys->len; i++)
		cwmp_dm_instance_list_add(list, g_ptr_array_index(keys, i), NULL, NULL);
	return TRUE;
}

static gchar *
cwmp_tr181_interface_stack_get(CwmpDmObject *object,
			       const gchar  *name,
			       gpointer	     user_data,
			       GError	   **error)
{
	const gchar	 *key = cwmp_dm_object_get_key(object);
	const gchar	 *bar = key != NULL ? strchr(key, '|') : NULL;
	g_autofree gchar *path = NULL;
	CwmpDmObject	 *layer;
	const gchar	 *alias;

	if (bar == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "interface stack entry without layers (%s)",
			    key != NULL ? key : "no key");
		return NULL;
	}
	path = g_str_has_prefix(name, "Higher") ? g_strndup(key, bar - key) : g_strdup(bar + 1);
	if (g_str_has_suffix(name, "Layer"))
		return g_steal_pointer(&path);
	/* HigherAlias, LowerAlias: the Alias of that object, if it has one yet */
	layer = cwmp_dm_lookup_object(cwmp_dm_object_get_dm(object), path);
	alias = layer != NULL ? cwmp_dm_object_get_stored(layer, "Alias") : NULL;
	return g_strdup(alias != NULL ? alias : "");
}

static const CwmpDmParamDef cwmp_tr181_interface_stack_params[] = {
    {.name = "HigherLayer", .get = cwmp_tr181_interface_stack_get},
    {.name = "LowerLayer", .get = cwmp_tr181_interface_stack_get},
    {.name = "HigherAlias", .get = cwmp_tr181_interface_stack_get},
    {.name = "LowerAlias", .get = cwmp_tr181_interface_stack_get},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_interface_stack_object = {
    .path = "Device.InterfaceStack.{i}.",
    .params = cwmp_tr181_interface_stack_params,
    .enumerate = cwmp_tr181_interface_stack_enumerate,
};

/* a link came, went or changed: push the entries that appeared, drop the others */
static void
cwmp_tr181_interface_stack_link_cb(CwmpTr181NetlinkKind kind,
				   struct nl_object    *object,
				   gint			action,
				   gpointer		user_data)
{
	CwmpTr181Plugin		*self = user_data;
	CwmpTr181InterfaceStack *state = self->interface_stack;
	CwmpDm			*dm = cwmp_plugin_context_get_dm(self->ctx);
	CwmpDmObject		*root = cwmp_dm_lookup_object(dm, "Device.");
	g_autoptr(GPtrArray) keys = NULL;
	g_autoptr(GHashTable) now = NULL;
	GHashTableIter iter;
	gpointer       key;

	/* adding and removing links changes the stack (a rename is seen at the next request) */
	if (kind != CWMP_TR181_NETLINK_LINK || action == NL_ACT_CHANGE || root == NULL)
		return;
	keys = cwmp_tr181_interface_stack_collect(self, dm);
	now = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < keys->len; i++)
		g_hash_table_add(now, g_strdup(g_ptr_array_index(keys, i)));
	g_hash_table_iter_init(&iter, state->keys);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (!g_hash_table_contains(now, key)) {
			cwmp_dm_object_remove_instance(root, "InterfaceStack", key);
			g_hash_table_iter_remove(&iter);
		}
	}
	g_hash_table_iter_init(&iter, now);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (!g_hash_table_contains(state->keys, key)) {
			cwmp_dm_object_push_instance(root, "InterfaceStack", key, NULL, NULL);
			g_hash_table_add(state->keys, g_strdup(key));
		}
	}
}

static gboolean
cwmp_tr181_interface_stack_start(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181InterfaceStack *state = g_new0(CwmpTr181InterfaceStack, 1);

	state->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	self->interface_stack = state;
	state->watch_id =
	    cwmp_tr181_netlink_add_watch(self->netlink, cwmp_tr181_interface_stack_link_cb, self);
	return TRUE;
}

static void
cwmp_tr181_interface_stack_stop(CwmpTr181Plugin *self)
{
	CwmpTr181InterfaceStack *state = self->interface_stack;

	if (state == NULL)
		return;
	cwmp_tr181_netlink_remove_watch(self->netlink, state->watch_id);
	g_hash_table_unref(state->keys);
	g_free(state);
	self->interface_stack = NULL;
}

static const CwmpDmObjectDef *const cwmp_tr181_interface_stack_objects[] = {
    &cwmp_tr181_interface_stack_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_interface_stack_module = {
    .name = "interface-stack",
    .objects = cwmp_tr181_interface_stack_objects,
    .start = cwmp_tr181_interface_stack_start,
    .stop = cwmp_tr181_interface_stack_stop,
};
