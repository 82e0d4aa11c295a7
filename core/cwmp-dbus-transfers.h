/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <gio/gio.h>

#include "cwmp-transfer-queue.h"

G_BEGIN_DECLS

/*
 * CwmpDbusTransfers mirrors the transfer queue on D-Bus: one
 * org.cwmpd.Transfer1 object per transfer under
 * /org/cwmpd/Agent1/Transfers/<id>, in the agent's object manager, kept up to
 * date from the queue's "changed" and "progress" signals.
 */

#define CWMP_TYPE_DBUS_TRANSFERS (cwmp_dbus_transfers_get_type())
G_DECLARE_FINAL_TYPE(CwmpDbusTransfers, cwmp_dbus_transfers, CWMP, DBUS_TRANSFERS, GObject)

CwmpDbusTransfers *
cwmp_dbus_transfers_new(GDBusObjectManagerServer *manager, CwmpTransferQueue *queue);
gchar *
cwmp_dbus_transfers_object_path(guint64 id);
gchar *
cwmp_dbus_transfers_strip_url(const gchar *url);

G_END_DECLS
