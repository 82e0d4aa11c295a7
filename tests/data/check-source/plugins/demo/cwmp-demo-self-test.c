/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* test programs are exempt from the prefix rule, not from the others */

#include "config.h"

#include <glib.h>

void
demo_test_helper(void)
{
	g_assert_true(TRUE); // BAD: line comment
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	return g_test_run();
}
