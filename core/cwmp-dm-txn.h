/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include "cwmp-dm.h"

G_BEGIN_DECLS

/* transactions for SetParameterValues: nothing changes unless commit succeeds */
#define CWMP_TYPE_DM_TXN (cwmp_dm_txn_get_type())
G_DECLARE_FINAL_TYPE(CwmpDmTxn, cwmp_dm_txn, CWMP, DM_TXN, GObject)

CwmpDmTxn *
cwmp_dm_txn_new(CwmpDm *dm);
gboolean
cwmp_dm_txn_set(CwmpDmTxn *self, const gchar *path, const gchar *value, CwmpType declared_type);
void
cwmp_dm_txn_set_local(CwmpDmTxn *self, gboolean local);
gboolean
cwmp_dm_txn_commit(CwmpDmTxn *self, GError **error);
GPtrArray *
cwmp_dm_txn_get_faults(CwmpDmTxn *self);

G_END_DECLS
