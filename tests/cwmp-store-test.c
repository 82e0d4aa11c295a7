/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

/* unshare() and CLONE_NEWNS */
#define _GNU_SOURCE

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cwmp-error.h"
#include "cwmp-store.h"

/* every record read, as a GStrv: the tag as a one-character string, then the fields */
static gboolean
cwmp_store_test_collect_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	GPtrArray *records = user_data;
	gchar	 **strv = g_new0(gchar *, record->n_fields + 2);

	g_assert_cmpuint(record->n_fields, <=, CWMP_STORE_MAX_FIELDS);
	strv[0] = g_strdup_printf("%c", record->tag);
	for (guint i = 0; i < record->n_fields; i++)
		strv[i + 1] = g_strdup(record->fields[i]);
	for (guint i = record->n_fields; i < CWMP_STORE_MAX_FIELDS; i++)
		g_assert_null(record->fields[i]);
	g_ptr_array_add(records, strv);
	return TRUE;
}

static GPtrArray *
cwmp_store_test_records_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
}

static gchar *
cwmp_store_test_mkdtemp(void)
{
	g_autoptr(GError) error = NULL;
	gchar *dir = g_dir_make_tmp("cwmp-store-test-XXXXXX", &error);
	g_assert_no_error(error);
	return dir;
}

static void
cwmp_store_test_rmtree(const gchar *path)
{
	g_autoptr(GDir) dir = NULL;
	const gchar *name;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR) || g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		g_unlink(path);
		return;
	}
	dir = g_dir_open(path, 0, NULL);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *child = g_build_filename(path, name, NULL);
		cwmp_store_test_rmtree(child);
	}
	g_rmdir(path);
}

static gint
cwmp_store_test_compare_names(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *) a, *(const gchar *const *) b);
}

/* the names in @path, sorted, joined with spaces */
static gchar *
cwmp_store_test_list_dir(const gchar *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, cwmp_store_test_compare_names);
	g_ptr_array_add(names, NULL);
	return g_strjoinv(" ", (gchar **) names->pdata);
}

static gchar *
cwmp_store_test_data_path(const gchar *name)
{
	return g_test_build_filename(G_TEST_DIST, "data", "store", name, NULL);
}

static void
cwmp_store_test_write_raw(const gchar *filename, const gchar *data, gsize len)
{
	g_autoptr(GError) error = NULL;
	/* no fsync: this is a test, and hundreds of syncs are slow */
	g_file_set_contents_full(filename, data, len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
	g_assert_no_error(error);
}

static void
cwmp_store_test_write_records(CwmpStore *store, GPtrArray *records)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(store, &error);

	g_assert_no_error(error);
	g_assert_nonnull(writer);
	for (guint i = 0; i < records->len; i++) {
		gchar **strv = g_ptr_array_index(records, i);
		guint	n_fields = g_strv_length(strv) - 1;
		g_assert_true(cwmp_store_writer_add(writer, strv[0][0], n_fields,
						    (const gchar *const *) strv + 1, &error));
		g_assert_no_error(error);
	}
	g_assert_true(cwmp_store_writer_commit(writer, &error));
	g_assert_no_error(error);
}

static void
cwmp_store_test_assert_records_equal(GPtrArray *expected, GPtrArray *actual)
{
	g_assert_cmpuint(expected->len, ==, actual->len);
	for (guint i = 0; i < expected->len; i++) {
		g_assert_true(
		    g_strv_equal(g_ptr_array_index(expected, i), g_ptr_array_index(actual, i)));
	}
}

static void
cwmp_store_test_add(GPtrArray *records, const gchar *tag, ...)
{
	GStrvBuilder *builder = g_strv_builder_new();
	va_list	      args;
	const gchar  *field;

	g_strv_builder_add(builder, tag);
	va_start(args, tag);
	while ((field = va_arg(args, const gchar *)) != NULL)
		g_strv_builder_add(builder, field);
	va_end(args);
	g_ptr_array_add(records, g_strv_builder_end(builder));
	g_strv_builder_unref(builder);
}

/* the records of tests/data/store/golden.state, written there by an independent encoder */
static GPtrArray *
cwmp_store_test_golden_records(void)
{
	GPtrArray *records = cwmp_store_test_records_new();

	cwmp_store_test_add(records, "A", NULL);
	cwmp_store_test_add(records, "B", "one", NULL);
	cwmp_store_test_add(records, "C", "tab\there", "new\nline", "back\\slash", NULL);
	cwmp_store_test_add(records, "D", "", "", "", "", NULL);
	cwmp_store_test_add(records, "E", "caf\xc3\xa9", "\x01\x7f\r\x1b", NULL);
	cwmp_store_test_add(records, "Z", "", NULL);
	return records;
}

static void
cwmp_store_test_golden(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *golden_path = cwmp_store_test_data_path("golden.state");
	g_autofree gchar *golden_dir = g_path_get_dirname(golden_path);
	g_autofree gchar *golden = NULL;
	g_autofree gchar *written = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(GPtrArray) expected = cwmp_store_test_golden_records();
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autoptr(CwmpStore) reader = cwmp_store_new(golden_dir, "golden.state", "test");
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "golden.state", "test");

	/* reading a file made elsewhere (python's zlib.crc32) */
	g_assert_true(cwmp_store_read(reader, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	cwmp_store_test_assert_records_equal(expected, actual);

	/* and writing produces exactly the same bytes */
	cwmp_store_test_write_records(store, expected);
	g_file_get_contents(golden_path, &golden, NULL, &error);
	g_assert_no_error(error);
	g_file_get_contents(cwmp_store_get_filename(store), &written, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(written, ==, golden);
	cwmp_store_test_rmtree(tmpdir);
}

static void
cwmp_store_test_round_trip(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autofree gchar *statedir = g_build_filename(tmpdir, "a", "b", NULL);
	g_autoptr(CwmpStore) store = cwmp_store_new(statedir, "dm.state", "dm");
	g_autoptr(GPtrArray) records = cwmp_store_test_records_new();
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autofree gchar *all_bytes = g_malloc(256);
	g_autofree gchar *listing = NULL;
	GStatBuf	  st = {0};

	/* every byte but NUL, in one field */
	for (guint i = 1; i < 256; i++)
		all_bytes[i - 1] = (gchar) i;
	all_bytes[255] = '\0';

	cwmp_store_test_add(records, "V", "Device.DeviceInfo.ProvisioningCode", "abc", NULL);
	cwmp_store_test_add(records, "V", "\t", "\n", "\r", "\\", NULL);
	cwmp_store_test_add(records, "V", "\\t\\n\\x41", "a\tb\tc", "\t\t", "end\\", NULL);
	cwmp_store_test_add(records, "U", "h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac \xf0\x9f\x98\x80",
			    NULL);
	cwmp_store_test_add(records, "E", "", "", "", "", NULL);
	cwmp_store_test_add(records, "E", "", NULL);
	cwmp_store_test_add(records, "T", NULL);
	cwmp_store_test_add(records, "B", all_bytes, "\x7f\x1f\x01", "\x80\xff", NULL);
	cwmp_store_test_add(records, "~", "END 1 00000000", NULL);
	cwmp_store_test_add(records, "E", "ND", NULL);
	cwmp_store_test_add(records, "\\", "CWMPD-STATE 1 dm", NULL);

	g_assert_false(cwmp_store_exists(store));
	cwmp_store_test_write_records(store, records);
	g_assert_true(cwmp_store_exists(store));
	g_assert_cmpint(g_stat(statedir, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0700);
	g_assert_cmpint(g_stat(cwmp_store_get_filename(store), &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	cwmp_store_test_assert_records_equal(records, actual);

	/* a second write replaces the whole file and leaves nothing else behind */
	g_ptr_array_set_size(records, 2);
	cwmp_store_test_write_records(store, records);
	g_ptr_array_set_size(actual, 0);
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	cwmp_store_test_assert_records_equal(records, actual);
	listing = cwmp_store_test_list_dir(statedir);
	g_assert_cmpstr(listing, ==, "dm.state");

	/* no records at all is a valid file, different from no file */
	g_ptr_array_set_size(records, 0);
	cwmp_store_test_write_records(store, records);
	g_ptr_array_set_size(actual, 0);
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(actual->len, ==, 0);
	g_assert_true(cwmp_store_exists(store));
	cwmp_store_test_rmtree(tmpdir);
}

typedef struct {
	guint	 n_records;
	gboolean ok;
} CwmpStoreTestLarge;

static gboolean
cwmp_store_test_large_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	CwmpStoreTestLarge *helper = user_data;
	g_autofree gchar   *path = g_strdup_printf("Device.X.%u.Name", helper->n_records);
	g_autofree gchar   *value = g_strdup_printf("value\t%u\n", helper->n_records * 7);

	if (record->tag != 'V' || record->n_fields != 3 ||
	    g_strcmp0(record->fields[0], path) != 0 || g_strcmp0(record->fields[1], value) != 0 ||
	    g_strcmp0(record->fields[2], "") != 0)
		helper->ok = FALSE;
	helper->n_records++;
	return TRUE;
}

static void
cwmp_store_test_large(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "large.state", "dm");
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(store, &error);
	CwmpStoreTestLarge helper = {.ok = TRUE};
	const guint	   n_records = 100000;

	g_assert_no_error(error);
	for (guint i = 0; i < n_records; i++) {
		g_autofree gchar *path = g_strdup_printf("Device.X.%u.Name", i);
		g_autofree gchar *value = g_strdup_printf("value\t%u\n", i * 7);
		g_assert_true(cwmp_store_writer_add3(writer, 'V', path, value, "", &error));
	}
	g_assert_true(cwmp_store_writer_commit(writer, &error));
	g_assert_no_error(error);

	g_assert_true(cwmp_store_read(store, cwmp_store_test_large_cb, &helper, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(helper.n_records, ==, n_records);
	g_assert_true(helper.ok);
	cwmp_store_test_rmtree(tmpdir);
}

static void
cwmp_store_test_missing(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autofree gchar *nodir = g_build_filename(tmpdir, "nonexistent", NULL);
	g_autoptr(CwmpStore) store = cwmp_store_new(nodir, "missing.state", "dm");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autofree gchar *expected_name = g_build_filename(nodir, "missing.state", NULL);

	g_assert_cmpstr(cwmp_store_get_filename(store), ==, expected_name);
	g_assert_false(cwmp_store_exists(store));
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(actual->len, ==, 0);
	/* reading never creates anything */
	g_assert_false(g_file_test(nodir, G_FILE_TEST_EXISTS));
	cwmp_store_test_rmtree(tmpdir);
}

/* the golden file copied into a temporary store, to be damaged */
static gchar *
cwmp_store_test_golden_contents(gsize *length)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *golden_path = cwmp_store_test_data_path("golden.state");
	gchar		 *contents = NULL;

	g_file_get_contents(golden_path, &contents, length, &error);
	g_assert_no_error(error);
	return contents;
}

static void
cwmp_store_test_truncated(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "t.state", "test");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	gsize		  length = 0;
	g_autofree gchar *contents = cwmp_store_test_golden_contents(&length);

	for (gsize len = 0; len < length; len++) {
		g_autofree gchar *prefix = g_strdup_printf("%s:", cwmp_store_get_filename(store));

		cwmp_store_test_write_raw(cwmp_store_get_filename(store), contents, len);
		g_assert_false(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
		g_assert_true(g_str_has_prefix(error->message, prefix));
		/* nothing at all is handed out from a damaged file */
		g_assert_cmpuint(actual->len, ==, 0);
		g_clear_error(&error);
	}
	cwmp_store_test_write_raw(cwmp_store_get_filename(store), contents, length);
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(actual->len, ==, 6);
	cwmp_store_test_rmtree(tmpdir);
}

static void
cwmp_store_test_flipped(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "f.state", "test");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	gsize		  length = 0;
	g_autofree gchar *contents = cwmp_store_test_golden_contents(&length);
	const guint8	  masks[] = {0x01, 0x20, 0x80};
	gsize		  version_offset = strlen("CWMPD-STATE ");

	for (gsize offset = 0; offset < length; offset++) {
		for (guint m = 0; m < G_N_ELEMENTS(masks); m++) {
			contents[offset] ^= masks[m];
			cwmp_store_test_write_raw(cwmp_store_get_filename(store), contents, length);
			g_assert_false(
			    cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
			g_assert_nonnull(error);
			if (offset == version_offset && error->code == CWMP_ERROR_VERSION)
				g_assert_error(error, CWMP_ERROR, CWMP_ERROR_VERSION);
			else
				g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
			g_assert_cmpuint(actual->len, ==, 0);
			g_clear_error(&error);
			contents[offset] ^= masks[m];
		}
	}
	cwmp_store_test_rmtree(tmpdir);
}

static void
cwmp_store_test_wrong_kind(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *golden_path = cwmp_store_test_data_path("golden.state");
	g_autofree gchar *golden_dir = g_path_get_dirname(golden_path);
	g_autoptr(CwmpStore) store = cwmp_store_new(golden_dir, "golden.state", "dm");
	g_autoptr(CwmpStore) store2 = cwmp_store_new(golden_dir, "golden.state", "tes");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();

	g_assert_false(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	g_assert_true(g_str_has_suffix(error->message, "golden.state:1: holds \"test\" records, "
						       "expected \"dm\""));
	g_clear_error(&error);
	/* a prefix of the kind is not the kind */
	g_assert_false(cwmp_store_read(store2, cwmp_store_test_collect_cb, actual, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	g_assert_cmpuint(actual->len, ==, 0);
}

static void
cwmp_store_test_unknown_version(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = cwmp_store_test_data_path("version-2.state");
	g_autofree gchar *dir = g_path_get_dirname(path);
	g_autoptr(CwmpStore) store = cwmp_store_new(dir, "version-2.state", "test");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();

	g_assert_false(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_VERSION);
	g_assert_true(g_str_has_suffix(error->message, "version-2.state:1: format version 2 is not "
						       "supported, this cwmpd reads version 1"));
	g_assert_cmpuint(actual->len, ==, 0);
}

/* files with a valid end line and checksum, but a bad record */
static void
cwmp_store_test_bad_records(void)
{
	struct {
		const gchar *name;
		const gchar *message;
	} cases[] = {
	    {"bad-escape.state", ":3: bad escape sequence \\q"},
	    {"bad-hex-escape.state", ":3: bad \\x escape"},
	    {"nul-escape.state", ":3: bad \\x escape"},
	    {"trailing-backslash.state", ":3: backslash at end of field"},
	    {"no-tag.state", ":3: record without tag"},
	    {"empty-line.state", ":3: record without tag"},
	    {"long-tag.state", ":3: record tag is not one character"},
	    {"too-many-fields.state", ":3: more than 4 fields"},
	    {"control-char.state", ":3: unescaped control character 0x01"},
	    {"carriage-return.state", ":3: unescaped control character 0x0d"},
	    {"count-mismatch.state", ":3: end line counts 2 records, the file holds 1"},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *path = cwmp_store_test_data_path(cases[i].name);
		g_autofree gchar *dir = g_path_get_dirname(path);
		g_autoptr(CwmpStore) store = cwmp_store_new(dir, cases[i].name, "test");
		g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
		g_autofree gchar *expected = g_strconcat(path, cases[i].message, NULL);

		g_test_message("%s", cases[i].name);
		g_assert_false(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
		g_assert_cmpstr(error->message, ==, expected);
		/* the valid record before the bad one was not handed out either */
		g_assert_cmpuint(actual->len, ==, 0);
	}
}

static gboolean
cwmp_store_test_refuse_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	guint *count = user_data;

	if (record->tag == 'C') {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE,
			    "no C records here");
		return FALSE;
	}
	(*count)++;
	return TRUE;
}

static void
cwmp_store_test_callback_error(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = cwmp_store_test_data_path("golden.state");
	g_autofree gchar *dir = g_path_get_dirname(path);
	g_autoptr(CwmpStore) store = cwmp_store_new(dir, "golden.state", "test");
	g_autofree gchar *expected = g_strdup_printf("%s:4: no C records here", path);
	guint		  count = 0;

	g_assert_false(cwmp_store_read(store, cwmp_store_test_refuse_cb, &count, &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_PARAMETER_VALUE);
	g_assert_cmpstr(error->message, ==, expected);
	/* the read stopped at the refused record */
	g_assert_cmpuint(count, ==, 2);
}

static void
cwmp_store_test_writer_abandoned(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "a.state", "test");
	g_autoptr(GPtrArray) records = cwmp_store_test_golden_records();
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autofree gchar *listing = NULL;
	CwmpStoreWriter	 *writer;

	cwmp_store_test_write_records(store, records);

	writer = cwmp_store_writer_new(store, &error);
	g_assert_no_error(error);
	for (guint i = 0; i < 20000; i++)
		g_assert_true(cwmp_store_writer_add2(writer, 'X', "new", "content", &error));
	listing = cwmp_store_test_list_dir(tmpdir);
	g_assert_true(g_str_has_prefix(listing, "a.state a.state.tmp-"));
	g_clear_pointer(&listing, g_free);
	cwmp_store_writer_free(writer);

	listing = cwmp_store_test_list_dir(tmpdir);
	g_assert_cmpstr(listing, ==, "a.state");
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	cwmp_store_test_assert_records_equal(records, actual);

	/* an empty, abandoned first write leaves no file at all */
	g_unlink(cwmp_store_get_filename(store));
	writer = cwmp_store_writer_new(store, &error);
	g_assert_no_error(error);
	cwmp_store_writer_free(writer);
	g_clear_pointer(&listing, g_free);
	listing = cwmp_store_test_list_dir(tmpdir);
	g_assert_cmpstr(listing, ==, "");
	g_assert_false(cwmp_store_exists(store));
	cwmp_store_test_rmtree(tmpdir);
}

static void
cwmp_store_test_disk_full(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = NULL;
	g_autoptr(CwmpStore) store = NULL;
	g_autoptr(GPtrArray) records = cwmp_store_test_golden_records();
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autofree gchar *listing = NULL;
	g_autofree gchar *filler = g_strnfill(1000, 'x');
	CwmpStoreWriter	 *writer;
	gboolean	  ok = TRUE;

	if (getuid() != 0) {
		g_test_skip("needs root to mount a 64 KiB tmpfs");
		return;
	}
	/* a private mount namespace if we can have one, so nobody else sees the mount */
	if (unshare(CLONE_NEWNS) == 0)
		mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL);
	tmpdir = cwmp_store_test_mkdtemp();
	if (mount("tmpfs", tmpdir, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700") < 0) {
		g_autofree gchar *msg =
		    g_strdup_printf("cannot mount a tmpfs: %s", g_strerror(errno));
		g_test_skip(msg);
		g_rmdir(tmpdir);
		return;
	}
	store = cwmp_store_new(tmpdir, "full.state", "test");
	cwmp_store_test_write_records(store, records);

	/* about 1 MB into a 64 KiB file system */
	writer = cwmp_store_writer_new(store, &error);
	g_assert_no_error(error);
	for (guint i = 0; i < 1000 && ok; i++)
		ok = cwmp_store_writer_add2(writer, 'X', "filler", filler, &error);
	if (ok) {
		g_test_message("the writes fitted in memory, the commit must fail");
		ok = cwmp_store_writer_commit(writer, &error);
	} else {
		/* a failed writer stays failed */
		g_autoptr(GError) error2 = NULL;
		g_assert_false(cwmp_store_writer_commit(writer, &error2));
		g_assert_error(error2, CWMP_ERROR, CWMP_ERROR_IO);
	}
	g_assert_false(ok);
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_IO);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, g_strerror(ENOSPC)));
	g_clear_error(&error);

	/* the temporary file is gone even before the writer is freed */
	listing = cwmp_store_test_list_dir(tmpdir);
	g_assert_cmpstr(listing, ==, "full.state");
	cwmp_store_writer_free(writer);
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	cwmp_store_test_assert_records_equal(records, actual);

	/* and with room again the store works */
	g_ptr_array_set_size(records, 1);
	cwmp_store_test_write_records(store, records);

	g_assert_cmpint(umount2(tmpdir, MNT_DETACH), ==, 0);
	g_rmdir(tmpdir);
}

static void
cwmp_store_test_quarantine(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmpdir = cwmp_store_test_mkdtemp();
	g_autoptr(CwmpStore) store = cwmp_store_new(tmpdir, "q.state", "test");
	g_autoptr(GPtrArray) actual = cwmp_store_test_records_new();
	g_autofree gchar *new_name = NULL;
	g_autofree gchar *new_name2 = NULL;
	g_autofree gchar *prefix = g_strdup_printf("%s.corrupt-", cwmp_store_get_filename(store));
	g_autofree gchar *contents = NULL;
	const gchar	 *garbage = "CWMPD-STATE 1 test\nV\tx\n";

	/* nothing to quarantine */
	g_assert_false(cwmp_store_quarantine(store, &new_name, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND);
	g_assert_null(new_name);
	g_clear_error(&error);

	cwmp_store_test_write_raw(cwmp_store_get_filename(store), garbage, strlen(garbage));
	g_assert_false(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	g_clear_error(&error);

	g_assert_true(cwmp_store_quarantine(store, &new_name, &error));
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(new_name, prefix));
	/* <UTC timestamp>: 20260102T030405Z */
	g_assert_cmpuint(strlen(new_name), ==, strlen(prefix) + 16);
	g_assert_cmpint(new_name[strlen(new_name) - 1], ==, 'Z');
	g_assert_false(cwmp_store_exists(store));
	g_file_get_contents(new_name, &contents, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(contents, ==, garbage);

	/* the store starts afresh */
	g_assert_true(cwmp_store_read(store, cwmp_store_test_collect_cb, actual, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(actual->len, ==, 0);

	/* a second quarantine never overwrites the first one, even within a second */
	cwmp_store_test_write_raw(cwmp_store_get_filename(store), "x", 1);
	g_assert_true(cwmp_store_quarantine(store, &new_name2, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(new_name, !=, new_name2);
	g_assert_true(g_str_has_prefix(new_name2, prefix));
	g_assert_true(g_file_test(new_name, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(new_name2, G_FILE_TEST_EXISTS));
	cwmp_store_test_rmtree(tmpdir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/store/golden", cwmp_store_test_golden);
	g_test_add_func("/cwmp/store/round-trip", cwmp_store_test_round_trip);
	g_test_add_func("/cwmp/store/large", cwmp_store_test_large);
	g_test_add_func("/cwmp/store/missing", cwmp_store_test_missing);
	g_test_add_func("/cwmp/store/truncated", cwmp_store_test_truncated);
	g_test_add_func("/cwmp/store/flipped", cwmp_store_test_flipped);
	g_test_add_func("/cwmp/store/wrong-kind", cwmp_store_test_wrong_kind);
	g_test_add_func("/cwmp/store/unknown-version", cwmp_store_test_unknown_version);
	g_test_add_func("/cwmp/store/bad-records", cwmp_store_test_bad_records);
	g_test_add_func("/cwmp/store/callback-error", cwmp_store_test_callback_error);
	g_test_add_func("/cwmp/store/writer-abandoned", cwmp_store_test_writer_abandoned);
	g_test_add_func("/cwmp/store/disk-full", cwmp_store_test_disk_full);
	g_test_add_func("/cwmp/store/quarantine", cwmp_store_test_quarantine);
	return g_test_run();
}
