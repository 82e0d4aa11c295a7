/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.DeviceInfo. beyond identity: the processors (Processor.{i}., one
 * per CPU the kernel lists as present) and FirstUseDate, the first time cwmpd
 * ran on this device with a plausible clock, kept in a file of the plugin's
 * state directory that is written once.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "cwmp-tr181-private.h"

#define CWMP_TR181_DEVICE_INFO_EXTRA_UNKNOWN_TIME "0001-01-01T00:00:00Z"
#define CWMP_TR181_DEVICE_INFO_EXTRA_CPU_PRESENT  "sys/devices/system/cpu/present"
/* a clock before this has not been set yet (a board without RTC boots in 1970) */
#define CWMP_TR181_DEVICE_INFO_EXTRA_MIN_YEAR 2020

/**
 * cwmp_tr181_device_info_extra_architecture:
 * @machine: the machine of uname(2) ("x86_64", "aarch64", "mipsel")
 *
 * Returns: (nullable): the TR-181 Architecture value, or %NULL when the
 *   enumeration has none for @machine
 */
const gchar *
cwmp_tr181_device_info_extra_architecture(const gchar *machine)
{
	if (g_strcmp0(machine, "x86_64") == 0 || g_strcmp0(machine, "amd64") == 0)
		return "x86_64";
	if (strlen(machine) == 4 && machine[0] == 'i' && g_str_has_suffix(machine, "86"))
		return "i386";
	if (g_str_has_prefix(machine, "arm") || g_str_has_prefix(machine, "aarch64"))
		return "arm";
	if (g_str_has_prefix(machine, "mips"))
		return g_str_has_suffix(machine, "el") ? "mipsel" : "mipseb";
	if (g_str_has_prefix(machine, "ppc") || g_str_has_prefix(machine, "powerpc"))
		return "powerpc";
	if (g_strcmp0(machine, "m68k") == 0)
		return "m68k";
	if (g_strcmp0(machine, "m68010") == 0)
		return "m68010";
	if (g_str_has_prefix(machine, "sh"))
		return g_str_has_suffix(machine, "eb") ? "sh3eb" : "sh3el";
	return NULL;
}

/* "0-3,6,8-9" of sysfs cpu lists: the indexes, in order */
static GArray *
cwmp_tr181_device_info_extra_parse_cpu_list(const gchar *text, GError **error)
{
	g_autoptr(GArray) cpus = g_array_new(FALSE, FALSE, sizeof(guint));
	g_auto(GStrv) ranges = g_strsplit(text, ",", -1);

	for (guint i = 0; ranges[i] != NULL; i++) {
		g_auto(GStrv) bounds = g_strsplit(g_strstrip(ranges[i]), "-", 2);
		guint64 first = 0;
		guint64 last = 0;

		if (bounds[0] == NULL || bounds[0][0] == '\0')
			continue;
		if (!g_ascii_string_to_unsigned(bounds[0], 10, 0, 65535, &first, error) ||
		    !g_ascii_string_to_unsigned(bounds[1] != NULL ? bounds[1] : bounds[0], 10,
						first, 65535, &last, error))
			return NULL;
		for (guint64 cpu = first; cpu <= last; cpu++) {
			guint value = (guint) cpu;
			g_array_append_val(cpus, value);
		}
	}
	return g_steal_pointer(&cpus);
}

static gboolean
cwmp_tr181_device_info_extra_enumerate_processor(CwmpDmObject	    *parent,
						 const gchar	    *table,
						 CwmpDmInstanceList *list,
						 gpointer	     user_data,
						 GError		   **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *filename =
	    cwmp_tr181_plugin_build_filename(self, CWMP_TR181_DEVICE_INFO_EXTRA_CPU_PRESENT);
	g_autofree gchar *text = NULL;
	g_autoptr(GArray) cpus = NULL;
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_tr181_system_read_optional(filename, &text, error))
		return FALSE;
	if (text == NULL) {
		/* no sysfs (a container): what the C library counts */
		cpus = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint i = 0; i < g_get_num_processors(); i++)
			g_array_append_val(cpus, i);
	} else {
		cpus = cwmp_tr181_device_info_extra_parse_cpu_list(text, &error_local);
		if (cpus == NULL) {
			g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s: %s",
				    filename, error_local->message);
			return FALSE;
		}
	}
	for (guint i = 0; i < cpus->len; i++) {
		g_autofree gchar *key = g_strdup_printf("cpu%u", g_array_index(cpus, guint, i));
		cwmp_dm_instance_list_add(list, key, NULL, NULL);
	}
	return TRUE;
}

static gchar *
cwmp_tr181_device_info_extra_get_architecture(CwmpDmObject *object,
					      const gchar  *name,
					      gpointer	    user_data,
					      GError	  **error)
{
	struct utsname uts;
	const gchar   *value;

	if (uname(&uts) != 0) {
		gint errsv = errno;
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "uname: %s",
			    g_strerror(errsv));
		return NULL;
	}
	value = cwmp_tr181_device_info_extra_architecture(uts.machine);
	/* the enumeration is closed but old: a newer machine is named as the kernel does */
	return g_strdup(value != NULL ? value : uts.machine);
}

/* --- FirstUseDate ----------------------------------------------------------- */

static gchar *
cwmp_tr181_device_info_extra_first_use_filename(CwmpTr181Plugin *self)
{
	const gchar	 *directory;
	g_autofree gchar *basename = NULL;

	if (self->ctx == NULL ||
	    (directory = cwmp_plugin_context_get_state_directory(self->ctx)) == NULL)
		return NULL;
	basename =
	    g_strdup_printf("%s-first-use-date.state", cwmp_plugin_context_get_name(self->ctx));
	return g_build_filename(directory, basename, NULL);
}

/* the recorded date, or NULL when there is none (yet) */
static gchar *
cwmp_tr181_device_info_extra_read_first_use(const gchar *filename, GError **error)
{
	g_autofree gchar *text = NULL;
	g_autoptr(GDateTime) when = NULL;
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_tr181_system_read_optional(filename, &text, error))
		return NULL;
	if (text == NULL)
		return NULL;
	g_strstrip(text);
	when = cwmp_value_parse_date_time(text, &error_local);
	if (when == NULL) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "%s is damaged: %s",
			    filename, error_local->message);
		return NULL;
	}
	return cwmp_value_format_date_time(when);
}

/* records now as the first use, once, when the clock can be trusted */
static gboolean
cwmp_tr181_device_info_extra_ensure_first_use(CwmpTr181Plugin *self, GError **error)
{
	g_autofree gchar *filename = cwmp_tr181_device_info_extra_first_use_filename(self);
	g_autofree gchar *dirname = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *line = NULL;
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autoptr(GError) error_local = NULL;

	if (filename == NULL || g_file_test(filename, G_FILE_TEST_EXISTS))
		return TRUE;
	if (g_date_time_get_year(now) < CWMP_TR181_DEVICE_INFO_EXTRA_MIN_YEAR)
		return TRUE;
	dirname = g_path_get_dirname(filename);
	if (g_mkdir_with_parents(dirname, 0700) != 0) {
		gint errsv = errno;
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "failed to create %s: %s",
			    dirname, g_strerror(errsv));
		return FALSE;
	}
	/* whole seconds: it is what the wire carries and what the next run reads */
	text = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	line = g_strconcat(text, "\n", NULL);
	if (!g_file_set_contents_full(filename, line, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
				      &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR,
			    "failed to record the first use: %s", error_local->message);
		return FALSE;
	}
	return TRUE;
}

static gchar *
cwmp_tr181_device_info_extra_get_first_use_date(CwmpDmObject *object,
						const gchar  *name,
						gpointer      user_data,
						GError	    **error)
{
	CwmpTr181Plugin	 *self = user_data;
	g_autofree gchar *filename = cwmp_tr181_device_info_extra_first_use_filename(self);
	g_autoptr(GError) error_local = NULL;
	gchar *value;

	if (filename == NULL)
		return g_strdup(CWMP_TR181_DEVICE_INFO_EXTRA_UNKNOWN_TIME);
	/* the clock may have been set since start */
	if (!cwmp_tr181_device_info_extra_ensure_first_use(self, &error_local))
		g_warning("FirstUseDate: %s", error_local->message);
	value = cwmp_tr181_device_info_extra_read_first_use(filename, error);
	if (value == NULL && (error == NULL || *error == NULL))
		return g_strdup(CWMP_TR181_DEVICE_INFO_EXTRA_UNKNOWN_TIME);
	return value;
}

static gboolean
cwmp_tr181_device_info_extra_start(CwmpTr181Plugin *self, GError **error)
{
	g_autoptr(GError) error_local = NULL;

	/* not fatal: a read-only state directory only loses the date */
	if (!cwmp_tr181_device_info_extra_ensure_first_use(self, &error_local))
		g_warning("FirstUseDate: %s", error_local->message);
	return TRUE;
}

/* --- registration ----------------------------------------------------------- */

static const CwmpDmParamDef cwmp_tr181_device_info_extra_params[] = {
    {.name = "FirstUseDate", .get = cwmp_tr181_device_info_extra_get_first_use_date},
    {.name = NULL},
};

static const CwmpDmParamDef cwmp_tr181_device_info_extra_processor_params[] = {
    {.name = "Architecture", .get = cwmp_tr181_device_info_extra_get_architecture},
    {.name = NULL},
};

static const CwmpDmObjectDef cwmp_tr181_device_info_extra_object = {
    .path = "Device.DeviceInfo.",
    .params = cwmp_tr181_device_info_extra_params,
};

static const CwmpDmObjectDef cwmp_tr181_device_info_extra_processor_object = {
    .path = "Device.DeviceInfo.Processor.{i}.",
    .params = cwmp_tr181_device_info_extra_processor_params,
    .enumerate = cwmp_tr181_device_info_extra_enumerate_processor,
};

static const CwmpDmObjectDef *const cwmp_tr181_device_info_extra_objects[] = {
    &cwmp_tr181_device_info_extra_object,
    &cwmp_tr181_device_info_extra_processor_object,
    NULL,
};

const CwmpTr181Module cwmp_tr181_device_info_extra_module = {
    .name = "device_info_extra",
    .objects = cwmp_tr181_device_info_extra_objects,
    .start = cwmp_tr181_device_info_extra_start,
};
