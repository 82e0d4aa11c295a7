/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * CwmpStore is one versioned record file in the state directory. A file is a
 * list of records, each a one-character tag and up to four text fields. It is
 * written whole and atomically (temporary file, fsync, rename, fsync of the
 * directory); a truncated or damaged file is detected by its end line (record
 * count and CRC-32) and reported as CWMP_ERROR_CORRUPT, never silently reset.
 * The store holds no copy of the records: the owner streams them in and out.
 */

#define CWMP_TYPE_STORE (cwmp_store_get_type())
G_DECLARE_FINAL_TYPE(CwmpStore, cwmp_store, CWMP, STORE, GObject)

#define CWMP_STORE_MAX_FIELDS 4

typedef struct {
	gchar	     tag;
	guint	     n_fields;
	const gchar *fields[CWMP_STORE_MAX_FIELDS];
} CwmpStoreRecord;

typedef gboolean (*CwmpStoreReadFunc)(const CwmpStoreRecord *record,
				      gpointer		     user_data,
				      GError		   **error);

typedef struct _CwmpStoreWriter CwmpStoreWriter;

CwmpStore *
cwmp_store_new(const gchar *directory, const gchar *name, const gchar *kind);
const gchar *
cwmp_store_get_filename(CwmpStore *self);
gboolean
cwmp_store_exists(CwmpStore *self);
gboolean
cwmp_store_read(CwmpStore *self, CwmpStoreReadFunc func, gpointer user_data, GError **error);
gboolean
cwmp_store_quarantine(CwmpStore *self, gchar **new_name, GError **error);

CwmpStoreWriter *
cwmp_store_writer_new(CwmpStore *self, GError **error);
gboolean
cwmp_store_writer_add(CwmpStoreWriter	 *writer,
		      gchar		  tag,
		      guint		  n_fields,
		      const gchar *const *fields,
		      GError		**error);
gboolean
cwmp_store_writer_add1(CwmpStoreWriter *writer, gchar tag, const gchar *f0, GError **error);
gboolean
cwmp_store_writer_add2(CwmpStoreWriter *writer,
		       gchar		tag,
		       const gchar     *f0,
		       const gchar     *f1,
		       GError	      **error);
gboolean
cwmp_store_writer_add3(CwmpStoreWriter *writer,
		       gchar		tag,
		       const gchar     *f0,
		       const gchar     *f1,
		       const gchar     *f2,
		       GError	      **error);
gboolean
cwmp_store_writer_commit(CwmpStoreWriter *writer, GError **error);
void
cwmp_store_writer_free(CwmpStoreWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CwmpStoreWriter, cwmp_store_writer_free)

G_END_DECLS
