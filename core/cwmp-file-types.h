/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include "cwmp-config.h"
#include "cwmp-host.h"

G_BEGIN_DECLS

/*
 * The core's default file-type handlers, each claimed only when configured:
 * "1 Firmware Upgrade Image" runs [hooks] firmware-upgrade with the file,
 * "6 Stored Firmware Image" runs [hooks] firmware-store, "3 Vendor
 * Configuration File" replaces [transfers] config-file (and uploads it as "1
 * Vendor Configuration File"), "2 Vendor Log File" uploads [transfers]
 * log-file. A plugin that claims one of these types first keeps it.
 */

typedef struct _CwmpFileTypes CwmpFileTypes;

CwmpFileTypes *
cwmp_file_types_new(CwmpConfig *config);
void
cwmp_file_types_free(CwmpFileTypes *self);
guint
cwmp_file_types_register(CwmpFileTypes *self, CwmpHost *host);
void
cwmp_file_types_unregister(CwmpFileTypes *self, CwmpHost *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpFileTypes, cwmp_file_types_free)

G_END_DECLS
