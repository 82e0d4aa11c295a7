/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-dm-private.h"

/* what an enumerate callback fills */

void
cwmp_dm_instance_list_add(CwmpDmInstanceList *list,
			  const gchar	     *key,
			  gpointer	      data,
			  GDestroyNotify      destroy)
{
	CwmpDmInstanceEntry entry = {g_strdup(key), data, destroy};
	g_return_if_fail(list != NULL);
	g_return_if_fail(key != NULL);
	g_array_append_val(list->entries, entry);
}

void
cwmp_dm_instance_list_clear(CwmpDmInstanceList *list)
{
	for (guint i = 0; i < list->entries->len; i++) {
		CwmpDmInstanceEntry *entry = &g_array_index(list->entries, CwmpDmInstanceEntry, i);
		g_free(entry->key);
		if (entry->destroy != NULL && entry->data != NULL)
			entry->destroy(entry->data);
	}
	g_array_set_size(list->entries, 0);
}
