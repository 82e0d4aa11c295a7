/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * libnl-route-3's cache manager keeps link, address, route and neighbour
 * caches current from rtnetlink notifications; its socket is watched by a
 * GLib source so updates arrive on the main loop, and every change is handed
 * to the modules that watch, which push instances and value changes to the
 * core. A second socket carries requests (link up, MTU, addresses, routes).
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <glib-unix.h>
#include <netlink/errno.h>
#include <sys/socket.h>

#include "cwmp-tr181-netlink.h"

typedef struct {
	guint		     id;
	CwmpTr181NetlinkFunc func;
	gpointer	     user_data;
} CwmpTr181NetlinkWatch;

struct _CwmpTr181Netlink {
	struct nl_sock	     *mngr_sock;
	struct nl_sock	     *request_sock;
	struct nl_cache_mngr *mngr;
	struct nl_cache	     *caches[CWMP_TR181_NETLINK_LAST];
	GArray		     *watches; /* CwmpTr181NetlinkWatch */
	guint		      next_watch_id;
	guint		      source_id;
};

static const gchar *const cwmp_tr181_netlink_cache_names[] = {
    [CWMP_TR181_NETLINK_LINK] = "route/link",
    [CWMP_TR181_NETLINK_ADDR] = "route/addr",
    [CWMP_TR181_NETLINK_ROUTE] = "route/route",
    [CWMP_TR181_NETLINK_NEIGH] = "route/neigh",
};

gboolean
cwmp_tr181_netlink_set_error(gint nlerr, const gchar *what, GError **error)
{
	gint code = CWMP_FAULT_INTERNAL_ERROR;
	gint err = nlerr < 0 ? -nlerr : nlerr;

	/* libnl's codes, mapped onto the fault an ACS understands */
	switch (err) {
	case NLE_INVAL:
	case NLE_RANGE:
	case NLE_EXIST:
	case NLE_NOADDR:
		code = CWMP_FAULT_INVALID_PARAMETER_VALUE;
		break;
	case NLE_PERM:
	case NLE_NOACCESS:
		code = CWMP_FAULT_REQUEST_DENIED;
		break;
	case NLE_NOMEM:
		code = CWMP_FAULT_RESOURCES_EXCEEDED;
		break;
	default:
		break;
	}
	g_set_error(error, CWMP_FAULT, code, "%s: %s", what, nl_geterror(err));
	return FALSE;
}

static void
cwmp_tr181_netlink_change_cb(struct nl_cache  *cache,
			     struct nl_object *object,
			     int	       action,
			     void	      *user_data)
{
	CwmpTr181Netlink    *self = user_data;
	CwmpTr181NetlinkKind kind = CWMP_TR181_NETLINK_LAST;

	for (guint i = 0; i < CWMP_TR181_NETLINK_LAST; i++) {
		if (self->caches[i] == cache)
			kind = i;
	}
	if (kind == CWMP_TR181_NETLINK_LAST)
		return;
	/* a copy of the array: a watch may add or remove watches */
	for (guint i = 0; i < self->watches->len; i++) {
		CwmpTr181NetlinkWatch watch =
		    g_array_index(self->watches, CwmpTr181NetlinkWatch, i);
		watch.func(kind, object, action, watch.user_data);
	}
}

/* after an overrun (ENOBUFS: the kernel dropped notifications) the caches may
 * be stale: read the kernel's whole state again */
static void
cwmp_tr181_netlink_resync(CwmpTr181Netlink *self, gint reason)
{
	g_warning("rtnetlink notifications: %s; refilling the caches", nl_geterror(reason));
	for (guint i = 0; i < CWMP_TR181_NETLINK_LAST; i++) {
		gint rc = nl_cache_refill(self->request_sock, self->caches[i]);
		if (rc < 0)
			g_warning("refilling %s: %s", cwmp_tr181_netlink_cache_names[i],
				  nl_geterror(rc));
	}
}

static gboolean
cwmp_tr181_netlink_readable_cb(gint fd, GIOCondition condition, gpointer user_data)
{
	CwmpTr181Netlink *self = user_data;
	gint		  rc = nl_cache_mngr_data_ready(self->mngr);
	if (rc < 0)
		cwmp_tr181_netlink_resync(self, rc);
	return G_SOURCE_CONTINUE;
}

CwmpTr181Netlink *
cwmp_tr181_netlink_new(GError **error)
{
	g_autoptr(CwmpTr181Netlink) self = g_new0(CwmpTr181Netlink, 1);
	gint rc;

	self->watches = g_array_new(FALSE, FALSE, sizeof(CwmpTr181NetlinkWatch));
	self->next_watch_id = 1;
	self->mngr_sock = nl_socket_alloc();
	self->request_sock = nl_socket_alloc();
	if (self->mngr_sock == NULL || self->request_sock == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_RESOURCES_EXCEEDED,
				    "cannot allocate a netlink socket");
		return NULL;
	}
	rc = nl_connect(self->request_sock, NETLINK_ROUTE);
	if (rc < 0) {
		cwmp_tr181_netlink_set_error(rc, "connecting to rtnetlink", error);
		return NULL;
	}
	rc = nl_cache_mngr_alloc(self->mngr_sock, NETLINK_ROUTE, NL_AUTO_PROVIDE, &self->mngr);
	if (rc < 0) {
		cwmp_tr181_netlink_set_error(rc, "rtnetlink cache manager", error);
		return NULL;
	}
	/* allocated here (not by name) so libnl-route's cache types are linked in */
	for (guint i = 0; i < CWMP_TR181_NETLINK_LAST; i++) {
		switch (i) {
		case CWMP_TR181_NETLINK_LINK:
			rc = rtnl_link_alloc_cache(self->request_sock, AF_UNSPEC, &self->caches[i]);
			break;
		case CWMP_TR181_NETLINK_ADDR:
			rc = rtnl_addr_alloc_cache(self->request_sock, &self->caches[i]);
			break;
		case CWMP_TR181_NETLINK_ROUTE:
			rc = rtnl_route_alloc_cache(self->request_sock, AF_UNSPEC, 0,
						    &self->caches[i]);
			break;
		case CWMP_TR181_NETLINK_NEIGH:
		default:
			rc = rtnl_neigh_alloc_cache(self->request_sock, &self->caches[i]);
			break;
		}
		if (rc < 0) {
			cwmp_tr181_netlink_set_error(rc, cwmp_tr181_netlink_cache_names[i], error);
			return NULL;
		}
		rc = nl_cache_mngr_add_cache(self->mngr, self->caches[i],
					     cwmp_tr181_netlink_change_cb, self);
		if (rc < 0) {
			nl_cache_free(self->caches[i]);
			self->caches[i] = NULL;
			cwmp_tr181_netlink_set_error(rc, cwmp_tr181_netlink_cache_names[i], error);
			return NULL;
		}
	}
	/* room for bursts (thousands of neighbours appearing at once) */
	rc = nl_socket_set_buffer_size(self->mngr_sock, 4 * 1024 * 1024, 0);
	if (rc < 0)
		g_debug("rtnetlink receive buffer: %s", nl_geterror(rc));
	self->source_id = g_unix_fd_add(nl_cache_mngr_get_fd(self->mngr), G_IO_IN,
					cwmp_tr181_netlink_readable_cb, self);
	return g_steal_pointer(&self);
}

void
cwmp_tr181_netlink_free(CwmpTr181Netlink *self)
{
	if (self == NULL)
		return;
	g_clear_handle_id(&self->source_id, g_source_remove);
	/* the manager owns its caches; a socket we hand it stays ours */
	if (self->mngr != NULL)
		nl_cache_mngr_free(self->mngr);
	if (self->mngr_sock != NULL)
		nl_socket_free(self->mngr_sock);
	if (self->request_sock != NULL)
		nl_socket_free(self->request_sock);
	g_array_unref(self->watches);
	g_free(self);
}

struct nl_cache *
cwmp_tr181_netlink_get_cache(CwmpTr181Netlink *self, CwmpTr181NetlinkKind kind)
{
	g_return_val_if_fail(self != NULL && kind < CWMP_TR181_NETLINK_LAST, NULL);
	return self->caches[kind];
}

struct nl_sock *
cwmp_tr181_netlink_get_socket(CwmpTr181Netlink *self)
{
	g_return_val_if_fail(self != NULL, NULL);
	return self->request_sock;
}

/**
 * cwmp_tr181_netlink_sync:
 *
 * Takes in every notification the kernel has queued, so that a read right
 * after a change made outside cwmpd sees it.
 */
gboolean
cwmp_tr181_netlink_sync(CwmpTr181Netlink *self, GError **error)
{
	gint rc = nl_cache_mngr_poll(self->mngr, 0);
	if (rc == -NLE_NOMEM || rc == -NLE_DUMP_INTR) {
		/* an overrun, not a failure of the request: start again from the kernel */
		cwmp_tr181_netlink_resync(self, rc);
		return TRUE;
	}
	if (rc < 0)
		return cwmp_tr181_netlink_set_error(rc, "reading rtnetlink notifications", error);
	return TRUE;
}

guint
cwmp_tr181_netlink_add_watch(CwmpTr181Netlink *self, CwmpTr181NetlinkFunc func, gpointer user_data)
{
	CwmpTr181NetlinkWatch watch = {self->next_watch_id++, func, user_data};
	g_array_append_val(self->watches, watch);
	return watch.id;
}

void
cwmp_tr181_netlink_remove_watch(CwmpTr181Netlink *self, guint id)
{
	for (guint i = 0; i < self->watches->len; i++) {
		if (g_array_index(self->watches, CwmpTr181NetlinkWatch, i).id == id) {
			g_array_remove_index(self->watches, i);
			return;
		}
	}
}
