/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* the one header a plugin includes: the cwmpd plugin SDK */

#pragma once

#include "cwmp-dm-txn.h"
#include "cwmp-dm.h"
#include "cwmp-error.h"
#include "cwmp-path.h"
#include "cwmp-plugin-desc.h"
#include "cwmp-schema.h"
#include "cwmp-value.h"
