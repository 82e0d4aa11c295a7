/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Routing.: the kernel's main routing table as the one Router, its
 * unicast (and blackhole, unreachable, prohibit) routes as IPv4Forwarding and
 * IPv6Forwarding entries, read from the rtnetlink route cache and pushed to
 * the core as the kernel announces them.
 *
 * Static routes the ACS manages are entries of the module state: AddObject
 * makes a pending entry (key "s:<id>") that reaches the kernel, with protocol
 * static, once it is enabled and complete; a change replaces the kernel route
 * and a failure leaves the old one. A static route added outside (ip route
 * add, protocol static or boot) becomes such an entry, under its kernel key,
 * the first time the ACS writes to it. Routes that belong to the kernel (the
 * connected route of an address) or to a daemon (ra, dhcp, a routing
 * daemon) are refused: their owner would put them back.
 *
 * The entries are configuration the ACS made: they are kept in
 * <state dir>/tr181-routing.state, written before AddObject, a change or
 * DeleteObject reports success, and read back at start. An entry keeps its
 * key whether or not the kernel holds its route, so its instance number
 * survives a restart; a route the kernel lost (a reboot) is put back.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <netlink/route/nexthop.h>
#include <string.h>

#include "cwmp-store.h"
#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

#define CWMP_TR181_ROUTING_PATH	       "Device.Routing."
#define CWMP_TR181_ROUTING_ROUTER_KEY  "main"
#define CWMP_TR181_ROUTING_STATIC_KEY  "s:"
#define CWMP_TR181_ROUTING_IPV4	       "IPv4Forwarding"
#define CWMP_TR181_ROUTING_IPV6	       "IPv6Forwarding"
#define CWMP_TR181_ROUTING_V6_METRIC   1024
#define CWMP_TR181_ROUTING_IP_PATH     "Device.IP."
#define CWMP_TR181_ROUTING_IP_IF_TABLE "Interface"
#define CWMP_TR181_ROUTING_STATE_FILE  "tr181-routing.state"
#define CWMP_TR181_ROUTING_STATE_KIND  "tr181-routing"

/* a route the ACS manages */
typedef struct {
	gchar		  *key;
	gint		   family;
	gboolean	   enable;
	guint8		   type;    /* RTN_* */
	gchar		  *dest;    /* IPv4: DestIPAddress, IPv6: DestIPPrefix */
	gchar		  *mask;    /* IPv4 only */
	gchar		  *gateway; /* GatewayIPAddress or NextHop */
	gint		   ifindex; /* 0: none configured, or its link is gone */
	gchar		  *ifname;  /* the configured link by name, "" for none */
	gint32		   metric;  /* -1: the family's default */
	gboolean	   misconfigured;
	struct rtnl_route *installed; /* what is in the kernel for it, or NULL */
} CwmpTr181RoutingStatic;

typedef struct {
	CwmpTr181Plugin *plugin;
	guint		 watch_id;
	GHashTable	*statics; /* key -> CwmpTr181RoutingStatic */
	guint		 next_id;
	/* where the entries are kept; NULL without a state directory */
	CwmpStore *store;
	/* for dumps of the routing table */
	struct nl_sock *dump_sock;
	/* keys of cache entries the core was given, IPv4 and IPv6 */
	GHashTable *pushed[2];
} CwmpTr181Routing;

static void
cwmp_tr181_routing_static_free(CwmpTr181RoutingStatic *entry)
{
	g_free(entry->key);
	g_free(entry->dest);
	g_free(entry->mask);
	g_free(entry->gateway);
	g_free(entry->ifname);
	if (entry->installed != NULL)
		rtnl_route_put(entry->installed);
	g_free(entry);
}

static CwmpDm *
cwmp_tr181_routing_get_dm(CwmpTr181Plugin *self)
{
	return self->ctx != NULL ? cwmp_plugin_context_get_dm(self->ctx) : NULL;
}

/* --- references to Device.IP.Interface. ---------------------------------- */

/**
 * cwmp_tr181_routing_interface_path:
 * @self: the plugin state
 * @dm: (nullable): the data model
 * @ifindex: a kernel interface index
 *
 * Returns: (transfer full): "Device.IP.Interface.N." of the link, or "" when
 *   it has none
 */
gchar *
cwmp_tr181_routing_interface_path(CwmpTr181Plugin *self, CwmpDm *dm, gint ifindex)
{
	struct nl_cache *links;
	gchar		*path;
	gchar		 name[IFNAMSIZ + 1] = {0};

	if (dm == NULL || ifindex <= 0 || self->netlink == NULL)
		return g_strdup("");
	links = cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);
	if (rtnl_link_i2name(links, ifindex, name, sizeof(name) - 1) == NULL)
		return g_strdup("");
	path = cwmp_tr181_ip_dup_interface_path(dm, name);
	return path != NULL ? path : g_strdup("");
}

/**
 * cwmp_tr181_routing_interface_ifindex:
 * @self: the plugin state
 * @dm: the data model
 * @path: "Device.IP.Interface.N." (the final dot may be left out), or ""
 * @ifindex: (out): the link's index, 0 for ""
 * @error: a #GError, or %NULL
 *
 * Returns: %FALSE with CWMP_FAULT_INVALID_PARAMETER_VALUE when @path names
 *   no IP interface that exists
 */
gboolean
cwmp_tr181_routing_interface_ifindex(CwmpTr181Plugin *self,
				     CwmpDm	     *dm,
				     const gchar     *path,
				     gint	     *ifindex,
				     GError	    **error)
{
	g_autofree gchar *full = NULL;
	CwmpDmObject	 *instance = NULL;
	const gchar	 *name;
	gint		  index = 0;

	*ifindex = 0;
	if (path[0] == '\0')
		return TRUE;
	full = g_str_has_suffix(path, ".") ? g_strdup(path) : g_strconcat(path, ".", NULL);
	if (g_str_has_prefix(full, CWMP_TR181_ROUTING_IP_PATH CWMP_TR181_ROUTING_IP_IF_TABLE ".") &&
	    dm != NULL)
		instance = cwmp_dm_lookup_object(dm, full);
	if (instance == NULL || cwmp_dm_object_get_instance(instance) == 0 ||
	    (name = cwmp_dm_object_get_key(instance)) == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is not an existing Device.IP.Interface. instance", path);
		return FALSE;
	}
	if (self->netlink != NULL)
		index = rtnl_link_name2i(
		    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK), name);
	if (index <= 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s: the link %s does not exist", path, name);
		return FALSE;
	}
	*ifindex = index;
	return TRUE;
}

/* the name of link @ifindex, "" when there is none */
static gchar *
cwmp_tr181_routing_link_name(CwmpTr181Plugin *self, gint ifindex)
{
	gchar name[IFNAMSIZ + 1] = {0};

	if (ifindex <= 0 || self->netlink == NULL ||
	    rtnl_link_i2name(cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK),
			     ifindex, name, sizeof(name) - 1) == NULL)
		return g_strdup("");
	return g_strdup(name);
}

/* the index of the link an entry names now (links come back with new indexes), 0 if gone */
static gint
cwmp_tr181_routing_link_index(CwmpTr181Plugin *self, const gchar *ifname)
{
	if (ifname[0] == '\0' || self->netlink == NULL)
		return 0;
	return MAX(
	    rtnl_link_name2i(cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK),
			     ifname),
	    0);
}

/* --- reading routes -------------------------------------------------------- */

static gchar *
cwmp_tr181_routing_format_addr(gint family, struct nl_addr *addr)
{
	gchar	    buf[INET6_ADDRSTRLEN] = {0};
	guint8	    zero[16] = {0};
	const void *binary = zero;

	if (addr != NULL && nl_addr_get_len(addr) > 0)
		binary = nl_addr_get_binary_addr(addr);
	if (inet_ntop(family, binary, buf, sizeof(buf)) == NULL)
		return g_strdup("");
	return g_strdup(buf);
}

static gchar *
cwmp_tr181_routing_format_dst(struct rtnl_route *route)
{
	struct nl_addr	 *dst = rtnl_route_get_dst(route);
	g_autofree gchar *addr = cwmp_tr181_routing_format_addr(rtnl_route_get_family(route), dst);
	return g_strdup_printf("%s/%u", addr, dst != NULL ? nl_addr_get_prefixlen(dst) : 0);
}

static struct rtnl_nexthop *
cwmp_tr181_routing_nexthop(struct rtnl_route *route, gint nh)
{
	if (nh >= rtnl_route_get_nnexthops(route))
		return NULL;
	return rtnl_route_nexthop_n(route, nh);
}

/* routes without a nexthop (blackhole) still make one entry */
static gint
cwmp_tr181_routing_count_hops(struct rtnl_route *route)
{
	return MAX(rtnl_route_get_nnexthops(route), 1);
}

static gchar *
cwmp_tr181_routing_format_gateway(struct rtnl_route *route, gint nh)
{
	struct rtnl_nexthop *hop = cwmp_tr181_routing_nexthop(route, nh);
	struct nl_addr	    *gw = hop != NULL ? rtnl_route_nh_get_gateway(hop) : NULL;

	if (gw == NULL || nl_addr_get_len(gw) == 0)
		return g_strdup("");
	return cwmp_tr181_routing_format_addr(rtnl_route_get_family(route), gw);
}

static gint
cwmp_tr181_routing_get_ifindex(struct rtnl_route *route, gint nh)
{
	struct rtnl_nexthop *hop = cwmp_tr181_routing_nexthop(route, nh);
	return hop != NULL ? rtnl_route_nh_get_ifindex(hop) : 0;
}

static gchar *
cwmp_tr181_routing_hop_key(struct rtnl_route *route, gint nh)
{
	g_autofree gchar *dst = cwmp_tr181_routing_format_dst(route);
	g_autofree gchar *gw = cwmp_tr181_routing_format_gateway(route, nh);
	guint8		  tos = rtnl_route_get_tos(route);

	if (tos != 0)
		return g_strdup_printf("%s|%s|%d|%u|%u", dst, gw,
				       cwmp_tr181_routing_get_ifindex(route, nh),
				       rtnl_route_get_priority(route), tos);
	return g_strdup_printf("%s|%s|%d|%u", dst, gw, cwmp_tr181_routing_get_ifindex(route, nh),
			       rtnl_route_get_priority(route));
}

/**
 * cwmp_tr181_routing_route_key:
 * @route: a route of the cache
 *
 * Each nexthop of a multipath route (IPv6 keeps the routes of one prefix
 * and metric on several links as one) is an entry of its own.
 *
 * Returns: (transfer full): the key of the entry of the first nexthop:
 *   "<dst>/<len>|<gateway>|<ifindex>|<metric>", with "|tos" when the route
 *   has one: what tells routes of one table apart
 */
gchar *
cwmp_tr181_routing_route_key(struct rtnl_route *route)
{
	return cwmp_tr181_routing_hop_key(route, 0);
}

/* one nexthop of a cache route: what a forwarding entry of the cache stands for */
typedef struct {
	struct rtnl_route *route;
	gint		   nh;
} CwmpTr181RoutingHop;

static CwmpTr181RoutingHop *
cwmp_tr181_routing_hop_new(struct rtnl_route *route, gint nh)
{
	CwmpTr181RoutingHop *hop = g_new0(CwmpTr181RoutingHop, 1);
	nl_object_get((struct nl_object *) route);
	hop->route = route;
	hop->nh = nh;
	return hop;
}

static void
cwmp_tr181_routing_hop_free(CwmpTr181RoutingHop *hop)
{
	rtnl_route_put(hop->route);
	g_free(hop);
}

/* a route with only this nexthop, to delete it or keep it */
static struct rtnl_route *
cwmp_tr181_routing_hop_to_route(CwmpTr181RoutingHop *hop)
{
	struct rtnl_route *route =
	    (struct rtnl_route *) nl_object_clone((struct nl_object *) hop->route);
	struct rtnl_nexthop *keep = NULL;
	struct rtnl_nexthop *nh;

	if (rtnl_route_get_nnexthops(route) <= 1)
		return route;
	keep = rtnl_route_nh_clone(rtnl_route_nexthop_n(route, hop->nh));
	while ((nh = cwmp_tr181_routing_nexthop(route, 0)) != NULL) {
		rtnl_route_remove_nexthop(route, nh);
		rtnl_route_nh_free(nh);
	}
	rtnl_route_add_nexthop(route, keep);
	return route;
}

/* routes of the main table an entry can describe */
static gboolean
cwmp_tr181_routing_route_is_listed(struct rtnl_route *route, gint family)
{
	guint8 type = rtnl_route_get_type(route);

	if (rtnl_route_get_family(route) != family || rtnl_route_get_table(route) != RT_TABLE_MAIN)
		return FALSE;
	if ((rtnl_route_get_flags(route) & RTM_F_CLONED) != 0)
		return FALSE;
	return type == RTN_UNICAST || type == RTN_BLACKHOLE || type == RTN_UNREACHABLE ||
	       type == RTN_PROHIBIT;
}

static gboolean
cwmp_tr181_routing_protocol_is_static(guint8 protocol)
{
	return protocol == RTPROT_STATIC || protocol == RTPROT_BOOT;
}

static const gchar *
cwmp_tr181_routing_table_for_family(gint family)
{
	return family == AF_INET ? CWMP_TR181_ROUTING_IPV4 : CWMP_TR181_ROUTING_IPV6;
}

static gint
cwmp_tr181_routing_family_for_object(CwmpDmObject *object)
{
	g_autofree gchar *path = cwmp_dm_object_dup_path(object);
	return strstr(path, "." CWMP_TR181_ROUTING_IPV6 ".") != NULL ? AF_INET6 : AF_INET;
}

/* the same kernel route: what the kernel tells routes apart by, and our nexthop */
static gboolean
cwmp_tr181_routing_static_matches(CwmpTr181RoutingStatic *entry, struct rtnl_route *route, gint nh)
{
	struct rtnl_route *mine = entry->installed;
	g_autofree gchar  *dst_mine = NULL;
	g_autofree gchar  *dst_route = NULL;
	g_autofree gchar  *gw_mine = NULL;
	gint		   ifindex_mine;

	if (mine == NULL || rtnl_route_get_family(mine) != rtnl_route_get_family(route) ||
	    rtnl_route_get_priority(mine) != rtnl_route_get_priority(route) ||
	    rtnl_route_get_tos(mine) != rtnl_route_get_tos(route) ||
	    rtnl_route_get_type(mine) != rtnl_route_get_type(route) ||
	    rtnl_route_get_table(route) != RT_TABLE_MAIN)
		return FALSE;
	dst_mine = cwmp_tr181_routing_format_dst(mine);
	dst_route = cwmp_tr181_routing_format_dst(route);
	if (g_strcmp0(dst_mine, dst_route) != 0)
		return FALSE;
	gw_mine = cwmp_tr181_routing_format_gateway(mine, 0);
	if (gw_mine[0] != '\0') {
		g_autofree gchar *gw_route = cwmp_tr181_routing_format_gateway(route, nh);
		if (g_strcmp0(gw_mine, gw_route) != 0)
			return FALSE;
	}
	ifindex_mine = cwmp_tr181_routing_get_ifindex(mine, 0);
	if (ifindex_mine > 0 && ifindex_mine != cwmp_tr181_routing_get_ifindex(route, nh))
		return FALSE;
	return TRUE;
}

static gint
cwmp_tr181_routing_dump_cb(struct nl_msg *msg, void *user_data)
{
	GPtrArray	  *routes = user_data;
	struct rtnl_route *route = NULL;

	if (rtnl_route_parse(nlmsg_hdr(msg), &route) >= 0 && route != NULL)
		g_ptr_array_add(routes, route);
	return NL_OK;
}

/*
 * the kernel's routes of @family, read with a dump of our own: libnl's route
 * cache keeps one object per destination and metric, so IPv6 routes of one
 * prefix on several links (every fe80::/64) would hide each other
 */
static GPtrArray *
cwmp_tr181_routing_dump(CwmpTr181Plugin *self, gint family, GError **error)
{
	CwmpTr181Routing *routing = self->routing;
	g_autoptr(GPtrArray) routes =
	    g_ptr_array_new_with_free_func((GDestroyNotify) rtnl_route_put);
	struct rtmsg  rtm = {.rtm_family = (guint8) family};
	struct nl_cb *base;
	struct nl_cb *cb;
	gint	      rc;

	rc = nl_send_simple(routing->dump_sock, RTM_GETROUTE, NLM_F_DUMP, &rtm, sizeof(rtm));
	if (rc < 0) {
		cwmp_tr181_netlink_set_error(rc, "asking the kernel for its routes", error);
		return NULL;
	}
	base = nl_socket_get_cb(routing->dump_sock);
	cb = nl_cb_clone(base);
	nl_cb_put(base);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cwmp_tr181_routing_dump_cb, routes);
	rc = nl_recvmsgs(routing->dump_sock, cb);
	nl_cb_put(cb);
	if (rc < 0) {
		cwmp_tr181_netlink_set_error(rc, "reading the kernel's routes", error);
		return NULL;
	}
	return g_steal_pointer(&routes);
}

/* the kernel's copy of @entry and which nexthop (a new reference), or NULL */
static struct rtnl_route *
cwmp_tr181_routing_find_installed(CwmpTr181Plugin *self, CwmpTr181RoutingStatic *entry, gint *nh)
{
	g_autoptr(GPtrArray) routes = NULL;
	g_autoptr(GError) error = NULL;

	if (entry->installed == NULL)
		return NULL;
	routes = cwmp_tr181_routing_dump(self, entry->family, &error);
	if (routes == NULL) {
		g_warning("static route %s: %s", entry->key, error->message);
		return NULL;
	}
	for (guint i = 0; i < routes->len; i++) {
		struct rtnl_route *route = g_ptr_array_index(routes, i);
		for (gint hop = 0; hop < cwmp_tr181_routing_count_hops(route); hop++) {
			if (cwmp_tr181_routing_static_matches(entry, route, hop)) {
				if (nh != NULL)
					*nh = hop;
				return g_ptr_array_steal_index(routes, i);
			}
		}
	}
	return NULL;
}

/* the kernel's entries of @family that are not static entries: key -> CwmpTr181RoutingHop */
static GHashTable *
cwmp_tr181_routing_list_family(CwmpTr181Plugin *self,
			       GHashTable      *statics,
			       gint		family,
			       GError	      **error)
{
	g_autoptr(GHashTable) hops = g_hash_table_new_full(
	    g_str_hash, g_str_equal, g_free, (GDestroyNotify) cwmp_tr181_routing_hop_free);
	g_autoptr(GPtrArray) routes = cwmp_tr181_routing_dump(self, family, error);

	if (routes == NULL)
		return NULL;
	for (guint i = 0; i < routes->len; i++) {
		struct rtnl_route *route = g_ptr_array_index(routes, i);

		if (!cwmp_tr181_routing_route_is_listed(route, family))
			continue;
		for (gint nh = 0; nh < cwmp_tr181_routing_count_hops(route); nh++) {
			g_autofree gchar *key = cwmp_tr181_routing_hop_key(route, nh);
			GHashTableIter	  iter;
			gpointer	  value;
			gboolean	  mine = g_hash_table_contains(statics, key);

			/* the kernel's copy of a static entry is that entry */
			g_hash_table_iter_init(&iter, statics);
			while (!mine && g_hash_table_iter_next(&iter, NULL, &value))
				mine = cwmp_tr181_routing_static_matches(value, route, nh);
			if (!mine && !g_hash_table_contains(hops, key))
				g_hash_table_insert(hops, g_steal_pointer(&key),
						    cwmp_tr181_routing_hop_new(route, nh));
		}
	}
	return g_steal_pointer(&hops);
}

/* --- the module state, for callbacks ------------------------------------- */

static CwmpTr181Routing *
cwmp_tr181_routing_get_state(CwmpTr181Plugin *self, GError **error)
{
	if (self->routing == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "the routing module is not started");
		return NULL;
	}
	return self->routing;
}

/* the static entry behind an instance, or NULL for a route of the cache */
static CwmpTr181RoutingStatic *
cwmp_tr181_routing_lookup_static(CwmpTr181Plugin *self, CwmpDmObject *object)
{
	CwmpTr181Routing *routing = self->routing;
	const gchar	 *key = cwmp_dm_object_get_key(object);

	if (routing == NULL || key == NULL)
		return NULL;
	return g_hash_table_lookup(routing->statics, key);
}

static CwmpTr181RoutingHop *
cwmp_tr181_routing_lookup_route(CwmpDmObject *object, GError **error)
{
	CwmpTr181RoutingHop *route = cwmp_dm_object_get_data(object);
	if (route == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "no route behind instance %s",
			    cwmp_dm_object_get_key(object) != NULL ? cwmp_dm_object_get_key(object)
								   : "(none)");
		return NULL;
	}
	return route;
}

/* --- Router ----------------------------------------------------------------- */

static gboolean
cwmp_tr181_routing_enumerate_router(CwmpDmObject       *parent,
				    const gchar	       *table,
				    CwmpDmInstanceList *list,
				    gpointer		user_data,
				    GError	      **error)
{
	/* Linux routes through many tables; the main one is the router TR-181 sees */
	cwmp_dm_instance_list_add(list, CWMP_TR181_ROUTING_ROUTER_KEY, NULL, NULL);
	return TRUE;
}

static gchar *
cwmp_tr181_routing_get_router_enable(CwmpDmObject *object,
				     const gchar  *name,
				     gpointer	   user_data,
				     GError	 **error)
{
	return g_strdup(cwmp_value_format_boolean(TRUE));
}

static gchar *
cwmp_tr181_routing_get_router_status(CwmpDmObject *object,
				     const gchar  *name,
				     gpointer	   user_data,
				     GError	 **error)
{
	return g_strdup("Enabled");
}

/* --- Forwarding entries: reading ------------------------------------------ */

static gboolean
cwmp_tr181_routing_enumerate_forwarding(CwmpDmObject	   *parent,
					const gchar	   *table,
					CwmpDmInstanceList *list,
					gpointer	    user_data,
					GError		  **error)
{
	CwmpTr181Plugin	 *self = user_data;
	CwmpTr181Routing *routing = cwmp_tr181_routing_get_state(self, error);
	gint family = g_strcmp0(table, CWMP_TR181_ROUTING_IPV6) == 0 ? AF_INET6 : AF_INET;
	g_autoptr(GHashTable) hops = NULL;
	GHashTable    *pushed;
	GHashTableIter iter;
	gpointer       key;
	gpointer       value;

	if (routing == NULL)
		return FALSE;
	hops = cwmp_tr181_routing_list_family(self, routing->statics, family, error);
	if (hops == NULL)
		return FALSE;
	pushed = routing->pushed[family == AF_INET ? 0 : 1];
	g_hash_table_remove_all(pushed);
	g_hash_table_iter_init(&iter, hops);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_hash_table_add(pushed, g_strdup(key));
		cwmp_dm_instance_list_add(list, key, value,
					  (GDestroyNotify) cwmp_tr181_routing_hop_free);
		g_hash_table_iter_steal(&iter);
		g_free(key);
	}
	g_hash_table_iter_init(&iter, routing->statics);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpTr181RoutingStatic *entry = value;
		if (entry->family == family)
			cwmp_dm_instance_list_add(list, entry->key, NULL, NULL);
	}
	return TRUE;
}

static gboolean
cwmp_tr181_routing_is_default(const gchar *dest, const gchar *mask)
{
	return dest[0] == '\0' && mask[0] == '\0';
}

static gchar *
cwmp_tr181_routing_get_enable(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	/* a route of the cache is in the kernel: it is on */
	return g_strdup(cwmp_value_format_boolean(entry != NULL ? entry->enable : TRUE));
}

static gchar *
cwmp_tr181_routing_get_status(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	struct rtnl_route      *route;

	if (entry == NULL)
		return g_strdup("Enabled");
	if (!entry->enable)
		return g_strdup("Disabled");
	if (entry->misconfigured)
		return g_strdup("Error_Misconfigured");
	/* enabled and complete, but the kernel refused it or dropped it (link gone) */
	route = cwmp_tr181_routing_find_installed(user_data, entry, NULL);
	if (route == NULL)
		return g_strdup("Error");
	rtnl_route_put(route);
	return g_strdup("Enabled");
}

static const gchar *
cwmp_tr181_routing_type_to_string(guint8 type)
{
	switch (type) {
	case RTN_BLACKHOLE:
		return "Blackhole";
	case RTN_UNREACHABLE:
		return "Unreachable";
	case RTN_PROHIBIT:
		return "Prohibit";
	default:
		return "Normal";
	}
}

static gboolean
cwmp_tr181_routing_type_from_string(const gchar *value, guint8 *type, GError **error)
{
	if (g_strcmp0(value, "Normal") == 0)
		*type = RTN_UNICAST;
	else if (g_strcmp0(value, "Blackhole") == 0)
		*type = RTN_BLACKHOLE;
	else if (g_strcmp0(value, "Unreachable") == 0)
		*type = RTN_UNREACHABLE;
	else if (g_strcmp0(value, "Prohibit") == 0)
		*type = RTN_PROHIBIT;
	else {
		/* Receive is a local route: the kernel makes those for its own addresses */
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "route type %s is not supported: local (Receive) routes belong to "
			    "the addresses of the device",
			    value);
		return FALSE;
	}
	return TRUE;
}

static gchar *
cwmp_tr181_routing_get_type(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *route;

	if (entry != NULL)
		return g_strdup(cwmp_tr181_routing_type_to_string(entry->type));
	route = cwmp_tr181_routing_lookup_route(object, error);
	if (route == NULL)
		return NULL;
	return g_strdup(cwmp_tr181_routing_type_to_string(rtnl_route_get_type(route->route)));
}

static gchar *
cwmp_tr181_routing_get_static_route(CwmpDmObject *object,
				    const gchar	 *name,
				    gpointer	  user_data,
				    GError	**error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *route;

	if (entry != NULL)
		return g_strdup(cwmp_value_format_boolean(TRUE));
	route = cwmp_tr181_routing_lookup_route(object, error);
	if (route == NULL)
		return NULL;
	return g_strdup(cwmp_value_format_boolean(
	    cwmp_tr181_routing_protocol_is_static(rtnl_route_get_protocol(route->route))));
}

static gchar *
cwmp_tr181_routing_get_dest(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *hop;
	struct rtnl_route      *route;
	struct nl_addr	       *dst;
	guint			prefixlen;
	gboolean		is_mask = g_strcmp0(name, "DestSubnetMask") == 0;

	if (entry != NULL)
		return g_strdup(is_mask ? entry->mask : entry->dest);
	hop = cwmp_tr181_routing_lookup_route(object, error);
	if (hop == NULL)
		return NULL;
	route = hop->route;
	dst = rtnl_route_get_dst(route);
	prefixlen = dst != NULL ? nl_addr_get_prefixlen(dst) : 0;
	/* TR-181: a default route has both empty (IPv6: an empty prefix is ::/0) */
	if (prefixlen == 0)
		return g_strdup("");
	if (rtnl_route_get_family(route) == AF_INET6)
		return cwmp_tr181_routing_format_dst(route);
	if (is_mask)
		return cwmp_tr181_ip_address_prefixlen_to_mask(MIN(prefixlen, 32));
	return cwmp_tr181_routing_format_addr(AF_INET, dst);
}

static gchar *
cwmp_tr181_routing_get_gateway(CwmpDmObject *object,
			       const gchar  *name,
			       gpointer	     user_data,
			       GError	   **error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *route;

	if (entry != NULL)
		return g_strdup(entry->gateway);
	route = cwmp_tr181_routing_lookup_route(object, error);
	if (route == NULL)
		return NULL;
	return cwmp_tr181_routing_format_gateway(route->route, route->nh);
}

static gchar *
cwmp_tr181_routing_get_interface(CwmpDmObject *object,
				 const gchar  *name,
				 gpointer      user_data,
				 GError	     **error)
{
	CwmpTr181Plugin	       *self = user_data;
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(self, object);
	CwmpDm		       *dm = cwmp_dm_object_get_dm(object);
	CwmpTr181RoutingHop    *hop;

	if (entry != NULL) {
		struct rtnl_route *route;
		gint		   nh = 0;
		gint		   ifindex = entry->ifindex;

		/* TR-181: a route set up by its gateway reports the egress interface */
		route = cwmp_tr181_routing_find_installed(self, entry, &nh);
		if (route != NULL) {
			ifindex = cwmp_tr181_routing_get_ifindex(route, nh);
			rtnl_route_put(route);
		}
		return cwmp_tr181_routing_interface_path(self, dm, ifindex);
	}
	hop = cwmp_tr181_routing_lookup_route(object, error);
	if (hop == NULL)
		return NULL;
	return cwmp_tr181_routing_interface_path(
	    self, dm, cwmp_tr181_routing_get_ifindex(hop->route, hop->nh));
}

static gchar *
cwmp_tr181_routing_get_forwarding_policy(CwmpDmObject *object,
					 const gchar  *name,
					 gpointer      user_data,
					 GError	     **error)
{
	return cwmp_value_format_int(-1);
}

static const gchar *
cwmp_tr181_routing_origin(gint family, guint8 protocol)
{
	switch (protocol) {
	case RTPROT_DHCP:
		return family == AF_INET ? "DHCPv4" : "DHCPv6";
	case RTPROT_RA:
		return family == AF_INET ? "Static" : "RA";
	case RTPROT_OSPF:
		return "OSPF";
	case RTPROT_RIP:
		return family == AF_INET ? "RIP" : "RIPng";
	default:
		/* kernel, boot, static and the rest have no other value in the enumeration */
		return "Static";
	}
}

static gchar *
cwmp_tr181_routing_get_origin(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *route;

	if (entry != NULL)
		return g_strdup("Static");
	route = cwmp_tr181_routing_lookup_route(object, error);
	if (route == NULL)
		return NULL;
	return g_strdup(cwmp_tr181_routing_origin(rtnl_route_get_family(route->route),
						  rtnl_route_get_protocol(route->route)));
}

static gchar *
cwmp_tr181_routing_get_metric(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr181RoutingStatic *entry = cwmp_tr181_routing_lookup_static(user_data, object);
	CwmpTr181RoutingHop    *route;

	if (entry != NULL)
		return cwmp_value_format_int(entry->metric);
	route = cwmp_tr181_routing_lookup_route(object, error);
	if (route == NULL)
		return NULL;
	return cwmp_value_format_int(
	    (gint32) MIN(rtnl_route_get_priority(route->route), G_MAXINT32));
}

/* --- static entries: applying --------------------------------------------- */

static gboolean
cwmp_tr181_routing_parse_addr(gint family, const gchar *text, guint8 *out)
{
	return inet_pton(family, text, out) == 1;
}

/* the route @entry asks for, or NULL (misconfigured is set when it is incomplete) */
static struct rtnl_route *
cwmp_tr181_routing_build(CwmpTr181RoutingStatic *entry)
{
	struct rtnl_route *route;
	struct nl_addr	  *dst;
	guint8		   dest[16] = {0};
	guint		   prefixlen = 0;
	gsize		   len = entry->family == AF_INET ? 4 : 16;

	entry->misconfigured = FALSE;
	if (entry->family == AF_INET) {
		if (entry->dest[0] == '\0' && entry->mask[0] != '\0' &&
		    g_strcmp0(entry->mask, "0.0.0.0") != 0) {
			entry->misconfigured = TRUE;
			return NULL;
		}
		if (!cwmp_tr181_routing_is_default(entry->dest, entry->mask) &&
		    entry->dest[0] != '\0') {
			if (!cwmp_tr181_routing_parse_addr(AF_INET, entry->dest, dest)) {
				entry->misconfigured = TRUE;
				return NULL;
			}
			prefixlen = 32;
			if (entry->mask[0] != '\0' && !cwmp_tr181_ip_address_mask_to_prefixlen(
							  entry->mask, &prefixlen, NULL)) {
				entry->misconfigured = TRUE;
				return NULL;
			}
		}
	} else if (entry->dest[0] != '\0') {
		g_auto(GStrv) parts = g_strsplit(entry->dest, "/", 2);
		guint64 plen = 0;
		if (g_strv_length(parts) != 2 ||
		    !cwmp_tr181_routing_parse_addr(AF_INET6, parts[0], dest) ||
		    !g_ascii_string_to_unsigned(parts[1], 10, 0, 128, &plen, NULL)) {
			entry->misconfigured = TRUE;
			return NULL;
		}
		prefixlen = (guint) plen;
	}
	/* the kernel refuses a destination with bits right of its prefix */
	for (guint bit = prefixlen; bit < len * 8; bit++) {
		if ((dest[bit / 8] & (0x80 >> (bit % 8))) != 0) {
			entry->misconfigured = TRUE;
			return NULL;
		}
	}
	if (entry->type == RTN_UNICAST && entry->gateway[0] == '\0' && entry->ifname[0] == '\0') {
		entry->misconfigured = TRUE;
		return NULL;
	}
	/* complete, but the link it names is gone: nothing to route over (Status Error) */
	if (entry->type == RTN_UNICAST && entry->ifname[0] != '\0' && entry->ifindex <= 0)
		return NULL;

	route = rtnl_route_alloc();
	rtnl_route_set_family(route, entry->family);
	rtnl_route_set_table(route, RT_TABLE_MAIN);
	rtnl_route_set_protocol(route, RTPROT_STATIC);
	rtnl_route_set_type(route, entry->type);
	rtnl_route_set_priority(route, entry->metric >= 0	  ? (guint32) entry->metric
				       : entry->family == AF_INET ? 0
								  : CWMP_TR181_ROUTING_V6_METRIC);
	dst = nl_addr_build(entry->family, dest, len);
	nl_addr_set_prefixlen(dst, prefixlen);
	rtnl_route_set_dst(route, dst);
	nl_addr_put(dst);
	if (entry->type == RTN_UNICAST) {
		struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
		if (entry->gateway[0] != '\0') {
			guint8		gw[16] = {0};
			struct nl_addr *addr;
			if (!cwmp_tr181_routing_parse_addr(entry->family, entry->gateway, gw)) {
				rtnl_route_nh_free(nh);
				rtnl_route_put(route);
				entry->misconfigured = TRUE;
				return NULL;
			}
			addr = nl_addr_build(entry->family, gw, len);
			rtnl_route_nh_set_gateway(nh, addr);
			nl_addr_put(addr);
		}
		if (entry->ifindex > 0)
			rtnl_route_nh_set_ifindex(nh, entry->ifindex);
		rtnl_route_add_nexthop(route, nh);
	}
	return route;
}

static gboolean
cwmp_tr181_routing_same_identity(struct rtnl_route *a, struct rtnl_route *b)
{
	g_autofree gchar *dst_a = cwmp_tr181_routing_format_dst(a);
	g_autofree gchar *dst_b = cwmp_tr181_routing_format_dst(b);

	return rtnl_route_get_family(a) == rtnl_route_get_family(b) &&
	       rtnl_route_get_priority(a) == rtnl_route_get_priority(b) &&
	       rtnl_route_get_tos(a) == rtnl_route_get_tos(b) && g_strcmp0(dst_a, dst_b) == 0;
}

static gboolean
cwmp_tr181_routing_same_route(struct rtnl_route *a, struct rtnl_route *b)
{
	g_autofree gchar *key_a = cwmp_tr181_routing_route_key(a);
	g_autofree gchar *key_b = cwmp_tr181_routing_route_key(b);

	return rtnl_route_get_type(a) == rtnl_route_get_type(b) && g_strcmp0(key_a, key_b) == 0;
}

static gboolean
cwmp_tr181_routing_delete_route(CwmpTr181Plugin *self, struct rtnl_route *route, GError **error)
{
	gint rc = rtnl_route_delete(cwmp_tr181_netlink_get_socket(self->netlink), route, 0);

	/* already gone (the link went away) is what we wanted */
	if (rc < 0 && rc != -NLE_OBJ_NOTFOUND)
		return cwmp_tr181_netlink_set_error(rc, "deleting the route", error);
	return TRUE;
}

/*
 * make the kernel hold what @entry says: add the new route before removing
 * the old one, so a refused change leaves the old route in place
 */
static gboolean
cwmp_tr181_routing_apply(CwmpTr181Plugin *self, CwmpTr181RoutingStatic *entry, GError **error)
{
	struct rtnl_route *desired = NULL;
	gint		   rc;

	entry->misconfigured = FALSE;
	entry->ifindex = cwmp_tr181_routing_link_index(self, entry->ifname);
	if (entry->enable)
		desired = cwmp_tr181_routing_build(entry);
	if (desired == NULL) {
		if (entry->installed != NULL) {
			if (!cwmp_tr181_routing_delete_route(self, entry->installed, error))
				return FALSE;
			g_clear_pointer(&entry->installed, rtnl_route_put);
		}
		return TRUE;
	}
	if (entry->installed != NULL && cwmp_tr181_routing_same_route(desired, entry->installed)) {
		struct rtnl_route *current = cwmp_tr181_routing_find_installed(self, entry, NULL);
		if (current != NULL) {
			rtnl_route_put(current);
			rtnl_route_put(desired);
			return TRUE;
		}
	}
	if (entry->installed != NULL && cwmp_tr181_routing_same_identity(desired, entry->installed))
		rc = rtnl_route_add(cwmp_tr181_netlink_get_socket(self->netlink), desired,
				    NLM_F_CREATE | NLM_F_REPLACE);
	else
		rc = rtnl_route_add(cwmp_tr181_netlink_get_socket(self->netlink), desired,
				    NLM_F_CREATE | NLM_F_EXCL);
	if (rc == -NLE_FAILURE) {
		/* libnl folds ENETUNREACH and the like into this one */
		rtnl_route_put(desired);
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "the kernel refused the route: is the gateway on a connected "
				    "network of the interface?");
		return FALSE;
	}
	if (rc < 0) {
		rtnl_route_put(desired);
		return cwmp_tr181_netlink_set_error(rc, "adding the route", error);
	}
	if (entry->installed != NULL &&
	    !cwmp_tr181_routing_same_identity(desired, entry->installed)) {
		g_autoptr(GError) error_local = NULL;
		if (!cwmp_tr181_routing_delete_route(self, entry->installed, &error_local))
			g_warning("static route %s: the old route stays: %s", entry->key,
				  error_local->message);
	}
	if (entry->installed != NULL)
		rtnl_route_put(entry->installed);
	entry->installed = desired;
	return TRUE;
}

/* --- keeping the ACS's entries across restarts ----------------------------- */

/*
 * the state file: an 'N' record with the next id, then per entry an 'E'
 * record (key, family "4" or "6") followed by its 'F' records (key, field,
 * value); fields hold what the ACS configured, in the data model's words
 */
#define CWMP_TR181_ROUTING_TAG_NEXT_ID 'N'
#define CWMP_TR181_ROUTING_TAG_ENTRY   'E'
#define CWMP_TR181_ROUTING_TAG_FIELD   'F'

static gboolean
cwmp_tr181_routing_write_entry(CwmpStoreWriter	      *writer,
			       CwmpTr181RoutingStatic *entry,
			       GError		     **error)
{
	g_autofree gchar *metric = g_strdup_printf("%d", entry->metric);
	const gchar	 *fields[][2] = {
		 {"Enable", cwmp_value_format_boolean(entry->enable)},
		 {"Type", cwmp_tr181_routing_type_to_string(entry->type)},
		 {"Dest", entry->dest},
		 {"Mask", entry->mask},
		 {"Gateway", entry->gateway},
		 {"Interface", entry->ifname},
		 {"Metric", metric},
	     };

	if (!cwmp_store_writer_add2(writer, CWMP_TR181_ROUTING_TAG_ENTRY, entry->key,
				    entry->family == AF_INET ? "4" : "6", error))
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
		if (!cwmp_store_writer_add3(writer, CWMP_TR181_ROUTING_TAG_FIELD, entry->key,
					    fields[i][0], fields[i][1], error))
			return FALSE;
	}
	return TRUE;
}

/*
 * writes every entry but the one keyed @without (NULL: all) and the id
 * counter, durably; a failure is CWMP_FAULT_INTERNAL_ERROR and the file
 * keeps its earlier contents
 */
static gboolean
cwmp_tr181_routing_save(CwmpTr181Plugin *self, const gchar *without, GError **error)
{
	CwmpTr181Routing *routing = self->routing;
	g_autoptr(CwmpStoreWriter) writer = NULL;
	g_autoptr(GError) error_local = NULL;
	g_autofree gchar *next_id = NULL;
	GList		 *keys;
	gboolean	  ok;

	if (routing->store == NULL)
		return TRUE;
	next_id = g_strdup_printf("%u", routing->next_id);
	writer = cwmp_store_writer_new(routing->store, &error_local);
	ok = writer != NULL &&
	     cwmp_store_writer_add1(writer, CWMP_TR181_ROUTING_TAG_NEXT_ID, next_id, &error_local);
	/* in key order, so an unchanged table writes the same file */
	keys = g_list_sort(g_hash_table_get_keys(routing->statics), (GCompareFunc) g_strcmp0);
	for (GList *l = keys; ok && l != NULL; l = l->next) {
		if (g_strcmp0(l->data, without) != 0)
			ok = cwmp_tr181_routing_write_entry(
			    writer, g_hash_table_lookup(routing->statics, l->data), &error_local);
	}
	g_list_free(keys);
	if (ok)
		ok = cwmp_store_writer_commit(writer, &error_local);
	if (!ok) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "cannot save the static routes to %s: %s",
			    cwmp_store_get_filename(routing->store), error_local->message);
		return FALSE;
	}
	return TRUE;
}

typedef struct {
	GHashTable *statics;
	guint	    next_id;
} CwmpTr181RoutingLoad;

static gboolean
cwmp_tr181_routing_load_field(CwmpTr181RoutingStatic *entry,
			      const gchar	     *name,
			      const gchar	     *value,
			      GError		    **error)
{
	gchar **text = NULL;

	if (g_strcmp0(name, "Enable") == 0)
		return cwmp_value_parse_boolean(value, &entry->enable, error);
	if (g_strcmp0(name, "Type") == 0)
		return cwmp_tr181_routing_type_from_string(value, &entry->type, error);
	if (g_strcmp0(name, "Metric") == 0)
		return cwmp_value_parse_int(value, &entry->metric, error);
	if (g_strcmp0(name, "Dest") == 0)
		text = &entry->dest;
	else if (g_strcmp0(name, "Mask") == 0)
		text = &entry->mask;
	else if (g_strcmp0(name, "Gateway") == 0)
		text = &entry->gateway;
	else if (g_strcmp0(name, "Interface") == 0)
		text = &entry->ifname;
	if (text == NULL) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "unknown field %s of entry %s",
			    name, entry->key);
		return FALSE;
	}
	g_free(*text);
	*text = g_strdup(value);
	return TRUE;
}

static CwmpTr181RoutingStatic *
cwmp_tr181_routing_static_new(const gchar *key, gint family)
{
	CwmpTr181RoutingStatic *entry = g_new0(CwmpTr181RoutingStatic, 1);

	/* TR-181: a new entry is disabled; it reaches the kernel once enabled and complete */
	entry->key = g_strdup(key);
	entry->family = family;
	entry->type = RTN_UNICAST;
	entry->dest = g_strdup("");
	entry->mask = g_strdup("");
	entry->gateway = g_strdup("");
	entry->ifname = g_strdup("");
	entry->metric = -1;
	return entry;
}

static gboolean
cwmp_tr181_routing_load_record(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpTr181RoutingLoad   *load = user_data;
	CwmpTr181RoutingStatic *entry;
	guint64			id = 0;

	switch (record->tag) {
	case CWMP_TR181_ROUTING_TAG_NEXT_ID:
		if (record->n_fields != 1 ||
		    !g_ascii_string_to_unsigned(record->fields[0], 10, 1, G_MAXUINT, &id, NULL))
			break;
		load->next_id = MAX(load->next_id, (guint) id);
		return TRUE;
	case CWMP_TR181_ROUTING_TAG_ENTRY:
		if (record->n_fields != 2 || record->fields[0][0] == '\0' ||
		    (g_strcmp0(record->fields[1], "4") != 0 &&
		     g_strcmp0(record->fields[1], "6") != 0))
			break;
		if (g_hash_table_contains(load->statics, record->fields[0])) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "entry %s twice",
				    record->fields[0]);
			return FALSE;
		}
		entry = cwmp_tr181_routing_static_new(
		    record->fields[0], record->fields[1][0] == '4' ? AF_INET : AF_INET6);
		g_hash_table_insert(load->statics, entry->key, entry);
		/* ids below the counter only, whatever the file says */
		if (g_str_has_prefix(entry->key, CWMP_TR181_ROUTING_STATIC_KEY) &&
		    g_ascii_string_to_unsigned(entry->key + strlen(CWMP_TR181_ROUTING_STATIC_KEY),
					       10, 0, G_MAXUINT - 1, &id, NULL))
			load->next_id = MAX(load->next_id, (guint) id + 1);
		return TRUE;
	case CWMP_TR181_ROUTING_TAG_FIELD:
		if (record->n_fields != 3)
			break;
		entry = g_hash_table_lookup(load->statics, record->fields[0]);
		if (entry == NULL) {
			g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT,
				    "field %s of an unknown entry %s", record->fields[1],
				    record->fields[0]);
			return FALSE;
		}
		return cwmp_tr181_routing_load_field(entry, record->fields[1], record->fields[2],
						     error);
	default:
		break;
	}
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "malformed '%c' record with %u fields",
		    record->tag, record->n_fields);
	return FALSE;
}

/*
 * reads the entries back; a damaged file is reported, moved aside for
 * inspection and the module starts without them
 */
static void
cwmp_tr181_routing_load(CwmpTr181Plugin *self, const gchar *directory)
{
	CwmpTr181Routing    *routing = self->routing;
	CwmpTr181RoutingLoad load = {NULL, 1};
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_move = NULL;
	g_autofree gchar *moved = NULL;

	routing->store =
	    cwmp_store_new(directory, CWMP_TR181_ROUTING_STATE_FILE, CWMP_TR181_ROUTING_STATE_KIND);
	load.statics = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					     (GDestroyNotify) cwmp_tr181_routing_static_free);
	if (cwmp_store_read(routing->store, cwmp_tr181_routing_load_record, &load, &error)) {
		g_hash_table_unref(routing->statics);
		routing->statics = load.statics;
		routing->next_id = load.next_id;
		return;
	}
	g_hash_table_unref(load.statics);
	if (cwmp_store_quarantine(routing->store, &moved, &error_move))
		g_warning("the static routes of %s are lost: %s; the file is moved aside to %s",
			  cwmp_store_get_filename(routing->store), error->message, moved);
	else
		g_warning("the static routes of %s are lost: %s; it cannot be moved aside (%s) "
			  "and is replaced on the next change",
			  cwmp_store_get_filename(routing->store), error->message,
			  error_move->message);
	/*
	 * the ids handed out before are unknown: go on from the clock, so no id
	 * (and no instance number the core keeps for it) comes back for another route
	 */
	routing->next_id = (guint) CLAMP(g_get_real_time() / G_USEC_PER_SEC, 1, G_MAXUINT / 2);
}

/* puts the routes of enabled, complete entries the kernel lost (a reboot) back */
static void
cwmp_tr181_routing_restore(CwmpTr181Plugin *self)
{
	CwmpTr181Routing *routing = self->routing;
	GHashTableIter	  iter;
	gpointer	  value;

	g_hash_table_iter_init(&iter, routing->statics);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpTr181RoutingStatic *entry = value;
		struct rtnl_route      *current;
		gint			rc;

		entry->ifindex = cwmp_tr181_routing_link_index(self, entry->ifname);
		if (!entry->enable ||
		    (entry->installed = cwmp_tr181_routing_build(entry)) == NULL) {
			if (entry->enable && !entry->misconfigured)
				g_warning("static route %s is not restored: its link %s is gone",
					  entry->key, entry->ifname);
			continue;
		}
		/* still there (a restart): nothing to do */
		current = cwmp_tr181_routing_find_installed(self, entry, NULL);
		if (current != NULL) {
			rtnl_route_put(current);
			continue;
		}
		rc = rtnl_route_add(cwmp_tr181_netlink_get_socket(self->netlink), entry->installed,
				    NLM_F_CREATE | NLM_F_EXCL);
		/* the entry keeps what it asks for: Status shows Error until the kernel has it */
		if (rc < 0)
			g_warning("static route %s: the kernel refused to restore it: %s",
				  entry->key, nl_geterror(rc));
		else
			g_debug("static route %s restored", entry->key);
	}
}

/* a copy of what the ACS configured in @entry, to go back to */
static CwmpTr181RoutingStatic *
cwmp_tr181_routing_static_save_config(CwmpTr181RoutingStatic *entry)
{
	CwmpTr181RoutingStatic *copy = g_new0(CwmpTr181RoutingStatic, 1);

	copy->enable = entry->enable;
	copy->type = entry->type;
	copy->dest = g_strdup(entry->dest);
	copy->mask = g_strdup(entry->mask);
	copy->gateway = g_strdup(entry->gateway);
	copy->ifindex = entry->ifindex;
	copy->ifname = g_strdup(entry->ifname);
	copy->metric = entry->metric;
	copy->misconfigured = entry->misconfigured;
	return copy;
}

/* back to @copy's configuration; frees @copy */
static void
cwmp_tr181_routing_static_restore_config(CwmpTr181RoutingStatic *entry,
					 CwmpTr181RoutingStatic *copy)
{
	entry->enable = copy->enable;
	entry->type = copy->type;
	entry->ifindex = copy->ifindex;
	entry->metric = copy->metric;
	entry->misconfigured = copy->misconfigured;
	g_free(entry->dest);
	entry->dest = g_steal_pointer(&copy->dest);
	g_free(entry->mask);
	entry->mask = g_steal_pointer(&copy->mask);
	g_free(entry->gateway);
	entry->gateway = g_steal_pointer(&copy->gateway);
	g_free(entry->ifname);
	entry->ifname = g_steal_pointer(&copy->ifname);
	cwmp_tr181_routing_static_free(copy);
}

static void
cwmp_tr181_routing_notify_status(CwmpDmObject *object)
{
	cwmp_dm_object_notify_changed(object, "Status");
}

/* a static route of the cache becomes an entry the first time the ACS writes */
static CwmpTr181RoutingStatic *
cwmp_tr181_routing_adopt(CwmpTr181Plugin *self, CwmpDmObject *object, GError **error)
{
	CwmpTr181Routing       *routing = cwmp_tr181_routing_get_state(self, error);
	CwmpTr181RoutingStatic *entry;
	CwmpTr181RoutingHop    *hop;
	struct rtnl_route      *route;
	struct nl_addr	       *dst;
	guint			prefixlen;

	if (routing == NULL)
		return NULL;
	entry = cwmp_tr181_routing_lookup_static(self, object);
	if (entry != NULL)
		return entry;
	hop = cwmp_tr181_routing_lookup_route(object, error);
	if (hop == NULL)
		return NULL;
	route = hop->route;
	entry = g_new0(CwmpTr181RoutingStatic, 1);
	entry->key = g_strdup(cwmp_dm_object_get_key(object));
	entry->family = rtnl_route_get_family(route);
	entry->enable = TRUE;
	entry->type = rtnl_route_get_type(route);
	dst = rtnl_route_get_dst(route);
	prefixlen = dst != NULL ? nl_addr_get_prefixlen(dst) : 0;
	if (entry->family == AF_INET) {
		entry->dest = prefixlen == 0 ? g_strdup("")
					     : cwmp_tr181_routing_format_addr(AF_INET, dst);
		entry->mask = prefixlen == 0
				  ? g_strdup("")
				  : cwmp_tr181_ip_address_prefixlen_to_mask(MIN(prefixlen, 32));
	} else {
		entry->dest = prefixlen == 0 ? g_strdup("") : cwmp_tr181_routing_format_dst(route);
		entry->mask = g_strdup("");
	}
	entry->gateway = cwmp_tr181_routing_format_gateway(route, hop->nh);
	entry->ifindex = cwmp_tr181_routing_get_ifindex(route, hop->nh);
	entry->ifname = cwmp_tr181_routing_link_name(self, entry->ifindex);
	entry->metric = (gint32) MIN(rtnl_route_get_priority(route), G_MAXINT32);
	entry->installed = cwmp_tr181_routing_hop_to_route(hop);
	g_hash_table_insert(routing->statics, entry->key, entry);
	cwmp_dm_object_set_data(object, NULL, NULL);
	return entry;
}

/* refuses writes to routes that belong to the kernel or to a daemon */
static gboolean
cwmp_tr181_routing_check_owner(CwmpTr181Plugin *self, CwmpDmObject *object, GError **error)
{
	CwmpTr181RoutingHop *hop;
	guint8		     protocol;
	gchar		     name[32] = {0};

	if (cwmp_tr181_routing_lookup_static(self, object) != NULL)
		return TRUE;
	hop = cwmp_tr181_routing_lookup_route(object, error);
	if (hop == NULL)
		return FALSE;
	protocol = rtnl_route_get_protocol(hop->route);
	if (cwmp_tr181_routing_protocol_is_static(protocol))
		return TRUE;
	if (protocol == RTPROT_KERNEL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
				    "route owned by the kernel (the connected route of an "
				    "address); "
				    "change the address instead");
		return FALSE;
	}
	rtnl_route_proto2str(protocol, name, sizeof(name));
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
		    "route owned by %s (protocol %u); change it where it comes from", name,
		    protocol);
	return FALSE;
}

static gboolean
cwmp_tr181_routing_validate(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr181Plugin *self = user_data;
	gint		 family = cwmp_tr181_routing_family_for_object(object);
	guint8		 buf[16];

	if (!cwmp_tr181_routing_check_owner(self, object, error))
		return FALSE;
	if (g_strcmp0(name, "Type") == 0) {
		guint8 type;
		return cwmp_tr181_routing_type_from_string(value, &type, error);
	}
	if (g_strcmp0(name, "Interface") == 0) {
		gint ifindex;
		return cwmp_tr181_routing_interface_ifindex(self, cwmp_dm_object_get_dm(object),
							    value, &ifindex, error);
	}
	if (value[0] == '\0')
		return TRUE;
	if (g_strcmp0(name, "DestSubnetMask") == 0) {
		guint prefixlen;
		return cwmp_tr181_ip_address_mask_to_prefixlen(value, &prefixlen, error);
	}
	if (g_strcmp0(name, "DestIPPrefix") == 0) {
		g_auto(GStrv) parts = g_strsplit(value, "/", 2);
		if (g_strv_length(parts) != 2 ||
		    !cwmp_tr181_routing_parse_addr(AF_INET6, parts[0], buf) ||
		    !g_ascii_string_to_unsigned(parts[1], 10, 0, 128, NULL, NULL)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s is not an IPv6 prefix (address/length)", value);
			return FALSE;
		}
		return TRUE;
	}
	if (g_strcmp0(name, "DestIPAddress") == 0 || g_strcmp0(name, "GatewayIPAddress") == 0 ||
	    g_strcmp0(name, "NextHop") == 0) {
		if (!cwmp_tr181_routing_parse_addr(family, value, buf)) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
				    "%s is not an %s address", value,
				    family == AF_INET ? "IPv4" : "IPv6");
			return FALSE;
		}
	}
	return TRUE;
}

/* one parameter of @entry to @value, in the entry only */
static gboolean
cwmp_tr181_routing_change(CwmpTr181Plugin	 *self,
			  CwmpTr181RoutingStatic *entry,
			  CwmpDmObject		 *object,
			  const gchar		 *name,
			  const gchar		 *value,
			  GError		**error)
{
	gchar **field;

	if (g_strcmp0(name, "Enable") == 0)
		return cwmp_value_parse_boolean(value, &entry->enable, error);
	if (g_strcmp0(name, "Type") == 0)
		return cwmp_tr181_routing_type_from_string(value, &entry->type, error);
	if (g_strcmp0(name, "ForwardingMetric") == 0)
		return cwmp_value_parse_int(value, &entry->metric, error);
	if (g_strcmp0(name, "Interface") == 0) {
		if (!cwmp_tr181_routing_interface_ifindex(self, cwmp_dm_object_get_dm(object),
							  value, &entry->ifindex, error))
			return FALSE;
		g_free(entry->ifname);
		entry->ifname = cwmp_tr181_routing_link_name(self, entry->ifindex);
		return TRUE;
	}
	if (g_strcmp0(name, "DestSubnetMask") == 0)
		field = &entry->mask;
	else if (g_strcmp0(name, "DestIPAddress") == 0 || g_strcmp0(name, "DestIPPrefix") == 0)
		field = &entry->dest;
	else
		field = &entry->gateway;
	g_free(*field);
	*field = g_strdup(value);
	return TRUE;
}

static gboolean
cwmp_tr181_routing_set(CwmpDmObject *object,
		       const gchar  *name,
		       const gchar  *value,
		       gpointer	     user_data,
		       GError	   **error)
{
	CwmpTr181Plugin	       *self = user_data;
	CwmpTr181RoutingStatic *entry;
	CwmpTr181RoutingStatic *saved;
	g_autoptr(GError) error_undo = NULL;

	if (!cwmp_tr181_routing_check_owner(self, object, error))
		return FALSE;
	entry = cwmp_tr181_routing_adopt(self, object, error);
	if (entry == NULL)
		return FALSE;
	saved = cwmp_tr181_routing_static_save_config(entry);
	if (!cwmp_tr181_routing_change(self, entry, object, name, value, error) ||
	    !cwmp_tr181_routing_apply(self, entry, error)) {
		/* as it was: the kernel still holds the old route */
		cwmp_tr181_routing_static_restore_config(entry, saved);
		return FALSE;
	}
	if (!cwmp_tr181_routing_save(self, NULL, error)) {
		/* not kept: the kernel goes back to what the file says */
		cwmp_tr181_routing_static_restore_config(entry, saved);
		if (!cwmp_tr181_routing_apply(self, entry, &error_undo))
			g_warning("static route %s: cannot undo the change: %s", entry->key,
				  error_undo->message);
		return FALSE;
	}
	cwmp_tr181_routing_static_free(saved);
	cwmp_tr181_routing_notify_status(object);
	return TRUE;
}

static gboolean
cwmp_tr181_routing_add_family(CwmpDmObject *instance,
			      gpointer	    user_data,
			      gint	    family,
			      GError	  **error)
{
	CwmpTr181Plugin	       *self = user_data;
	CwmpTr181Routing       *routing = cwmp_tr181_routing_get_state(self, error);
	CwmpTr181RoutingStatic *entry;
	g_autofree gchar       *key = NULL;

	if (routing == NULL)
		return FALSE;
	/* an id is never handed out twice, even when the save fails */
	key = g_strdup_printf(CWMP_TR181_ROUTING_STATIC_KEY "%u", routing->next_id++);
	entry = cwmp_tr181_routing_static_new(key, family);
	g_hash_table_insert(routing->statics, entry->key, entry);
	if (!cwmp_tr181_routing_save(self, NULL, error)) {
		g_hash_table_remove(routing->statics, key);
		return FALSE;
	}
	cwmp_dm_object_set_key(instance, entry->key);
	return TRUE;
}

static gboolean
cwmp_tr181_routing_add_v4(CwmpDmObject *instance, gpointer user_data, GError **error)
{
	return cwmp_tr181_routing_add_family(instance, user_data, AF_INET, error);
}

static gboolean
cwmp_tr181_routing_add_v6(CwmpDmObject *instance, gpointer user_data, GError **error)
{
	return cwmp_tr181_routing_add_family(instance, user_data, AF_INET6, error);
}

static gboolean
cwmp_tr181_routing_delete(CwmpDmObject *instance, gpointer user_data, GError **error)
{
	CwmpTr181Plugin	       *self = user_data;
	CwmpTr181Routing       *routing = cwmp_tr181_routing_get_state(self, error);
	CwmpTr181RoutingStatic *entry;
	CwmpTr181RoutingHop    *hop;
	struct rtnl_route      *route;
	gboolean		ok;

	if (routing == NULL)
		return FALSE;
	if (!cwmp_tr181_routing_check_owner(self, instance, error))
		return FALSE;
	entry = cwmp_tr181_routing_lookup_static(self, instance);
	if (entry != NULL) {
		/* out of the file first: a route that comes back after a reboot is worse */
		if (!cwmp_tr181_routing_save(self, entry->key, error))
			return FALSE;
		if (entry->installed != NULL &&
		    !cwmp_tr181_routing_delete_route(self, entry->installed, error)) {
			g_autoptr(GError) error_undo = NULL;
			/* the route stays, and so does its entry */
			if (!cwmp_tr181_routing_save(self, NULL, &error_undo))
				g_warning("static route %s: %s", entry->key, error_undo->message);
			return FALSE;
		}
		g_hash_table_remove(routing->statics, entry->key);
		return TRUE;
	}
	hop = cwmp_tr181_routing_lookup_route(instance, error);
	if (hop == NULL)
		return FALSE;
	/* only this nexthop of a multipath route */
	route = cwmp_tr181_routing_hop_to_route(hop);
	ok = cwmp_tr181_routing_delete_route(self, route, error);
	rtnl_route_put(route);
	return ok;
}

/* --- pushing what the kernel announces ------------------------------------- */

static CwmpDmObject *
cwmp_tr181_routing_lookup_router(CwmpTr181Plugin *self)
{
	CwmpDm	     *dm = cwmp_tr181_routing_get_dm(self);
	CwmpDmObject *routing;

	if (dm == NULL || (routing = cwmp_dm_lookup_object(dm, CWMP_TR181_ROUTING_PATH)) == NULL)
		return NULL;
	return cwmp_dm_object_lookup_instance(routing, "Router", CWMP_TR181_ROUTING_ROUTER_KEY);
}

static void
cwmp_tr181_routing_changed_cb(CwmpTr181NetlinkKind kind,
			      struct nl_object	  *object,
			      gint		   action,
			      gpointer		   user_data)
{
	CwmpTr181Plugin	  *self = user_data;
	CwmpTr181Routing  *routing = self->routing;
	struct rtnl_route *route = (struct rtnl_route *) object;
	g_autoptr(GHashTable) hops = NULL;
	g_autoptr(GError) error = NULL;
	GHashTable    *pushed;
	CwmpDmObject  *router;
	const gchar   *table;
	GHashTableIter iter;
	gpointer       key;
	gpointer       value;
	gint	       family;

	if (kind != CWMP_TR181_NETLINK_ROUTE || routing == NULL)
		return;
	family = rtnl_route_get_family(route);
	if (!cwmp_tr181_routing_route_is_listed(route, family))
		return;
	router = cwmp_tr181_routing_lookup_router(self);
	if (router == NULL)
		return;
	table = cwmp_tr181_routing_table_for_family(family);
	/*
	 * libnl merges the nexthops of IPv6 routes into one object and updates
	 * it in place: compare the whole family with what the core was given
	 */
	pushed = routing->pushed[family == AF_INET ? 0 : 1];
	hops = cwmp_tr181_routing_list_family(self, routing->statics, family, &error);
	if (hops == NULL) {
		g_warning("routes: %s", error->message);
		return;
	}
	g_hash_table_iter_init(&iter, pushed);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (!g_hash_table_contains(hops, key)) {
			cwmp_dm_object_remove_instance(router, table, key);
			g_hash_table_iter_remove(&iter);
		}
	}
	g_hash_table_iter_init(&iter, hops);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_hash_table_iter_steal(&iter);
		g_hash_table_add(pushed, g_strdup(key));
		cwmp_dm_object_push_instance(router, table, key, value,
					     (GDestroyNotify) cwmp_tr181_routing_hop_free);
		g_free(key);
	}
	/* the kernel's copy of a static entry came or went: its Status moves */
	g_hash_table_iter_init(&iter, routing->statics);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpTr181RoutingStatic *entry = value;
		CwmpDmObject	       *instance;

		if (entry->family != family)
			continue;
		instance = cwmp_dm_object_lookup_instance(router, table, entry->key);
		if (instance != NULL)
			cwmp_tr181_routing_notify_status(instance);
	}
}

static gboolean
cwmp_tr181_routing_start(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181Routing *routing = g_new0(CwmpTr181Routing, 1);
	const gchar	 *directory;
	gint		  rc;

	routing->plugin = self;
	routing->next_id = 1;
	routing->dump_sock = nl_socket_alloc();
	rc = routing->dump_sock != NULL ? nl_connect(routing->dump_sock, NETLINK_ROUTE)
					: -NLE_NOMEM;
	if (rc < 0) {
		if (routing->dump_sock != NULL)
			nl_socket_free(routing->dump_sock);
		g_free(routing);
		return cwmp_tr181_netlink_set_error(rc, "connecting to rtnetlink", error);
	}
	routing->statics = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						 (GDestroyNotify) cwmp_tr181_routing_static_free);
	for (guint i = 0; i < G_N_ELEMENTS(routing->pushed); i++)
		routing->pushed[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	self->routing = routing;
	directory = self->ctx != NULL ? cwmp_plugin_context_get_state_directory(self->ctx) : NULL;
	if (directory != NULL && directory[0] != '\0') {
		cwmp_tr181_routing_load(self, directory);
		cwmp_tr181_routing_restore(self);
	}
	routing->watch_id =
	    cwmp_tr181_netlink_add_watch(self->netlink, cwmp_tr181_routing_changed_cb, self);
	return TRUE;
}

static void
cwmp_tr181_routing_stop(CwmpTr181Plugin *self)
{
	CwmpTr181Routing *routing = self->routing;

	if (routing == NULL)
		return;
	/* static routes stay in the kernel: the device keeps routing without us */
	if (self->netlink != NULL)
		cwmp_tr181_netlink_remove_watch(self->netlink, routing->watch_id);
	g_hash_table_unref(routing->statics);
	for (guint i = 0; i < G_N_ELEMENTS(routing->pushed); i++)
		g_hash_table_unref(routing->pushed[i]);
	g_clear_object(&routing->store);
	nl_socket_free(routing->dump_sock);
	g_free(routing);
	self->routing = NULL;
}

/* --- registration ----------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr181_routing_router_params[] = {
    {.name = "Enable",
     .get = cwmp_tr181_routing_get_router_enable,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "the router is the kernel's main routing table, always in use; "
			 "switching it off would cut the device off"},
    {.name = "Status", .get = cwmp_tr181_routing_get_router_status},
    {.name = NULL},
};

/* a parameter of a forwarding entry that a static entry can set */
#define CWMP_TR181_ROUTING_PARAM(n, getter)                                                        \
	{                                                                                          \
		.name = (n), .get = (getter), .set = cwmp_tr181_routing_set,                       \
		.validate = cwmp_tr181_routing_validate                                            \
	}

/* what IPv4Forwarding and IPv6Forwarding share */
#define CWMP_TR181_ROUTING_FORWARDING_PARAMS                                                       \
	CWMP_TR181_ROUTING_PARAM("Enable", cwmp_tr181_routing_get_enable),                         \
	    {.name = "Status",                                                                     \
	     .get = cwmp_tr181_routing_get_status,                                                 \
	     .flags = CWMP_DM_PARAM_FLAG_PUSH},                                                    \
	    CWMP_TR181_ROUTING_PARAM("Type", cwmp_tr181_routing_get_type),                         \
	    {.name = "ForwardingPolicy",                                                           \
	     .get = cwmp_tr181_routing_get_forwarding_policy,                                      \
	     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,                                                \
	     .read_only_reason = "policy routing (ip rule) is not modelled: every entry is in "    \
				 "the main table"},                                                \
	    CWMP_TR181_ROUTING_PARAM("Interface", cwmp_tr181_routing_get_interface),               \
	    {.name = "Origin", .get = cwmp_tr181_routing_get_origin},                              \
	    CWMP_TR181_ROUTING_PARAM("ForwardingMetric", cwmp_tr181_routing_get_metric)

static const CwmpDmParamDef cwmp_tr181_routing_ipv4_params[] = {
    CWMP_TR181_ROUTING_FORWARDING_PARAMS,
    {.name = "StaticRoute", .get = cwmp_tr181_routing_get_static_route},
    CWMP_TR181_ROUTING_PARAM("DestIPAddress", cwmp_tr181_routing_get_dest),
    CWMP_TR181_ROUTING_PARAM("DestSubnetMask", cwmp_tr181_routing_get_dest),
    CWMP_TR181_ROUTING_PARAM("GatewayIPAddress", cwmp_tr181_routing_get_gateway),
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr181_routing_ipv6_params[] = {
    CWMP_TR181_ROUTING_FORWARDING_PARAMS,
    CWMP_TR181_ROUTING_PARAM("DestIPPrefix", cwmp_tr181_routing_get_dest),
    CWMP_TR181_ROUTING_PARAM("NextHop", cwmp_tr181_routing_get_gateway),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_routing_router_object = {
    .path = "Device.Routing.Router.{i}.",
    .params = cwmp_tr181_routing_router_params,
    .enumerate = cwmp_tr181_routing_enumerate_router,
};

static const CwmpDmObjectDef cwmp_tr181_routing_ipv4_object = {
    .path = "Device.Routing.Router.{i}.IPv4Forwarding.{i}.",
    .params = cwmp_tr181_routing_ipv4_params,
    .enumerate = cwmp_tr181_routing_enumerate_forwarding,
    .add = cwmp_tr181_routing_add_v4,
    .del = cwmp_tr181_routing_delete,
};

static const CwmpDmObjectDef cwmp_tr181_routing_ipv6_object = {
    .path = "Device.Routing.Router.{i}.IPv6Forwarding.{i}.",
    .params = cwmp_tr181_routing_ipv6_params,
    .enumerate = cwmp_tr181_routing_enumerate_forwarding,
    .add = cwmp_tr181_routing_add_v6,
    .del = cwmp_tr181_routing_delete,
};

static const CwmpDmObjectDef *const cwmp_tr181_routing_objects[] = {
    &cwmp_tr181_routing_router_object,
    &cwmp_tr181_routing_ipv4_object,
    &cwmp_tr181_routing_ipv6_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_routing_module = {
    .name = "routing",
    .objects = cwmp_tr181_routing_objects,
    .start = cwmp_tr181_routing_start,
    .stop = cwmp_tr181_routing_stop,
};
