/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* rtnetlink for the tr181 plugin: libnl-route-3 caches kept current on the GLib loop */

#pragma once

#include <glib.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>

G_BEGIN_DECLS

typedef struct _CwmpTr181Netlink CwmpTr181Netlink;

typedef enum {
	CWMP_TR181_NETLINK_LINK,
	CWMP_TR181_NETLINK_ADDR,
	CWMP_TR181_NETLINK_ROUTE,
	CWMP_TR181_NETLINK_NEIGH,
	CWMP_TR181_NETLINK_LAST,
} CwmpTr181NetlinkKind;

/**
 * CwmpTr181NetlinkFunc:
 * @kind: which cache changed
 * @object: the object as it is now (for NL_ACT_DEL: as it was)
 * @action: NL_ACT_NEW, NL_ACT_DEL or NL_ACT_CHANGE
 * @user_data: as given to cwmp_tr181_netlink_add_watch()
 *
 * Called on the main loop for every change the kernel announces.
 */
typedef void (*CwmpTr181NetlinkFunc)(CwmpTr181NetlinkKind kind,
				     struct nl_object	 *object,
				     gint		  action,
				     gpointer		  user_data);

CwmpTr181Netlink *
cwmp_tr181_netlink_new(GError **error);
void
cwmp_tr181_netlink_free(CwmpTr181Netlink *self);
struct nl_cache *
cwmp_tr181_netlink_get_cache(CwmpTr181Netlink *self, CwmpTr181NetlinkKind kind);
struct nl_sock *
cwmp_tr181_netlink_get_socket(CwmpTr181Netlink *self);
gboolean
cwmp_tr181_netlink_sync(CwmpTr181Netlink *self, GError **error);
guint
cwmp_tr181_netlink_add_watch(CwmpTr181Netlink *self, CwmpTr181NetlinkFunc func, gpointer user_data);
void
cwmp_tr181_netlink_remove_watch(CwmpTr181Netlink *self, guint id);
gboolean
cwmp_tr181_netlink_set_error(gint nlerr, const gchar *what, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181Netlink, cwmp_tr181_netlink_free)

G_END_DECLS
