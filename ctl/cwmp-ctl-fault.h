/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the prefix of the D-Bus error names that carry a CWMP fault */
#define CWMP_CTL_FAULT_DBUS_PREFIX "org.cwmpd.Agent1.Error.Fault."

gboolean
cwmp_ctl_fault_from_dbus_error(const GError *error, gint *code, gchar **name, gchar **message);

G_END_DECLS
