/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.IP. and Device.IP.Interface.{i}.: one IP interface per kernel link
 * (loopback included), keyed by the link's name. Values come from the
 * rtnetlink link cache, counters from sysfs (the cache only holds the
 * counters of the last notification); writes are rtnetlink requests and
 * sysctl files. The cache's notifications push new and removed links and
 * value changes to the core.
 *
 * The link helpers (lookup by name, Status, LastChange, up/down, MTU) are
 * shared with the Ethernet and InterfaceStack modules.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

/* what the module remembers of a link, to tell its changes */
typedef struct {
	gchar	    *name;
	const gchar *status;
	gint64	     since; /* monotonic µs the status was entered; 0 when unknown */
} CwmpTr181IpLink;

typedef struct {
	guint	    watch_id;
	GHashTable *links; /* ifindex -> CwmpTr181IpLink */
} CwmpTr181Ip;

static void
cwmp_tr181_ip_link_free(CwmpTr181IpLink *link)
{
	g_free(link->name);
	g_free(link);
}

/* --- the kernel's links -------------------------------------------------- */

/* a link of the cache by name; only AF_UNSPEC entries (not bridge-port views) */
static struct rtnl_link *
cwmp_tr181_ip_link_find(struct nl_cache *cache, const gchar *ifname)
{
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		if (rtnl_link_get_family(link) == AF_UNSPEC &&
		    g_strcmp0(rtnl_link_get_name(link), ifname) == 0) {
			nl_object_get(obj);
			return link;
		}
	}
	return NULL;
}

/**
 * cwmp_tr181_ip_link_lookup:
 * @ifname: a link name
 *
 * Returns: (transfer full): the link as the cache has it (release with
 *   rtnl_link_put()), or %NULL with CWMP_FAULT_INTERNAL_ERROR when it is gone
 */
struct rtnl_link *
cwmp_tr181_ip_link_lookup(CwmpTr181Plugin *self, const gchar *ifname, GError **error)
{
	struct rtnl_link *link = NULL;

	if (self->netlink == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: rtnetlink is not started", ifname);
		return NULL;
	}
	if (ifname != NULL)
		link = cwmp_tr181_ip_link_find(
		    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK), ifname);
	if (link == NULL)
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "the link %s no longer exists", ifname != NULL ? ifname : "(none)");
	return link;
}

/**
 * cwmp_tr181_ip_link_object_ifname:
 * @object: an instance keyed by a link name, or a child of one (Stats.)
 *
 * Returns: (nullable): the link name
 */
const gchar *
cwmp_tr181_ip_link_object_ifname(CwmpDmObject *object)
{
	for (; object != NULL; object = cwmp_dm_object_get_parent(object)) {
		const gchar *key = cwmp_dm_object_get_key(object);
		if (key != NULL)
			return key;
	}
	return NULL;
}

struct rtnl_link *
cwmp_tr181_ip_link_lookup_object(CwmpTr181Plugin *self, CwmpDmObject *object, GError **error)
{
	return cwmp_tr181_ip_link_lookup(self, cwmp_tr181_ip_link_object_ifname(object), error);
}

typedef struct rtnl_link CwmpTr181RtnlLink;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181RtnlLink, rtnl_link_put)

/**
 * cwmp_tr181_ip_link_status:
 *
 * The TR-181 Status of a link, from its administrative state and RFC 2863
 * operational state. Drivers that do not track the operational state
 * ("unknown": loopback, dummy) are Up when they have carrier.
 *
 * Returns: one of the Status enumeration
 */
const gchar *
cwmp_tr181_ip_link_status(struct rtnl_link *link)
{
	guint flags = rtnl_link_get_flags(link);

	if ((flags & IFF_UP) == 0)
		return "Down";
	switch (rtnl_link_get_operstate(link)) {
	case IF_OPER_UP:
		return "Up";
	case IF_OPER_DORMANT:
		return "Dormant";
	case IF_OPER_NOTPRESENT:
		return "NotPresent";
	case IF_OPER_LOWERLAYERDOWN:
		return "LowerLayerDown";
	case IF_OPER_DOWN:
		return "Down";
	case IF_OPER_UNKNOWN:
		return (flags & IFF_LOWER_UP) != 0 ? "Up" : "Down";
	case IF_OPER_TESTING:
	default:
		return "Unknown";
	}
}

/**
 * cwmp_tr181_ip_link_last_change:
 *
 * Returns: seconds since the link's Status last changed while cwmpd
 *   watched; 0 when it has not changed since cwmpd started
 */
guint32
cwmp_tr181_ip_link_last_change(CwmpTr181Plugin *self, struct rtnl_link *link)
{
	CwmpTr181Ip	*ip = self->ip;
	CwmpTr181IpLink *known;
	gint64		 seconds;

	if (ip == NULL)
		return 0;
	known = g_hash_table_lookup(ip->links, GINT_TO_POINTER(rtnl_link_get_ifindex(link)));
	if (known == NULL || known->since == 0)
		return 0;
	seconds = (g_get_monotonic_time() - known->since) / G_USEC_PER_SEC;
	return (guint32) CLAMP(seconds, 0, G_MAXUINT32);
}

/**
 * cwmp_tr181_ip_link_change:
 * @ifname: the link to change
 * @changes: what to change (rtnl_link_set_*)
 * @what: for the message ("setting the MTU of v0 to 1400")
 *
 * Asks the kernel for the change and takes in its notification, so a read
 * right after sees the new value. The kernel's refusal becomes the fault
 * cwmp_tr181_netlink_set_error() maps it to (9007 for a value it refuses).
 */
gboolean
cwmp_tr181_ip_link_change(CwmpTr181Plugin  *self,
			  const gchar	   *ifname,
			  struct rtnl_link *changes,
			  const gchar	   *what,
			  GError	  **error)
{
	g_autoptr(CwmpTr181RtnlLink) link = cwmp_tr181_ip_link_lookup(self, ifname, error);
	gint rc;

	if (link == NULL)
		return FALSE;
	rc = rtnl_link_change(cwmp_tr181_netlink_get_socket(self->netlink), link, changes, 0);
	if (rc < 0)
		return cwmp_tr181_netlink_set_error(rc, what, error);
	return cwmp_tr181_netlink_sync(self->netlink, error);
}

gboolean
cwmp_tr181_ip_link_set_up(CwmpTr181Plugin *self, const gchar *ifname, gboolean up, GError **error)
{
	g_autoptr(CwmpTr181RtnlLink) changes = rtnl_link_alloc();
	g_autofree gchar *what = g_strdup_printf(
	    "setting %s %s", ifname != NULL ? ifname : "(none)", up ? "up" : "down");

	if (up)
		rtnl_link_set_flags(changes, IFF_UP);
	else
		rtnl_link_unset_flags(changes, IFF_UP);
	return cwmp_tr181_ip_link_change(self, ifname, changes, what, error);
}

gboolean
cwmp_tr181_ip_link_set_mtu(CwmpTr181Plugin *self, const gchar *ifname, guint32 mtu, GError **error)
{
	g_autoptr(CwmpTr181RtnlLink) changes = rtnl_link_alloc();
	g_autofree gchar *what = g_strdup_printf("setting the MTU of %s to %u (the kernel "
						 "refused it for this link)",
						 ifname != NULL ? ifname : "(none)", mtu);

	rtnl_link_set_mtu(changes, mtu);
	return cwmp_tr181_ip_link_change(self, ifname, changes, what, error);
}

/* --- getters and setters every link table shares ------------------------- */

typedef struct {
	const gchar *param;
	const gchar *file;
	gboolean     counter32;
} CwmpTr181LinkStatDef;

/* what the kernel counts per link; TR-181 counters it has no source for are not served */
static const CwmpTr181LinkStatDef cwmp_tr181_ip_link_stat_defs[] = {
    {"BytesSent", "tx_bytes", FALSE},
    {"BytesReceived", "rx_bytes", FALSE},
    {"PacketsSent", "tx_packets", FALSE},
    {"PacketsReceived", "rx_packets", FALSE},
    {"ErrorsSent", "tx_errors", TRUE},
    {"ErrorsReceived", "rx_errors", TRUE},
    {"DiscardPacketsSent", "tx_dropped", TRUE},
    {"DiscardPacketsReceived", "rx_dropped", TRUE},
    {"MulticastPacketsReceived", "multicast", FALSE},
    {"UnknownProtoPacketsReceived", "rx_nohandler", TRUE},
    {"Collisions", "collisions", FALSE},
};

/**
 * cwmp_tr181_ip_link_get_stat:
 *
 * A Stats. counter of the link the object (or its parent) is keyed by, read
 * from sysfs: the rtnetlink cache only has the counters of the last
 * notification. StatsCounter32 values wrap as the data type says.
 */
gchar *
cwmp_tr181_ip_link_get_stat(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr181Plugin		   *self = user_data;
	const gchar		   *ifname = cwmp_tr181_ip_link_object_ifname(object);
	const CwmpTr181LinkStatDef *def = NULL;
	g_autofree gchar	   *relpath = NULL;
	g_autofree gchar	   *filename = NULL;
	g_autofree gchar	   *text = NULL;
	guint64			    value = 0;

	for (guint i = 0; i < G_N_ELEMENTS(cwmp_tr181_ip_link_stat_defs); i++) {
		if (g_strcmp0(cwmp_tr181_ip_link_stat_defs[i].param, name) == 0)
			def = &cwmp_tr181_ip_link_stat_defs[i];
	}
	if (def == NULL || ifname == NULL || strchr(ifname, '/') != NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "no kernel counter for %s of %s", name,
			    ifname != NULL ? ifname : "(none)");
		return NULL;
	}
	relpath = g_strdup_printf("sys/class/net/%s/statistics/%s", ifname, def->file);
	filename = cwmp_tr181_plugin_build_filename(self, relpath);
	text = cwmp_tr181_system_read_file(filename, error);
	if (text == NULL)
		return NULL;
	if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &value, NULL)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "%s: '%s' is not a counter", filename, text);
		return NULL;
	}
	if (def->counter32)
		value &= G_MAXUINT32;
	return cwmp_value_format_unsigned_long(value);
}

static gchar *
cwmp_tr181_ip_link_format_mac_address(struct rtnl_link *link)
{
	struct nl_addr *addr = rtnl_link_get_addr(link);
	const guint8   *bytes;

	/* MACAddress is an Ethernet address: anything else has none */
	if (addr == NULL || nl_addr_get_len(addr) != 6)
		return g_strdup("");
	bytes = nl_addr_get_binary_addr(addr);
	return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
			       bytes[3], bytes[4], bytes[5]);
}

/**
 * cwmp_tr181_ip_link_get:
 *
 * The getter of the link parameters Ethernet.Interface, Ethernet.Link and
 * IP.Interface share: Enable, Status, Name, LastChange and MACAddress.
 */
gchar *
cwmp_tr181_ip_link_get(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	g_autoptr(CwmpTr181RtnlLink) link =
	    cwmp_tr181_ip_link_lookup_object(user_data, object, error);

	if (link == NULL)
		return NULL;
	if (g_strcmp0(name, "Enable") == 0)
		return g_strdup(
		    cwmp_value_format_boolean((rtnl_link_get_flags(link) & IFF_UP) != 0));
	if (g_strcmp0(name, "Status") == 0)
		return g_strdup(cwmp_tr181_ip_link_status(link));
	if (g_strcmp0(name, "Name") == 0)
		return g_strdup(rtnl_link_get_name(link));
	if (g_strcmp0(name, "LastChange") == 0)
		return cwmp_value_format_unsigned_int(
		    cwmp_tr181_ip_link_last_change(user_data, link));
	if (g_strcmp0(name, "MACAddress") == 0)
		return cwmp_tr181_ip_link_format_mac_address(link);
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

gboolean
cwmp_tr181_ip_link_set_enable(CwmpDmObject *object,
			      const gchar  *name,
			      const gchar  *value,
			      gpointer	    user_data,
			      GError	  **error)
{
	gboolean up = FALSE;

	if (!cwmp_value_parse_boolean(value, &up, error))
		return FALSE;
	return cwmp_tr181_ip_link_set_up(user_data, cwmp_tr181_ip_link_object_ifname(object), up,
					 error);
}

/* --- sysctl files -------------------------------------------------------- */

static gboolean
cwmp_tr181_ip_read_sysctl_bool(CwmpTr181Plugin *self,
			       const gchar     *relpath,
			       gboolean	       *exists,
			       gboolean	       *value,
			       GError	      **error)
{
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, relpath);
	g_autofree gchar *text = NULL;

	if (!cwmp_tr181_system_read_optional(filename, &text, error))
		return FALSE;
	*exists = text != NULL;
	*value = text != NULL && g_strcmp0(g_strstrip(text), "0") != 0;
	return TRUE;
}

static gboolean
cwmp_tr181_ip_write_sysctl(CwmpTr181Plugin *self,
			   const gchar	   *relpath,
			   const gchar	   *value,
			   GError	  **error)
{
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, relpath);
	gsize		  len = strlen(value);
	gint		  fd;
	gssize		  n;
	gint		  errsv;

	/* a /proc/sys file takes one write(); it cannot be replaced by a rename */
	fd = open(filename, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		errsv = errno;
		g_set_error(error, CWMP_FAULT,
			    errsv == EACCES || errsv == EPERM || errsv == EROFS
				? CWMP_FAULT_REQUEST_DENIED
				: CWMP_FAULT_INTERNAL_ERROR,
			    "cannot open %s: %s", filename, g_strerror(errsv));
		return FALSE;
	}
	n = write(fd, value, len);
	errsv = errno;
	close(fd);
	if (n != (gssize) len) {
		g_set_error(error, CWMP_FAULT,
			    errsv == EACCES || errsv == EPERM ? CWMP_FAULT_REQUEST_DENIED
							      : CWMP_FAULT_INTERNAL_ERROR,
			    "cannot write %s: %s", filename,
			    n < 0 ? g_strerror(errsv) : "short write");
		return FALSE;
	}
	return TRUE;
}

/* --- Device.IP. ---------------------------------------------------------- */

static gchar *
cwmp_tr181_ip_get_ipv4(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *dirname = cwmp_tr181_plugin_build_filename(self, "proc/sys/net/ipv4");
	gboolean	  present = g_file_test(dirname, G_FILE_TEST_IS_DIR);

	/* IPv4 is compiled in or not; Linux cannot detach it at run time */
	if (g_strcmp0(name, "IPv4Status") == 0)
		return g_strdup(present ? "Enabled" : "Disabled");
	return g_strdup(cwmp_value_format_boolean(present));
}

static gchar *
cwmp_tr181_ip_get_ipv6(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error)
{
	CwmpTr181Plugin *self = user_data;
	gboolean	 exists = FALSE;
	gboolean	 disabled = FALSE;

	if (!cwmp_tr181_ip_read_sysctl_bool(self, "proc/sys/net/ipv6/conf/all/disable_ipv6",
					    &exists, &disabled, error))
		return NULL;
	if (g_strcmp0(name, "IPv6Capable") == 0)
		return g_strdup(cwmp_value_format_boolean(exists));
	if (g_strcmp0(name, "IPv6Status") == 0)
		return g_strdup(exists && !disabled ? "Enabled" : "Disabled");
	return g_strdup(cwmp_value_format_boolean(exists && !disabled));
}

/* IPv6Enable: conf/all switches every link, conf/default the links to come */
static gboolean
cwmp_tr181_ip_set_ipv6_enable(CwmpDmObject *object,
			      const gchar  *name,
			      const gchar  *value,
			      gpointer	    user_data,
			      GError	  **error)
{
	CwmpTr181Plugin *self = user_data;
	gboolean	 enable = FALSE;
	gboolean	 exists = FALSE;
	gboolean	 disabled = FALSE;

	if (!cwmp_value_parse_boolean(value, &enable, error))
		return FALSE;
	if (!cwmp_tr181_ip_read_sysctl_bool(self, "proc/sys/net/ipv6/conf/all/disable_ipv6",
					    &exists, &disabled, error))
		return FALSE;
	if (!exists) {
		if (!enable)
			return TRUE;
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
				    "this kernel has no IPv6 stack");
		return FALSE;
	}
	if (!cwmp_tr181_ip_write_sysctl(self, "proc/sys/net/ipv6/conf/default/disable_ipv6",
					enable ? "0" : "1", error))
		return FALSE;
	return cwmp_tr181_ip_write_sysctl(self, "proc/sys/net/ipv6/conf/all/disable_ipv6",
					  enable ? "0" : "1", error);
}

/* RFC 4193: a ULA prefix is a /48 inside fc00::/7 */
static gboolean
cwmp_tr181_ip_validate_ula_prefix(CwmpDmObject *object,
				  const gchar  *name,
				  const gchar  *value,
				  gpointer	user_data,
				  GError      **error)
{
	const gchar	 *slash = strchr(value, '/');
	g_autofree gchar *address = NULL;
	guint8		  bytes[16];

	if (value[0] == '\0')
		return TRUE;
	if (slash != NULL)
		address = g_strndup(value, slash - value);
	if (address == NULL || inet_pton(AF_INET6, address, bytes) != 1) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not an IPv6 prefix", value);
		return FALSE;
	}
	if ((bytes[0] & 0xfe) != 0xfc || g_strcmp0(slash, "/48") != 0) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "'%s' is not a ULA /48 prefix (fc00::/7, RFC 4193)", value);
		return FALSE;
	}
	return TRUE;
}

static const CwmpDmParamDef cwmp_tr181_ip_params[] = {
    {.name = "IPv4Capable", .get = cwmp_tr181_ip_get_ipv4},
    {.name = "IPv4Enable",
     .get = cwmp_tr181_ip_get_ipv4,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "Linux cannot detach the IPv4 stack at run time"},
    {.name = "IPv4Status", .get = cwmp_tr181_ip_get_ipv4},
    {.name = "IPv6Capable", .get = cwmp_tr181_ip_get_ipv6},
    {.name = "IPv6Enable", .get = cwmp_tr181_ip_get_ipv6, .set = cwmp_tr181_ip_set_ipv6_enable},
    {.name = "IPv6Status", .get = cwmp_tr181_ip_get_ipv6},
    {.name = "ULAPrefix",
     .validate = cwmp_tr181_ip_validate_ula_prefix,
     .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ip_object = {
    .path = "Device.IP.",
    .params = cwmp_tr181_ip_params,
};

/* --- Device.IP.Interface.{i}. -------------------------------------------- */

static gboolean
cwmp_tr181_ip_interface_enumerate(CwmpDmObject	     *parent,
				  const gchar	     *table,
				  CwmpDmInstanceList *list,
				  gpointer	      user_data,
				  GError	    **error)
{
	CwmpTr181Plugin *self = user_data;
	struct nl_cache *cache;

	if (self->netlink == NULL) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "rtnetlink is not started");
		return FALSE;
	}
	cache = cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		if (rtnl_link_get_family(link) == AF_UNSPEC && rtnl_link_get_name(link) != NULL)
			cwmp_dm_instance_list_add(list, rtnl_link_get_name(link), NULL, NULL);
	}
	return TRUE;
}

/**
 * cwmp_tr181_ip_dup_interface_path:
 *
 * Returns: (transfer full) (nullable): "Device.IP.Interface.N." of the link
 */
gchar *
cwmp_tr181_ip_dup_interface_path(CwmpDm *dm, const gchar *ifname)
{
	CwmpDmObject *ip = cwmp_dm_lookup_object(dm, "Device.IP.");
	CwmpDmObject *instance = NULL;

	if (ip != NULL)
		instance = cwmp_dm_object_lookup_instance(ip, "Interface", ifname);
	return instance != NULL ? cwmp_dm_object_dup_path(instance) : NULL;
}

static gchar *
cwmp_tr181_ip_interface_get(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error)
{
	CwmpTr181Plugin *self = user_data;
	g_autoptr(CwmpTr181RtnlLink) link = cwmp_tr181_ip_link_lookup_object(self, object, error);
	guint flags;
	guint arptype;

	if (link == NULL)
		return NULL;
	flags = rtnl_link_get_flags(link);
	arptype = rtnl_link_get_arptype(link);
	if (g_strcmp0(name, "MaxMTUSize") == 0)
		return cwmp_value_format_unsigned_int(rtnl_link_get_mtu(link));
	if (g_strcmp0(name, "Loopback") == 0)
		return g_strdup(cwmp_value_format_boolean((flags & IFF_LOOPBACK) != 0));
	if (g_strcmp0(name, "Type") == 0) {
		if ((flags & IFF_LOOPBACK) != 0)
			return g_strdup("Loopback");
		switch (arptype) {
		case ARPHRD_TUNNEL:
		case ARPHRD_TUNNEL6:
		case ARPHRD_SIT:
		case ARPHRD_IPGRE:
		case ARPHRD_IP6GRE:
		case ARPHRD_NONE: /* tun, WireGuard */
			return g_strdup("Tunnel");
		default:
			return g_strdup("Normal");
		}
	}
	if (g_strcmp0(name, "LowerLayers") == 0) {
		/* an Ethernet link's IP interface sits on its Ethernet.Link */
		gchar *path = NULL;
		if (cwmp_tr181_ethernet_is_ethernet(self, link))
			path = cwmp_tr181_ethernet_dup_link_path(cwmp_dm_object_get_dm(object),
								 rtnl_link_get_name(link));
		return path != NULL ? path : g_strdup("");
	}
	g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "no getter for %s", name);
	return NULL;
}

static gboolean
cwmp_tr181_ip_interface_set_mtu(CwmpDmObject *object,
				const gchar  *name,
				const gchar  *value,
				gpointer      user_data,
				GError	    **error)
{
	guint32 mtu = 0;

	if (!cwmp_value_parse_unsigned_int(value, &mtu, error))
		return FALSE;
	return cwmp_tr181_ip_link_set_mtu(user_data, cwmp_tr181_ip_link_object_ifname(object), mtu,
					  error);
}

/* the link must still exist when the transaction is checked */
/* the validator of a settable link parameter: the link must still be there */
gboolean
cwmp_tr181_ip_link_validate(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error)
{
	g_autoptr(CwmpTr181RtnlLink) link =
	    cwmp_tr181_ip_link_lookup_object(user_data, object, error);
	return link != NULL;
}

static gchar *
cwmp_tr181_ip_interface_disable_ipv6_relpath(CwmpDmObject *object, GError **error)
{
	const gchar *ifname = cwmp_tr181_ip_link_object_ifname(object);

	if (ifname == NULL || strchr(ifname, '/') != NULL || ifname[0] == '.') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "'%s' is not a link name",
			    ifname != NULL ? ifname : "(none)");
		return NULL;
	}
	return g_strdup_printf("proc/sys/net/ipv6/conf/%s/disable_ipv6", ifname);
}

/* per link, IPv6 is conf/<link>/disable_ipv6; a link IPv6 does not serve has none */
static gchar *
cwmp_tr181_ip_interface_get_ipv6_enable(CwmpDmObject *object,
					const gchar  *name,
					gpointer      user_data,
					GError	    **error)
{
	g_autofree gchar *relpath = cwmp_tr181_ip_interface_disable_ipv6_relpath(object, error);
	gboolean	  exists = FALSE;
	gboolean	  disabled = FALSE;

	if (relpath == NULL ||
	    !cwmp_tr181_ip_read_sysctl_bool(user_data, relpath, &exists, &disabled, error))
		return NULL;
	return g_strdup(cwmp_value_format_boolean(exists && !disabled));
}

static gboolean
cwmp_tr181_ip_interface_set_ipv6_enable(CwmpDmObject *object,
					const gchar  *name,
					const gchar  *value,
					gpointer      user_data,
					GError	    **error)
{
	g_autofree gchar *relpath = cwmp_tr181_ip_interface_disable_ipv6_relpath(object, error);
	g_autofree gchar *filename = NULL;
	gboolean	  enable = FALSE;

	if (relpath == NULL || !cwmp_value_parse_boolean(value, &enable, error))
		return FALSE;
	filename = cwmp_tr181_plugin_build_filename(user_data, relpath);
	if (!g_file_test(filename, G_FILE_TEST_EXISTS)) {
		if (!enable)
			return TRUE;
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_REQUEST_DENIED,
			    "IPv6 cannot serve %s (no %s)",
			    cwmp_tr181_ip_link_object_ifname(object), filename);
		return FALSE;
	}
	return cwmp_tr181_ip_write_sysctl(user_data, relpath, enable ? "0" : "1", error);
}

static const CwmpDmParamDef cwmp_tr181_ip_interface_params[] = {
    CWMP_TR181_LINK_ENABLE_PARAM,
    {.name = "IPv6Enable",
     .get = cwmp_tr181_ip_interface_get_ipv6_enable,
     .set = cwmp_tr181_ip_interface_set_ipv6_enable,
     .validate = cwmp_tr181_ip_link_validate},
    CWMP_TR181_LINK_STATE_PARAMS,
    {.name = "LowerLayers",
     .get = cwmp_tr181_ip_interface_get,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "an IP interface sits on the link the kernel gives it"},
    {.name = "MaxMTUSize",
     .get = cwmp_tr181_ip_interface_get,
     .set = cwmp_tr181_ip_interface_set_mtu,
     .validate = cwmp_tr181_ip_link_validate,
     .flags = CWMP_DM_PARAM_FLAG_PUSH},
    {.name = "Type", .get = cwmp_tr181_ip_interface_get},
    {.name = "Loopback",
     .get = cwmp_tr181_ip_interface_get,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "whether a link loops back is fixed by its driver"},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ip_interface_object = {
    .path = "Device.IP.Interface.{i}.",
    .params = cwmp_tr181_ip_interface_params,
    .enumerate = cwmp_tr181_ip_interface_enumerate,
};

static const CwmpDmParamDef cwmp_tr181_ip_interface_stats_params[] = {
    CWMP_TR181_LINK_STATS_PARAMS,
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_ip_interface_stats_object = {
    .path = "Device.IP.Interface.{i}.Stats.",
    .params = cwmp_tr181_ip_interface_stats_params,
};

/* --- pushing what the kernel announces ----------------------------------- */

static const gchar *const cwmp_tr181_ip_interface_pushed[] = {
    "Enable",
    "Status",
    "Name",
    "MaxMTUSize",
};

static void
cwmp_tr181_ip_link_cb(CwmpTr181NetlinkKind kind,
		      struct nl_object	  *object,
		      gint		   action,
		      gpointer		   user_data)
{
	CwmpTr181Plugin	 *self = user_data;
	CwmpTr181Ip	 *ip = self->ip;
	struct rtnl_link *link = (struct rtnl_link *) object;
	gpointer	  ifindex;
	CwmpTr181IpLink	 *known;
	const gchar	 *ifname;
	CwmpDmObject	 *parent;
	CwmpDmObject	 *instance;

	if (kind != CWMP_TR181_NETLINK_LINK || rtnl_link_get_family(link) != AF_UNSPEC)
		return;
	ifindex = GINT_TO_POINTER(rtnl_link_get_ifindex(link));
	ifname = rtnl_link_get_name(link);
	known = g_hash_table_lookup(ip->links, ifindex);
	parent = cwmp_dm_lookup_object(cwmp_plugin_context_get_dm(self->ctx), "Device.IP.");
	if (action == NL_ACT_DEL) {
		if (known != NULL && parent != NULL)
			cwmp_dm_object_remove_instance(parent, "Interface", known->name);
		g_hash_table_remove(ip->links, ifindex);
		return;
	}
	if (ifname == NULL)
		return;
	if (known == NULL) {
		known = g_new0(CwmpTr181IpLink, 1);
		known->name = g_strdup(ifname);
		known->status = cwmp_tr181_ip_link_status(link);
		known->since = g_get_monotonic_time();
		g_hash_table_insert(ip->links, ifindex, known);
	} else if (g_strcmp0(known->name, ifname) != 0) {
		/* renamed: the key is the name, so it is another instance now */
		if (parent != NULL)
			cwmp_dm_object_remove_instance(parent, "Interface", known->name);
		g_free(known->name);
		known->name = g_strdup(ifname);
	}
	if (g_strcmp0(known->status, cwmp_tr181_ip_link_status(link)) != 0) {
		known->status = cwmp_tr181_ip_link_status(link);
		known->since = g_get_monotonic_time();
	}
	if (parent == NULL)
		return;
	instance = cwmp_dm_object_push_instance(parent, "Interface", ifname, NULL, NULL);
	if (instance == NULL)
		return;
	/* the core compares with what it last reported: only real changes count */
	for (guint i = 0; i < G_N_ELEMENTS(cwmp_tr181_ip_interface_pushed); i++)
		cwmp_dm_object_notify_changed(instance, cwmp_tr181_ip_interface_pushed[i]);
}

static gboolean
cwmp_tr181_ip_start(CwmpTr181Plugin *self, GError **error)
{
	CwmpTr181Ip	*ip = g_new0(CwmpTr181Ip, 1);
	struct nl_cache *cache =
	    cwmp_tr181_netlink_get_cache(self->netlink, CWMP_TR181_NETLINK_LINK);

	ip->links = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					  (GDestroyNotify) cwmp_tr181_ip_link_free);
	/* how long a link has been in its state before we started is unknown */
	for (struct nl_object *obj = nl_cache_get_first(cache); obj != NULL;
	     obj = nl_cache_get_next(obj)) {
		struct rtnl_link *link = (struct rtnl_link *) obj;
		CwmpTr181IpLink	 *known;
		if (rtnl_link_get_family(link) != AF_UNSPEC || rtnl_link_get_name(link) == NULL)
			continue;
		known = g_new0(CwmpTr181IpLink, 1);
		known->name = g_strdup(rtnl_link_get_name(link));
		known->status = cwmp_tr181_ip_link_status(link);
		g_hash_table_insert(ip->links, GINT_TO_POINTER(rtnl_link_get_ifindex(link)), known);
	}
	self->ip = ip;
	ip->watch_id = cwmp_tr181_netlink_add_watch(self->netlink, cwmp_tr181_ip_link_cb, self);
	return TRUE;
}

static void
cwmp_tr181_ip_stop(CwmpTr181Plugin *self)
{
	CwmpTr181Ip *ip = self->ip;

	if (ip == NULL)
		return;
	cwmp_tr181_netlink_remove_watch(self->netlink, ip->watch_id);
	g_hash_table_unref(ip->links);
	g_free(ip);
	self->ip = NULL;
}

static const CwmpDmObjectDef *const cwmp_tr181_ip_objects[] = {
    &cwmp_tr181_ip_object,
    &cwmp_tr181_ip_interface_object,
    &cwmp_tr181_ip_interface_stats_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_ip_module = {
    .name = "ip",
    .objects = cwmp_tr181_ip_objects,
    .start = cwmp_tr181_ip_start,
    .stop = cwmp_tr181_ip_stop,
};
