/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cwmp-error.h"
#include "cwmp-store.h"

/*
 * File format, version 1 (all text, LF line ends):
 *
 *   CWMPD-STATE 1 <kind>
 *   <tag>[<TAB><field>]...      one line per record, at most 4 fields
 *   END <record-count> <crc32>
 *
 * A field is escaped: backslash, TAB, LF and CR become \\ \t \n \r, every
 * other byte below 0x20 and 0x7f becomes \xHH; other bytes are copied as they
 * are. The CRC-32 (zlib polynomial, 8 lower-case hex digits) covers every byte
 * before the END line, the header included. Every record is checked before
 * the first one is handed to the reader, so the owner never sees half a file.
 */

#define CWMP_STORE_MAGIC	  "CWMPD-STATE"
#define CWMP_STORE_FORMAT_VERSION 1
#define CWMP_STORE_FLUSH_SIZE	  (64 * 1024)

struct _CwmpStore {
	GObject parent_instance;
	gchar  *directory;
	gchar  *name;
	gchar  *kind;
	gchar  *filename;
};

struct _CwmpStoreWriter {
	CwmpStore *store;
	gchar	  *tmp_name;
	gint	   fd;
	GString	  *buffer;
	guint32	   crc;
	guint64	   n_records;
	gboolean   failed;
	gboolean   committed;
};

G_DEFINE_TYPE(CwmpStore, cwmp_store, G_TYPE_OBJECT)

/* --- crc-32 -------------------------------------------------------------- */

static const guint32 *
cwmp_store_crc32_table(void)
{
	static guint32 table[256];
	static gsize   initialized = 0;

	if (g_once_init_enter(&initialized)) {
		for (guint32 i = 0; i < 256; i++) {
			guint32 c = i;
			for (guint k = 0; k < 8; k++)
				c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		g_once_init_leave(&initialized, 1);
	}
	return table;
}

/* running form: start with 0, feed chunks, the result is the zlib crc32() */
static guint32
cwmp_store_crc32_update(guint32 crc, const guint8 *data, gsize len)
{
	const guint32 *table = cwmp_store_crc32_table();

	crc = ~crc;
	for (gsize i = 0; i < len; i++)
		crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* --- errors -------------------------------------------------------------- */

static void
cwmp_store_set_error_errno(GError **error, gint errsv, const gchar *what, const gchar *filename)
{
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO, "failed to %s %s: %s", what, filename,
		    g_strerror(errsv));
}

static gboolean
cwmp_store_fsync_directory(const gchar *directory, GError **error)
{
	gint fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		cwmp_store_set_error_errno(error, errno, "open directory", directory);
		return FALSE;
	}
	if (fsync(fd) < 0 && errno != EINVAL) {
		gint errsv = errno;
		close(fd);
		cwmp_store_set_error_errno(error, errsv, "sync directory", directory);
		return FALSE;
	}
	close(fd);
	return TRUE;
}

/* --- object -------------------------------------------------------------- */

static void
cwmp_store_finalize(GObject *object)
{
	CwmpStore *self = CWMP_STORE(object);

	g_free(self->directory);
	g_free(self->name);
	g_free(self->kind);
	g_free(self->filename);
	G_OBJECT_CLASS(cwmp_store_parent_class)->finalize(object);
}

static void
cwmp_store_class_init(CwmpStoreClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->finalize = cwmp_store_finalize;
}

static void
cwmp_store_init(CwmpStore *self)
{
}

static gboolean
cwmp_store_kind_is_valid(const gchar *kind)
{
	if (kind == NULL || kind[0] == '\0')
		return FALSE;
	for (const gchar *p = kind; *p != '\0'; p++) {
		if (!g_ascii_isgraph(*p))
			return FALSE;
	}
	return TRUE;
}

/**
 * cwmp_store_new:
 * @directory: the state directory, created on the first write if missing
 * @name: the file name inside @directory
 * @kind: what the file holds, e.g. "dm"; printable ASCII without spaces
 *
 * Returns: (transfer full): a new #CwmpStore for "@directory/@name"
 */
CwmpStore *
cwmp_store_new(const gchar *directory, const gchar *name, const gchar *kind)
{
	CwmpStore *self;

	g_return_val_if_fail(directory != NULL && directory[0] != '\0', NULL);
	g_return_val_if_fail(name != NULL && name[0] != '\0' && strchr(name, '/') == NULL, NULL);
	g_return_val_if_fail(cwmp_store_kind_is_valid(kind), NULL);

	self = g_object_new(CWMP_TYPE_STORE, NULL);
	self->directory = g_strdup(directory);
	self->name = g_strdup(name);
	self->kind = g_strdup(kind);
	self->filename = g_build_filename(directory, name, NULL);
	return self;
}

const gchar *
cwmp_store_get_filename(CwmpStore *self)
{
	g_return_val_if_fail(CWMP_IS_STORE(self), NULL);
	return self->filename;
}

gboolean
cwmp_store_exists(CwmpStore *self)
{
	g_return_val_if_fail(CWMP_IS_STORE(self), FALSE);
	return g_file_test(self->filename, G_FILE_TEST_EXISTS);
}

/* --- reading ------------------------------------------------------------- */

static void G_GNUC_PRINTF(4, 5)
    cwmp_store_set_corrupt(GError **error, CwmpStore *self, guint line, const gchar *format, ...)
{
	va_list		  args;
	g_autofree gchar *msg = NULL;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "%s:%u: %s", self->filename, line, msg);
}

/* strict decimal: digits only, no sign, no leading zero */
static gboolean
cwmp_store_parse_decimal(const gchar *str, gsize len, guint64 *value)
{
	guint64 v = 0;

	if (len == 0 || len > 19 || (len > 1 && str[0] == '0'))
		return FALSE;
	for (gsize i = 0; i < len; i++) {
		if (!g_ascii_isdigit(str[i]))
			return FALSE;
		v = v * 10 + (guint64) (str[i] - '0');
	}
	*value = v;
	return TRUE;
}

static gboolean
cwmp_store_parse_header(CwmpStore *self, const gchar *line, gsize len, GError **error)
{
	const gchar *version_start;
	const gchar *space;
	guint64	     version = 0;
	gsize	     magic_len = strlen(CWMP_STORE_MAGIC " ");

	if (len < magic_len || memcmp(line, CWMP_STORE_MAGIC " ", magic_len) != 0) {
		cwmp_store_set_corrupt(error, self, 1, "not a cwmpd state file");
		return FALSE;
	}
	version_start = line + magic_len;
	space = memchr(version_start, ' ', len - magic_len);
	if (space == NULL ||
	    !cwmp_store_parse_decimal(version_start, space - version_start, &version)) {
		cwmp_store_set_corrupt(error, self, 1, "bad header");
		return FALSE;
	}
	if (version != CWMP_STORE_FORMAT_VERSION) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_VERSION,
			    "%s:1: format version %" G_GUINT64_FORMAT " is not supported, "
			    "this cwmpd reads version %d",
			    self->filename, version, CWMP_STORE_FORMAT_VERSION);
		return FALSE;
	}
	if ((gsize) (line + len - (space + 1)) != strlen(self->kind) ||
	    memcmp(space + 1, self->kind, strlen(self->kind)) != 0) {
		g_autofree gchar *found = g_strndup(space + 1, line + len - (space + 1));
		g_autofree gchar *found_safe = g_strescape(found, NULL);
		cwmp_store_set_corrupt(error, self, 1, "holds \"%s\" records, expected \"%s\"",
				       found_safe, self->kind);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_store_parse_end(CwmpStore	 *self,
		     const gchar *line,
		     gsize	  len,
		     guint	  line_nr,
		     guint64	 *count,
		     guint32	 *crc,
		     GError	**error)
{
	const gchar *space;
	guint32	     value = 0;

	if (len < 4 || memcmp(line, "END ", 4) != 0) {
		cwmp_store_set_corrupt(error, self, line_nr, "end line missing, file is truncated");
		return FALSE;
	}
	space = memchr(line + 4, ' ', len - 4);
	if (space == NULL || !cwmp_store_parse_decimal(line + 4, space - (line + 4), count) ||
	    line + len - (space + 1) != 8) {
		cwmp_store_set_corrupt(error, self, line_nr, "malformed end line");
		return FALSE;
	}
	for (const gchar *p = space + 1; p < line + len; p++) {
		gint digit = g_ascii_xdigit_value(*p);
		if (digit < 0 || g_ascii_isupper(*p)) {
			cwmp_store_set_corrupt(error, self, line_nr, "malformed end line");
			return FALSE;
		}
		value = (value << 4) | (guint32) digit;
	}
	*crc = value;
	return TRUE;
}

/*
 * checks one record line; with @record it also unescapes the fields in place
 * (never longer than the escaped text) and fills @record
 */
static gboolean
cwmp_store_parse_record(CwmpStore	*self,
			gchar		*line,
			gsize		 len,
			guint		 line_nr,
			CwmpStoreRecord *record,
			GError	       **error)
{
	guint n_fields = 0;
	gsize i = 1;

	if (len == 0 || !g_ascii_isgraph(line[0])) {
		cwmp_store_set_corrupt(error, self, line_nr, "record without tag");
		return FALSE;
	}
	if (len > 1 && line[1] != '\t') {
		cwmp_store_set_corrupt(error, self, line_nr, "record tag is not one character");
		return FALSE;
	}
	if (record != NULL) {
		record->tag = line[0];
		record->n_fields = 0;
	}
	while (i < len) {
		/* line[i] is the TAB before a field */
		gsize  out = i + 1;
		gchar *field = line + out;

		if (n_fields == CWMP_STORE_MAX_FIELDS) {
			cwmp_store_set_corrupt(error, self, line_nr, "more than %d fields",
					       CWMP_STORE_MAX_FIELDS);
			return FALSE;
		}
		for (i = i + 1; i < len && line[i] != '\t'; i++) {
			guchar c = (guchar) line[i];
			if (c < 0x20 || c == 0x7f) {
				cwmp_store_set_corrupt(error, self, line_nr,
						       "unescaped control character 0x%02x", c);
				return FALSE;
			}
			if (c == '\\') {
				if (i + 1 >= len) {
					cwmp_store_set_corrupt(error, self, line_nr,
							       "backslash at end of field");
					return FALSE;
				}
				i++;
				switch (line[i]) {
				case '\\':
					c = '\\';
					break;
				case 't':
					c = '\t';
					break;
				case 'n':
					c = '\n';
					break;
				case 'r':
					c = '\r';
					break;
				case 'x': {
					gint hi = i + 2 < len ? g_ascii_xdigit_value(line[i + 1])
							      : -1;
					gint lo = i + 2 < len ? g_ascii_xdigit_value(line[i + 2])
							      : -1;
					if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
						cwmp_store_set_corrupt(error, self, line_nr,
								       "bad \\x escape");
						return FALSE;
					}
					c = (guchar) ((hi << 4) | lo);
					i += 2;
					break;
				}
				default:
					cwmp_store_set_corrupt(
					    error, self, line_nr, "bad escape sequence \\%c",
					    g_ascii_isprint(line[i]) ? line[i] : '?');
					return FALSE;
				}
			}
			if (record != NULL)
				line[out] = (gchar) c;
			out++;
		}
		if (record != NULL) {
			/* the terminator lands on or before the next TAB or the LF */
			line[out] = '\0';
			record->fields[n_fields] = field;
		}
		n_fields++;
	}
	if (record != NULL) {
		record->n_fields = n_fields;
		for (guint j = n_fields; j < CWMP_STORE_MAX_FIELDS; j++)
			record->fields[j] = NULL;
	}
	return TRUE;
}

/**
 * cwmp_store_read:
 * @self: a #CwmpStore
 * @func: called once per record, in file order
 * @user_data: passed to @func
 * @error: a #GError, or %NULL
 *
 * Checks the whole file (header, end line, record count, CRC-32, escapes),
 * then hands the records to @func. A missing file is no error: nothing is
 * called and %TRUE is returned.
 *
 * Returns: %FALSE with CWMP_ERROR_CORRUPT, CWMP_ERROR_VERSION, CWMP_ERROR_IO
 * or the error of @func
 */
gboolean
cwmp_store_read(CwmpStore *self, CwmpStoreReadFunc func, gpointer user_data, GError **error)
{
	g_autofree gchar *contents = NULL;
	g_autoptr(GError) error_local = NULL;
	gsize	length = 0;
	gchar  *header_end;
	gchar  *end_line;
	gchar  *p;
	guint64 end_count = 0;
	guint32 end_crc = 0;
	guint32 crc;
	guint64 n_records = 0;
	guint	line_nr;

	g_return_val_if_fail(CWMP_IS_STORE(self), FALSE);
	g_return_val_if_fail(func != NULL, FALSE);

	if (!g_file_get_contents(self->filename, &contents, &length, &error_local)) {
		if (g_error_matches(error_local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			return TRUE;
		/* GLib's message names the file already */
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_IO, error_local->message);
		return FALSE;
	}
	if (length == 0) {
		cwmp_store_set_corrupt(error, self, 1, "empty file");
		return FALSE;
	}
	header_end = memchr(contents, '\n', length);
	if (header_end == NULL) {
		cwmp_store_set_corrupt(error, self, 1, "truncated header");
		return FALSE;
	}
	if (!cwmp_store_parse_header(self, contents, header_end - contents, error))
		return FALSE;

	/* the end line is the last line, and must be complete */
	for (p = header_end + 1; p < contents + length; p++) {
		if (*p == '\n')
			n_records++;
	}
	if (contents[length - 1] != '\n') {
		cwmp_store_set_corrupt(error, self, (guint) n_records + 2,
				       "last line incomplete, file is truncated");
		return FALSE;
	}
	if (n_records == 0) {
		cwmp_store_set_corrupt(error, self, 2, "end line missing, file is truncated");
		return FALSE;
	}
	n_records--;
	if (n_records > G_MAXUINT - 2) {
		cwmp_store_set_corrupt(error, self, 1, "too many lines");
		return FALSE;
	}
	end_line = contents + length - 1;
	while (end_line[-1] != '\n')
		end_line--;
	line_nr = (guint) n_records + 2;
	if (!cwmp_store_parse_end(self, end_line, contents + length - 1 - end_line, line_nr,
				  &end_count, &end_crc, error))
		return FALSE;
	if (end_count != n_records) {
		cwmp_store_set_corrupt(error, self, line_nr,
				       "end line counts %" G_GUINT64_FORMAT " records, the file "
				       "holds "
				       "%" G_GUINT64_FORMAT,
				       end_count, n_records);
		return FALSE;
	}
	crc = cwmp_store_crc32_update(0, (const guint8 *) contents, end_line - contents);
	if (crc != end_crc) {
		cwmp_store_set_corrupt(error, self, line_nr,
				       "checksum mismatch (computed %08x, end line says %08x)", crc,
				       end_crc);
		return FALSE;
	}

	/* check every record first so the reader never gets half a file */
	line_nr = 2;
	for (p = header_end + 1; p < end_line; line_nr++) {
		gchar *eol = memchr(p, '\n', end_line - p);
		if (!cwmp_store_parse_record(self, p, eol - p, line_nr, NULL, error))
			return FALSE;
		p = eol + 1;
	}

	line_nr = 2;
	for (p = header_end + 1; p < end_line; line_nr++) {
		gchar	       *eol = memchr(p, '\n', end_line - p);
		CwmpStoreRecord record = {0};

		if (!cwmp_store_parse_record(self, p, eol - p, line_nr, &record, error))
			return FALSE;
		if (!func(&record, user_data, &error_local)) {
			if (error_local == NULL) {
				g_set_error(error, CWMP_ERROR, CWMP_ERROR_INTERNAL,
					    "%s:%u: record refused", self->filename, line_nr);
				return FALSE;
			}
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
						   "%s:%u: ", self->filename, line_nr);
			return FALSE;
		}
		p = eol + 1;
	}
	return TRUE;
}

/**
 * cwmp_store_quarantine:
 * @self: a #CwmpStore
 * @new_name: (out) (optional) (transfer full): the name the file now has
 * @error: a #GError, or %NULL
 *
 * Renames the file to "<file>.corrupt-<UTC timestamp>" (with a number added if
 * that exists already), so a damaged file is kept for inspection while the
 * daemon starts afresh.
 *
 * Returns: %TRUE if the file was renamed
 */
gboolean
cwmp_store_quarantine(CwmpStore *self, gchar **new_name, GError **error)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree gchar *stamp = g_date_time_format(now, "%Y%m%dT%H%M%SZ");
	g_autofree gchar *target = NULL;

	g_return_val_if_fail(CWMP_IS_STORE(self), FALSE);

	if (!g_file_test(self->filename, G_FILE_TEST_EXISTS)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND,
			    "cannot quarantine %s: No such file", self->filename);
		return FALSE;
	}
	target = g_strdup_printf("%s.corrupt-%s", self->filename, stamp);
	/* never overwrite an earlier piece of evidence */
	for (guint i = 1; g_file_test(target, G_FILE_TEST_EXISTS); i++) {
		g_free(target);
		target = g_strdup_printf("%s.corrupt-%s-%u", self->filename, stamp, i);
	}
	if (g_rename(self->filename, target) < 0) {
		cwmp_store_set_error_errno(error, errno, "quarantine", self->filename);
		return FALSE;
	}
	if (!cwmp_store_fsync_directory(self->directory, error))
		return FALSE;
	if (new_name != NULL)
		*new_name = g_steal_pointer(&target);
	return TRUE;
}

/* --- writing ------------------------------------------------------------- */

static void
cwmp_store_writer_discard(CwmpStoreWriter *writer)
{
	if (writer->fd >= 0) {
		close(writer->fd);
		writer->fd = -1;
	}
	if (writer->tmp_name != NULL) {
		g_unlink(writer->tmp_name);
		g_clear_pointer(&writer->tmp_name, g_free);
	}
}

static gboolean
cwmp_store_writer_fail(CwmpStoreWriter *writer, gint errsv, const gchar *what, GError **error)
{
	cwmp_store_set_error_errno(error, errsv, what, writer->tmp_name);
	writer->failed = TRUE;
	cwmp_store_writer_discard(writer);
	return FALSE;
}

static gboolean
cwmp_store_writer_check(CwmpStoreWriter *writer, GError **error)
{
	if (writer->failed) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_IO, "an earlier write to %s failed",
			    writer->store->filename);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_store_writer_write_all(CwmpStoreWriter *writer, const gchar *data, gsize len, GError **error)
{
	while (len > 0) {
		gssize n = write(writer->fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return cwmp_store_writer_fail(writer, errno, "write", error);
		}
		data += n;
		len -= (gsize) n;
	}
	return TRUE;
}

static gboolean
cwmp_store_writer_flush(CwmpStoreWriter *writer, GError **error)
{
	writer->crc = cwmp_store_crc32_update(writer->crc, (const guint8 *) writer->buffer->str,
					      writer->buffer->len);
	if (!cwmp_store_writer_write_all(writer, writer->buffer->str, writer->buffer->len, error))
		return FALSE;
	g_string_truncate(writer->buffer, 0);
	return TRUE;
}

/**
 * cwmp_store_writer_new:
 * @self: a #CwmpStore
 * @error: a #GError, or %NULL
 *
 * Starts a new version of the file in a temporary file next to it. The old
 * file is replaced only by cwmp_store_writer_commit(); freeing the writer
 * without a commit removes the temporary file.
 *
 * Returns: (transfer full): a writer, or %NULL with CWMP_ERROR_IO
 */
CwmpStoreWriter *
cwmp_store_writer_new(CwmpStore *self, GError **error)
{
	CwmpStoreWriter	 *writer;
	g_autofree gchar *tmp_name = NULL;
	gint		  fd;

	g_return_val_if_fail(CWMP_IS_STORE(self), NULL);

	if (g_mkdir_with_parents(self->directory, 0700) < 0) {
		cwmp_store_set_error_errno(error, errno, "create directory", self->directory);
		return NULL;
	}
	tmp_name = g_strdup_printf("%s.tmp-XXXXXX", self->filename);
	fd = g_mkstemp_full(tmp_name, O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		cwmp_store_set_error_errno(error, errno, "create", tmp_name);
		return NULL;
	}
	writer = g_new0(CwmpStoreWriter, 1);
	writer->store = g_object_ref(self);
	writer->tmp_name = g_steal_pointer(&tmp_name);
	writer->fd = fd;
	writer->buffer = g_string_sized_new(CWMP_STORE_FLUSH_SIZE + 1024);
	g_string_append_printf(writer->buffer, CWMP_STORE_MAGIC " %d %s\n",
			       CWMP_STORE_FORMAT_VERSION, self->kind);
	return writer;
}

static void
cwmp_store_writer_append_escaped(GString *buffer, const gchar *field)
{
	const gchar *run = field;
	const gchar *p;

	for (p = field; *p != '\0'; p++) {
		guchar c = (guchar) *p;
		if (c >= 0x20 && c != 0x7f && c != '\\')
			continue;
		g_string_append_len(buffer, run, p - run);
		switch (c) {
		case '\\':
			g_string_append_len(buffer, "\\\\", 2);
			break;
		case '\t':
			g_string_append_len(buffer, "\\t", 2);
			break;
		case '\n':
			g_string_append_len(buffer, "\\n", 2);
			break;
		case '\r':
			g_string_append_len(buffer, "\\r", 2);
			break;
		default:
			g_string_append_printf(buffer, "\\x%02x", c);
			break;
		}
		run = p + 1;
	}
	g_string_append_len(buffer, run, p - run);
}

/**
 * cwmp_store_writer_add:
 * @writer: a #CwmpStoreWriter
 * @tag: the record type, a printable ASCII character other than space
 * @n_fields: the number of fields, at most %CWMP_STORE_MAX_FIELDS
 * @fields: (array length=n_fields): the fields, any text without NUL
 * @error: a #GError, or %NULL
 *
 * Returns: %FALSE with CWMP_ERROR_IO if writing failed; the writer is then
 * unusable and its temporary file is gone
 */
gboolean
cwmp_store_writer_add(CwmpStoreWriter	 *writer,
		      gchar		  tag,
		      guint		  n_fields,
		      const gchar *const *fields,
		      GError		**error)
{
	g_return_val_if_fail(writer != NULL, FALSE);
	g_return_val_if_fail(!writer->committed, FALSE);
	g_return_val_if_fail(g_ascii_isgraph(tag), FALSE);
	g_return_val_if_fail(n_fields <= CWMP_STORE_MAX_FIELDS, FALSE);
	g_return_val_if_fail(n_fields == 0 || fields != NULL, FALSE);
	for (guint i = 0; i < n_fields; i++)
		g_return_val_if_fail(fields[i] != NULL, FALSE);

	if (!cwmp_store_writer_check(writer, error))
		return FALSE;
	g_string_append_c(writer->buffer, tag);
	for (guint i = 0; i < n_fields; i++) {
		g_string_append_c(writer->buffer, '\t');
		cwmp_store_writer_append_escaped(writer->buffer, fields[i]);
	}
	g_string_append_c(writer->buffer, '\n');
	writer->n_records++;
	if (writer->buffer->len >= CWMP_STORE_FLUSH_SIZE)
		return cwmp_store_writer_flush(writer, error);
	return TRUE;
}

gboolean
cwmp_store_writer_add1(CwmpStoreWriter *writer, gchar tag, const gchar *f0, GError **error)
{
	const gchar *fields[] = {f0};
	return cwmp_store_writer_add(writer, tag, G_N_ELEMENTS(fields), fields, error);
}

gboolean
cwmp_store_writer_add2(CwmpStoreWriter *writer,
		       gchar		tag,
		       const gchar     *f0,
		       const gchar     *f1,
		       GError	      **error)
{
	const gchar *fields[] = {f0, f1};
	return cwmp_store_writer_add(writer, tag, G_N_ELEMENTS(fields), fields, error);
}

gboolean
cwmp_store_writer_add3(CwmpStoreWriter *writer,
		       gchar		tag,
		       const gchar     *f0,
		       const gchar     *f1,
		       const gchar     *f2,
		       GError	      **error)
{
	const gchar *fields[] = {f0, f1, f2};
	return cwmp_store_writer_add(writer, tag, G_N_ELEMENTS(fields), fields, error);
}

/**
 * cwmp_store_writer_commit:
 * @writer: a #CwmpStoreWriter
 * @error: a #GError, or %NULL
 *
 * Writes the end line, syncs the temporary file, renames it over the store
 * file and syncs the directory. Only when this returns %TRUE is the new
 * content on disk. On a failure before the rename the old file is untouched
 * and the temporary file is removed; if only the final directory sync fails
 * the new file is in place but may not survive a power cut, and %FALSE is
 * returned all the same.
 *
 * Returns: %TRUE on success, %FALSE with CWMP_ERROR_IO
 */
gboolean
cwmp_store_writer_commit(CwmpStoreWriter *writer, GError **error)
{
	g_return_val_if_fail(writer != NULL, FALSE);
	g_return_val_if_fail(!writer->committed, FALSE);

	if (!cwmp_store_writer_check(writer, error))
		return FALSE;
	if (!cwmp_store_writer_flush(writer, error))
		return FALSE;
	/* the end line is not part of the checksum: no flush for it */
	g_string_printf(writer->buffer, "END %" G_GUINT64_FORMAT " %08x\n", writer->n_records,
			writer->crc);
	if (!cwmp_store_writer_write_all(writer, writer->buffer->str, writer->buffer->len, error))
		return FALSE;
	g_string_truncate(writer->buffer, 0);
	if (fsync(writer->fd) < 0)
		return cwmp_store_writer_fail(writer, errno, "sync", error);
	if (close(writer->fd) < 0) {
		writer->fd = -1;
		return cwmp_store_writer_fail(writer, errno, "close", error);
	}
	writer->fd = -1;
	if (g_rename(writer->tmp_name, writer->store->filename) < 0)
		return cwmp_store_writer_fail(writer, errno, "rename", error);
	g_clear_pointer(&writer->tmp_name, g_free);
	writer->committed = TRUE;
	return cwmp_store_fsync_directory(writer->store->directory, error);
}

/**
 * cwmp_store_writer_free:
 * @writer: (nullable): a #CwmpStoreWriter
 *
 * Frees the writer; if it was not committed its temporary file is removed and
 * the store file keeps its old content.
 */
void
cwmp_store_writer_free(CwmpStoreWriter *writer)
{
	if (writer == NULL)
		return;
	cwmp_store_writer_discard(writer);
	g_string_free(writer->buffer, TRUE);
	g_object_unref(writer->store);
	g_free(writer);
}
