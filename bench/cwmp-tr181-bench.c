/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * GetParameterValues "Device." through the tr181 plugin on a system with 200
 * interfaces and 2,000 neighbours, in a network namespace of its own (root
 * only; anything else prints why it skipped). Reports the median time of a
 * full read and the peak memory of the process.
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cwmp-agent.h"
#include "cwmp-config.h"
#include "cwmp-plugin-loader.h"

#define BENCH_INTERFACES 200
#define BENCH_NEIGHBOURS 2000
#define BENCH_RUNS	 11

static gint64
bench_status_kib(const gchar *field)
{
	g_autofree gchar *status = NULL;
	gchar		 *line;
	if (!g_file_get_contents("/proc/self/status", &status, NULL, NULL))
		return -1;
	line = strstr(status, field);
	if (line == NULL)
		return -1;
	return g_ascii_strtoll(line + strlen(field) + 1, NULL, 10);
}

static int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;
	return (x > y) - (x < y);
}

static void
bench_count_cb(const gchar *path, const gchar *value, CwmpType type, gpointer user_data)
{
	guint *count = user_data;
	(*count)++;
}

static gboolean
bench_build_namespace(GError **error)
{
	g_autoptr(GString) batch = g_string_new("link set lo up\n");
	g_autofree gchar *file = NULL;
	gint		  fd;
	gint		  status = 0;
	const gchar	 *argv[] = {"ip", "-batch", NULL, NULL};

	/* veth pairs: the dummy driver is not in every kernel */
	for (guint i = 0; i < BENCH_INTERFACES / 2; i++) {
		g_string_append_printf(batch, "link add bd%u type veth peer name bp%u\n", i, i);
		g_string_append_printf(batch, "link set bd%u up\n", i);
		g_string_append_printf(batch, "link set bp%u up\n", i);
		g_string_append_printf(batch, "addr add 10.%u.%u.1/24 dev bd%u\n", i / 250, i % 250,
				       i);
	}
	for (guint n = 0; n < BENCH_NEIGHBOURS; n++) {
		guint i = n % (BENCH_INTERFACES / 2);
		guint host = 2 + n / (BENCH_INTERFACES / 2);
		g_string_append_printf(batch,
				       "neigh add 10.%u.%u.%u lladdr 02:00:%02x:%02x:%02x:%02x "
				       "dev bd%u nud permanent\n",
				       i / 250, i % 250, host, (n >> 16) & 0xff, (n >> 8) & 0xff,
				       n & 0xff, host & 0xff, i);
	}
	fd = g_file_open_tmp("cwmp-bench-ip-XXXXXX", &file, error);
	if (fd < 0)
		return FALSE;
	close(fd);
	if (!g_file_set_contents(file, batch->str, batch->len, error))
		return FALSE;
	argv[2] = file;
	if (!g_spawn_sync(NULL, (gchar **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
			  &status, error))
		return FALSE;
	g_unlink(file);
	return g_spawn_check_wait_status(status, error);
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpConfig) config = cwmp_config_new();
	g_autoptr(CwmpAgent) agent = NULL;
	g_autofree gchar *dir = NULL;
	g_autofree gchar *conf = NULL;
	double		  ms[BENCH_RUNS];
	guint		  count = 0;
	gint64		  rss_before;

	/* a network namespace of our own, and a private /sys that shows its links */
	if (getuid() != 0 || unshare(CLONE_NEWNET | CLONE_NEWNS) != 0 ||
	    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
	    (umount2("/sys", MNT_DETACH) != 0 && errno != EINVAL) ||
	    mount("sysfs", "/sys", "sysfs", 0, NULL) != 0) {
		printf("tr181: skipped: needs root to make a private network namespace (%s)\n",
		       g_strerror(errno));
		return 0;
	}
	if (!bench_build_namespace(&error)) {
		printf("tr181: skipped: cannot build the namespace with ip(8): %s\n",
		       error->message);
		return 0;
	}
	dir = g_dir_make_tmp("cwmp-tr181-bench-XXXXXX", &error);
	conf = g_strdup_printf("[state]\ndirectory=%s\n", dir);
	if (!cwmp_config_load_data(config, "bench.conf", conf, &error))
		g_error("config: %s", error->message);
	rss_before = bench_status_kib("VmRSS:");
	agent = cwmp_agent_new(config);
	cwmp_plugin_loader_set_directory(cwmp_agent_get_plugin_loader(agent), CWMP_BENCH_TR181_DIR,
					 FALSE);
	if (!cwmp_agent_start(agent, &error))
		g_error("start: %s", error->message);
	for (guint r = 0; r < BENCH_RUNS; r++) {
		gint64 t0 = g_get_monotonic_time();
		count = 0;
		if (!cwmp_dm_get_values_foreach(cwmp_agent_get_dm(agent), "Device.", bench_count_cb,
						&count, &error))
			g_error("GetParameterValues: %s", error->message);
		ms[r] = (double) (g_get_monotonic_time() - t0) / 1000.0;
	}
	qsort(ms, BENCH_RUNS, sizeof(double), bench_cmp_double);
	printf("tr181: %u interfaces, %u neighbours: GetParameterValues Device. -> %u values; "
	       "median %.1f ms over %u runs (first run %s)\n",
	       BENCH_INTERFACES, BENCH_NEIGHBOURS, count, ms[BENCH_RUNS / 2], BENCH_RUNS,
	       "included");
	printf("tr181: memory: RSS %" G_GINT64_FORMAT " KiB before the agent, peak (VmHWM) "
	       "%" G_GINT64_FORMAT " KiB after %u full "
	       "reads\n",
	       rss_before, bench_status_kib("VmHWM:"), BENCH_RUNS);
	cwmp_agent_stop(agent);
	g_clear_object(&agent);
	{
		g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
		const gchar *name;
		while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
			g_autofree gchar *path = g_build_filename(dir, name, NULL);
			g_unlink(path);
		}
		g_rmdir(dir);
	}
	return 0;
}
