/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Device.DeviceInfo. processors and FirstUseDate, with the plugin in a data
 * model against the running system (no root needed), restarted on the same
 * state directory.
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "cwmp-tr181-private.h"
#include "cwmp-tr181-test-netns.h"

static void
cwmp_tr181_device_info_extra_test_architecture_func(void)
{
	const struct {
		const gchar *machine;
		const gchar *value;
	} cases[] = {
	    {"x86_64", "x86_64"}, {"i686", "i386"},	  {"i386", "i386"},
	    {"aarch64", "arm"},	  {"armv7l", "arm"},	  {"mips", "mipseb"},
	    {"mipsel", "mipsel"}, {"mips64el", "mipsel"}, {"ppc64le", "powerpc"},
	    {"m68k", "m68k"},	  {"sh4", "sh3el"},	  {"sh4eb", "sh3eb"},
	    {"riscv64", NULL},	  {"s390x", NULL},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpstr(cwmp_tr181_device_info_extra_architecture(cases[i].machine), ==,
				cases[i].value);
}

/* the CPUs the kernel lists as present, counted independently */
static guint
cwmp_tr181_device_info_extra_test_count_cpus(void)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) ranges = NULL;
	guint n = 0;

	if (!g_file_get_contents("/sys/devices/system/cpu/present", &text, NULL, NULL))
		return g_get_num_processors();
	ranges = g_strsplit(g_strstrip(text), ",", -1);
	for (guint i = 0; ranges[i] != NULL; i++) {
		const gchar *dash = strchr(ranges[i], '-');
		guint	     first = (guint) g_ascii_strtoull(ranges[i], NULL, 10);
		guint last = dash != NULL ? (guint) g_ascii_strtoull(dash + 1, NULL, 10) : first;
		n += last - first + 1;
	}
	return n;
}

static void
cwmp_tr181_device_info_extra_test_processor_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autoptr(GPtrArray) processors = NULL;
	g_autofree gchar *count = NULL;
	struct utsname	  uts;
	const gchar	 *expected;

	g_assert_cmpint(uname(&uts), ==, 0);
	expected = cwmp_tr181_device_info_extra_architecture(uts.machine);
	cwmp_tr181_test_agent_start(&agent, NULL);
	processors = cwmp_tr181_test_agent_list_instances(&agent, "Device.DeviceInfo.Processor.");
	g_assert_cmpuint(processors->len, ==, cwmp_tr181_device_info_extra_test_count_cpus());
	count = g_strdup_printf("%u", processors->len);
	cwmp_tr181_test_agent_assert_value(&agent, "Device.DeviceInfo.ProcessorNumberOfEntries",
					   count);
	for (guint i = 0; i < processors->len; i++) {
		g_autofree gchar *path =
		    g_strconcat(g_ptr_array_index(processors, i), "Architecture", NULL);
		cwmp_tr181_test_agent_assert_value(&agent, path,
						   expected != NULL ? expected : uts.machine);
	}
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

static void
cwmp_tr181_device_info_extra_test_first_use_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autofree gchar  *directory = g_dir_make_tmp("cwmp-tr181-first-use-XXXXXX", NULL);
	g_autofree gchar  *filename =
	    g_build_filename(directory, "tr181-first-use-date.state", NULL);
	g_autofree gchar *first = NULL;
	g_autofree gchar *again = NULL;
	g_autofree gchar *stored = NULL;
	g_autoptr(GDateTime) when = NULL;
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autoptr(GError) error = NULL;

	cwmp_tr181_test_agent_start(&agent, directory);
	first = cwmp_tr181_test_agent_get(&agent, "Device.DeviceInfo.FirstUseDate");
	when = cwmp_value_parse_date_time(first, &error);
	g_assert_no_error(error);
	/* this run is the first: the date is now (the test clock is set) */
	g_assert_cmpint(g_date_time_get_year(now), >=, 2020);
	g_assert_cmpint(g_date_time_to_unix(when), <=, g_date_time_to_unix(now) + 1);
	g_assert_cmpint(g_date_time_to_unix(when), >=, g_date_time_to_unix(now) - 60);
	g_assert_true(g_file_get_contents(filename, &stored, NULL, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(g_strstrip(stored), ==, first);
	cwmp_tr181_test_agent_stop(&agent, FALSE);

	/* a restart keeps it */
	cwmp_tr181_test_agent_start(&agent, directory);
	again = cwmp_tr181_test_agent_get(&agent, "Device.DeviceInfo.FirstUseDate");
	g_assert_cmpstr(again, ==, first);
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

static void
cwmp_tr181_device_info_extra_test_first_use_damaged_func(void)
{
	CwmpTr181TestAgent agent = {NULL};
	g_autofree gchar  *directory = g_dir_make_tmp("cwmp-tr181-first-use-XXXXXX", NULL);
	g_autofree gchar  *filename =
	    g_build_filename(directory, "tr181-first-use-date.state", NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *value = NULL;

	/* a damaged record is reported, not replaced by a new date */
	g_assert_true(g_file_set_contents(filename, "yesterday\n", -1, &error));
	cwmp_tr181_test_agent_start(&agent, directory);
	value = cwmp_dm_get_value(agent.dm, "Device.DeviceInfo.FirstUseDate", &error);
	g_assert_null(value);
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR);
	g_assert_nonnull(strstr(error->message, "damaged"));
	cwmp_tr181_test_agent_stop(&agent, TRUE);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/tr181/device-info-extra/architecture",
			cwmp_tr181_device_info_extra_test_architecture_func);
	g_test_add_func("/cwmp/tr181/device-info-extra/processor",
			cwmp_tr181_device_info_extra_test_processor_func);
	g_test_add_func("/cwmp/tr181/device-info-extra/first-use",
			cwmp_tr181_device_info_extra_test_first_use_func);
	g_test_add_func("/cwmp/tr181/device-info-extra/first-use-damaged",
			cwmp_tr181_device_info_extra_test_first_use_damaged_func);
	return g_test_run();
}
