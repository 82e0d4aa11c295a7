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
	const gchar *name;
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

G_END_DECLS
