/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

/*
 * The transfer queue without a network: what transfers.state keeps, and how
 * a start repairs what a crash left between transfers.state and the events
 * (each TransferComplete is reported, and only once).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cwmp-error.h"
#include "cwmp-event.h"
#include "cwmp-schema.h"
#include "cwmp-store.h"
#include "cwmp-test-utils.h"
#include "cwmp-transfer-queue.h"

typedef struct {
	gchar		  *dir;
	gint64		   now;
	CwmpConfig	  *config;
	CwmpDm		  *dm;
	CwmpHost	  *host;
	CwmpEventQueue	  *events;
	CwmpScheduler	  *scheduler;
	CwmpTransferQueue *queue;
} Fixture;

static gboolean
apply_cb(const CwmpFileTransferInfo *info, gpointer user_data, gboolean *reboot, GError **error)
{
	return TRUE;
}

static const CwmpFileTypeHandler config_handler = {
    .file_type = "3 Vendor Configuration File",
    .direction = CWMP_TRANSFER_DOWNLOAD,
    .apply = apply_cb,
};

static void
fixture_open(Fixture *fx, const gchar *boot_id)
{
	g_autoptr(GError) error = NULL;
	fx->events = cwmp_test_utils_event_queue_new(fx->dir);
	fx->scheduler = cwmp_test_utils_scheduler_new(fx->events, fx->dir, &fx->now);
	fx->queue = cwmp_transfer_queue_new(fx->config, fx->dm, fx->host, fx->scheduler, fx->events,
					    fx->dir, boot_id);
	g_assert_true(cwmp_transfer_queue_load(fx->queue, &error));
	g_assert_no_error(error);
}

static void
fixture_close(Fixture *fx)
{
	g_clear_object(&fx->queue);
	g_clear_object(&fx->scheduler);
	g_clear_object(&fx->events);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-transfer-queue-test-XXXXXX");
	fx->now = 1700000000;
	fx->config = cwmp_test_utils_config_new("test.conf", "");
	fx->dm = cwmp_dm_new(cwmp_schema_get_default());
	fx->host = cwmp_host_new();
	g_assert_true(cwmp_host_add_file_type(fx->host, &config_handler, NULL, &error));
	fixture_open(fx, "boot-1");
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	fixture_close(fx);
	g_clear_object(&fx->host);
	g_clear_object(&fx->dm);
	g_clear_object(&fx->config);
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

/* writes transfers.state by hand: one transfer in @phase */
static void
write_state(Fixture *fx, const gchar *phase, const gchar *boot_id)
{
	g_autoptr(CwmpStore) store =
	    cwmp_store_new(fx->dir, CWMP_TRANSFER_QUEUE_STORE_NAME, CWMP_TRANSFER_QUEUE_STORE_KIND);
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(store, NULL);
	g_autoptr(CwmpTransfer) t = cwmp_transfer_new(CWMP_TRANSFER_KIND_DOWNLOAD);
	g_autoptr(GError) error = NULL;

	t->id = 7;
	t->command_key = g_strdup("key-7");
	t->file_type = g_strdup("1 Firmware Upgrade Image");
	t->url = g_strdup("http://files.example/fw.img");
	g_assert_true(cwmp_transfer_set_field(t, "phase", phase, &error));
	t->boot_id = g_strdup(boot_id);
	t->start_time = 1700000000000000;
	g_assert_true(cwmp_transfer_write(t, writer, &error));
	g_assert_true(cwmp_store_writer_commit(writer, &error));
	g_assert_no_error(error);
}

static guint
count_event(Fixture *fx, const gchar *code, const gchar *key)
{
	g_autoptr(GPtrArray) all = cwmp_event_queue_get_all(fx->events);
	guint n = 0;
	for (guint i = 0; i < all->len; i++) {
		CwmpEvent *e = g_ptr_array_index(all, i);
		if (g_strcmp0(cwmp_event_get_code(e), code) == 0 &&
		    (key == NULL || g_strcmp0(cwmp_event_get_command_key(e), key) == 0))
			n++;
	}
	return n;
}

/* applied before a reboot: after the reboot (another boot id) a success,
 * with its events; after a restart of cwmpd alone still waiting */
static void
test_reboot(Fixture *fx, gconstpointer data)
{
	const CwmpTransfer *t;

	fixture_close(fx);
	write_state(fx, "rebooting", "boot-1");
	fixture_open(fx, "boot-1");
	t = cwmp_transfer_queue_lookup(fx->queue, 7);
	g_assert_nonnull(t);
	g_assert_cmpint(t->phase, ==, CWMP_TRANSFER_PHASE_REBOOTING);
	g_assert_cmpint(cwmp_transfer_get_state(t), ==, 2);
	g_assert_cmpuint(count_event(fx, "7 TRANSFER COMPLETE", NULL), ==, 0);

	fixture_close(fx);
	fixture_open(fx, "boot-2");
	t = cwmp_transfer_queue_lookup(fx->queue, 7);
	g_assert_cmpint(t->phase, ==, CWMP_TRANSFER_PHASE_DONE);
	g_assert_cmpuint(t->fault_code, ==, 0);
	g_assert_cmpint(t->complete_time, >=, t->start_time);
	g_assert_cmpuint(count_event(fx, "7 TRANSFER COMPLETE", NULL), ==, 1);
	g_assert_cmpuint(count_event(fx, "M Download", "key-7"), ==, 1);

	/* a start that finds them in place adds nothing */
	fixture_close(fx);
	fixture_open(fx, "boot-2");
	g_assert_cmpuint(count_event(fx, "7 TRANSFER COMPLETE", NULL), ==, 1);
	g_assert_cmpuint(count_event(fx, "M Download", "key-7"), ==, 1);
}

/* killed between the result and its events: the events come back */
static void
test_done_without_events(Fixture *fx, gconstpointer data)
{
	fixture_close(fx);
	write_state(fx, "done", NULL);
	fixture_open(fx, "boot-1");
	g_assert_cmpuint(count_event(fx, "7 TRANSFER COMPLETE", NULL), ==, 1);
	g_assert_cmpuint(count_event(fx, "M Download", "key-7"), ==, 1);
}

/* killed after the acknowledgement removed the transfer, before the events
 * went: the M event goes at the next start, so nothing is reported twice */
static void
test_orphan_events(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_event_queue_add(fx->events, "M Download", "gone", &error));
	g_assert_true(cwmp_event_queue_add(fx->events, "7 TRANSFER COMPLETE", NULL, &error));
	fixture_close(fx);
	fixture_open(fx, "boot-1");
	g_assert_cmpuint(count_event(fx, "M Download", NULL), ==, 0);
	g_assert_cmpuint(count_event(fx, "7 TRANSFER COMPLETE", NULL), ==, 0);
}

/* a damaged transfers.state is moved aside, never reset in place; the queue
 * starts empty and works */
static void
test_damaged(Fixture *fx, gconstpointer data)
{
	g_autofree gchar *file = g_build_filename(fx->dir, CWMP_TRANSFER_QUEUE_STORE_NAME, NULL);
	g_autoptr(GDir) dir = NULL;
	const gchar *name;
	gboolean     quarantined = FALSE;

	fixture_close(fx);
	write_state(fx, "waiting", NULL);
	{
		g_autofree gchar *text = NULL;
		gsize		  length = 0;
		g_assert_true(g_file_get_contents(file, &text, &length, NULL));
		/* cut in the middle, as a crash without fsync would */
		g_assert_true(g_file_set_contents(file, text, (gssize) length / 2, NULL));
	}
	g_test_expect_message("CwmpCore", G_LOG_LEVEL_WARNING, "*is damaged*");
	fixture_open(fx, "boot-1");
	g_test_assert_expected_messages();
	g_assert_cmpuint(cwmp_transfer_queue_get_transfers(fx->queue)->len, ==, 0);
	dir = g_dir_open(fx->dir, 0, NULL);
	while ((name = g_dir_read_name(dir)) != NULL)
		quarantined |= g_str_has_prefix(name, CWMP_TRANSFER_QUEUE_STORE_NAME ".corrupt-");
	g_assert_true(quarantined);
	g_assert_true(g_file_test(file, G_FILE_TEST_EXISTS));
}

/* every field of a transfer survives a write and a read */
static void
test_round_trip(Fixture *fx, gconstpointer data)
{
	g_autoptr(CwmpStore) store =
	    cwmp_store_new(fx->dir, CWMP_TRANSFER_QUEUE_STORE_NAME, CWMP_TRANSFER_QUEUE_STORE_KIND);
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(store, NULL);
	g_autoptr(CwmpTransfer) t = cwmp_transfer_new(CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD);
	g_autoptr(GError) error = NULL;
	const CwmpTransfer *back;

	t->id = 3;
	t->command_key = g_strdup("sched");
	t->file_type = g_strdup("3 Vendor Configuration File");
	t->url = g_strdup("https://files.example/a b?c=d");
	t->username = g_strdup("u\nser");
	t->password = g_strdup("p|w");
	t->file_size = 123456789012;
	t->target_file_name = g_strdup("target");
	t->accepted = 1700000000;
	t->due = 1700000060;
	t->n_windows = 2;
	t->windows[0] =
	    (CwmpTransferWindow){60, 120, g_strdup("1 At Any Time"), g_strdup("hi"), -1};
	t->windows[1] =
	    (CwmpTransferWindow){600, 900, g_strdup("4 Confirmation Needed"), g_strdup(""), 3};
	t->attempts = 2;
	t->bytes_done = 77;
	t->bytes_total = 99;
	fixture_close(fx);
	g_assert_true(cwmp_transfer_write(t, writer, &error));
	g_assert_true(cwmp_store_writer_commit(writer, &error));
	fixture_open(fx, "boot-1");
	back = cwmp_transfer_queue_lookup(fx->queue, 3);
	g_assert_nonnull(back);
	g_assert_cmpint(back->kind, ==, CWMP_TRANSFER_KIND_SCHEDULE_DOWNLOAD);
	g_assert_cmpstr(back->url, ==, t->url);
	g_assert_cmpstr(back->username, ==, "u\nser");
	g_assert_cmpstr(back->password, ==, "p|w");
	g_assert_cmpuint(back->file_size, ==, 123456789012);
	g_assert_cmpuint(back->n_windows, ==, 2);
	g_assert_cmpuint(back->windows[1].start, ==, 600);
	g_assert_cmpint(back->windows[1].max_retries, ==, 3);
	g_assert_cmpstr(back->windows[1].mode, ==, "4 Confirmation Needed");
	g_assert_cmpstr(back->windows[0].user_message, ==, "hi");
	g_assert_cmpuint(back->attempts, ==, 2);
	g_assert_cmpuint(back->bytes_done, ==, 77);
}

/* a field that does not parse is damage, named */
static void
test_bad_fields(void)
{
	g_autoptr(CwmpTransfer) t = cwmp_transfer_new(CWMP_TRANSFER_KIND_DOWNLOAD);
	const gchar *const bad[][2] = {
	    {"kind", "Teleport"},    {"phase", "half"},	  {"due", "soon"},
	    {"file-size", "-1"},     {"window", "1 2 3"}, {"window", "a b 1 1 At Any Time"},
	    {"window-message", "x"},
	};
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_assert_false(cwmp_transfer_set_field(t, bad[i][0], bad[i][1], &error));
		g_assert_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT);
	}
	/* what a newer cwmpd wrote is ignored */
	g_assert_true(cwmp_transfer_set_field(t, "future-field", "x", NULL));
	g_assert_false(cwmp_transfer_check(t, NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/transfer-queue/reboot", Fixture, NULL, fixture_setup, test_reboot,
		   fixture_teardown);
	g_test_add("/transfer-queue/done-without-events", Fixture, NULL, fixture_setup,
		   test_done_without_events, fixture_teardown);
	g_test_add("/transfer-queue/orphan-events", Fixture, NULL, fixture_setup,
		   test_orphan_events, fixture_teardown);
	g_test_add("/transfer-queue/damaged", Fixture, NULL, fixture_setup, test_damaged,
		   fixture_teardown);
	g_test_add("/transfer-queue/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
		   fixture_teardown);
	g_test_add_func("/transfer-queue/bad-fields", test_bad_fields);
	return g_test_run();
}
