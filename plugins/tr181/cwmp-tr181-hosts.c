/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Hosts.: the hosts the device talks to, from the kernel's IPv4 (ARP)
 * and IPv6 (NDP) neighbour tables. One Host per MAC address, holding every
 * address the MAC answers for; entries that resolve nothing (incomplete,
 * failed, noarp) and multicast or broadcast ones are left out.
 *
 * Active follows the neighbour state: a host is active while the kernel has
 * a confirmed or configured entry for it (reachable, permanent) or is
 * confirming one it used just now (delay, probe); a stale entry, which
 * nothing confirmed for base_reachable_time, makes it inactive. When Active
 * flips, the time is kept in the module state as ActiveLastChange; a host
 * that was there when cwmpd started has the unknown time until it flips.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <string.h>

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

#define CWMP_TR181_HOSTS_PATH	      "Device.Hosts."
#define CWMP_TR181_HOSTS_UNKNOWN_TIME "0001-01-01T00:00:00Z"

/* what the neighbour table says about one MAC address */
typedef struct {
	gint	   ifindex;
	gboolean   active;
	GPtrArray *ipv4; /* gchar*, sorted */
	GPtrArray *ipv6; /* gchar*, sorted */
} CwmpTr181HostsView;

/* what the module remembers of a host between notifications */
typedef struct {
	gboolean   active;
	gint64	   changed; /* g_get_real_time(), 0 when unknown */
	gchar	  *ip_address;
	GPtrArray *ipv4;
	GPtrArray *ipv6;
} CwmpTr181HostsRecord;

typedef struct {
	guint	    watch_id;
	guint	    idle_id; /* pushes what changed, once per burst of notifications */
	GHashTable *records; /* MAC -> CwmpTr181HostsRecord */
	GHashTable *view;    /* MAC -> CwmpTr181HostsView, NULL when a change made it stale */
	gboolean    dispatching;
} CwmpTr181Hosts;

static void
cwmp_tr181_hosts_view_free(CwmpTr181HostsView *view)
{
	g_ptr_array_unref(view->ipv4);
	g_ptr_array_unref(view->ipv6);
	g_free(view);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181HostsView, cwmp_tr181_hosts_view_free)

static void
cwmp_tr181_hosts_record_free(CwmpTr181HostsRecord *record)
{
	g_free(record->ip_address);
	g_ptr_array_unref(record->ipv4);
	g_ptr_array_unref(record->ipv6);
	g_free(record);
}

/**
 * cwmp_tr181_hosts_state_is_active:
 * @nud_state: a neighbour's NUD_* state
 *
 * Returns: whether a host with an entry in this state counts as active
 */
gboolean
cwmp_tr181_hosts_state_is_active(gint nud_state)
{
	return (nud_state & (NUD_REACHABLE | NUD_PERMANENT | NUD_DELAY | NUD_PROBE)) != 0;
}

/* the MAC of a neighbour entry that names a host, else NULL */
static gchar *
cwmp_tr181_hosts_neigh_mac(struct rtnl_neigh *neigh, gchar **ip)
{
	struct nl_addr *lladdr = rtnl_neigh_get_lladdr(neigh);
	struct nl_addr *dst = rtnl_neigh_get_dst(neigh);
	gint		family = rtnl_neigh_get_family(neigh);
	gint		state = rtnl_neigh_get_state(neigh);
	const guint8   *mac;
	const guint8   *addr;
	gchar		buf[INET6_ADDRSTRLEN] = {0};
	gboolean	zero = TRUE;

	if (family != AF_INET && family != AF_INET6)
		return NULL;
	if (state == NUD_NONE || (state & (NUD_NOARP | NUD_FAILED | NUD_INCOMPLETE)) != 0)
		return NULL;
	if ((rtnl_neigh_get_flags(neigh) & NTF_PROXY) != 0)
		return NULL;
	if (lladdr == NULL || nl_addr_get_len(lladdr) != 6 || dst == NULL ||
	    nl_addr_get_len(dst) != (family == AF_INET ? 4u : 16u))
		return NULL;
	mac = nl_addr_get_binary_addr(lladdr);
	/* the group bit covers multicast and broadcast */
	if ((mac[0] & 0x01) != 0)
		return NULL;
	for (guint i = 0; i < 6; i++)
		zero = zero && mac[i] == 0;
	if (zero)
		return NULL;
	addr = nl_addr_get_binary_addr(dst);
	if (family == AF_INET && (addr[0] >= 224 || (addr[0] == 0)))
		return NULL;
	if (family == AF_INET6 && addr[0] == 0xff)
		return NULL;
	if (ip != NULL) {
		inet_ntop(family, addr, buf, sizeof(buf));
		*ip = g_strdup(buf);
	}
	return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
			       mac[4], mac[5]);
}

static gint
cwmp_tr181_hosts_strcmp(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *) a, *(const gchar *const *) b);
}

static gboolean
cwmp_tr181_hosts_array_contains(GPtrArray *array, const gchar *text)
{
	for (guint i = 0; i < array->len; i++) {
		if (g_strcmp0(g_ptr_array_index(array, i), text) == 0)
			return TRUE;
	}
	return FALSE;
}

/* every host of the neighbour table: MAC -> CwmpTr181HostsView */
static GHashTable *
cwmp_tr181_hosts_collect(CwmpTr181Plugin *self)
{
	GHashTable	*hosts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						       (GDestroyNotify) cwmp_tr181_hosts_view_free);
	struct nl_cache *cache =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_NEIGH);
	struct nl_object *object;
	GHashTableIter	  iter;
	gpointer	  value;

	for (object = nl_cache_get_first(cache); object != NULL;
	     object = nl_cache_get_next(object)) {
		struct rtnl_neigh  *neigh = (struct rtnl_neigh *) object;
		g_autofree gchar   *ip = NULL;
		g_autofree gchar   *mac = cwmp_tr181_hosts_neigh_mac(neigh, &ip);
		CwmpTr181HostsView *view;
		GPtrArray	   *addresses;

		if (mac == NULL)
			continue;
		view = g_hash_table_lookup(hosts, mac);
		if (view == NULL) {
			view = g_new0(CwmpTr181HostsView, 1);
			view->ifindex = rtnl_neigh_get_ifindex(neigh);
			view->ipv4 = g_ptr_array_new_with_free_func(g_free);
			view->ipv6 = g_ptr_array_new_with_free_func(g_free);
			g_hash_table_insert(hosts, g_strdup(mac), view);
		}
		if (cwmp_tr181_hosts_state_is_active(rtnl_neigh_get_state(neigh)))
			view->active = TRUE;
		addresses = rtnl_neigh_get_family(neigh) == AF_INET ? view->ipv4 : view->ipv6;
		/* one MAC may be seen on two links with the same address */
		if (!cwmp_tr181_hosts_array_contains(addresses, ip))
			g_ptr_array_add(addresses, g_steal_pointer(&ip));
	}
	g_hash_table_iter_init(&iter, hosts);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		CwmpTr181HostsView *view = value;
		g_ptr_array_sort(view->ipv4, cwmp_tr181_hosts_strcmp);
		g_ptr_array_sort(view->ipv6, cwmp_tr181_hosts_strcmp);
	}
	return hosts;
}

static const gchar *
cwmp_tr181_hosts_view_ip_address(CwmpTr181HostsView *view)
{
	if (view->ipv4->len > 0)
		return g_ptr_array_index(view->ipv4, 0);
	if (view->ipv6->len > 0)
		return g_ptr_array_index(view->ipv6, 0);
	return "";
}

static gboolean
cwmp_tr181_hosts_sync(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181Hosts *hosts = self->hosts;

	if (hosts == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "the hosts module is not started");
		return FALSE;
	}
	if (hosts->dispatching)
		return TRUE;
	return cwmp_tr181_netlink_sync(self->netlink, error);
}

/* the neighbour table by host, built once and kept until a notification
 * says it changed: a request that reads thousands of host parameters walks
 * the table once, not once per parameter */
static GHashTable *
cwmp_tr181_hosts_current(CwmpTr181Plugin *self)
{
	CwmpTr181Hosts *hosts = self->hosts;
	if (hosts->view == NULL)
		hosts->view = cwmp_tr181_hosts_collect(self);
	return hosts->view;
}

/* the view of the host an instance (or a child of it) stands for; borrowed,
 * valid until the next sync */
static CwmpTr181HostsView *
cwmp_tr181_hosts_lookup_view(CwmpTr181Plugin *self, CwmpDmObject *host, GError **error)
{
	const gchar	   *mac = cwmp_dm_object_get_key(host);
	CwmpTr181HostsView *view;

	if (!cwmp_tr181_hosts_sync(self, error))
		return NULL;
	view = mac != NULL ? g_hash_table_lookup(cwmp_tr181_hosts_current(self), mac) : NULL;
	if (view == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME,
			    "the host %s is no longer in the neighbour table",
			    mac != NULL ? mac : "(none)");
		return NULL;
	}
	return view;
}

/* --- tables ----------------------------------------------------------------- */

static gboolean
cwmp_tr181_hosts_enumerate_host(CwmpDmObject	   *parent,
				const gchar	   *table,
				CwmpDmInstanceList *list,
				gpointer	    user_data,
				GError		  **error)
{
	CwmpTr181Plugin *self = user_data;
	g_autoptr(GList) macs = NULL;

	if (!cwmp_tr181_hosts_sync(self, error))
		return FALSE;
	macs = g_list_sort(g_hash_table_get_keys(cwmp_tr181_hosts_current(self)),
			   (GCompareFunc) g_strcmp0);
	for (GList *l = macs; l != NULL; l = l->next)
		cwmp_dm_instance_list_add(list, l->data, NULL, NULL);
	return TRUE;
}

static gboolean
cwmp_tr181_hosts_enumerate_address(CwmpDmObject	      *parent,
				   const gchar	      *table,
				   CwmpDmInstanceList *list,
				   gpointer	       user_data,
				   GError	     **error)
{
	g_autoptr(GError) error_local = NULL;
	CwmpTr181HostsView *view = cwmp_tr181_hosts_lookup_view(user_data, parent, &error_local);
	GPtrArray	   *addresses;

	/* the host went while the request ran: it has no addresses left */
	if (view == NULL &&
	    g_error_matches(error_local, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_NAME))
		return TRUE;
	if (view == NULL) {
		g_propagate_error(error, g_steal_pointer(&error_local));
		return FALSE;
	}
	addresses = g_strcmp0(table, "IPv4Address") == 0 ? view->ipv4 : view->ipv6;
	for (guint i = 0; i < addresses->len; i++)
		cwmp_dm_instance_list_add(list, g_ptr_array_index(addresses, i), NULL, NULL);
	return TRUE;
}

/* --- parameters ------------------------------------------------------------- */

/* PhysAddress of a Host, IPAddress of an IPv4Address or IPv6Address: the key */
static gchar *
cwmp_tr181_hosts_get_key(CwmpDmObject *object,
			 const gchar  *name,
			 gpointer      user_data,
			 GError	     **error)
{
	return g_strdup(cwmp_dm_object_get_key(object));
}

static gchar *
cwmp_tr181_hosts_format_layer1_interface(CwmpTr181Plugin    *self,
					 CwmpDmObject	    *object,
					 CwmpTr181HostsView *view)
{
	struct nl_cache *links =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);
	gchar  ifname[IFNAMSIZ + 1] = {0};
	gchar *path;

	if (rtnl_link_i2name(links, view->ifindex, ifname, sizeof(ifname) - 1) == NULL)
		return g_strdup("");
	/* the host is seen on that Ethernet interface (a bridge port is not resolved) */
	path = cwmp_tr181_ethernet_dup_interface_path(cwmp_dm_object_get_dm(object), ifname);
	return path != NULL ? path : g_strdup("");
}

static gchar *
cwmp_tr181_hosts_format_interface_type(CwmpTr181Plugin *self, CwmpTr181HostsView *view)
{
	struct nl_cache *links =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);
	struct rtnl_link *link = rtnl_link_get(links, view->ifindex);
	g_autofree gchar *relpath = NULL;
	g_autofree gchar *wireless = NULL;
	const gchar	 *type = "Other";

	if (link == NULL)
		return g_strdup(type);
	relpath = g_strdup_printf("sys/class/net/%s/wireless", rtnl_link_get_name(link));
	wireless = cwmp_tr181_plugin_build_filename(self, relpath);
	if (g_file_test(wireless, G_FILE_TEST_IS_DIR))
		type = "Wi-Fi";
	else if (rtnl_link_get_arptype(link) == ARPHRD_ETHER)
		type = "Ethernet";
	rtnl_link_put(link);
	return g_strdup(type);
}

/* the Host parameters read from the merged neighbour view of the host */
static gchar *
cwmp_tr181_hosts_get_view(CwmpDmObject *object,
			  const gchar  *name,
			  gpointer	user_data,
			  GError      **error)
{
	CwmpTr181Plugin	   *self = user_data;
	CwmpTr181HostsView *view = cwmp_tr181_hosts_lookup_view(self, object, error);

	if (view == NULL)
		return NULL;
	if (g_strcmp0(name, "IPAddress") == 0)
		return g_strdup(cwmp_tr181_hosts_view_ip_address(view));
	if (g_strcmp0(name, "Active") == 0)
		return g_strdup(cwmp_value_format_boolean(view->active));
	if (g_strcmp0(name, "Layer3Interface") == 0)
		return cwmp_tr181_routing_interface_path(self, cwmp_dm_object_get_dm(object),
							 view->ifindex);
	if (g_strcmp0(name, "Layer1Interface") == 0)
		return cwmp_tr181_hosts_format_layer1_interface(self, object, view);
	if (g_strcmp0(name, "InterfaceType") == 0)
		return cwmp_tr181_hosts_format_interface_type(self, view);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

static gchar *
cwmp_tr181_hosts_get_active_last_change(CwmpDmObject *object,
					const gchar  *name,
					gpointer      user_data,
					GError	    **error)
{
	CwmpTr181Plugin	     *self = user_data;
	CwmpTr181Hosts	     *hosts = self->hosts;
	CwmpTr181HostsRecord *record = NULL;
	g_autoptr(GDateTime) when = NULL;

	if (hosts != NULL)
		record = g_hash_table_lookup(hosts->records, cwmp_dm_object_get_key(object));
	if (record == NULL || record->changed == 0)
		return g_strdup(CWMP_TR181_HOSTS_UNKNOWN_TIME);
	when = g_date_time_new_from_unix_utc(record->changed / G_USEC_PER_SEC);
	return cwmp_value_format_date_time(when);
}

static gchar *
cwmp_tr181_hosts_get_host_name(CwmpDmObject *object,
			       const gchar  *name,
			       gpointer	     user_data,
			       GError	   **error)
{
	/* the neighbour table has no names; no DHCP server or mDNS is read */
	return g_strdup("");
}

/* --- pushing what the kernel announces ------------------------------------- */

static CwmpTr181HostsRecord *
cwmp_tr181_hosts_record_new(CwmpTr181HostsView *view, gint64 changed)
{
	CwmpTr181HostsRecord *record = g_new0(CwmpTr181HostsRecord, 1);
	record->active = view->active;
	record->changed = changed;
	record->ip_address = g_strdup(cwmp_tr181_hosts_view_ip_address(view));
	record->ipv4 = g_ptr_array_ref(view->ipv4);
	record->ipv6 = g_ptr_array_ref(view->ipv6);
	return record;
}

static void
cwmp_tr181_hosts_push_addresses(CwmpDmObject *host,
				const gchar  *table,
				GPtrArray    *before,
				GPtrArray    *now)
{
	for (guint i = 0; before != NULL && i < before->len; i++) {
		const gchar *ip = g_ptr_array_index(before, i);
		if (!cwmp_tr181_hosts_array_contains(now, ip))
			cwmp_dm_object_remove_instance(host, table, ip);
	}
	for (guint i = 0; i < now->len; i++) {
		const gchar *ip = g_ptr_array_index(now, i);
		if (before == NULL || !cwmp_tr181_hosts_array_contains(before, ip))
			cwmp_dm_object_push_instance(host, table, ip, NULL, NULL);
	}
}

/* compare the neighbour table with what was pushed, and push the difference */
static void
cwmp_tr181_hosts_update(CwmpTr181Plugin *self)
{
	CwmpTr181Hosts *hosts = self->hosts;
	CwmpDm	       *dm = self->ctx != NULL ? cwmp_plugin_context_get_dm(self->ctx) : NULL;
	CwmpDmObject *parent = dm != NULL ? cwmp_dm_lookup_object(dm, CWMP_TR181_HOSTS_PATH) : NULL;
	GHashTable   *all = cwmp_tr181_hosts_current(self);
	g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func(g_free);
	gint64	       now = g_get_real_time();
	GHashTableIter iter;
	gpointer       key;
	gpointer       value;

	g_hash_table_iter_init(&iter, hosts->records);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (!g_hash_table_contains(all, key))
			g_ptr_array_add(gone, g_strdup(key));
	}
	for (guint i = 0; i < gone->len; i++) {
		const gchar *mac = g_ptr_array_index(gone, i);
		g_hash_table_remove(hosts->records, mac);
		if (parent != NULL)
			cwmp_dm_object_remove_instance(parent, "Host", mac);
	}
	g_hash_table_iter_init(&iter, all);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		CwmpTr181HostsView   *view = value;
		CwmpTr181HostsRecord *record = NULL;
		CwmpTr181HostsRecord *next;
		CwmpDmObject	     *host = NULL;
		gpointer	      old_key = NULL;

		/* the old record is compared below, after the new one took its place */
		if (g_hash_table_steal_extended(hosts->records, key, &old_key,
						(gpointer *) &record))
			g_free(old_key);

		/* a host that appears became active now, or was seen inactive now */
		next = cwmp_tr181_hosts_record_new(view, record == NULL ? now : record->changed);
		if (record != NULL && record->active != view->active)
			next->changed = now;
		if (parent != NULL)
			host = cwmp_dm_object_push_instance(parent, "Host", key, NULL, NULL);
		if (host != NULL) {
			cwmp_tr181_hosts_push_addresses(
			    host, "IPv4Address", record != NULL ? record->ipv4 : NULL, view->ipv4);
			cwmp_tr181_hosts_push_addresses(
			    host, "IPv6Address", record != NULL ? record->ipv6 : NULL, view->ipv6);
		}
		g_hash_table_replace(hosts->records, g_strdup(key), next);
		if (host != NULL && record != NULL && record->active != next->active) {
			cwmp_dm_object_notify_changed(host, "Active");
			cwmp_dm_object_notify_changed(host, "ActiveLastChange");
		}
		if (host != NULL && record != NULL &&
		    g_strcmp0(record->ip_address, next->ip_address) != 0)
			cwmp_dm_object_notify_changed(host, "IPAddress");
		if (record != NULL)
			cwmp_tr181_hosts_record_free(record);
	}
}

static gboolean
cwmp_tr181_hosts_update_cb(gpointer user_data)
{
	CwmpTr181Plugin *self = user_data;
	CwmpTr181Hosts	*hosts = self->hosts;

	hosts->idle_id = 0;
	hosts->dispatching = TRUE;
	cwmp_tr181_hosts_update(self);
	hosts->dispatching = FALSE;
	return G_SOURCE_REMOVE;
}

static void
cwmp_tr181_hosts_changed_cb(CwmpTr181NetlinkKind kind,
			    struct nl_object	*object,
			    gint		 action,
			    gpointer		 user_data)
{
	CwmpTr181Plugin *self = user_data;
	CwmpTr181Hosts	*hosts = self->hosts;

	if (kind != CWMP_TR181_NETLINK_NEIGH || hosts == NULL)
		return;
	/* a burst of notifications (a thousand neighbours at once) is compared and
	 * pushed once, from the main loop, never in the middle of a request */
	g_clear_pointer(&hosts->view, g_hash_table_unref);
	if (hosts->idle_id == 0)
		hosts->idle_id = g_idle_add(cwmp_tr181_hosts_update_cb, self);
}

static gboolean
cwmp_tr181_hosts_start(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181Hosts *hosts = g_new0(CwmpTr181Hosts, 1);
	g_autoptr(GHashTable) all = cwmp_tr181_hosts_collect(self);
	GHashTableIter iter;
	gpointer       key;
	gpointer       value;

	hosts->records = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       (GDestroyNotify) cwmp_tr181_hosts_record_free);
	/* hosts already there: when they became active is not known */
	g_hash_table_iter_init(&iter, all);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_hash_table_insert(hosts->records, g_strdup(key),
				    cwmp_tr181_hosts_record_new(value, 0));
	hosts->watch_id =
	    cwmp_tr181_netlink_add_watch(self->netlink, cwmp_tr181_hosts_changed_cb, self);
	self->hosts = hosts;
	return TRUE;
}

static void
cwmp_tr181_hosts_stop(CwmpTr181Plugin *self)
{
	CwmpTr181Hosts *hosts = self->hosts;

	if (hosts == NULL)
		return;
	if (self->netlink != NULL)
		cwmp_tr181_netlink_remove_watch(self->netlink, hosts->watch_id);
	g_clear_handle_id(&hosts->idle_id, g_source_remove);
	g_clear_pointer(&hosts->view, g_hash_table_unref);
	g_hash_table_unref(hosts->records);
	g_free(hosts);
	self->hosts = NULL;
}

/* --- registration ----------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr181_hosts_host_params[] = {
    {.name = "PhysAddress", .get = cwmp_tr181_hosts_get_key},
    {.name = "IPAddress", .get = cwmp_tr181_hosts_get_view, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "Layer1Interface", .get = cwmp_tr181_hosts_get_view},
    {.name = "Layer3Interface", .get = cwmp_tr181_hosts_get_view},
    {.name = "InterfaceType", .get = cwmp_tr181_hosts_get_view},
    {.name = "HostName", .get = cwmp_tr181_hosts_get_host_name},
    {.name = "Active", .get = cwmp_tr181_hosts_get_view, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "ActiveLastChange",
     .get = cwmp_tr181_hosts_get_active_last_change,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr181_hosts_address_params[] = {
    {.name = "IPAddress", .get = cwmp_tr181_hosts_get_key},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_hosts_host_object = {
    .path = "Device.Hosts.Host.{i}.",
    .params = cwmp_tr181_hosts_host_params,
    .enumerate = cwmp_tr181_hosts_enumerate_host,
};

static const CwmpDmObjectDef cwmp_tr181_hosts_ipv4_object = {
    .path = "Device.Hosts.Host.{i}.IPv4Address.{i}.",
    .params = cwmp_tr181_hosts_address_params,
    .enumerate = cwmp_tr181_hosts_enumerate_address,
};

static const CwmpDmObjectDef cwmp_tr181_hosts_ipv6_object = {
    .path = "Device.Hosts.Host.{i}.IPv6Address.{i}.",
    .params = cwmp_tr181_hosts_address_params,
    .enumerate = cwmp_tr181_hosts_enumerate_address,
};

static const CwmpDmObjectDef *const cwmp_tr181_hosts_objects[] = {
    &cwmp_tr181_hosts_host_object,
    &cwmp_tr181_hosts_ipv4_object,
    &cwmp_tr181_hosts_ipv6_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_hosts_module = {
    .name = "hosts",
    .objects = cwmp_tr181_hosts_objects,
    .start = cwmp_tr181_hosts_start,
    .stop = cwmp_tr181_hosts_stop,
};
