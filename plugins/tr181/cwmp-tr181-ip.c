/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmpd-plugin.h"

#include "cwmp-tr181-netlink.h"
#include "cwmp-tr181-private.h"

/* filled by issue 5: nothing registered yet */
const CwmpTr181Module cwmp_tr181_ip_module = {
    .name = "ip",
};
