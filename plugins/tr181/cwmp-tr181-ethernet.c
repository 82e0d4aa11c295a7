/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.Ethernet.: Interface.{i}. (the ports) and Link.{i}. (the layer-2
 * link on each port, which IP interfaces sit on), both keyed by the kernel
 * link name.
 *
 * Which links are Ethernet interfaces: ARPHRD_ETHER links that are not
 * loopback and either are backed by a device (/sys/class/net/<if>/device)
 * with no rtnetlink kind and no WiFi radio (wireless/, phy80211/), or are
 * veth or dummy links (the virtual ports of containers and test rigs).
 * Bridges, bonds, VLANs, tunnels, tun/tap and ifb are not: they belong to
 * other objects (Bridging., Ethernet.LAG., Ethernet.VLANTermination.).
 *
 * PHY values (bit rate, duplex) come from ETHTOOL_GLINKSETTINGS; a driver
 * without it reads as unknown ("-1"/"Auto", 0/"Unknown").
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <linux/ethtool.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/sockios.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

typedef struct {
	guint	    watch_id;
	GHashTable *names; /* ifindex -> link name, of the Ethernet links pushed */
} CwmpTr181Ethernet;

typedef struct rtnl_link CwmpTr181EthernetRtnlLink;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181EthernetRtnlLink, rtnl_link_put)

/* --- which links ---------------------------------------------------------- */

static gboolean
cwmp_tr181_ethernet_sysfs_exists(CwmpTr181Plugin *self, const gchar *ifname, const gchar *entry)
{
	g_autofree gchar *relpath = g_build_filename("sys/class/net", ifname, entry, NULL);
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, relpath);
	return g_file_test(filename, G_FILE_TEST_EXISTS);
}

/**
 * cwmp_tr181_ethernet_is_ethernet:
 *
 * Returns: whether the link is a Device.Ethernet.Interface (see the rule at
 *   the top of this file)
 */
gboolean
cwmp_tr181_ethernet_is_ethernet(CwmpTr181Plugin *self, struct rtnl_link *link)
{
	const gchar *ifname = rtnl_link_get_name(link);
	const gchar *kind = rtnl_link_get_type(link);

	if (ifname == NULL || strchr(ifname, '/') != NULL ||
	    rtnl_link_get_family(link) != AF_UNSPEC)
		return FALSE;
	if (rtnl_link_get_arptype(link) != ARPHRD_ETHER ||
	    (rtnl_link_get_flags(link) & IFF_LOOPBACK) != 0)
		return FALSE;
	if (kind != NULL)
		return g_strcmp0(kind, "veth") == 0 || g_strcmp0(kind, "dummy") == 0;
	return cwmp_tr181_ethernet_sysfs_exists(self, ifname, "device") &&
	       !cwmp_tr181_ethernet_sysfs_exists(self, ifname, "wireless") &&
	       !cwmp_tr181_ethernet_sysfs_exists(self, ifname, "phy80211");
}

static gchar *
cwmp_tr181_ethernet_dup_path(CwmpDm *dm, const gchar *table, const gchar *ifname)
{
	CwmpDmObject *ethernet = cwmp_dm_lookup_object(dm, "Device.Ethernet.");
	CwmpDmObject *instance = NULL;

	if (ethernet != NULL && ifname != NULL)
		instance = cwmp_dm_object_lookup_instance(ethernet, table, ifname);
	return instance != NULL ? cwmp_dm_object_dup_path(instance) : NULL;
}

/**
 * cwmp_tr181_ethernet_dup_link_path:
 *
 * Returns: (transfer full) (nullable): "Device.Ethernet.Link.N." of the link
 */
gchar *
cwmp_tr181_ethernet_dup_link_path(CwmpDm *dm, const gchar *ifname)
{
	return cwmp_tr181_ethernet_dup_path(dm, "Link", ifname);
}

/**
 * cwmp_tr181_ethernet_dup_interface_path:
 *
 * Returns: (transfer full) (nullable): "Device.Ethernet.Interface.N." of the link
 */
gchar *
cwmp_tr181_ethernet_dup_interface_path(CwmpDm *dm, const gchar *ifname)
{
	return cwmp_tr181_ethernet_dup_path(dm, "Interface", ifname);
}

static gboolean
cwmp_tr181_ethernet_enumerate(CwmpDmObject	 *parent,
			      const gchar	 *table,
			      CwmpDmInstanceList *list,
			      gpointer		  user_data,
			      GError		**error)
{
	CwmpTr181Plugin *self = user_data;
	struct nl_cache *cache;

	if (self->netlink == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "rtnetlink is not started");
		return FALSE;
	}
	/* one Link per Interface: both tables hold the Ethernet links */
	cache = cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		if (cwmp_tr181_ethernet_is_ethernet(self, link))
			cwmp_dm_instance_list_add(list, rtnl_link_get_name(link), NULL, NULL);
	}
	return TRUE;
}

/* --- the PHY, from ethtool ------------------------------------------------ */

typedef struct {
	guint32 speed; /* Mb/s, SPEED_UNKNOWN when the driver does not know */
	guint8	duplex;
	guint8	autoneg;
} CwmpTr181EthernetPhy;

/* FALSE when the driver has no link settings (EOPNOTSUPP): the values are unknown */
static gboolean
cwmp_tr181_ethernet_get_phy(const gchar *ifname, CwmpTr181EthernetPhy *phy)
{
	/* the request and room for every link-mode bitmap after it */
	const gsize size = sizeof(struct ethtool_link_settings) + 3 * 127 * sizeof(guint32);
	g_autofree struct ethtool_link_settings *req = g_malloc0(size);
	struct ifreq				 ifr;
	gint					 fd;
	gboolean				 ok = FALSE;

	memset(&ifr, 0, sizeof(ifr));
	if (strlen(ifname) >= sizeof(ifr.ifr_name))
		return FALSE;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return FALSE;
	g_strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
	ifr.ifr_data = (gpointer) req;
	/* the handshake: the kernel answers the number of bitmap words it wants */
	req->cmd = ETHTOOL_GLINKSETTINGS;
	if (ioctl(fd, SIOCETHTOOL, &ifr) == 0 && req->link_mode_masks_nwords < 0 &&
	    -req->link_mode_masks_nwords <= 127) {
		gint8 nwords = (gint8) -req->link_mode_masks_nwords;
		memset(req, 0, size);
		req->cmd = ETHTOOL_GLINKSETTINGS;
		req->link_mode_masks_nwords = nwords;
		if (ioctl(fd, SIOCETHTOOL, &ifr) == 0 && req->link_mode_masks_nwords > 0) {
			phy->speed = req->speed;
			phy->duplex = req->duplex;
			phy->autoneg = req->autoneg;
			ok = TRUE;
		}
	}
	close(fd);
	return ok;
}

static gchar *
cwmp_tr181_ethernet_interface_get_phy(CwmpDmObject *object,
				      const gchar  *name,
				      gpointer	    user_data,
				      GError	  **error)
{
	g_autoptr(CwmpTr181EthernetRtnlLink) link =
	    cwmp_tr181_ip_link_lookup_object(user_data, object, error);
	CwmpTr181EthernetPhy phy = {SPEED_UNKNOWN, DUPLEX_UNKNOWN, AUTONEG_ENABLE};
	gboolean	     known;
	gboolean	     running;

	if (link == NULL)
		return NULL;
	known = cwmp_tr181_ethernet_get_phy(rtnl_link_get_name(link), &phy);
	/* the kernel reports the current PHY state of a running link only */
	running = (rtnl_link_get_flags(link) & IFF_UP) != 0;
	if (g_strcmp0(name, "MaxBitRate") == 0) {
		/* -1 is automatic selection: autonegotiation, or nothing known */
		if (!known || phy.autoneg == AUTONEG_ENABLE ||
		    phy.speed == (guint32) SPEED_UNKNOWN || phy.speed > G_MAXINT32)
			return cwmp_value_format_int(-1);
		return cwmp_value_format_int((gint32) phy.speed);
	}
	if (g_strcmp0(name, "CurrentBitRate") == 0) {
		/* 0 is unknown */
		if (!known || !running || phy.speed == (guint32) SPEED_UNKNOWN)
			return cwmp_value_format_unsigned_int(0);
		return cwmp_value_format_unsigned_int(phy.speed);
	}
	if (g_strcmp0(name, "DuplexMode") == 0) {
		if (!known || phy.autoneg == AUTONEG_ENABLE)
			return g_strdup("Auto");
		if (phy.duplex == DUPLEX_HALF)
			return g_strdup("Half");
		return g_strdup(phy.duplex == DUPLEX_FULL ? "Full" : "Auto");
	}
	if (g_strcmp0(name, "CurrentDuplexMode") == 0) {
		if (known && running && phy.duplex == DUPLEX_HALF)
			return g_strdup("Half");
		if (known && running && phy.duplex == DUPLEX_FULL)
			return g_strdup("Full");
		return g_strdup("Unknown");
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

/* --- Device.Ethernet.Interface.{i}. --------------------------------------- */

static gchar *
cwmp_tr181_ethernet_get_empty(CwmpDmObject *object,
			      const gchar  *name,
			      gpointer	    user_data,
			      GError	  **error)
{
	g_autoptr(CwmpTr181EthernetRtnlLink) link =
	    cwmp_tr181_ip_link_lookup_object(user_data, object, error);
	/* a port is the bottom of the stack: nothing below it */
	return link != NULL ? g_strdup("") : NULL;
}

/* Upstream: the [device] upstream-interfaces list names the WAN side */
static gchar *
cwmp_tr181_ethernet_get_upstream(CwmpDmObject *object,
				 const gchar  *name,
				 gpointer      user_data,
				 GError	     **error)
{
	const gchar	 *ifname = cwmp_tr181_ip_link_object_ifname(object);
	g_autofree gchar *list = cwmp_tr181_plugin_get_config(user_data, "upstream-interfaces");
	g_auto(GStrv) names = NULL;
	gboolean upstream = FALSE;

	if (list != NULL) {
		names = g_strsplit_set(list, ", ", -1);
		for (guint i = 0; names[i] != NULL; i++)
			upstream = upstream || g_strcmp0(names[i], ifname) == 0;
	}
	return g_strdup(cwmp_value_format_boolean(upstream));
}

static const CwmpDmParamDef cwmp_tr181_ethernet_interface_params[] = {
    CWMP_TR181_LINK_ENABLE_PARAM,
    CWMP_TR181_LINK_STATE_PARAMS,
    {.name = "LowerLayers",
     .get = cwmp_tr181_ethernet_get_empty,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "an Ethernet port is the lowest layer"},
    {.name = "Upstream", .get = cwmp_tr181_ethernet_get_upstream},
    {.name = "MaxBitRate",
     .get = cwmp_tr181_ethernet_interface_get_phy,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "the PHY rate is left to autonegotiation and the driver"},
    {.name = "MACAddress", .get = cwmp_tr181_ip_link_get, .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "CurrentBitRate", .get = cwmp_tr181_ethernet_interface_get_phy},
    {.name = "DuplexMode",
     .get = cwmp_tr181_ethernet_interface_get_phy,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "the duplex mode is left to autonegotiation and the driver"},
    {.name = "CurrentDuplexMode", .get = cwmp_tr181_ethernet_interface_get_phy},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ethernet_interface_object = {
    .path = "Device.Ethernet.Interface.{i}.",
    .params = cwmp_tr181_ethernet_interface_params,
    .enumerate = cwmp_tr181_ethernet_enumerate,
};

static const CwmpDmParamDef cwmp_tr181_ethernet_interface_stats_params[] = {
    CWMP_TR181_LINK_STATS_PARAMS,
    CWMP_TR181_LINK_STAT("Collisions"),
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ethernet_interface_stats_object = {
    .path = "Device.Ethernet.Interface.{i}.Stats.",
    .params = cwmp_tr181_ethernet_interface_stats_params,
};

/* --- Device.Ethernet.Link.{i}. -------------------------------------------- */

static gchar *
cwmp_tr181_ethernet_link_get(CwmpDmObject *object,
			     const gchar  *name,
			     gpointer	   user_data,
			     GError	 **error)
{
	g_autoptr(CwmpTr181EthernetRtnlLink) link =
	    cwmp_tr181_ip_link_lookup_object(user_data, object, error);

	if (link == NULL)
		return NULL;
	if (g_strcmp0(name, "MTU") == 0)
		return cwmp_value_format_unsigned_int(rtnl_link_get_mtu(link));
	if (g_strcmp0(name, "NoARP") == 0)
		return g_strdup(
		    cwmp_value_format_boolean((rtnl_link_get_flags(link) & IFF_NOARP) != 0));
	if (g_strcmp0(name, "LowerLayers") == 0) {
		gchar *path = cwmp_tr181_ethernet_dup_interface_path(cwmp_dm_object_get_dm(object),
								     rtnl_link_get_name(link));
		return path != NULL ? path : g_strdup("");
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

static gboolean
cwmp_tr181_ethernet_link_set_mtu(CwmpDmObject *object,
				 const gchar  *name,
				 const gchar  *value,
				 gpointer      user_data,
				 GError	     **error)
{
	guint32 mtu = 0;

	if (!cwmp_value_parse_unsigned_int(value, &mtu, error))
		return FALSE;
	return cwmp_tr181_ip_link_set_mtu(user_data, cwmp_tr181_ip_link_object_ifname(object), mtu,
					  error);
}

static gboolean
cwmp_tr181_ethernet_link_set_noarp(CwmpDmObject *object,
				   const gchar	*name,
				   const gchar	*value,
				   gpointer	 user_data,
				   GError      **error)
{
	const gchar *ifname = cwmp_tr181_ip_link_object_ifname(object);
	g_autoptr(CwmpTr181EthernetRtnlLink) changes = rtnl_link_alloc();
	g_autofree gchar *what = NULL;
	gboolean	  noarp = FALSE;

	if (!cwmp_value_parse_boolean(value, &noarp, error))
		return FALSE;
	if (noarp)
		rtnl_link_set_flags(changes, IFF_NOARP);
	else
		rtnl_link_unset_flags(changes, IFF_NOARP);
	what = g_strdup_printf("turning ARP %s on %s", noarp ? "off" : "on", ifname);
	return cwmp_tr181_ip_link_change(user_data, ifname, changes, what, error);
}

static gboolean
cwmp_tr181_ethernet_link_validate_mac(CwmpDmObject *object,
				      const gchar  *name,
				      const gchar  *value,
				      gpointer	    user_data,
				      GError	  **error)
{
	guint8 bytes[6];

	if (!cwmp_tr181_ip_link_validate(object, name, value, user_data, error))
		return FALSE;
	/* a link needs an address: no empty value, no group address */
	if (sscanf(value, "%2hhx:%2hhx:%2hhx:%2hhx:%2hhx:%2hhx", &bytes[0], &bytes[1], &bytes[2],
		   &bytes[3], &bytes[4], &bytes[5]) != 6 ||
	    strlen(value) != 17) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a MAC address", value);
		return FALSE;
	}
	if ((bytes[0] & 1) != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "%s is a multicast address: a link cannot have it", value);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_tr181_ethernet_link_set_mac(CwmpDmObject *object,
				 const gchar  *name,
				 const gchar  *value,
				 gpointer      user_data,
				 GError	     **error)
{
	const gchar *ifname = cwmp_tr181_ip_link_object_ifname(object);
	g_autoptr(CwmpTr181EthernetRtnlLink) changes = rtnl_link_alloc();
	g_autofree gchar *what = NULL;
	struct nl_addr	 *addr = NULL;
	gint		  rc;

	if (!cwmp_tr181_ethernet_link_validate_mac(object, name, value, user_data, error))
		return FALSE;
	rc = nl_addr_parse(value, AF_LLC, &addr);
	if (rc < 0)
		return cwmp_tr181_netlink_set_error(rc, value, error);
	rtnl_link_set_addr(changes, addr);
	nl_addr_put(addr);
	what = g_strdup_printf("setting the MAC address of %s to %s", ifname, value);
	return cwmp_tr181_ip_link_change(user_data, ifname, changes, what, error);
}

static const CwmpDmParamDef cwmp_tr181_ethernet_link_params[] = {
    CWMP_TR181_LINK_ENABLE_PARAM,
    CWMP_TR181_LINK_STATE_PARAMS,
    {.name = "LowerLayers",
     .get = cwmp_tr181_ethernet_link_get,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "an Ethernet link sits on the port the kernel gives it"},
    {.name = "MTU",
     .get = cwmp_tr181_ethernet_link_get,
     .set = cwmp_tr181_ethernet_link_set_mtu,
     .validate = cwmp_tr181_ip_link_validate,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "MACAddress",
     .get = cwmp_tr181_ip_link_get,
     .set = cwmp_tr181_ethernet_link_set_mac,
     .validate = cwmp_tr181_ethernet_link_validate_mac,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "NoARP",
     .get = cwmp_tr181_ethernet_link_get,
     .set = cwmp_tr181_ethernet_link_set_noarp,
     .validate = cwmp_tr181_ip_link_validate,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ethernet_link_object = {
    .path = "Device.Ethernet.Link.{i}.",
    .params = cwmp_tr181_ethernet_link_params,
    .enumerate = cwmp_tr181_ethernet_enumerate,
};

static const CwmpDmParamDef cwmp_tr181_ethernet_link_stats_params[] = {
    CWMP_TR181_LINK_STATS_PARAMS,
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ethernet_link_stats_object = {
    .path = "Device.Ethernet.Link.{i}.Stats.",
    .params = cwmp_tr181_ethernet_link_stats_params,
};

/* --- pushing what the kernel announces ------------------------------------ */

static const gchar *const cwmp_tr181_ethernet_interface_pushed[] = {
    "Enable",
    "Status",
    "Name",
    "MACAddress",
};

static const gchar *const cwmp_tr181_ethernet_link_pushed[] = {
    "Enable", "Status", "Name", "MTU", "MACAddress", "NoARP",
};

static void
cwmp_tr181_ethernet_remove(CwmpDmObject *ethernet, const gchar *ifname)
{
	cwmp_dm_object_remove_instance(ethernet, "Interface", ifname);
	cwmp_dm_object_remove_instance(ethernet, "Link", ifname);
}

static void
cwmp_tr181_ethernet_link_cb(CwmpTr181NetlinkKind kind,
			    struct nl_object	*object,
			    gint		 action,
			    gpointer		 user_data)
{
	CwmpTr181Plugin	  *self = user_data;
	CwmpTr181Ethernet *state = self->ethernet;
	struct rtnl_link  *link = (struct rtnl_link *) object;
	gpointer	   ifindex;
	const gchar	  *known;
	CwmpDmObject	  *ethernet;
	CwmpDmObject	  *instance;

	if (kind != CWMP_TR181_NETLINK_LINK || rtnl_link_get_family(link) != AF_UNSPEC)
		return;
	ethernet = cwmp_dm_lookup_object(cwmp_plugin_context_get_dm(self->ctx), "Device.Ethernet.");
	if (ethernet == NULL)
		return;
	ifindex = GINT_TO_POINTER(rtnl_link_get_ifindex(link));
	known = g_hash_table_lookup(state->names, ifindex);
	/* gone, renamed, or no longer an Ethernet port: the old instances go */
	if (known != NULL &&
	    (action == NL_ACT_DEL || g_strcmp0(known, rtnl_link_get_name(link)) != 0 ||
	     !cwmp_tr181_ethernet_is_ethernet(self, link))) {
		cwmp_tr181_ethernet_remove(ethernet, known);
		g_hash_table_remove(state->names, ifindex);
	}
	if (action == NL_ACT_DEL || !cwmp_tr181_ethernet_is_ethernet(self, link))
		return;
	g_hash_table_replace(state->names, ifindex, g_strdup(rtnl_link_get_name(link)));
	instance = cwmp_dm_object_push_instance(ethernet, "Interface", rtnl_link_get_name(link),
						NULL, NULL);
	for (guint i = 0;
	     instance != NULL && i < G_N_ELEMENTS(cwmp_tr181_ethernet_interface_pushed); i++)
		cwmp_dm_object_notify_changed(instance, cwmp_tr181_ethernet_interface_pushed[i]);
	instance =
	    cwmp_dm_object_push_instance(ethernet, "Link", rtnl_link_get_name(link), NULL, NULL);
	for (guint i = 0; instance != NULL && i < G_N_ELEMENTS(cwmp_tr181_ethernet_link_pushed);
	     i++)
		cwmp_dm_object_notify_changed(instance, cwmp_tr181_ethernet_link_pushed[i]);
}

static gboolean
cwmp_tr181_ethernet_start(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181Ethernet *state = g_new0(CwmpTr181Ethernet, 1);
	struct nl_cache	  *cache =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);

	state->names = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		if (cwmp_tr181_ethernet_is_ethernet(self, link))
			g_hash_table_insert(state->names,
					    GINT_TO_POINTER(rtnl_link_get_ifindex(link)),
					    g_strdup(rtnl_link_get_name(link)));
	}
	self->ethernet = state;
	state->watch_id =
	    cwmp_tr181_netlink_add_watch(self->netlink, cwmp_tr181_ethernet_link_cb, self);
	return TRUE;
}

static void
cwmp_tr181_ethernet_stop(CwmpTr181Plugin *self)
{
	CwmpTr181Ethernet *state = self->ethernet;

	if (state == NULL)
		return;
	cwmp_tr181_netlink_remove_watch(self->netlink, state->watch_id);
	g_hash_table_unref(state->names);
	g_free(state);
	self->ethernet = NULL;
}

static const CwmpDmObjectDef *const cwmp_tr181_ethernet_objects[] = {
    &cwmp_tr181_ethernet_interface_object,
    &cwmp_tr181_ethernet_interface_stats_object,
    &cwmp_tr181_ethernet_link_object,
    &cwmp_tr181_ethernet_link_stats_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_ethernet_module = {
    .name = "ethernet",
    .objects = cwmp_tr181_ethernet_objects,
    .start = cwmp_tr181_ethernet_start,
    .stop = cwmp_tr181_ethernet_stop,
};
