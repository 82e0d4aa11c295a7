/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * Data-model benchmarks for issue 2's targets: schema ready time, reads per
 * second over a 10,000-parameter store-backed tree, a 100-parameter
 * SetParameterValues transaction, and memory per stored parameter. Prints
 * medians of repeated runs; it asserts nothing about time (shared machines
 * are noisy), BENCHMARKS.md records the figures.
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>

#include "cwmp-bench-utils.h"
#include "cwmp-dm-txn.h"
#include "cwmp-dm.h"
#include "cwmp-schema.h"
#include "cwmp-store.h"
#include "cwmp-test-utils.h"

#define BENCH_READ_RUNS	  31
#define BENCH_SPV_RUNS	  31
#define BENCH_SCHEMA_RUNS 101

static void
bench_count_cb(const gchar *path, const gchar *value, CwmpType type, gpointer user_data)
{
	guint64 *count = user_data;
	/* touch the data like a serializer would */
	*count += (guint64) (path[0] + value[0] != 0);
}

static gsize
bench_heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpDm) dm = NULL;
	g_autoptr(CwmpStore) store = NULL;
	g_autofree gchar *dir = NULL;
	const gchar *tmp_base = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : NULL;
	const CwmpSchema *schema;
	double		  schema_us[BENCH_SCHEMA_RUNS];
	double		  read_rate[BENCH_READ_RUNS];
	double		  spv_ms[BENCH_SPV_RUNS];
	gsize		  heap_before, heap_after, value_bytes;
	guint64		  count = 0;

	/* schema: ready means the first lookup answers; then a full sweep */
	{
		gint64 t0 = g_get_monotonic_time();
		schema = cwmp_schema_get_default();
		g_assert_nonnull(cwmp_schema_lookup_param(schema, "Device.DeviceInfo.UpTime"));
		schema_us[0] = (double) (g_get_monotonic_time() - t0);
		printf("schema: first lookup ready after %.1f us (cold, in-process)\n",
		       schema_us[0]);
		for (guint r = 0; r < BENCH_SCHEMA_RUNS; r++) {
			guint n = cwmp_schema_get_n_params(schema);
			t0 = g_get_monotonic_time();
			for (guint i = 0; i < n; i++) {
				const CwmpSchemaParam *p = cwmp_schema_get_param(schema, i);
				if (cwmp_schema_lookup_param(schema, p->path) != p)
					g_error("lookup of %s failed", p->path);
			}
			schema_us[r] = (double) (g_get_monotonic_time() - t0) / n;
		}
		printf("schema: %u objects, %u parameters; lookup by path median %.3f us\n",
		       cwmp_schema_get_n_objects(schema), cwmp_schema_get_n_params(schema),
		       cwmp_bench_utils_median(schema_us, BENCH_SCHEMA_RUNS));
	}

	/* a store-backed tree of 10,000 parameters */
	dir = g_dir_make_tmp("cwmp-bench-XXXXXX", &error);
	if (tmp_base != NULL) {
		g_free(dir);
		dir = g_build_filename(tmp_base, "cwmp-bench-XXXXXX", NULL);
		if (g_mkdtemp(dir) == NULL)
			g_error("mkdtemp %s failed", dir);
	}
	printf("state directory: %s\n", dir);
	heap_before = bench_heap_in_use();
	dm = cwmp_dm_new(schema);
	store = cwmp_store_new(dir, "dm.state", "dm");
	cwmp_dm_set_store(dm, store);
	cwmp_bench_utils_register(dm);
	if (!cwmp_dm_freeze(dm, &error))
		g_error("freeze: %s", error->message);
	value_bytes = cwmp_bench_utils_fill(dm);
	heap_after = bench_heap_in_use();
	{
		/* vendor tables have no Alias: exactly the registered parameters */
		guint stored = CWMP_BENCH_UTILS_INSTANCES * CWMP_BENCH_UTILS_PARAMS;
		printf("memory: %zu bytes of heap for %u stored parameters whose values are %zu "
		       "bytes; overhead %.1f bytes per stored parameter (includes the tree, "
		       "instance objects and malloc headers)\n",
		       heap_after - heap_before, stored, value_bytes,
		       (double) (heap_after - heap_before - value_bytes) / stored);
	}

	for (guint r = 0; r < BENCH_READ_RUNS; r++) {
		gint64	t0 = g_get_monotonic_time();
		guint64 before = count;
		if (!cwmp_dm_get_values_foreach(dm, "Device.X_000000_Bench.", bench_count_cb,
						&count, &error))
			g_error("get: %s", error->message);
		read_rate[r] =
		    (double) (count - before) * 1e6 / (double) MAX(g_get_monotonic_time() - t0, 1);
	}
	printf("read: GetParameterValues Device.X_000000_Bench. -> %" G_GUINT64_FORMAT
	       " values per run; median %.2f million parameters/s over %u runs\n",
	       count / BENCH_READ_RUNS, cwmp_bench_utils_median(read_rate, BENCH_READ_RUNS) / 1e6,
	       BENCH_READ_RUNS);

	for (guint r = 0; r < BENCH_SPV_RUNS; r++) {
		g_autoptr(CwmpDmTxn) txn = cwmp_dm_txn_new(dm);
		gint64 t0 = g_get_monotonic_time();
		for (guint i = 0; i < 100; i++) {
			g_autofree gchar *path =
			    g_strdup_printf("Device.X_000000_Bench.Item.%u.Value%u",
					    1 + (i / CWMP_BENCH_UTILS_PARAMS) + 10 * (r % 50),
					    i % CWMP_BENCH_UTILS_PARAMS);
			g_autofree gchar *value = g_strdup_printf("run-%u-%u", r, i);
			if (!cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_STRING))
				g_error("set %s refused", path);
		}
		if (!cwmp_dm_txn_commit(txn, &error))
			g_error("commit: %s", error->message);
		spv_ms[r] = (double) (g_get_monotonic_time() - t0) / 1000.0;
	}
	printf("spv: 100-parameter transaction incl. the atomic save of a %u-parameter state "
	       "file: median %.2f ms over %u runs\n",
	       CWMP_BENCH_UTILS_INSTANCES * CWMP_BENCH_UTILS_PARAMS,
	       cwmp_bench_utils_median(spv_ms, BENCH_SPV_RUNS), BENCH_SPV_RUNS);

	g_clear_object(&dm);
	g_clear_object(&store);
	cwmp_test_utils_rm_rf(dir, NULL);
	return 0;
}
