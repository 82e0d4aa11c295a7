/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cwmp-bench-utils.h"
#include "cwmp-dm-txn.h"

static const CwmpDmParamDef cwmp_bench_utils_params[] = {
#define CWMP_BENCH_UTILS_PARAM(n)                                                                  \
	{                                                                                          \
		.name = "Value" #n, .flags = CWMP_DM_PARAM_FLAG_STORED, .type = CWMP_TYPE_STRING,  \
		.access = CWMP_ACCESS_READ_WRITE                                                   \
	}
    CWMP_BENCH_UTILS_PARAM(0),
    CWMP_BENCH_UTILS_PARAM(1),
    CWMP_BENCH_UTILS_PARAM(2),
    CWMP_BENCH_UTILS_PARAM(3),
    CWMP_BENCH_UTILS_PARAM(4),
    CWMP_BENCH_UTILS_PARAM(5),
    CWMP_BENCH_UTILS_PARAM(6),
    CWMP_BENCH_UTILS_PARAM(7),
    CWMP_BENCH_UTILS_PARAM(8),
    CWMP_BENCH_UTILS_PARAM(9),
    {.name = NULL},
#undef CWMP_BENCH_UTILS_PARAM
};
G_STATIC_ASSERT(G_N_ELEMENTS(cwmp_bench_utils_params) == CWMP_BENCH_UTILS_PARAMS + 1);

static const CwmpDmObjectDef cwmp_bench_utils_table = {
    .path = "Device.X_000000_Bench.Item.{i}.",
    .params = cwmp_bench_utils_params,
    .flags = CWMP_DM_OBJECT_FLAG_STORED,
    .access = CWMP_ACCESS_READ_WRITE,
};
static const CwmpDmObjectDef cwmp_bench_utils_root = {
    .path = "Device.X_000000_Bench.",
    .access = CWMP_ACCESS_READ_ONLY,
};

void
cwmp_bench_utils_register(CwmpDm *dm)
{
	g_autoptr(GError) error = NULL;
	CwmpDmRegistry *registry = cwmp_dm_registry_new(dm, "bench");

	if (!cwmp_dm_registry_add_object(registry, &cwmp_bench_utils_root, NULL, &error) ||
	    !cwmp_dm_registry_add_object(registry, &cwmp_bench_utils_table, NULL, &error))
		g_error("register: %s", error->message);
	cwmp_dm_registry_free(registry);
}

gsize
cwmp_bench_utils_fill(CwmpDm *dm)
{
	g_autoptr(GError) error = NULL;
	gsize value_bytes = 0;

	for (guint i = 1; i <= CWMP_BENCH_UTILS_INSTANCES; i++) {
		g_autoptr(CwmpDmTxn) txn = NULL;
		guint32 n = 0;
		if (!cwmp_dm_add_object(dm, "Device.X_000000_Bench.Item.", &n, &error))
			g_error("add: %s", error->message);
		txn = cwmp_dm_txn_new(dm);
		for (guint p = 0; p < CWMP_BENCH_UTILS_PARAMS; p++) {
			g_autofree gchar *path =
			    g_strdup_printf("Device.X_000000_Bench.Item.%u.Value%u", n, p);
			g_autofree gchar *value = g_strdup_printf("value-%u-%u", n, p);
			value_bytes += strlen(value) + 1;
			cwmp_dm_txn_set(txn, path, value, CWMP_TYPE_STRING);
		}
		if (!cwmp_dm_txn_commit(txn, &error))
			g_error("commit: %s", error->message);
	}
	return value_bytes;
}

static int
cwmp_bench_utils_cmp_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;
	return (x > y) - (x < y);
}

double
cwmp_bench_utils_median(double *values, guint n_values)
{
	qsort(values, n_values, sizeof(double), cwmp_bench_utils_cmp_double);
	return values[n_values / 2];
}
