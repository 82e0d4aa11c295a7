/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <string.h>

#include "cwmp-error.h"
#include "cwmp-scheduler.h"
#include "cwmp-store.h"
#include "cwmp-value.h"

/* the longest single GLib timeout; the scheduler re-checks after it */
#define CWMP_SCHEDULER_MAX_TIMEOUT (24 * 3600)
/* a retry wait never exceeds this, whatever m and k say */
#define CWMP_SCHEDULER_MAX_RETRY_WAIT ((gint64) G_MAXUINT32)

typedef struct {
	gint64 due;
	gchar *command_key;
} CwmpSchedulerInform;

struct _CwmpScheduler {
	GObject		       parent_instance;
	CwmpEventQueue	      *queue;
	CwmpStore	      *store;
	CwmpSchedulerClockFunc clock;
	gpointer	       clock_data;
	GRand		      *rand;
	gboolean	       use_timers;
	guint		       timer_id;
	guint		       idle_id;

	gboolean periodic_enable;
	guint32	 periodic_interval;
	gint64	 periodic_reference; /* PeriodicInformTime, or UNKNOWN */
	gint64	 periodic_anchor;    /* the local reference when it is unknown */
	gint64	 next_periodic;

	gboolean heartbeat_enable;
	guint32	 heartbeat_interval;
	gint64	 heartbeat_reference;
	gint64	 heartbeat_anchor;
	gint64	 next_heartbeat;

	guint32 retry_min_wait;
	guint32 retry_multiplier;
	guint	retry_count;
	gint64	next_retry;

	guint32	 throttle;
	gint64	 last_active_inform; /* start of the last session for an active change */
	gint64	 throttled_until;    /* an active change waits until then */
	gboolean active_requested;   /* the wanted session is for an active change */

	GArray *scheduled; /* CwmpSchedulerInform, by due time */

	gboolean in_session;
	gboolean wanted;
	gboolean pending; /* a trigger arrived during the session */
};

G_DEFINE_TYPE(CwmpScheduler, cwmp_scheduler, G_TYPE_OBJECT)

enum { SIGNAL_SESSION_WANTED, SIGNAL_LAST };
static guint signals[SIGNAL_LAST] = {0};

static void
cwmp_scheduler_rearm(CwmpScheduler *self);

/* --- the maths ------------------------------------------------------------ */

static gint64
cwmp_scheduler_floor_div(gint64 a, gint64 b)
{
	gint64 q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/**
 * cwmp_scheduler_compute_next_aligned:
 * @now: the current time, seconds since the epoch
 * @interval: the period in seconds; 0 means never
 * @reference: the phase reference (PeriodicInformTime), or
 *   %CWMP_SCHEDULER_TIME_UNKNOWN
 *
 * TR-181 PeriodicInformTime: Informs happen at @reference plus any integer
 * multiple (also negative) of @interval, so the reference may lie in the
 * past or the future. With an unknown reference the CPE picks its own:
 * the first Inform is @interval from @now.
 *
 * Returns: the first aligned time strictly after @now, or
 *   %CWMP_SCHEDULER_NEVER when @interval is 0
 */
gint64
cwmp_scheduler_compute_next_aligned(gint64 now, guint32 interval, gint64 reference)
{
	gint64 k;
	if (interval == 0)
		return CWMP_SCHEDULER_NEVER;
	if (reference == CWMP_SCHEDULER_TIME_UNKNOWN)
		return now + interval;
	k = cwmp_scheduler_floor_div(now - reference, interval) + 1;
	return reference + k * (gint64) interval;
}

/**
 * cwmp_scheduler_compute_retry_band:
 * @retry_count: the retry about to happen, 1 for the first retry
 * @min_wait: CWMPRetryMinimumWaitInterval, m, in seconds (1-65535)
 * @multiplier: CWMPRetryIntervalMultiplier, k, in thousandths (1000-65535)
 * @low: (out): the shortest wait, in whole seconds
 * @high: (out): the longest wait, in whole seconds
 *
 * TR-069 3.2.1.1: retry n waits between m(k/1000)^(n-1) and m(k/1000)^n
 * seconds; from the 10th retry on the band stays that of the 10th. The
 * bounds are rounded inwards to whole seconds (never to an empty band).
 */
void
cwmp_scheduler_compute_retry_band(guint	  retry_count,
				  guint32 min_wait,
				  guint32 multiplier,
				  gint64 *low,
				  gint64 *high)
{
	guint	n = CLAMP(retry_count, 1, 10);
	gdouble m = (gdouble) CLAMP(min_wait, 1, 65535);
	gdouble factor = (gdouble) CLAMP(multiplier, 1000, 65535) / 1000.0;
	gdouble lo = m;
	gdouble hi;
	gint64	lo_s;
	gint64	hi_s;

	for (guint i = 1; i < n; i++)
		lo *= factor;
	hi = lo * factor;
	/* a little slack so 5 * 2.0^3 is 40, not 39.999... rounded up to 41 */
	lo = MIN(lo, (gdouble) CWMP_SCHEDULER_MAX_RETRY_WAIT);
	hi = MIN(hi, (gdouble) CWMP_SCHEDULER_MAX_RETRY_WAIT);
	/* positive values: truncation is floor, and one more is ceiling */
	lo_s = (gint64) (lo - 1e-6);
	if ((gdouble) lo_s < lo - 1e-6)
		lo_s++;
	hi_s = (gint64) (hi + 1e-6);
	if (hi_s < lo_s)
		hi_s = lo_s;
	*low = lo_s;
	*high = hi_s;
}

/**
 * cwmp_scheduler_compute_retry_wait:
 * @retry_count: the retry about to happen, 1 for the first retry
 * @min_wait: m
 * @multiplier: k
 * @rand: the random source
 *
 * Returns: a wait in seconds, uniformly random within the band of
 *   cwmp_scheduler_compute_retry_band()
 */
gint64
cwmp_scheduler_compute_retry_wait(guint	  retry_count,
				  guint32 min_wait,
				  guint32 multiplier,
				  GRand	 *rand)
{
	gint64 low;
	gint64 high;
	g_return_val_if_fail(rand != NULL, 0);
	cwmp_scheduler_compute_retry_band(retry_count, min_wait, multiplier, &low, &high);
	if (high == low)
		return low;
	return low + (gint64) (g_rand_double(rand) * (gdouble) (high - low + 1)) % (high - low + 1);
}

/**
 * cwmp_scheduler_parse_time:
 * @text: a CWMP dateTime
 * @error: a #GError, or %NULL
 *
 * TR-106: a dateTime before the year 1000 is not an absolute time (the
 * Unknown Time 0001-01-01T00:00:00Z, or a time relative to boot), so it
 * reads as %CWMP_SCHEDULER_TIME_UNKNOWN.
 *
 * Returns: seconds since the epoch, %CWMP_SCHEDULER_TIME_UNKNOWN, or
 *   %CWMP_SCHEDULER_TIME_UNKNOWN with @error set when @text is no dateTime
 */
gint64
cwmp_scheduler_parse_time(const gchar *text, GError **error)
{
	g_autoptr(GDateTime) dt = NULL;
	g_return_val_if_fail(text != NULL, CWMP_SCHEDULER_TIME_UNKNOWN);
	dt = cwmp_value_parse_date_time(text, error);
	if (dt == NULL)
		return CWMP_SCHEDULER_TIME_UNKNOWN;
	if (g_date_time_get_year(dt) < 1000)
		return CWMP_SCHEDULER_TIME_UNKNOWN;
	return g_date_time_to_unix(dt);
}

/* --- object --------------------------------------------------------------- */

static void
cwmp_scheduler_inform_clear(CwmpSchedulerInform *inform)
{
	g_free(inform->command_key);
}

static gint64
cwmp_scheduler_real_clock(gpointer user_data)
{
	return g_get_real_time() / G_USEC_PER_SEC;
}

static void
cwmp_scheduler_dispose(GObject *object)
{
	CwmpScheduler *self = CWMP_SCHEDULER(object);
	g_clear_handle_id(&self->timer_id, g_source_remove);
	g_clear_handle_id(&self->idle_id, g_source_remove);
	g_clear_object(&self->queue);
	G_OBJECT_CLASS(cwmp_scheduler_parent_class)->dispose(object);
}

static void
cwmp_scheduler_finalize(GObject *object)
{
	CwmpScheduler *self = CWMP_SCHEDULER(object);
	g_array_unref(self->scheduled);
	g_rand_free(self->rand);
	g_clear_object(&self->store);
	G_OBJECT_CLASS(cwmp_scheduler_parent_class)->finalize(object);
}

static void
cwmp_scheduler_class_init(CwmpSchedulerClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_scheduler_dispose;
	object_class->finalize = cwmp_scheduler_finalize;

	/**
	 * CwmpScheduler::session-wanted:
	 *
	 * A session should be opened now. Emitted from an idle callback, once
	 * for any number of triggers in between, and never during a session:
	 * triggers then wait for cwmp_scheduler_session_finished().
	 */
	signals[SIGNAL_SESSION_WANTED] =
	    g_signal_new("session-wanted", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
cwmp_scheduler_init(CwmpScheduler *self)
{
	self->clock = cwmp_scheduler_real_clock;
	self->rand = g_rand_new();
	self->use_timers = TRUE;
	self->periodic_reference = CWMP_SCHEDULER_TIME_UNKNOWN;
	self->periodic_anchor = CWMP_SCHEDULER_TIME_UNKNOWN;
	self->next_periodic = CWMP_SCHEDULER_NEVER;
	self->heartbeat_reference = CWMP_SCHEDULER_TIME_UNKNOWN;
	self->heartbeat_anchor = CWMP_SCHEDULER_TIME_UNKNOWN;
	self->heartbeat_interval = CWMP_SCHEDULER_HEARTBEAT_MIN_INTERVAL;
	self->next_heartbeat = CWMP_SCHEDULER_NEVER;
	self->retry_min_wait = CWMP_SCHEDULER_RETRY_MIN_WAIT_DEFAULT;
	self->retry_multiplier = CWMP_SCHEDULER_RETRY_MULTIPLIER_DEFAULT;
	self->next_retry = CWMP_SCHEDULER_NEVER;
	self->last_active_inform = CWMP_SCHEDULER_TIME_UNKNOWN;
	self->throttled_until = CWMP_SCHEDULER_NEVER;
	self->scheduled = g_array_new(FALSE, FALSE, sizeof(CwmpSchedulerInform));
	g_array_set_clear_func(self->scheduled, (GDestroyNotify) cwmp_scheduler_inform_clear);
}

/**
 * cwmp_scheduler_new:
 * @queue: where the events of the triggers go
 * @state_directory: where "scheduler.state" (pending ScheduleInforms) lives
 *
 * Call cwmp_scheduler_load() next to restore pending ScheduleInforms.
 *
 * Returns: (transfer full): a new scheduler
 */
CwmpScheduler *
cwmp_scheduler_new(CwmpEventQueue *queue, const gchar *state_directory)
{
	CwmpScheduler *self;
	g_return_val_if_fail(CWMP_IS_EVENT_QUEUE(queue), NULL);
	g_return_val_if_fail(state_directory != NULL, NULL);
	self = g_object_new(CWMP_TYPE_SCHEDULER, NULL);
	self->queue = g_object_ref(queue);
	self->store =
	    cwmp_store_new(state_directory, CWMP_SCHEDULER_STORE_NAME, CWMP_SCHEDULER_STORE_KIND);
	return self;
}

/* @func returns seconds since the epoch; %NULL restores the real clock */
void
cwmp_scheduler_set_clock(CwmpScheduler *self, CwmpSchedulerClockFunc func, gpointer user_data)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	self->clock = func != NULL ? func : cwmp_scheduler_real_clock;
	self->clock_data = func != NULL ? user_data : NULL;
	cwmp_scheduler_rearm(self);
}

void
cwmp_scheduler_set_seed(CwmpScheduler *self, guint32 seed)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	g_rand_set_seed(self->rand, seed);
}

/* without timers nothing fires by itself: cwmp_scheduler_run_due() does it */
void
cwmp_scheduler_set_use_timers(CwmpScheduler *self, gboolean use_timers)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	self->use_timers = use_timers;
	cwmp_scheduler_rearm(self);
}

gint64
cwmp_scheduler_get_now(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), 0);
	return self->clock(self->clock_data);
}

/* --- persisted ScheduleInforms -------------------------------------------- */

static void
cwmp_scheduler_insert_inform(GArray *array, gint64 due, const gchar *command_key)
{
	CwmpSchedulerInform inform = {.due = due, .command_key = g_strdup(command_key)};
	guint		    i;
	/* after the ones due at the same time, so the order of requests stays */
	for (i = 0; i < array->len; i++) {
		if (g_array_index(array, CwmpSchedulerInform, i).due > due)
			break;
	}
	g_array_insert_val(array, i, inform);
}

static gboolean
cwmp_scheduler_load_cb(const CwmpStoreRecord *record, gpointer user_data, GError **error)
{
	GArray *array = user_data;
	gint64	due;
	if (record->tag != 's' || record->n_fields != 2 ||
	    !g_ascii_string_to_signed(record->fields[0], 10, G_MININT64 + 1, G_MAXINT64 - 1, &due,
				      NULL) ||
	    strlen(record->fields[1]) > CWMP_EVENT_COMMAND_KEY_MAX_LENGTH) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_CORRUPT, "malformed record '%c'",
			    record->tag);
		return FALSE;
	}
	cwmp_scheduler_insert_inform(array, due, record->fields[1]);
	return TRUE;
}

/**
 * cwmp_scheduler_load:
 * @self: a scheduler
 * @error: a #GError, or %NULL
 *
 * Restores the ScheduleInforms still pending. One whose time passed while
 * the daemon was down fires at the next cwmp_scheduler_run_due().
 *
 * Returns: %TRUE on success; CWMP_ERROR_CORRUPT for a damaged file
 */
gboolean
cwmp_scheduler_load(CwmpScheduler *self, GError **error)
{
	g_autoptr(GArray) array = g_array_new(FALSE, FALSE, sizeof(CwmpSchedulerInform));
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	g_array_set_clear_func(array, (GDestroyNotify) cwmp_scheduler_inform_clear);
	if (!cwmp_store_read(self->store, cwmp_scheduler_load_cb, array, error)) {
		g_prefix_error_literal(error, "failed to load the scheduled informs: ");
		return FALSE;
	}
	g_array_unref(self->scheduled);
	self->scheduled = g_steal_pointer(&array);
	cwmp_scheduler_rearm(self);
	return TRUE;
}

static gboolean
cwmp_scheduler_save(CwmpScheduler *self, GArray *array, GError **error)
{
	g_autoptr(CwmpStoreWriter) writer = cwmp_store_writer_new(self->store, error);
	if (writer == NULL)
		return FALSE;
	for (guint i = 0; i < array->len; i++) {
		CwmpSchedulerInform *inform = &g_array_index(array, CwmpSchedulerInform, i);
		g_autofree gchar    *due = g_strdup_printf("%" G_GINT64_FORMAT, inform->due);
		if (!cwmp_store_writer_add2(writer, 's', due, inform->command_key, error))
			return FALSE;
	}
	return cwmp_store_writer_commit(writer, error);
}

static GArray *
cwmp_scheduler_copy_informs(CwmpScheduler *self)
{
	GArray *copy = g_array_new(FALSE, FALSE, sizeof(CwmpSchedulerInform));
	g_array_set_clear_func(copy, (GDestroyNotify) cwmp_scheduler_inform_clear);
	for (guint i = 0; i < self->scheduled->len; i++) {
		CwmpSchedulerInform *inform =
		    &g_array_index(self->scheduled, CwmpSchedulerInform, i);
		cwmp_scheduler_insert_inform(copy, inform->due, inform->command_key);
	}
	return copy;
}

/* --- session coalescing --------------------------------------------------- */

static gboolean
cwmp_scheduler_idle_cb(gpointer user_data)
{
	CwmpScheduler *self = CWMP_SCHEDULER(user_data);
	self->idle_id = 0;
	if (self->wanted && !self->in_session)
		g_signal_emit(self, signals[SIGNAL_SESSION_WANTED], 0);
	return G_SOURCE_REMOVE;
}

/**
 * cwmp_scheduler_request_session:
 * @self: a scheduler
 *
 * Asks for a session. During a session the request waits for its end.
 * While a failed session waits for its retry, a new request retries at
 * once (TR-069 3.2.1.1); the retry count is not reset.
 */
void
cwmp_scheduler_request_session(CwmpScheduler *self)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	if (self->in_session) {
		self->pending = TRUE;
		return;
	}
	self->wanted = TRUE;
	if (self->next_retry != CWMP_SCHEDULER_NEVER) {
		self->next_retry = CWMP_SCHEDULER_NEVER;
		cwmp_scheduler_rearm(self);
	}
	if (self->idle_id == 0)
		self->idle_id = g_idle_add(cwmp_scheduler_idle_cb, self);
}

/* the session layer opened a session (its Inform carries every queued event) */
void
cwmp_scheduler_session_started(CwmpScheduler *self)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	self->in_session = TRUE;
	self->wanted = FALSE;
	self->pending = FALSE;
	self->next_retry = CWMP_SCHEDULER_NEVER;
	g_clear_handle_id(&self->idle_id, g_source_remove);
	/* this Inform carries the value change: it is the active notification */
	if (self->active_requested || self->throttled_until != CWMP_SCHEDULER_NEVER) {
		self->last_active_inform = cwmp_scheduler_get_now(self);
		self->active_requested = FALSE;
		self->throttled_until = CWMP_SCHEDULER_NEVER;
	}
	cwmp_scheduler_rearm(self);
}

/**
 * cwmp_scheduler_session_finished:
 * @self: a scheduler
 * @success: whether the session ended normally
 *
 * After a success the retry count goes back to 0. After a failure it goes
 * up and a retry is scheduled in the TR-069 band, unless a trigger arrived
 * during the session, which retries at once. Triggers coalesced during the
 * session give one "session-wanted".
 */
void
cwmp_scheduler_session_finished(CwmpScheduler *self, gboolean success)
{
	gboolean pending;
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	g_return_if_fail(self->in_session);
	self->in_session = FALSE;
	pending = self->pending;
	self->pending = FALSE;
	if (success) {
		self->retry_count = 0;
	} else {
		gint64 wait;
		if (self->retry_count < G_MAXUINT)
			self->retry_count++;
		wait = cwmp_scheduler_compute_retry_wait(self->retry_count, self->retry_min_wait,
							 self->retry_multiplier, self->rand);
		self->next_retry = cwmp_scheduler_get_now(self) + wait;
	}
	if (pending)
		cwmp_scheduler_request_session(self);
	cwmp_scheduler_rearm(self);
}

/* --- configuration -------------------------------------------------------- */

static void
cwmp_scheduler_update_periodic(CwmpScheduler *self, gint64 now)
{
	gint64 reference = self->periodic_reference;
	if (!self->periodic_enable || self->periodic_interval == 0) {
		self->next_periodic = CWMP_SCHEDULER_NEVER;
		return;
	}
	if (reference == CWMP_SCHEDULER_TIME_UNKNOWN) {
		if (self->periodic_anchor == CWMP_SCHEDULER_TIME_UNKNOWN)
			self->periodic_anchor = now;
		reference = self->periodic_anchor;
	}
	self->next_periodic =
	    cwmp_scheduler_compute_next_aligned(now, self->periodic_interval, reference);
}

static void
cwmp_scheduler_update_heartbeat(CwmpScheduler *self, gint64 now)
{
	gint64 reference = self->heartbeat_reference;
	if (!self->heartbeat_enable) {
		self->next_heartbeat = CWMP_SCHEDULER_NEVER;
		return;
	}
	if (reference == CWMP_SCHEDULER_TIME_UNKNOWN) {
		if (self->heartbeat_anchor == CWMP_SCHEDULER_TIME_UNKNOWN)
			self->heartbeat_anchor = now;
		reference = self->heartbeat_anchor;
	}
	self->next_heartbeat =
	    cwmp_scheduler_compute_next_aligned(now, self->heartbeat_interval, reference);
}

/**
 * cwmp_scheduler_set_periodic:
 * @self: a scheduler
 * @enable: PeriodicInformEnable
 * @interval: PeriodicInformInterval in seconds (0 disables)
 * @reference: PeriodicInformTime (see cwmp_scheduler_parse_time())
 *
 * Reschedules the periodic Inform when anything changed. With an unknown
 * reference the phase is taken from the moment of the change.
 */
void
cwmp_scheduler_set_periodic(CwmpScheduler *self,
			    gboolean	   enable,
			    guint32	   interval,
			    gint64	   reference)
{
	gint64 now;
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	now = cwmp_scheduler_get_now(self);
	if (self->periodic_enable == enable && self->periodic_interval == interval &&
	    self->periodic_reference == reference && self->next_periodic != CWMP_SCHEDULER_NEVER)
		return;
	self->periodic_enable = enable;
	self->periodic_interval = interval;
	self->periodic_reference = reference;
	self->periodic_anchor = CWMP_SCHEDULER_TIME_UNKNOWN;
	cwmp_scheduler_update_periodic(self, now);
	cwmp_scheduler_rearm(self);
}

/**
 * cwmp_scheduler_set_heartbeat:
 * @self: a scheduler
 * @enable: HeartbeatPolicy.Enable
 * @interval: HeartbeatPolicy.ReportingInterval, raised to 30 when smaller
 * @initiation_time: HeartbeatPolicy.InitiationTime, the phase reference
 */
void
cwmp_scheduler_set_heartbeat(CwmpScheduler *self,
			     gboolean	    enable,
			     guint32	    interval,
			     gint64	    initiation_time)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	interval = MAX(interval, CWMP_SCHEDULER_HEARTBEAT_MIN_INTERVAL);
	if (self->heartbeat_enable == enable && self->heartbeat_interval == interval &&
	    self->heartbeat_reference == initiation_time &&
	    (self->next_heartbeat != CWMP_SCHEDULER_NEVER || !enable))
		return;
	self->heartbeat_enable = enable;
	self->heartbeat_interval = interval;
	self->heartbeat_reference = initiation_time;
	self->heartbeat_anchor = CWMP_SCHEDULER_TIME_UNKNOWN;
	cwmp_scheduler_update_heartbeat(self, cwmp_scheduler_get_now(self));
	cwmp_scheduler_rearm(self);
}

/* CWMPRetryMinimumWaitInterval and CWMPRetryIntervalMultiplier; clamped to
 * their TR-181 ranges */
void
cwmp_scheduler_set_retry_policy(CwmpScheduler *self, guint32 min_wait, guint32 multiplier)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	self->retry_min_wait = CLAMP(min_wait, 1, 65535);
	self->retry_multiplier = CLAMP(multiplier, 1000, 65535);
}

/* DefaultActiveNotificationThrottle: seconds between two sessions opened
 * for active notifications; 0 means none */
void
cwmp_scheduler_set_active_notification_throttle(CwmpScheduler *self, guint32 seconds)
{
	g_return_if_fail(CWMP_IS_SCHEDULER(self));
	self->throttle = seconds;
	if (self->throttled_until != CWMP_SCHEDULER_NEVER) {
		/* a waiting change follows the new setting */
		self->throttled_until = self->last_active_inform + seconds;
		cwmp_scheduler_rearm(self);
	}
}

/* --- triggers ------------------------------------------------------------- */

/**
 * cwmp_scheduler_add_event:
 * @self: a scheduler
 * @code: an event code
 * @command_key: (nullable): for an M event
 * @error: a #GError, or %NULL
 *
 * Queues an event (on disk when this returns) and asks for a session.
 *
 * Returns: %TRUE on success
 */
gboolean
cwmp_scheduler_add_event(CwmpScheduler *self,
			 const gchar   *code,
			 const gchar   *command_key,
			 GError	      **error)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	if (!cwmp_event_queue_add(self->queue, code, command_key, error))
		return FALSE;
	cwmp_scheduler_request_session(self);
	return TRUE;
}

/**
 * cwmp_scheduler_schedule_inform:
 * @self: a scheduler
 * @delay_seconds: ScheduleInform DelaySeconds, at least 1
 * @command_key: (nullable): its CommandKey
 * @error: a #GError, or %NULL
 *
 * Records the ScheduleInform on disk; when it is due, "3 SCHEDULED" and
 * "M ScheduleInform" with @command_key are queued and a session is asked for.
 *
 * Returns: %TRUE when it is on disk; CWMP_FAULT 9003 for bad arguments
 */
gboolean
cwmp_scheduler_schedule_inform(CwmpScheduler *self,
			       guint32	      delay_seconds,
			       const gchar   *command_key,
			       GError	    **error)
{
	g_autoptr(GArray) copy = NULL;

	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	if (command_key == NULL)
		command_key = "";
	if (delay_seconds == 0) {
		g_set_error_literal(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
				    "ScheduleInform: DelaySeconds must be at least 1");
		return FALSE;
	}
	if (strlen(command_key) > CWMP_EVENT_COMMAND_KEY_MAX_LENGTH ||
	    !g_utf8_validate(command_key, -1, NULL)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INVALID_ARGUMENTS,
			    "ScheduleInform: CommandKey longer than %u bytes or not UTF-8",
			    (guint) CWMP_EVENT_COMMAND_KEY_MAX_LENGTH);
		return FALSE;
	}
	copy = cwmp_scheduler_copy_informs(self);
	cwmp_scheduler_insert_inform(copy, cwmp_scheduler_get_now(self) + delay_seconds,
				     command_key);
	if (!cwmp_scheduler_save(self, copy, error)) {
		g_prefix_error_literal(error, "failed to save the scheduled inform: ");
		return FALSE;
	}
	g_array_unref(self->scheduled);
	self->scheduled = g_steal_pointer(&copy);
	cwmp_scheduler_rearm(self);
	return TRUE;
}

/**
 * cwmp_scheduler_value_changed:
 * @self: a scheduler
 * @notification: passive or active
 * @error: a #GError, or %NULL
 *
 * Queues "4 VALUE CHANGE". A passive change waits for the next session. An
 * active one asks for a session at once, unless the last session for an
 * active change started less than DefaultActiveNotificationThrottle seconds
 * ago: then it waits until the throttle time has passed (or rides along in
 * any session that opens meanwhile).
 *
 * Returns: %TRUE when the event is on disk
 */
gboolean
cwmp_scheduler_value_changed(CwmpScheduler *self, CwmpDmNotification notification, GError **error)
{
	gint64 now;

	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	if (notification == CWMP_DM_NOTIFICATION_OFF)
		return TRUE;
	if (!cwmp_event_queue_add(self->queue, CWMP_EVENT_VALUE_CHANGE, NULL, error))
		return FALSE;
	if (notification != CWMP_DM_NOTIFICATION_ACTIVE)
		return TRUE;
	now = cwmp_scheduler_get_now(self);
	if (self->throttle > 0 && self->last_active_inform != CWMP_SCHEDULER_TIME_UNKNOWN &&
	    now < self->last_active_inform + self->throttle) {
		self->throttled_until = self->last_active_inform + self->throttle;
		cwmp_scheduler_rearm(self);
		return TRUE;
	}
	self->active_requested = TRUE;
	cwmp_scheduler_request_session(self);
	return TRUE;
}

/* a connection request was accepted: "6 CONNECTION REQUEST" and a session,
 * right after the current one if there is one */
gboolean
cwmp_scheduler_connection_request(CwmpScheduler *self, GError **error)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	return cwmp_scheduler_add_event(self, CWMP_EVENT_CONNECTION_REQUEST, NULL, error);
}

static void
cwmp_scheduler_queue_or_warn(CwmpScheduler *self, const gchar *code, const gchar *command_key)
{
	g_autoptr(GError) error = NULL;
	if (!cwmp_event_queue_add(self->queue, code, command_key, &error))
		g_warning("cannot queue %s: %s", code, error->message);
}

static gboolean
cwmp_scheduler_run_scheduled(CwmpScheduler *self, gint64 now)
{
	g_autoptr(GArray) rest = NULL;
	g_autoptr(GError) error = NULL;
	guint n_due = 0;

	while (n_due < self->scheduled->len &&
	       g_array_index(self->scheduled, CwmpSchedulerInform, n_due).due <= now)
		n_due++;
	if (n_due == 0)
		return FALSE;
	/* the events first: a crash in between repeats them, never loses them */
	for (guint i = 0; i < n_due; i++) {
		CwmpSchedulerInform *inform =
		    &g_array_index(self->scheduled, CwmpSchedulerInform, i);
		cwmp_scheduler_queue_or_warn(self, CWMP_EVENT_SCHEDULED, NULL);
		cwmp_scheduler_queue_or_warn(self, CWMP_EVENT_M_SCHEDULE_INFORM,
					     inform->command_key);
	}
	rest = cwmp_scheduler_copy_informs(self);
	g_array_remove_range(rest, 0, n_due);
	if (!cwmp_scheduler_save(self, rest, &error))
		g_warning("failed to save the scheduled informs: %s", error->message);
	g_array_unref(self->scheduled);
	self->scheduled = g_steal_pointer(&rest);
	return TRUE;
}

/**
 * cwmp_scheduler_run_due:
 * @self: a scheduler
 *
 * Fires everything due at the clock's current time: periodic Inform,
 * heartbeat, ScheduleInforms, a retry, a throttled active notification.
 * The timers call this; tests call it after moving their clock. A periodic
 * Inform missed several times fires once.
 *
 * Returns: how many triggers fired
 */
guint
cwmp_scheduler_run_due(CwmpScheduler *self)
{
	gint64 now;
	guint  fired = 0;

	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), 0);
	now = cwmp_scheduler_get_now(self);
	if (self->next_periodic <= now) {
		cwmp_scheduler_queue_or_warn(self, CWMP_EVENT_PERIODIC, NULL);
		cwmp_scheduler_update_periodic(self, now);
		cwmp_scheduler_request_session(self);
		fired++;
	}
	if (self->next_heartbeat <= now) {
		cwmp_scheduler_queue_or_warn(self, CWMP_EVENT_HEARTBEAT, NULL);
		cwmp_scheduler_update_heartbeat(self, now);
		cwmp_scheduler_request_session(self);
		fired++;
	}
	if (cwmp_scheduler_run_scheduled(self, now)) {
		cwmp_scheduler_request_session(self);
		fired++;
	}
	if (self->throttled_until <= now) {
		self->throttled_until = CWMP_SCHEDULER_NEVER;
		self->active_requested = TRUE;
		cwmp_scheduler_request_session(self);
		fired++;
	}
	if (self->next_retry <= now) {
		/* request_session() clears next_retry */
		cwmp_scheduler_request_session(self);
		fired++;
	}
	cwmp_scheduler_rearm(self);
	return fired;
}

/* --- timers --------------------------------------------------------------- */

/**
 * cwmp_scheduler_get_next_due:
 * @self: a scheduler
 *
 * Returns: the earliest due time of any trigger, or %CWMP_SCHEDULER_NEVER
 */
gint64
cwmp_scheduler_get_next_due(CwmpScheduler *self)
{
	gint64 due;
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	due = MIN(self->next_periodic, self->next_heartbeat);
	due = MIN(due, self->next_retry);
	due = MIN(due, self->throttled_until);
	if (self->scheduled->len > 0)
		due = MIN(due, g_array_index(self->scheduled, CwmpSchedulerInform, 0).due);
	return due;
}

static gboolean
cwmp_scheduler_timer_cb(gpointer user_data)
{
	CwmpScheduler *self = CWMP_SCHEDULER(user_data);
	self->timer_id = 0;
	cwmp_scheduler_run_due(self);
	return G_SOURCE_REMOVE;
}

static void
cwmp_scheduler_rearm(CwmpScheduler *self)
{
	gint64 due;
	gint64 delay;

	g_clear_handle_id(&self->timer_id, g_source_remove);
	if (!self->use_timers)
		return;
	due = cwmp_scheduler_get_next_due(self);
	if (due == CWMP_SCHEDULER_NEVER)
		return;
	delay = CLAMP(due - cwmp_scheduler_get_now(self), 0, CWMP_SCHEDULER_MAX_TIMEOUT);
	/* whole seconds are what the protocol needs; GLib may batch wake-ups */
	self->timer_id = g_timeout_add_seconds((guint) delay, cwmp_scheduler_timer_cb, self);
}

/* --- state ---------------------------------------------------------------- */

gboolean
cwmp_scheduler_is_in_session(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	return self->in_session;
}

/* a session was asked for and not started yet (also during a session) */
gboolean
cwmp_scheduler_is_session_wanted(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), FALSE);
	return self->wanted || self->pending;
}

/* RetryCount for the next Inform: consecutive failed sessions */
guint
cwmp_scheduler_get_retry_count(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), 0);
	return self->retry_count;
}

gint64
cwmp_scheduler_get_next_periodic(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	return self->next_periodic;
}

gint64
cwmp_scheduler_get_next_heartbeat(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	return self->next_heartbeat;
}

gint64
cwmp_scheduler_get_next_retry(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	return self->next_retry;
}

gint64
cwmp_scheduler_get_next_scheduled_inform(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	if (self->scheduled->len == 0)
		return CWMP_SCHEDULER_NEVER;
	return g_array_index(self->scheduled, CwmpSchedulerInform, 0).due;
}

guint
cwmp_scheduler_get_n_scheduled_informs(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), 0);
	return self->scheduled->len;
}

gint64
cwmp_scheduler_get_throttled_until(CwmpScheduler *self)
{
	g_return_val_if_fail(CWMP_IS_SCHEDULER(self), CWMP_SCHEDULER_NEVER);
	return self->throttled_until;
}
