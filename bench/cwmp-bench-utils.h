/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* what the benchmarks share: a 10,000-parameter vendor table and statistics */

#pragma once

#include <glib.h>

#include "cwmp-dm.h"

G_BEGIN_DECLS

/* Device.X_000000_Bench.Item.{i}.: this many instances of this many stored
 * string parameters, Value0 to Value9 */
#define CWMP_BENCH_UTILS_INSTANCES 1000
#define CWMP_BENCH_UTILS_PARAMS	   10

/* registers Device.X_000000_Bench. and its Item table on @dm, as owner
 * "bench"; a failure ends the benchmark */
void
cwmp_bench_utils_register(CwmpDm *dm);

/* adds the instances to the frozen @dm, each with its parameters set to
 * "value-<instance>-<parameter>" in one transaction; a failure ends the
 * benchmark. Returns the bytes of the values set, with their NULs */
gsize
cwmp_bench_utils_fill(CwmpDm *dm);

/* sorts the @n_values values and returns the median */
double
cwmp_bench_utils_median(double *values, guint n_values);

G_END_DECLS
