/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* a descriptor without the one required callback */

#include "config.h"

#include "cwmpd-plugin.h"

CWMP_PLUGIN_DEFINE(noregister, .version = "1.0", .description = "loader test: no register_dm")
