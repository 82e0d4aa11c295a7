/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-error.h"
#include "cwmp-scheduler.h"
#include "cwmp-test-utils.h"

/* 2024-06-01T12:00:00Z */
#define TEST_NOW G_GINT64_CONSTANT(1717243200)

typedef struct {
	gchar	       *dir;
	CwmpEventQueue *queue;
	CwmpScheduler  *scheduler;
	gint64		now;
	guint		wanted;
} Fixture;

static void
test_session_wanted_cb(CwmpScheduler *scheduler, gpointer user_data)
{
	Fixture *fx = user_data;
	fx->wanted++;
}

static void
test_scheduler_new(Fixture *fx)
{
	fx->scheduler = cwmp_test_utils_scheduler_new(fx->queue, fx->dir, &fx->now);
	/* nothing random happens while loading: the seed can come after it */
	cwmp_scheduler_set_seed(fx->scheduler, 42);
	g_signal_connect(fx->scheduler, "session-wanted", G_CALLBACK(test_session_wanted_cb), fx);
}

static void
fixture_setup(Fixture *fx, gconstpointer data)
{
	fx->dir = cwmp_test_utils_mkdtemp("cwmp-scheduler-test-XXXXXX");
	fx->now = TEST_NOW;
	fx->queue = cwmp_test_utils_event_queue_new(fx->dir);
	test_scheduler_new(fx);
}

static void
fixture_teardown(Fixture *fx, gconstpointer data)
{
	g_clear_object(&fx->scheduler);
	g_clear_object(&fx->queue);
	cwmp_test_utils_iterate();
	cwmp_test_utils_rm_rf(fx->dir, NULL);
	g_free(fx->dir);
}

static gint64
test_time(const gchar *text)
{
	g_autoptr(GError) error = NULL;
	gint64 t = cwmp_scheduler_parse_time(text, &error);
	g_assert_no_error(error);
	return t;
}

static void
test_periodic_maths(void)
{
	const gint64 hour = 3600;
	gint64	     ref = test_time("2024-01-01T00:30:00Z");
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(test_time("2024-01-01T00:00:00Z"), ==, 1704067200);
	g_assert_cmpint(test_time("0001-01-01T00:00:00Z"), ==, CWMP_SCHEDULER_TIME_UNKNOWN);
	g_assert_cmpint(cwmp_scheduler_parse_time("yesterday", &error), ==,
			CWMP_SCHEDULER_TIME_UNKNOWN);
	g_assert_nonnull(error);

	/* reference in the past: the next :30 */
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW, hour, ref), ==,
			TEST_NOW + 30 * 60);
	/* on a boundary: the next one, never now */
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW + 1800, hour, ref), ==,
			TEST_NOW + 1800 + hour);
	/* reference in the future: the phase counts backwards too */
	g_assert_cmpint(
	    cwmp_scheduler_compute_next_aligned(TEST_NOW, hour, test_time("2030-01-01T00:15:00Z")),
	    ==, TEST_NOW + 15 * 60);
	/* a daily Inform at 03:00 */
	g_assert_cmpint(
	    cwmp_scheduler_compute_next_aligned(TEST_NOW, 86400, test_time("2020-02-29T03:00:00Z")),
	    ==, test_time("2024-06-02T03:00:00Z"));
	/* reference exactly now, and an odd interval */
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW, 7, TEST_NOW), ==,
			TEST_NOW + 7);
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW, 7, TEST_NOW + 1), ==,
			TEST_NOW + 1);
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW, 7, TEST_NOW - 1), ==,
			TEST_NOW + 6);
	/* unknown (0001-01-01): the CPE's own phase, one interval from now */
	g_assert_cmpint(
	    cwmp_scheduler_compute_next_aligned(TEST_NOW, hour, CWMP_SCHEDULER_TIME_UNKNOWN), ==,
	    TEST_NOW + hour);
	g_assert_cmpint(cwmp_scheduler_compute_next_aligned(TEST_NOW, 0, ref), ==,
			CWMP_SCHEDULER_NEVER);
}

static void
test_retry_band(void)
{
	/* cwmp-reference.md, TR-069 3.2.1.1, m = 5, k = 2000 */
	const gint64 expected[][2] = {
	    {5, 10},	{10, 20},    {20, 40},	   {40, 80},	 {80, 160},    {160, 320},
	    {320, 640}, {640, 1280}, {1280, 2560}, {2560, 5120}, {2560, 5120}, {2560, 5120},
	};
	g_autoptr(GRand) rand = g_rand_new_with_seed(7);

	for (guint n = 1; n <= 12; n++) {
		gint64	 low;
		gint64	 high;
		gboolean seen_low = FALSE;
		gboolean seen_high = FALSE;
		cwmp_scheduler_compute_retry_band(n, 5, 2000, &low, &high);
		g_assert_cmpint(low, ==, expected[n - 1][0]);
		g_assert_cmpint(high, ==, expected[n - 1][1]);
		for (guint i = 0; i < 2000; i++) {
			gint64 wait = cwmp_scheduler_compute_retry_wait(n, 5, 2000, rand);
			g_assert_cmpint(wait, >=, low);
			g_assert_cmpint(wait, <=, high);
			seen_low |= wait == low;
			seen_high |= wait == high;
		}
		/* randomised across the whole band */
		if (n <= 2) {
			g_assert_true(seen_low);
			g_assert_true(seen_high);
		}
	}

	/* custom m = 10, k = 1500: m(k/1000)^(n-1) .. m(k/1000)^n */
	for (guint n = 1; n <= 12; n++) {
		gdouble lo = 10.0;
		gdouble hi;
		gint64	low;
		gint64	high;
		for (guint i = 1; i < MIN(n, 10); i++)
			lo *= 1.5;
		hi = lo * 1.5;
		cwmp_scheduler_compute_retry_band(n, 10, 1500, &low, &high);
		g_assert_cmpfloat((gdouble) low, >=, lo - 1e-6);
		g_assert_cmpfloat((gdouble) low, <, lo + 1.0);
		g_assert_cmpfloat((gdouble) high, <=, hi + 1e-6);
		g_assert_cmpfloat((gdouble) high, >, hi - 1.0);
		for (guint i = 0; i < 500; i++) {
			gint64 wait = cwmp_scheduler_compute_retry_wait(n, 10, 1500, rand);
			g_assert_cmpint(wait, >=, low);
			g_assert_cmpint(wait, <=, high);
		}
	}
	{
		/* k = 1000: no growth at all; out-of-range values are clamped */
		gint64 low;
		gint64 high;
		cwmp_scheduler_compute_retry_band(7, 30, 1000, &low, &high);
		g_assert_cmpint(low, ==, 30);
		g_assert_cmpint(high, ==, 30);
		cwmp_scheduler_compute_retry_band(12, 65535, 65535, &low, &high);
		g_assert_cmpint(low, <=, high);
		g_assert_cmpint(high, <=, G_MAXUINT32);
	}
}

static void
test_periodic(Fixture *fx, gconstpointer data)
{
	gint64 first;

	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 3600, test_time("2024-01-01T00:30:00Z"));
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, TEST_NOW + 1800);
	g_assert_cmpint(cwmp_scheduler_get_next_due(fx->scheduler), ==, TEST_NOW + 1800);

	fx->now = TEST_NOW + 1799;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 0);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 0);

	fx->now = TEST_NOW + 1800;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "2 PERIODIC", NULL));
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==,
			TEST_NOW + 1800 + 3600);

	/* missed three times (clock jump): fires once, stays in phase */
	fx->now = TEST_NOW + 1800 + 3 * 3600 + 10;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	g_assert_cmpuint(cwmp_event_queue_count(fx->queue, "2 PERIODIC"), ==, 1);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==,
			TEST_NOW + 1800 + 4 * 3600);

	/* an unknown PeriodicInformTime: phase from the moment of the change */
	fx->now = TEST_NOW;
	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 600, CWMP_SCHEDULER_TIME_UNKNOWN);
	first = cwmp_scheduler_get_next_periodic(fx->scheduler);
	g_assert_cmpint(first, ==, TEST_NOW + 600);
	fx->now = first + 5;
	cwmp_scheduler_run_due(fx->scheduler);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, first + 600);
	/* the same settings again do not move the schedule */
	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 600, CWMP_SCHEDULER_TIME_UNKNOWN);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, first + 600);

	/* a future PeriodicInformTime */
	fx->now = TEST_NOW;
	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 86400, test_time("2025-01-01T06:00:00Z"));
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==,
			test_time("2024-06-02T06:00:00Z"));

	cwmp_scheduler_set_periodic(fx->scheduler, FALSE, 86400, CWMP_SCHEDULER_TIME_UNKNOWN);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
}

static void
test_retry(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	gint64 due;

	g_assert_true(cwmp_scheduler_add_event(fx->scheduler, "1 BOOT", NULL, &error));
	g_assert_no_error(error);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);

	cwmp_scheduler_session_started(fx->scheduler);
	g_assert_cmpuint(cwmp_scheduler_get_retry_count(fx->scheduler), ==, 0);
	cwmp_scheduler_session_finished(fx->scheduler, FALSE);
	g_assert_cmpuint(cwmp_scheduler_get_retry_count(fx->scheduler), ==, 1);
	due = cwmp_scheduler_get_next_retry(fx->scheduler);
	g_assert_cmpint(due, >=, TEST_NOW + 5);
	g_assert_cmpint(due, <=, TEST_NOW + 10);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);

	fx->now = due;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, FALSE);
	g_assert_cmpuint(cwmp_scheduler_get_retry_count(fx->scheduler), ==, 2);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), >=, due + 10);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), <=, due + 20);

	/* a new event during the wait: retry at once, the count goes on */
	g_assert_true(cwmp_scheduler_connection_request(fx->scheduler, &error));
	g_assert_no_error(error);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 3);
	cwmp_scheduler_session_started(fx->scheduler);
	g_assert_cmpuint(cwmp_scheduler_get_retry_count(fx->scheduler), ==, 2);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);
	g_assert_cmpuint(cwmp_scheduler_get_retry_count(fx->scheduler), ==, 0);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 3);

	/* a custom policy reaches the retry */
	cwmp_scheduler_set_retry_policy(fx->scheduler, 100, 3000);
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, FALSE);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), >=, fx->now + 100);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), <=, fx->now + 300);
}

static void
test_coalesce(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	/* several triggers in one go: one signal */
	g_assert_true(cwmp_scheduler_add_event(fx->scheduler, "1 BOOT", NULL, &error));
	g_assert_true(cwmp_scheduler_connection_request(fx->scheduler, &error));
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_ACTIVE, &error));
	g_assert_no_error(error);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);

	/* during a session nothing is emitted */
	cwmp_scheduler_session_started(fx->scheduler);
	g_assert_true(cwmp_scheduler_is_in_session(fx->scheduler));
	g_assert_false(cwmp_scheduler_is_session_wanted(fx->scheduler));
	g_assert_true(cwmp_scheduler_connection_request(fx->scheduler, &error));
	g_assert_true(cwmp_scheduler_add_event(fx->scheduler, "M Reboot", "x", &error));
	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 60, TEST_NOW);
	fx->now = TEST_NOW + 60;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	g_assert_true(cwmp_scheduler_is_session_wanted(fx->scheduler));

	/* ...and all of it is one session after the end */
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);

	/* a session that had no trigger while it ran: nothing more */
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);

	/* a trigger during a failed session retries at once, no back-off */
	cwmp_scheduler_session_started(fx->scheduler);
	g_assert_true(cwmp_scheduler_connection_request(fx->scheduler, &error));
	cwmp_scheduler_session_finished(fx->scheduler, FALSE);
	g_assert_cmpint(cwmp_scheduler_get_next_retry(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 3);
}

static void
test_throttle(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	cwmp_scheduler_set_active_notification_throttle(fx->scheduler, 60);

	/* passive: queued, no session */
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_PASSIVE, &error));
	g_assert_no_error(error);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 0);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "4 VALUE CHANGE", NULL));
	g_assert_false(cwmp_scheduler_is_session_wanted(fx->scheduler));

	/* active: a session at once */
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_ACTIVE, &error));
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);

	/* another one 10 s later waits for the throttle */
	fx->now = TEST_NOW + 10;
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_ACTIVE, &error));
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	g_assert_cmpint(cwmp_scheduler_get_throttled_until(fx->scheduler), ==, TEST_NOW + 60);
	g_assert_cmpint(cwmp_scheduler_get_next_due(fx->scheduler), ==, TEST_NOW + 60);
	fx->now = TEST_NOW + 59;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 0);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	fx->now = TEST_NOW + 60;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);
	cwmp_scheduler_session_started(fx->scheduler);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);

	/* a throttled change rides along with a session opened for another reason */
	fx->now = TEST_NOW + 70;
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_ACTIVE, &error));
	g_assert_cmpint(cwmp_scheduler_get_throttled_until(fx->scheduler), ==, TEST_NOW + 120);
	g_assert_true(cwmp_scheduler_connection_request(fx->scheduler, &error));
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 3);
	cwmp_scheduler_session_started(fx->scheduler);
	g_assert_cmpint(cwmp_scheduler_get_throttled_until(fx->scheduler), ==,
			CWMP_SCHEDULER_NEVER);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);

	/* no throttle: every active change opens a session */
	cwmp_scheduler_set_active_notification_throttle(fx->scheduler, 0);
	fx->now = TEST_NOW + 71;
	g_assert_true(
	    cwmp_scheduler_value_changed(fx->scheduler, CWMP_DM_NOTIFICATION_ACTIVE, &error));
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 4);
}

static void
test_heartbeat(Fixture *fx, gconstpointer data)
{
	gint64 initiation = test_time("2024-06-01T11:59:50Z");

	cwmp_scheduler_set_heartbeat(fx->scheduler, TRUE, 45, initiation);
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, TEST_NOW + 35);
	fx->now = TEST_NOW + 35;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "14 HEARTBEAT", NULL));
	g_assert_false(cwmp_event_queue_contains(fx->queue, "2 PERIODIC", NULL));
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, TEST_NOW + 80);

	/* ReportingInterval is at least 30 */
	fx->now = TEST_NOW;
	cwmp_scheduler_set_heartbeat(fx->scheduler, TRUE, 5, CWMP_SCHEDULER_TIME_UNKNOWN);
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, TEST_NOW + 30);

	cwmp_scheduler_set_heartbeat(fx->scheduler, FALSE, 60, initiation);
	g_assert_cmpint(cwmp_scheduler_get_next_heartbeat(fx->scheduler), ==, CWMP_SCHEDULER_NEVER);
}

static void
test_schedule_inform(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(cwmp_scheduler_schedule_inform(fx->scheduler, 120, "sched-1", &error));
	g_assert_no_error(error);
	g_assert_true(cwmp_scheduler_schedule_inform(fx->scheduler, 60, "sched-0", &error));
	g_assert_cmpint(cwmp_scheduler_get_next_scheduled_inform(fx->scheduler), ==, TEST_NOW + 60);

	g_assert_false(cwmp_scheduler_schedule_inform(fx->scheduler, 0, "x", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);
	g_assert_false(cwmp_scheduler_schedule_inform(
	    fx->scheduler, 10, "0123456789012345678901234567890123", &error));
	g_assert_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS);
	g_clear_error(&error);

	/* a restart keeps them */
	g_clear_object(&fx->scheduler);
	test_scheduler_new(fx);
	g_assert_cmpuint(cwmp_scheduler_get_n_scheduled_informs(fx->scheduler), ==, 2);
	g_assert_cmpint(cwmp_scheduler_get_next_scheduled_inform(fx->scheduler), ==, TEST_NOW + 60);

	fx->now = TEST_NOW + 60;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "3 SCHEDULED", NULL));
	g_assert_true(cwmp_event_queue_contains(fx->queue, "M ScheduleInform", "sched-0"));
	g_assert_false(cwmp_event_queue_contains(fx->queue, "M ScheduleInform", "sched-1"));

	/* the second one, while a session runs: one more M event, one 3 */
	cwmp_scheduler_session_started(fx->scheduler);
	fx->now = TEST_NOW + 500;
	g_assert_cmpuint(cwmp_scheduler_run_due(fx->scheduler), ==, 1);
	g_assert_cmpuint(cwmp_event_queue_count(fx->queue, "3 SCHEDULED"), ==, 1);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "M ScheduleInform", "sched-1"));
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 1);
	cwmp_scheduler_session_finished(fx->scheduler, TRUE);
	cwmp_test_utils_iterate();
	g_assert_cmpuint(fx->wanted, ==, 2);

	/* done ones are gone from disk too */
	g_clear_object(&fx->scheduler);
	test_scheduler_new(fx);
	g_assert_cmpuint(cwmp_scheduler_get_n_scheduled_informs(fx->scheduler), ==, 0);
}

static void
test_timers(Fixture *fx, gconstpointer data)
{
	/* with real timers: something due now fires from the main loop */
	cwmp_scheduler_set_use_timers(fx->scheduler, TRUE);
	cwmp_scheduler_set_periodic(fx->scheduler, TRUE, 3600, TEST_NOW - 3600);
	g_assert_cmpint(cwmp_scheduler_get_next_periodic(fx->scheduler), ==, TEST_NOW + 3600);
	fx->now = TEST_NOW + 3600;
	cwmp_scheduler_set_clock(fx->scheduler, cwmp_test_utils_clock_cb, &fx->now);
	while (fx->wanted == 0)
		g_main_context_iteration(NULL, TRUE);
	g_assert_true(cwmp_event_queue_contains(fx->queue, "2 PERIODIC", NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cwmp/scheduler/periodic-maths", test_periodic_maths);
	g_test_add_func("/cwmp/scheduler/retry-band", test_retry_band);
	g_test_add("/cwmp/scheduler/periodic", Fixture, NULL, fixture_setup, test_periodic,
		   fixture_teardown);
	g_test_add("/cwmp/scheduler/retry", Fixture, NULL, fixture_setup, test_retry,
		   fixture_teardown);
	g_test_add("/cwmp/scheduler/coalesce", Fixture, NULL, fixture_setup, test_coalesce,
		   fixture_teardown);
	g_test_add("/cwmp/scheduler/throttle", Fixture, NULL, fixture_setup, test_throttle,
		   fixture_teardown);
	g_test_add("/cwmp/scheduler/heartbeat", Fixture, NULL, fixture_setup, test_heartbeat,
		   fixture_teardown);
	g_test_add("/cwmp/scheduler/schedule-inform", Fixture, NULL, fixture_setup,
		   test_schedule_inform, fixture_teardown);
	g_test_add("/cwmp/scheduler/timers", Fixture, NULL, fixture_setup, test_timers,
		   fixture_teardown);
	return g_test_run();
}
