/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/* SKELETON: to be written (issue 7); registers nothing yet */

#include "config.h"

#include "cwmp-tr143-private.h"

const CwmpTr143Module cwmp_tr143_nslookup_module = {
    .name = "nslookup",
};
