/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

#include "cwmp-dm.h"
#include "cwmp-event-queue.h"

G_BEGIN_DECLS

/*
 * CwmpScheduler decides when a session is wanted. It queues the event of
 * each trigger (through the CwmpEventQueue, so it is on disk first) and
 * emits "session-wanted"; the session layer opens a session and reports
 * back with cwmp_scheduler_session_started() and
 * cwmp_scheduler_session_finished(). One session runs at a time: triggers
 * during a session are coalesced into one "session-wanted" after it ends.
 *
 * Triggers: periodic Informs (PeriodicInformEnable/Interval/Time, aligned to
 * the PeriodicInformTime phase), ScheduleInform (kept in "scheduler.state"
 * so it survives restarts), retries after a failed session (TR-069 3.2.1.1
 * back-off), heartbeats (HeartbeatPolicy, Annex O), value changes (active
 * notification opens a session at once, throttled by
 * DefaultActiveNotificationThrottle; passive waits for the next session)
 * and connection requests.
 *
 * Time is wall-clock seconds since the Unix epoch from an injectable clock,
 * and every due time is a value that can be read back, so tests move a fake
 * clock and call cwmp_scheduler_run_due() instead of waiting.
 */

#define CWMP_TYPE_SCHEDULER (cwmp_scheduler_get_type())
G_DECLARE_FINAL_TYPE(CwmpScheduler, cwmp_scheduler, CWMP, SCHEDULER, GObject)

#define CWMP_SCHEDULER_STORE_NAME "scheduler.state"
#define CWMP_SCHEDULER_STORE_KIND "scheduler"

/* a time that is not set: TR-106 Unknown Time, 0001-01-01T00:00:00Z */
#define CWMP_SCHEDULER_TIME_UNKNOWN G_MININT64
/* nothing is due */
#define CWMP_SCHEDULER_NEVER G_MAXINT64

/* TR-069 3.2.1.1 defaults: m = 5 s, k = 2000 (a factor of 2.0) */
#define CWMP_SCHEDULER_RETRY_MIN_WAIT_DEFAULT	5
#define CWMP_SCHEDULER_RETRY_MULTIPLIER_DEFAULT 2000
/* Annex O: HeartbeatPolicy.ReportingInterval >= 30 */
#define CWMP_SCHEDULER_HEARTBEAT_MIN_INTERVAL 30

typedef gint64 (*CwmpSchedulerClockFunc)(gpointer user_data);

/* the maths, pure */
gint64
cwmp_scheduler_compute_next_aligned(gint64 now, guint32 interval, gint64 reference);
void
cwmp_scheduler_compute_retry_band(guint	  retry_count,
				  guint32 min_wait,
				  guint32 multiplier,
				  gint64 *low,
				  gint64 *high);
gint64
cwmp_scheduler_compute_retry_wait(guint	  retry_count,
				  guint32 min_wait,
				  guint32 multiplier,
				  GRand	 *rand);
gint64
cwmp_scheduler_parse_time(const gchar *text, GError **error);

CwmpScheduler *
cwmp_scheduler_new(CwmpEventQueue *queue, const gchar *state_directory);
void
cwmp_scheduler_set_clock(CwmpScheduler *self, CwmpSchedulerClockFunc func, gpointer user_data);
void
cwmp_scheduler_set_seed(CwmpScheduler *self, guint32 seed);
void
cwmp_scheduler_set_use_timers(CwmpScheduler *self, gboolean use_timers);
gboolean
cwmp_scheduler_load(CwmpScheduler *self, GError **error);
gint64
cwmp_scheduler_get_now(CwmpScheduler *self);

/* configuration, normally from Device.ManagementServer. */
void
cwmp_scheduler_set_periodic(CwmpScheduler *self,
			    gboolean	   enable,
			    guint32	   interval,
			    gint64	   reference);
void
cwmp_scheduler_set_heartbeat(CwmpScheduler *self,
			     gboolean	    enable,
			     guint32	    interval,
			     gint64	    initiation_time);
void
cwmp_scheduler_set_retry_policy(CwmpScheduler *self, guint32 min_wait, guint32 multiplier);
void
cwmp_scheduler_set_active_notification_throttle(CwmpScheduler *self, guint32 seconds);

/* triggers */
gboolean
cwmp_scheduler_schedule_inform(CwmpScheduler *self,
			       guint32	      delay_seconds,
			       const gchar   *command_key,
			       GError	    **error);
gboolean
cwmp_scheduler_value_changed(CwmpScheduler *self, CwmpDmNotification notification, GError **error);
gboolean
cwmp_scheduler_connection_request(CwmpScheduler *self, GError **error);
gboolean
cwmp_scheduler_add_event(CwmpScheduler *self,
			 const gchar   *code,
			 const gchar   *command_key,
			 GError	      **error);
void
cwmp_scheduler_request_session(CwmpScheduler *self);
guint
cwmp_scheduler_run_due(CwmpScheduler *self);

/* the session layer reports */
void
cwmp_scheduler_session_started(CwmpScheduler *self);
void
cwmp_scheduler_session_finished(CwmpScheduler *self, gboolean success);

/* state, for the Inform and for tests */
gboolean
cwmp_scheduler_is_in_session(CwmpScheduler *self);
gboolean
cwmp_scheduler_is_session_wanted(CwmpScheduler *self);
guint
cwmp_scheduler_get_retry_count(CwmpScheduler *self);
gint64
cwmp_scheduler_get_next_periodic(CwmpScheduler *self);
gint64
cwmp_scheduler_get_next_heartbeat(CwmpScheduler *self);
gint64
cwmp_scheduler_get_next_retry(CwmpScheduler *self);
gint64
cwmp_scheduler_get_next_scheduled_inform(CwmpScheduler *self);
guint
cwmp_scheduler_get_n_scheduled_informs(CwmpScheduler *self);
gint64
cwmp_scheduler_get_throttled_until(CwmpScheduler *self);
gint64
cwmp_scheduler_get_next_due(CwmpScheduler *self);

G_END_DECLS
