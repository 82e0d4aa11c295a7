/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* Device.DeviceInfo.: identity and status of the running system */

#include "config.h"

#include "cwmpd-plugin.h"

#include <string.h>

#include "cwmp-tr181-private.h"

#define CWMP_TR181_DEVICE_INFO_PATH "Device.DeviceInfo."

/* the part of a machine-id(5) used as serial number, in hexadecimal digits */
#define CWMP_TR181_DEVICE_INFO_SERIAL_LENGTH 16

static gchar *
cwmp_tr181_device_info_finish(const gchar *name, const gchar *value)
{
	g_autofree gchar *path = g_strconcat(CWMP_TR181_DEVICE_INFO_PATH, name, NULL);
	return cwmp_tr181_system_sanitize(path, value);
}

/* the first of @relpaths that exists and holds more than a firmware filler */
static gboolean
cwmp_tr181_device_info_read_first(CwmpTr181Plugin    *self,
				  const gchar *const *relpaths,
				  gchar		    **value,
				  GError	    **error)
{
	*value = NULL;
	for (guint i = 0; relpaths[i] != NULL; i++) {
		g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, relpaths[i]);
		g_autofree gchar *contents = NULL;

		if (!cwmp_tr181_system_read_optional(filename, &contents, error))
			return FALSE;
		if (!cwmp_tr181_system_is_placeholder(contents)) {
			*value = g_steal_pointer(&contents);
			return TRUE;
		}
	}
	return TRUE;
}

/* a key of os-release, or NULL when there is no such file or key */
static gboolean
cwmp_tr181_device_info_get_os_release(CwmpTr181Plugin *self,
				      const gchar     *key,
				      gchar	     **value,
				      GError	     **error)
{
	g_autoptr(GHashTable) os_release = NULL;
	const gchar *tmp;

	*value = NULL;
	if (!cwmp_tr181_system_load_os_release(self->sysroot, &os_release, error))
		return FALSE;
	if (os_release == NULL)
		return TRUE;
	tmp = g_hash_table_lookup(os_release, key);
	if (tmp != NULL && tmp[0] != '\0')
		*value = g_strdup(tmp);
	return TRUE;
}

/**
 * cwmp_tr181_device_info_check_oui:
 * @oui: a configured OUI
 * @error: a #GError, or %NULL
 *
 * Returns: %TRUE when @oui is six hexadecimal digits (of either case)
 */
gboolean
cwmp_tr181_device_info_check_oui(const gchar *oui, GError **error)
{
	gboolean ok = strlen(oui) == 6;

	for (guint i = 0; ok && oui[i] != '\0'; i++)
		ok = g_ascii_isxdigit(oui[i]);
	if (!ok) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "[%s] oui '%s' is not six hexadecimal digits", CWMP_TR181_CONFIG_GROUP,
			    oui);
		return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_tr181_device_info_serial_from_machine_id:
 * @filename: a machine-id(5) file
 * @error: a #GError, or %NULL
 *
 * Derives a stable serial number from the machine ID: its first 16
 * hexadecimal digits, upper case. The machine ID is set once at installation
 * and survives reboots and upgrades.
 *
 * Returns: (transfer full): the serial number, or %NULL with
 *   CWMP_FAULT_INTERNAL_ERROR when the file cannot be read or is no machine ID
 */
gchar *
cwmp_tr181_device_info_serial_from_machine_id(const gchar *filename, GError **error)
{
	g_autofree gchar *machine_id = cwmp_tr181_system_read_file(filename, error);

	if (machine_id == NULL)
		return NULL;
	/* machine-id(5): 32 lower-case hexadecimal digits; "uninitialized" on first boot */
	for (guint i = 0; i < 32; i++) {
		if (!g_ascii_isxdigit(machine_id[i])) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
				    "failed to read %s: not a machine ID", filename);
			return NULL;
		}
	}
	if (machine_id[32] != '\0') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "failed to read %s: not a machine ID", filename);
		return NULL;
	}
	machine_id[CWMP_TR181_DEVICE_INFO_SERIAL_LENGTH] = '\0';
	return g_ascii_strup(machine_id, -1);
}

/**
 * cwmp_tr181_device_info_software_version:
 * @os_release: (nullable): the os-release keys, %NULL when there is none
 * @kernel_release: (nullable): the kernel release, the last resort
 * @error: a #GError, or %NULL
 *
 * The software version is the operating system's VERSION_ID, followed by
 * its BUILD_ID after a dot when the image has one (TR-181 asks for
 * dot-delimited components); BUILD_ID alone on a rolling release; the kernel
 * release when os-release says neither.
 *
 * Returns: (transfer full): the version, or %NULL with CWMP_FAULT_INTERNAL_ERROR
 */
gchar *
cwmp_tr181_device_info_software_version(GHashTable  *os_release,
					const gchar *kernel_release,
					GError	   **error)
{
	const gchar *version_id = NULL;
	const gchar *build_id = NULL;

	if (os_release != NULL) {
		version_id = g_hash_table_lookup(os_release, "VERSION_ID");
		build_id = g_hash_table_lookup(os_release, "BUILD_ID");
	}
	if (version_id != NULL && version_id[0] == '\0')
		version_id = NULL;
	if (build_id != NULL && build_id[0] == '\0')
		build_id = NULL;
	if (version_id != NULL && build_id != NULL)
		return g_strdup_printf("%s.%s", version_id, build_id);
	if (version_id != NULL)
		return g_strdup(version_id);
	if (build_id != NULL)
		return g_strdup(build_id);
	if (kernel_release != NULL && kernel_release[0] != '\0')
		return g_strdup(kernel_release);
	g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "no software version: os-release has no VERSION_ID or BUILD_ID "
			    "and the kernel release is unknown");
	return NULL;
}

static gchar *
cwmp_tr181_device_info_get_manufacturer(CwmpDmObject *object,
					const gchar  *name,
					gpointer      user_data,
					GError	    **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "manufacturer");

	/* the vendor's name as it ships it, not the firmware's (often a board maker's) */
	if (value == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "no manufacturer: [%s] manufacturer is not set",
			    CWMP_TR181_CONFIG_GROUP);
		return NULL;
	}
	return cwmp_tr181_device_info_finish(name, value);
}

static gchar *
cwmp_tr181_device_info_get_manufacturer_oui(CwmpDmObject *object,
					    const gchar	 *name,
					    gpointer	  user_data,
					    GError	**error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "oui");

	if (value == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "no manufacturer OUI: [%s] oui is not set", CWMP_TR181_CONFIG_GROUP);
		return NULL;
	}
	if (!cwmp_tr181_device_info_check_oui(value, error))
		return NULL;
	return g_ascii_strup(value, -1);
}

static gchar *
cwmp_tr181_device_info_get_product_class(CwmpDmObject *object,
					 const gchar  *name,
					 gpointer      user_data,
					 GError	     **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "product-class");

	return cwmp_tr181_device_info_finish(name, value != NULL ? value : "");
}

static gchar *
cwmp_tr181_device_info_get_serial_number(CwmpDmObject *object,
					 const gchar  *name,
					 gpointer      user_data,
					 GError	     **error)
{
	CwmpTr181Plugin	 *self = user_data;
	const gchar	 *sources[] = {"etc/machine-id", "var/lib/dbus/machine-id"};
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "serial-number");
	g_autofree gchar *first = NULL;

	if (value != NULL)
		return cwmp_tr181_device_info_finish(name, value);

	/* systemd keeps the machine ID in /etc, older D-Bus setups in /var/lib/dbus */
	for (guint i = 0; i < G_N_ELEMENTS(sources); i++) {
		g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, sources[i]);
		if (g_file_test(filename, G_FILE_TEST_EXISTS))
			return cwmp_tr181_device_info_serial_from_machine_id(filename, error);
		if (first == NULL)
			first = g_steal_pointer(&filename);
	}
	/* neither exists: report the canonical one */
	return cwmp_tr181_device_info_serial_from_machine_id(first, error);
}

static gchar *
cwmp_tr181_device_info_get_model_name(CwmpDmObject *object,
				      const gchar  *name,
				      gpointer	    user_data,
				      GError	  **error)
{
	CwmpTr181Plugin *self = user_data;
	const gchar *sources[] = {"sys/class/dmi/id/product_name", "proc/device-tree/model", NULL};
	g_autofree gchar *value = NULL;

	if (!cwmp_tr181_device_info_read_first(self, sources, &value, error))
		return NULL;
	if (value == NULL && !cwmp_tr181_device_info_get_os_release(self, "NAME", &value, error))
		return NULL;
	if (value == NULL)
		value = cwmp_tr181_plugin_get_config(self, "product-class");
	return cwmp_tr181_device_info_finish(name, value != NULL ? value : "");
}

static gchar *
cwmp_tr181_device_info_get_description(CwmpDmObject *object,
				       const gchar  *name,
				       gpointer	     user_data,
				       GError	   **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "description");

	if (value == NULL &&
	    !cwmp_tr181_device_info_get_os_release(self, "PRETTY_NAME", &value, error))
		return NULL;
	return cwmp_tr181_device_info_finish(name, value != NULL ? value : "");
}

static gchar *
cwmp_tr181_device_info_get_hardware_version(CwmpDmObject *object,
					    const gchar	 *name,
					    gpointer	  user_data,
					    GError	**error)
{
	CwmpTr181Plugin	 *self = user_data;
	const gchar	 *sources[] = {"sys/class/dmi/id/product_version",
				       "sys/class/dmi/id/board_version", NULL};
	g_autofree gchar *value = cwmp_tr181_plugin_get_config(self, "hardware-version");

	if (value == NULL && !cwmp_tr181_device_info_read_first(self, sources, &value, error))
		return NULL;
	return cwmp_tr181_device_info_finish(name, value != NULL ? value : "");
}

static gchar *
cwmp_tr181_device_info_get_software_version(CwmpDmObject *object,
					    const gchar	 *name,
					    gpointer	  user_data,
					    GError	**error)
{
	CwmpTr181Plugin *self = user_data;
	g_autoptr(GHashTable) os_release = NULL;
	g_autofree gchar *kernel_filename = NULL;
	g_autofree gchar *kernel_release = NULL;
	g_autofree gchar *value = NULL;
	g_autofree gchar *version_file = cwmp_tr181_plugin_get_config(self, "os-release");

	if (version_file != NULL) {
		/* the firmware keeps its version elsewhere: read it when asked,
		 * so a new image shows its version at once */
		g_autofree gchar *data = NULL;
		if (!cwmp_tr181_system_read_optional(version_file, &data, error))
			return NULL;
		if (data != NULL)
			os_release = cwmp_tr181_system_parse_os_release(data);
	} else if (!cwmp_tr181_system_load_os_release(self->sysroot, &os_release, error)) {
		return NULL;
	}
	kernel_filename = cwmp_tr181_plugin_build_filename(self, "proc/sys/kernel/osrelease");
	if (!cwmp_tr181_system_read_optional(kernel_filename, &kernel_release, error))
		return NULL;
	value = cwmp_tr181_device_info_software_version(os_release, kernel_release, error);
	if (value == NULL)
		return NULL;
	return cwmp_tr181_device_info_finish(name, value);
}

static gchar *
cwmp_tr181_device_info_get_additional_software_version(CwmpDmObject *object,
						       const gchar  *name,
						       gpointer	     user_data,
						       GError	   **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, "proc/sys/kernel/"
									    "osrelease");
	g_autofree gchar *value = cwmp_tr181_system_read_file(filename, error);

	if (value == NULL)
		return NULL;
	/* a list of strings: one item, which must not split */
	g_strdelimit(value, ",", '_');
	return cwmp_tr181_device_info_finish(name, value);
}

static gchar *
cwmp_tr181_device_info_get_host_name(CwmpDmObject *object,
				     const gchar  *name,
				     gpointer	   user_data,
				     GError	 **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, "proc/sys/kernel/"
									    "hostname");
	g_autofree gchar *value = cwmp_tr181_system_read_file(filename, error);

	if (value == NULL)
		return NULL;
	return cwmp_tr181_device_info_finish(name, value);
}

static gchar *
cwmp_tr181_device_info_get_up_time(CwmpDmObject *object,
				   const gchar	*name,
				   gpointer	 user_data,
				   GError      **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *filename = cwmp_tr181_plugin_build_filename(self, "proc/uptime");
	g_autofree gchar *text = cwmp_tr181_system_read_file(filename, error);
	guint32		  seconds = 0;

	if (text == NULL)
		return NULL;
	if (!cwmp_tr181_system_parse_uptime(text, &seconds, error)) {
		g_prefix_error(error, "%s: ", filename);
		return NULL;
	}
	return cwmp_value_format_unsigned_int(seconds);
}

static const CwmpDmParamDef cwmp_tr181_device_info_params[] = {
    {.name = "Manufacturer", .get = cwmp_tr181_device_info_get_manufacturer},
    {.name = "ManufacturerOUI", .get = cwmp_tr181_device_info_get_manufacturer_oui},
    {.name = "ModelName", .get = cwmp_tr181_device_info_get_model_name},
    {.name = "Description", .get = cwmp_tr181_device_info_get_description},
    {.name = "ProductClass", .get = cwmp_tr181_device_info_get_product_class},
    {.name = "SerialNumber", .get = cwmp_tr181_device_info_get_serial_number},
    {.name = "HardwareVersion", .get = cwmp_tr181_device_info_get_hardware_version},
    {.name = "SoftwareVersion", .get = cwmp_tr181_device_info_get_software_version},
    {.name = "AdditionalSoftwareVersion",
     .get = cwmp_tr181_device_info_get_additional_software_version},
    {.name = "ProvisioningCode", .flags = CWMP_DM_PARAM_FLAG_STORED},
    {.name = "UpTime",
     .get = cwmp_tr181_device_info_get_up_time,
     .flags = CWMP_DM_PARAM_FLAG_VOLATILE},
    {.name = "HostName",
     .get = cwmp_tr181_device_info_get_host_name,
     .flags = CWMP_DM_PARAM_FLAG_READ_ONLY,
     .read_only_reason = "the host name belongs to the system's own configuration "
			 "(hostnamectl); cwmpd does not change it"},
    {.name = NULL},
};

const CwmpDmObjectDef cwmp_tr181_device_info_object = {
    .path = CWMP_TR181_DEVICE_INFO_PATH,
    .params = cwmp_tr181_device_info_params,
};

static const CwmpDmObjectDef *const cwmp_tr181_device_info_module_objects[] = {
    &cwmp_tr181_device_info_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_device_info_module = {
    .name = "device_info",
    .objects = cwmp_tr181_device_info_module_objects,
};
