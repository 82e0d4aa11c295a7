/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* shared between the files of the tr181 plugin and its self-test; not installed */

#pragma once

#include "cwmpd-plugin.h"

#include "cwmp-tr181-netlink.h"

G_BEGIN_DECLS

/* the config group every identity key of the plugin lives in */
#define CWMP_TR181_CONFIG_GROUP "device"

/**
 * CwmpTr181Plugin:
 * @ctx: the plugin context (not owned); %NULL in unit tests, then every
 *   config key reads as unset
 * @sysroot: the directory system files are read below, "/" on a device
 *
 * The per-agent state of the plugin, hung on the context and handed to every
 * callback as user_data. It holds no values: they are read when asked.
 */
typedef struct {
	CwmpPluginContext *ctx;
	gchar		  *sysroot;
	/* rtnetlink caches and notifications, made in start (cwmp-tr181-netlink.c) */
	CwmpTr181Netlink *netlink;
	/* the state of each module, owned by the module (set in start, freed in stop) */
	gpointer ethernet;
	gpointer ip;
	gpointer ip_address;
	gpointer routing;
	gpointer dns;
	gpointer hosts;
	gpointer interface_stack;
} CwmpTr181Plugin;

/**
 * CwmpTr181Module:
 * @name: for messages
 * @objects: what it registers, %NULL-terminated, tables before their children
 * @start: (nullable): runs after the tree is frozen, with self->netlink ready
 * @stop: (nullable): releases what start made
 *
 * One group of objects of the plugin, one source file each.
 */
typedef struct {
	const gchar		     *name;
	const CwmpDmObjectDef *const *objects;
	gboolean (*start)(CwmpTr181Plugin *self, GError **error);
	void (*stop)(CwmpTr181Plugin *self);
} CwmpTr181Module;

extern const CwmpTr181Module cwmp_tr181_device_info_module;
extern const CwmpTr181Module cwmp_tr181_time_module;
extern const CwmpTr181Module cwmp_tr181_ethernet_module;
extern const CwmpTr181Module cwmp_tr181_ip_module;
extern const CwmpTr181Module cwmp_tr181_ip_address_module;
extern const CwmpTr181Module cwmp_tr181_routing_module;
extern const CwmpTr181Module cwmp_tr181_dns_module;
extern const CwmpTr181Module cwmp_tr181_hosts_module;
extern const CwmpTr181Module cwmp_tr181_interface_stack_module;

/* cwmp-tr181-plugin.c */
CwmpTr181Plugin *
cwmp_tr181_plugin_new(CwmpPluginContext *ctx, const gchar *sysroot);
void
cwmp_tr181_plugin_free(CwmpTr181Plugin *self);
gchar *
cwmp_tr181_plugin_get_config(CwmpTr181Plugin *self, const gchar *key);
gchar *
cwmp_tr181_plugin_build_filename(CwmpTr181Plugin *self, const gchar *relpath);
GPtrArray *
cwmp_tr181_plugin_list_objects(void);
gboolean
cwmp_tr181_plugin_start_modules(CwmpTr181Plugin *self, GError **error);
void
cwmp_tr181_plugin_stop_modules(CwmpTr181Plugin *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpTr181Plugin, cwmp_tr181_plugin_free)

/* cwmp-tr181-system.c: reading the running system */
gchar *
cwmp_tr181_system_read_file(const gchar *filename, GError **error);
gboolean
cwmp_tr181_system_read_optional(const gchar *filename, gchar **contents, GError **error);
GHashTable *
cwmp_tr181_system_parse_os_release(const gchar *data);
gboolean
cwmp_tr181_system_load_os_release(const gchar *sysroot, GHashTable **os_release, GError **error);
gboolean
cwmp_tr181_system_parse_uptime(const gchar *text, guint32 *seconds, GError **error);
gboolean
cwmp_tr181_system_is_placeholder(const gchar *value);
gchar *
cwmp_tr181_system_sanitize(const gchar *path, const gchar *value);

/* cwmp-tr181-device-info.c: Device.DeviceInfo. */
extern const CwmpDmObjectDef cwmp_tr181_device_info_object;
gchar *
cwmp_tr181_device_info_serial_from_machine_id(const gchar *filename, GError **error);
gchar *
cwmp_tr181_device_info_software_version(GHashTable  *os_release,
					const gchar *kernel_release,
					GError	   **error);
gboolean
cwmp_tr181_device_info_check_oui(const gchar *oui, GError **error);

/* cwmp-tr181-time.c: Device.Time. */
extern const CwmpDmObjectDef cwmp_tr181_time_object;
gboolean
cwmp_tr181_time_check_time_zone(const gchar *value, GError **error);
gchar *
cwmp_tr181_time_format_local(GDateTime *now, const gchar *posix_tz);
gboolean
cwmp_tr181_time_is_synchronized(gboolean *synchronized, GError **error);

/* cwmp-tr181-ip.c: the kernel's links, shared by Ethernet, IP and InterfaceStack */
struct rtnl_link *
cwmp_tr181_ip_link_lookup(CwmpTr181Plugin *self, const gchar *ifname, GError **error);
struct rtnl_link *
cwmp_tr181_ip_link_lookup_object(CwmpTr181Plugin *self, CwmpDmObject *object, GError **error);
const gchar *
cwmp_tr181_ip_link_object_ifname(CwmpDmObject *object);
const gchar *
cwmp_tr181_ip_link_status(struct rtnl_link *link);
guint32
cwmp_tr181_ip_link_last_change(CwmpTr181Plugin *self, struct rtnl_link *link);
gboolean
cwmp_tr181_ip_link_set_up(CwmpTr181Plugin *self, const gchar *ifname, gboolean up, GError **error);
gboolean
cwmp_tr181_ip_link_set_mtu(CwmpTr181Plugin *self, const gchar *ifname, guint32 mtu, GError **error);
gboolean
cwmp_tr181_ip_link_change(CwmpTr181Plugin  *self,
			  const gchar	   *ifname,
			  struct rtnl_link *changes,
			  const gchar	   *what,
			  GError	  **error);
gchar *
cwmp_tr181_ip_link_get_stat(CwmpDmObject *object,
			    const gchar	 *name,
			    gpointer	  user_data,
			    GError	**error);
gchar *
cwmp_tr181_ip_link_get(CwmpDmObject *object, const gchar *name, gpointer user_data, GError **error);
gboolean
cwmp_tr181_ip_link_set_enable(CwmpDmObject *object,
			      const gchar  *name,
			      const gchar  *value,
			      gpointer	    user_data,
			      GError	  **error);
gboolean
cwmp_tr181_ip_link_validate(CwmpDmObject *object,
			    const gchar	 *name,
			    const gchar	 *value,
			    gpointer	  user_data,
			    GError	**error);

/* Enable: a link is enabled when it is up */
#define CWMP_TR181_LINK_ENABLE_PARAM                                                               \
	{                                                                                          \
		.name = "Enable", .get = cwmp_tr181_ip_link_get,                                   \
		.set = cwmp_tr181_ip_link_set_enable, .validate = cwmp_tr181_ip_link_validate,     \
		.flags = CWMP_DM_PARAM_FLAG_PUSH                                                   \
	}
/* Status, Name and LastChange: the read-only state parameters every link has */
#define CWMP_TR181_LINK_STATE_PARAMS                                                               \
	{.name = "Status", .get = cwmp_tr181_ip_link_get, .flags = CWMP_DM_PARAM_FLAG_PUSH},       \
	    {.name = "Name", .get = cwmp_tr181_ip_link_get, .flags = CWMP_DM_PARAM_FLAG_PUSH},     \
	{                                                                                          \
		.name = "LastChange", .get = cwmp_tr181_ip_link_get,                               \
		.flags = CWMP_DM_PARAM_FLAG_VOLATILE                                               \
	}

/* the Stats. parameters every link has: the kernel's counters (sysfs statistics/) */
#define CWMP_TR181_LINK_STAT(n)                                                                    \
	{                                                                                          \
		.name = (n), .get = cwmp_tr181_ip_link_get_stat,                                   \
		.flags = CWMP_DM_PARAM_FLAG_VOLATILE                                               \
	}
#define CWMP_TR181_LINK_STATS_PARAMS                                                               \
	CWMP_TR181_LINK_STAT("BytesSent"), CWMP_TR181_LINK_STAT("BytesReceived"),                  \
	    CWMP_TR181_LINK_STAT("PacketsSent"), CWMP_TR181_LINK_STAT("PacketsReceived"),          \
	    CWMP_TR181_LINK_STAT("ErrorsSent"), CWMP_TR181_LINK_STAT("ErrorsReceived"),            \
	    CWMP_TR181_LINK_STAT("DiscardPacketsSent"),                                            \
	    CWMP_TR181_LINK_STAT("DiscardPacketsReceived"),                                        \
	    CWMP_TR181_LINK_STAT("MulticastPacketsReceived"),                                      \
	    CWMP_TR181_LINK_STAT("UnknownProtoPacketsReceived")

/* cwmp-tr181-ethernet.c: Device.Ethernet. */
gboolean
cwmp_tr181_ethernet_is_ethernet(CwmpTr181Plugin *self, struct rtnl_link *link);
gchar *
cwmp_tr181_ethernet_dup_link_path(CwmpDm *dm, const gchar *ifname);
gchar *
cwmp_tr181_ethernet_dup_interface_path(CwmpDm *dm, const gchar *ifname);

/* cwmp-tr181-ip.c: Device.IP. */
gchar *
cwmp_tr181_ip_dup_interface_path(CwmpDm *dm, const gchar *ifname);

/* cwmp-tr181-routing.c: Device.Routing. */
gchar *
cwmp_tr181_routing_interface_path(CwmpTr181Plugin *self, CwmpDm *dm, gint ifindex);
gboolean
cwmp_tr181_routing_interface_ifindex(CwmpTr181Plugin *self,
				     CwmpDm	     *dm,
				     const gchar     *path,
				     gint	     *ifindex,
				     GError	    **error);
gchar *
cwmp_tr181_routing_route_key(struct rtnl_route *route);

/* cwmp-tr181-dns.c: Device.DNS. */
typedef enum {
	CWMP_TR181_DNS_MANAGER_NONE,
	CWMP_TR181_DNS_MANAGER_SYSTEMD_RESOLVED,
	CWMP_TR181_DNS_MANAGER_NETWORK_MANAGER,
	CWMP_TR181_DNS_MANAGER_RESOLVCONF,
} CwmpTr181DnsManager;
gboolean
cwmp_tr181_dns_inspect(const gchar	   *sysroot,
		       CwmpTr181DnsManager *manager,
		       gchar		  **servers_filename,
		       GError		  **error);
GPtrArray *
cwmp_tr181_dns_parse_servers(const gchar *text);

/* cwmp-tr181-hosts.c: Device.Hosts. */
gboolean
cwmp_tr181_hosts_state_is_active(gint nud_state);

/* cwmp-tr181-device-info-extra.c: Device.DeviceInfo. processors and first use */
extern const CwmpTr181Module cwmp_tr181_device_info_extra_module;
const gchar *
cwmp_tr181_device_info_extra_architecture(const gchar *machine);

/* cwmp-tr181-ip-address.c: Device.IP.Interface.{i}.IPv4Address/IPv6Address/IPv6Prefix */
gboolean
cwmp_tr181_ip_address_mask_to_prefixlen(const gchar *mask, guint *prefixlen, GError **error);
gchar *
cwmp_tr181_ip_address_prefixlen_to_mask(guint prefixlen);
gchar *
cwmp_tr181_ip_address_canonical(gint family, const gchar *text, GError **error);
gchar *
cwmp_tr181_ip_address_prefix_of(const gchar *address, guint prefixlen);
gboolean
cwmp_tr181_ip_address_parse_prefix(const gchar *text,
				   gchar      **network,
				   guint       *prefixlen,
				   GError     **error);
gchar *
cwmp_tr181_ip_address_format_lifetime(guint32 remaining, gint64 now);
gboolean
cwmp_tr181_ip_address_parse_lifetime(const gchar *text,
				     gint64	  now,
				     guint32	 *remaining,
				     GError	**error);
const gchar *
cwmp_tr181_ip_address_addressing_type(const gchar *address, guint flags);
const gchar *
cwmp_tr181_ip_address_ipv6_origin(const gchar *address, guint prefixlen, guint flags);
const gchar *
cwmp_tr181_ip_address_ipv6_status(guint flags);

G_END_DECLS
