/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cwmp-error.h"
#include "cwmp-event-queue.h"
#include "cwmp-store.h"
#include "cwmp-test-utils.h"

static gchar *
test_mkdtemp(void)
{
	return cwmp_test_utils_mkdtemp("cwmp-event-queue-test-XXXXXX");
}

static void
test_add(CwmpEventQueue *queue, const gchar *code, const gchar *command_key)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(cwmp_event_queue_add(queue, code, command_key, &error));
	g_assert_no_error(error);
}

/* "code/key" of every queued event, in order, joined with ";" */
static gchar *
test_describe(GPtrArray *events)
{
	g_autoptr(GString) out = g_string_new(NULL);
	for (guint i = 0; i < events->len; i++) {
		CwmpEvent *event = g_ptr_array_index(events, i);
		if (i > 0)
			g_string_append_c(out, ';');
		g_string_append(out, cwmp_event_get_code(event));
		if (cwmp_event_get_command_key(event)[0] != '\0')
			g_string_append_printf(out, "/%s", cwmp_event_get_command_key(event));
	}
	return g_string_free(g_steal_pointer(&out), FALSE);
}

static gchar *
test_describe_queue(CwmpEventQueue *queue)
{
	g_autoptr(GPtrArray) events = cwmp_event_queue_get_all(queue);
	return test_describe(events);
}

static gboolean
test_collect_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	GString *out = user_data;
	g_assert_cmpint(record->tag, ==, 'e');
	g_assert_cmpuint(record->n_fields, ==, 2);
	if (out->len > 0)
		g_string_append_c(out, ';');
	g_string_append(out, record->fields[0]);
	if (record->fields[1][0] != '\0')
		g_string_append_printf(out, "/%s", record->fields[1]);
	return TRUE;
}

/* what a second reader finds on disk, in the format of test_describe() */
static gchar *
test_describe_disk(const gchar *dir)
{
	g_autoptr(CwmpStore) store =
	    cwmp_store_new(dir, CWMP_EVENT_QUEUE_STORE_NAME, CWMP_EVENT_QUEUE_STORE_KIND);
	g_autoptr(GString) out = g_string_new(NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(cwmp_store_read(store, test_collect_cb, out, &error));
	g_assert_no_error(error);
	return g_string_free(g_steal_pointer(&out), FALSE);
}

typedef struct {
	const gchar *code;
	gboolean     multiple;
	gboolean     keep_on_failure;
	gboolean     keep_on_reboot;
	CwmpEventAck ack;
} TestRule;

/* the retention table of cwmp-event.c, restated independently */
static const TestRule test_rules[] = {
    {"0 BOOTSTRAP", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"1 BOOT", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"2 PERIODIC", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"3 SCHEDULED", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"4 VALUE CHANGE", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"5 KICKED", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"6 CONNECTION REQUEST", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"7 TRANSFER COMPLETE", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {"8 DIAGNOSTICS COMPLETE", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"9 REQUEST DOWNLOAD", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_REQUEST_DOWNLOAD},
    {"10 AUTONOMOUS TRANSFER COMPLETE", FALSE, TRUE, TRUE,
     CWMP_EVENT_ACK_AUTONOMOUS_TRANSFER_COMPLETE},
    {"11 DU STATE CHANGE COMPLETE", FALSE, TRUE, TRUE, CWMP_EVENT_ACK_DU_STATE_CHANGE_COMPLETE},
    {"12 AUTONOMOUS DU STATE CHANGE COMPLETE", FALSE, TRUE, TRUE,
     CWMP_EVENT_ACK_AUTONOMOUS_DU_STATE_CHANGE_COMPLETE},
    {"13 WAKEUP", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"14 HEARTBEAT", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
    {"M Reboot", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"M ScheduleInform", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"M Download", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {"M ScheduleDownload", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {"M Upload", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_TRANSFER_COMPLETE},
    {"M ChangeDUState", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_DU_STATE_CHANGE_COMPLETE},
    {"M X_00D09E_Frobnicate", TRUE, TRUE, TRUE, CWMP_EVENT_ACK_INFORM},
    {"X 00D09E Overheated", FALSE, TRUE, FALSE, CWMP_EVENT_ACK_INFORM},
};

static void
test_event_codes(void)
{
	const gchar *bad[] = {
	    "", "BOOT", "15 FUTURE", "1 boot", "M", "M X_", "X 00d09e lower", "X 00D09E", "M Foo",
	};
	g_autofree gchar *long_code = g_strnfill(65, 'A');

	for (guint i = 0; i < G_N_ELEMENTS(test_rules); i++) {
		const TestRule *rule = &test_rules[i];
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpEvent) event =
		    cwmp_event_new(rule->code, rule->multiple ? "key" : NULL, &error);
		guint32 flags;
		g_assert_no_error(error);
		g_assert_nonnull(event);
		flags = cwmp_event_get_flags(event);
		g_assert_cmpint(cwmp_event_is_multiple(event), ==, rule->multiple);
		g_assert_cmpint((flags & CWMP_EVENT_FLAG_KEEP_ON_FAILURE) != 0, ==,
				rule->keep_on_failure);
		g_assert_cmpint((flags & CWMP_EVENT_FLAG_KEEP_ON_REBOOT) != 0, ==,
				rule->keep_on_reboot);
		g_assert_cmpint(cwmp_event_get_ack(event), ==, rule->ack);
		g_assert_cmpstr(cwmp_event_get_command_key(event), ==, rule->multiple ? "key" : "");
	}
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpEvent) event = cwmp_event_new(bad[i], NULL, &error);
		g_assert_null(event);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	}
	{
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpEvent) event = cwmp_event_new(long_code, NULL, &error);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
		g_assert_null(event);
	}
	{
		/* only M events carry a CommandKey, of at most 32 bytes */
		g_autoptr(GError) error = NULL;
		g_autoptr(CwmpEvent) event = cwmp_event_new("1 BOOT", "key", &error);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
		g_assert_null(event);
	}
	{
		g_autoptr(GError) error = NULL;
		g_autofree gchar *key = g_strnfill(33, 'k');
		g_autoptr(CwmpEvent) event = cwmp_event_new("M Reboot", key, &error);
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
		g_assert_null(event);
	}
	{
		g_autoptr(CwmpEvent) event = cwmp_event_new("4 VALUE CHANGE", NULL, NULL);
		g_assert_cmpint(cwmp_event_get_number(event), ==, 4);
	}
}

static void
test_event_queue_single_and_multiple(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autofree gchar *desc = NULL;
	g_autoptr(GError) error = NULL;

	test_add(queue, "1 BOOT", NULL);
	test_add(queue, "4 VALUE CHANGE", NULL);
	test_add(queue, "1 BOOT", NULL);
	test_add(queue, "4 VALUE CHANGE", NULL);
	test_add(queue, "M Download", "dl-1");
	test_add(queue, "M Download", "dl-2");
	test_add(queue, "M Reboot", "rb");
	desc = test_describe_queue(queue);
	g_assert_cmpstr(desc, ==,
			"1 BOOT;4 VALUE CHANGE;M Download/dl-1;M Download/dl-2;M Reboot/rb");
	g_assert_cmpuint(cwmp_event_queue_count(queue, "1 BOOT"), ==, 1);
	g_assert_cmpuint(cwmp_event_queue_count(queue, "M Download"), ==, 2);
	g_assert_true(cwmp_event_queue_contains(queue, "M Download", "dl-2"));
	g_assert_false(cwmp_event_queue_contains(queue, "M Download", "dl-3"));

	/* a bad code is refused and changes nothing */
	g_assert_false(cwmp_event_queue_add(queue, "42 NONSENSE", NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, 5);
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_delivered(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(GPtrArray) sent = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *desc1 = NULL;
	g_autofree gchar *desc2 = NULL;
	g_autofree gchar *desc3 = NULL;
	g_autofree gchar *desc4 = NULL;

	test_add(queue, "0 BOOTSTRAP", NULL);
	test_add(queue, "1 BOOT", NULL);
	test_add(queue, "M Reboot", "rk");
	test_add(queue, "7 TRANSFER COMPLETE", NULL);
	test_add(queue, "M Download", "dk1");
	test_add(queue, "M Upload", "uk1");
	sent = cwmp_event_queue_list(queue);
	g_assert_cmpuint(sent->len, ==, 6);

	/* happened while the Inform was on its way: not delivered by it */
	test_add(queue, "6 CONNECTION REQUEST", NULL);

	g_assert_true(cwmp_event_queue_delivered(queue, sent, &error));
	g_assert_no_error(error);
	desc1 = test_describe_queue(queue);
	g_assert_cmpstr(desc1, ==,
			"7 TRANSFER COMPLETE;M Download/dk1;M Upload/uk1;6 CONNECTION REQUEST");

	/* the first TransferComplete accepted: 7 stays for the other one */
	g_assert_true(
	    cwmp_event_queue_acknowledge(queue, CWMP_EVENT_ACK_TRANSFER_COMPLETE, "dk1", &error));
	g_assert_no_error(error);
	desc2 = test_describe_queue(queue);
	g_assert_cmpstr(desc2, ==, "7 TRANSFER COMPLETE;M Upload/uk1;6 CONNECTION REQUEST");

	/* an unknown CommandKey is an error and removes nothing */
	g_assert_false(
	    cwmp_event_queue_acknowledge(queue, CWMP_EVENT_ACK_TRANSFER_COMPLETE, "nope", &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_NOT_FOUND);
	g_clear_error(&error);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, 3);

	g_assert_true(
	    cwmp_event_queue_acknowledge(queue, CWMP_EVENT_ACK_TRANSFER_COMPLETE, "uk1", &error));
	g_assert_no_error(error);
	desc3 = test_describe_queue(queue);
	g_assert_cmpstr(desc3, ==, "6 CONNECTION REQUEST");

	/* a class without M events loses its numbered event at once */
	test_add(queue, "10 AUTONOMOUS TRANSFER COMPLETE", NULL);
	g_assert_true(cwmp_event_queue_acknowledge(
	    queue, CWMP_EVENT_ACK_AUTONOMOUS_TRANSFER_COMPLETE, NULL, &error));
	g_assert_no_error(error);
	desc4 = test_describe_disk(dir);
	g_assert_cmpstr(desc4, ==, "6 CONNECTION REQUEST");
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_session_failed(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_autofree gchar *disk = NULL;

	for (guint i = 0; i < G_N_ELEMENTS(test_rules); i++)
		test_add(queue, test_rules[i].code, test_rules[i].multiple ? "k" : NULL);
	before = test_describe_queue(queue);
	/* TR-069 3.2.1.1: the retried session carries every undelivered event */
	g_assert_true(cwmp_event_queue_session_failed(queue, &error));
	g_assert_no_error(error);
	after = test_describe_queue(queue);
	g_assert_cmpstr(after, ==, before);
	disk = test_describe_disk(dir);
	g_assert_cmpstr(disk, ==, before);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, G_N_ELEMENTS(test_rules));
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_reboot(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(CwmpEventQueue) queue2 = NULL;
	g_autoptr(GError) error = NULL;

	for (guint i = 0; i < G_N_ELEMENTS(test_rules); i++)
		test_add(queue, test_rules[i].code, test_rules[i].multiple ? "k" : NULL);
	/* two M events of one kind with distinct keys both survive */
	test_add(queue, "M Reboot", "k2");
	g_assert_true(cwmp_event_queue_drop_on_reboot(queue, &error));
	g_assert_no_error(error);
	for (guint i = 0; i < G_N_ELEMENTS(test_rules); i++) {
		g_assert_cmpint(cwmp_event_queue_contains(queue, test_rules[i].code, NULL), ==,
				test_rules[i].keep_on_reboot);
	}
	g_assert_true(cwmp_event_queue_contains(queue, "M Reboot", "k"));
	g_assert_true(cwmp_event_queue_contains(queue, "M Reboot", "k2"));
	g_assert_false(cwmp_event_queue_contains(queue, "6 CONNECTION REQUEST", NULL));
	g_assert_false(cwmp_event_queue_contains(queue, "2 PERIODIC", NULL));

	/* and the disk agrees */
	queue2 = cwmp_test_utils_event_queue_new(dir);
	{
		g_autofree gchar *a = test_describe_queue(queue);
		g_autofree gchar *b = test_describe_queue(queue2);
		g_assert_cmpstr(a, ==, b);
	}
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_persistence(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(CwmpEventQueue) queue2 = NULL;
	g_autoptr(GPtrArray) events = NULL;
	g_autofree gchar *desc = NULL;

	test_add(queue, "1 BOOT", NULL);
	test_add(queue, "M Reboot", "tab\there");
	test_add(queue, "M ScheduleInform", "");
	test_add(queue, "4 VALUE CHANGE", NULL);
	g_clear_object(&queue);

	queue2 = cwmp_test_utils_event_queue_new(dir);
	desc = test_describe_queue(queue2);
	g_assert_cmpstr(desc, ==, "1 BOOT;M Reboot/tab\there;M ScheduleInform;4 VALUE CHANGE");
	events = cwmp_event_queue_list(queue2);
	g_assert_cmpuint(events->len, ==, 4);
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_corrupt(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(CwmpEventQueue) queue2 = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *contents = NULL;
	g_autofree gchar *after = NULL;
	g_autofree gchar *new_name = NULL;
	gsize		  length = 0;
	const gchar	 *filename;

	test_add(queue, "1 BOOT", NULL);
	test_add(queue, "M Reboot", "rk");
	filename = cwmp_event_queue_get_filename(queue);
	g_assert_true(g_file_get_contents(filename, &contents, &length, &error));
	g_assert_no_error(error);
	/* cut in the middle of the end line, as a crash of a non-atomic writer would */
	g_assert_cmpuint(length, >, 10);
	g_assert_true(g_file_set_contents(filename, contents, (gssize) length - 5, &error));
	g_assert_no_error(error);

	queue2 = cwmp_event_queue_new(dir);
	g_assert_false(cwmp_event_queue_load(queue2, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	g_clear_error(&error);
	g_assert_false(cwmp_event_queue_is_loaded(queue2));

	/* not silently reset: changes are refused and the file stays as it is */
	g_assert_false(cwmp_event_queue_add(queue2, "6 CONNECTION REQUEST", NULL, &error));
	g_assert_nonnull(error);
	g_clear_error(&error);
	g_assert_true(g_file_get_contents(filename, &after, NULL, NULL));
	g_assert_cmpmem(after, strlen(after), contents, length - 5);

	/* moved aside on purpose, the queue starts empty */
	g_assert_true(cwmp_event_queue_quarantine(queue2, &new_name, &error));
	g_assert_no_error(error);
	g_assert_true(g_file_test(new_name, G_FILE_TEST_EXISTS));
	g_assert_false(g_file_test(filename, G_FILE_TEST_EXISTS));
	g_assert_cmpuint(cwmp_event_queue_get_length(queue2), ==, 0);
	test_add(queue2, "0 BOOTSTRAP", NULL);
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_crash_safety(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	const gchar *codes[][2] = {
	    {"0 BOOTSTRAP", NULL},    {"1 BOOT", NULL},	    {"M Reboot", "r1"},
	    {"4 VALUE CHANGE", NULL}, {"M Download", "d1"}, {"7 TRANSFER COMPLETE", NULL},
	};
	g_autoptr(GPtrArray) sent = NULL;
	g_autoptr(GError) error = NULL;

	/* after every add, a second reader finds the complete new list: a kill -9
	 * right after the call returned loses nothing */
	for (guint i = 0; i < G_N_ELEMENTS(codes); i++) {
		g_autofree gchar *mem = NULL;
		g_autofree gchar *disk = NULL;
		test_add(queue, codes[i][0], codes[i][1]);
		mem = test_describe_queue(queue);
		disk = test_describe_disk(dir);
		g_assert_cmpstr(disk, ==, mem);
	}
	sent = cwmp_event_queue_list(queue);
	g_assert_true(cwmp_event_queue_delivered(queue, sent, &error));
	g_assert_no_error(error);
	{
		g_autofree gchar *disk = test_describe_disk(dir);
		g_assert_cmpstr(disk, ==, "M Download/d1;7 TRANSFER COMPLETE");
	}
	/* nothing but the state file is left behind */
	{
		g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
		const gchar *name;
		guint	     n = 0;
		while ((name = g_dir_read_name(d)) != NULL) {
			g_assert_cmpstr(name, ==, CWMP_EVENT_QUEUE_STORE_NAME);
			n++;
		}
		g_assert_cmpuint(n, ==, 1);
	}
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_write_failure(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autofree gchar *file = g_build_filename(dir, "not-a-directory", NULL);
	g_autoptr(CwmpEventQueue) queue = NULL;
	g_autoptr(GError) error = NULL;

	/* the state directory turns into a regular file after loading: writes fail */
	g_assert_cmpint(g_mkdir(file, 0700), ==, 0);
	queue = cwmp_test_utils_event_queue_new(file);
	g_assert_cmpint(g_rmdir(file), ==, 0);
	g_assert_true(g_file_set_contents(file, "", 0, NULL));

	/* the event is not queued when it cannot be written */
	g_assert_false(cwmp_event_queue_add(queue, "1 BOOT", NULL, &error));
	g_assert_nonnull(error);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, 0);
	cwmp_test_utils_rm_rf(dir, NULL);
}

static void
test_event_queue_inform_max(void)
{
	g_autofree gchar *dir = test_mkdtemp();
	g_autoptr(CwmpEventQueue) queue = cwmp_test_utils_event_queue_new(dir);
	g_autoptr(GPtrArray) sent = NULL;
	g_autoptr(GError) error = NULL;

	for (guint i = 0; i < CWMP_EVENT_QUEUE_INFORM_MAX + 6; i++) {
		g_autofree gchar *key = g_strdup_printf("k%u", i);
		test_add(queue, "M ScheduleInform", key);
	}
	sent = cwmp_event_queue_list(queue);
	g_assert_cmpuint(sent->len, ==, CWMP_EVENT_QUEUE_INFORM_MAX);
	g_assert_true(cwmp_event_queue_delivered(queue, sent, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, 6);
	/* the oldest went first: k64 (the 65th) waits for the next Inform */
	g_assert_false(cwmp_event_queue_contains(queue, "M ScheduleInform", "k63"));
	g_assert_true(cwmp_event_queue_contains(queue, "M ScheduleInform", "k64"));
	g_assert_true(cwmp_event_queue_clear(queue, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cwmp_event_queue_get_length(queue), ==, 0);
	cwmp_test_utils_rm_rf(dir, NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/event-queue/codes", test_event_codes);
	g_test_add_func("/cwmp/event-queue/single-and-multiple",
			test_event_queue_single_and_multiple);
	g_test_add_func("/cwmp/event-queue/delivered", test_event_queue_delivered);
	g_test_add_func("/cwmp/event-queue/session-failed", test_event_queue_session_failed);
	g_test_add_func("/cwmp/event-queue/reboot", test_event_queue_reboot);
	g_test_add_func("/cwmp/event-queue/persistence", test_event_queue_persistence);
	g_test_add_func("/cwmp/event-queue/corrupt", test_event_queue_corrupt);
	g_test_add_func("/cwmp/event-queue/crash-safety", test_event_queue_crash_safety);
	g_test_add_func("/cwmp/event-queue/write-failure", test_event_queue_write_failure);
	g_test_add_func("/cwmp/event-queue/inform-max", test_event_queue_inform_max);
	return g_test_run();
}
