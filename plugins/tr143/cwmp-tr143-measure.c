/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-tr143-measure.h"
#include "cwmp-tr143-private.h"

/* one IncrementalResult from @start (real time) to now; the running totals
 * move on; returns its end */
static gint64
cwmp_tr143_measure_sample(const CwmpTr143HttpClientParams *params,
			  CwmpTr143MeasureBytesFunc	   bytes_func,
			  gpointer			   bytes_data,
			  CwmpTr143HttpClientResult	  *result,
			  gint64			   start,
			  guint64			  *bytes,
			  guint64			  *rx,
			  guint64			  *tx)
{
	CwmpTr143HttpClientIncrement increment = {0};
	guint64			     now_bytes = bytes_func(bytes_data);
	guint64			     now_rx = 0, now_tx = 0;

	cwmp_tr143_util_read_counters(params->counters_ifname, &now_rx, &now_tx);
	increment.start = start;
	increment.end = g_get_real_time();
	increment.test_bytes = now_bytes - *bytes;
	increment.total_rx = now_rx - *rx;
	increment.total_tx = now_tx - *tx;
	*bytes = now_bytes;
	*rx = now_rx;
	*tx = now_tx;
	if (result->increments->len < params->max_increments)
		g_array_append_val(result->increments, increment);
	return increment.end;
}

/**
 * cwmp_tr143_measure_sleep:
 * @cancellable: the test's
 * @until: a monotonic time
 *
 * Returns: %FALSE when cancelled before @until
 */
gboolean
cwmp_tr143_measure_sleep(GCancellable *cancellable, gint64 until)
{
	GPollFD fd;
	gint64	now;

	if (!g_cancellable_make_pollfd(cancellable, &fd))
		return FALSE;
	while (!g_cancellable_is_cancelled(cancellable) && (now = g_get_monotonic_time()) < until)
		g_poll(&fd, 1, (gint) ((until - now + 999) / 1000));
	g_cancellable_release_fd(cancellable);
	return !g_cancellable_is_cancelled(cancellable);
}

/**
 * cwmp_tr143_measure_run:
 * @params: the test (duration, interval, offset, interface, the cap)
 * @cancellable: the test's
 * @t0: the monotonic start of the test
 * @deadline: the monotonic end of the test
 * @bytes_func: the test bytes of every connection so far
 * @bytes_data: for @bytes_func
 * @result: gets the IncrementalResults
 *
 * Runs in the coordinating thread while the connections run; returns at the
 * deadline or when cancelled. Nothing to do for a test that is not
 * time-based or has no interval.
 */
void
cwmp_tr143_measure_run(const CwmpTr143HttpClientParams *params,
		       GCancellable		       *cancellable,
		       gint64				t0,
		       gint64				deadline,
		       CwmpTr143MeasureBytesFunc	bytes_func,
		       gpointer				bytes_data,
		       CwmpTr143HttpClientResult       *result)
{
	gint64	start;
	gint64	start_real;
	guint64 bytes = 0, rx = 0, tx = 0;

	if (params->duration == 0 || params->interval == 0)
		return;
	start = t0 + (gint64) params->offset * G_USEC_PER_SEC;
	if (start >= deadline || !cwmp_tr143_measure_sleep(cancellable, start))
		return;
	bytes = bytes_func(bytes_data);
	cwmp_tr143_util_read_counters(params->counters_ifname, &rx, &tx);
	start_real = g_get_real_time();
	for (;;) {
		gint64 end = MIN(start + (gint64) params->interval * G_USEC_PER_SEC, deadline);
		if (!cwmp_tr143_measure_sleep(cancellable, end))
			return;
		start_real = cwmp_tr143_measure_sample(params, bytes_func, bytes_data, result,
						       start_real, &bytes, &rx, &tx);
		if (end >= deadline)
			return;
		start = end;
	}
}

/* the caller's cancellable reaches the test's own */
void
cwmp_tr143_measure_forward_cancel_cb(GCancellable *cancellable, gpointer user_data)
{
	g_cancellable_cancel(G_CANCELLABLE(user_data));
}

/**
 * cwmp_tr143_measure_add_connection:
 * @result: the test's result
 * @times: one connection's times and bytes
 *
 * Lists the connection (PerConnectionResult) and folds it into the totals:
 * the earliest of each start, so the totals keep the order of one
 * connection, the latest EOM, the sum of the bytes.
 */
void
cwmp_tr143_measure_add_connection(CwmpTr143HttpClientResult	 *result,
				  const CwmpTr143HttpClientTimes *times)
{
	CwmpTr143HttpClientTimes *total = &result->total;

	g_array_append_val(result->connections, *times);
	if (total->rom == 0 || (times->rom != 0 && times->rom < total->rom))
		total->rom = times->rom;
	if (total->bom == 0 || (times->bom != 0 && times->bom < total->bom))
		total->bom = times->bom;
	total->eom = MAX(total->eom, times->eom);
	if (total->tcp_request == 0 ||
	    (times->tcp_request != 0 && times->tcp_request < total->tcp_request))
		total->tcp_request = times->tcp_request;
	if (total->tcp_response == 0 ||
	    (times->tcp_response != 0 && times->tcp_response < total->tcp_response))
		total->tcp_response = times->tcp_response;
	total->test_bytes += times->test_bytes;
}

typedef struct {
	CwmpTr143MeasureRunFunc	   run;
	CwmpTr143HttpClientParams *params;
	guint64			  *progress;
} CwmpTr143MeasureTask;

static void
cwmp_tr143_measure_task_free(CwmpTr143MeasureTask *data)
{
	cwmp_tr143_http_client_params_free(data->params);
	g_free(data);
}

static void
cwmp_tr143_measure_task_cb(GTask	*task,
			   gpointer	 source,
			   gpointer	 task_data,
			   GCancellable *cancellable)
{
	CwmpTr143MeasureTask	  *data = task_data;
	GError			  *error = NULL;
	CwmpTr143HttpClientResult *result =
	    data->run(data->params, data->progress, cancellable, &error);

	if (result == NULL)
		g_task_return_error(task, error);
	else
		g_task_return_pointer(task, result,
				      (GDestroyNotify) cwmp_tr143_http_client_result_free);
}

/**
 * cwmp_tr143_measure_run_async:
 * @run: a transport's blocking run function
 * @params: the test, copied
 * @progress: (nullable): must stay valid until the callback
 * @cancellable: (nullable): stops the test
 * @callback: called in the caller's main context
 * @user_data: for @callback
 *
 * @run in a worker thread; the result comes from
 * cwmp_tr143_measure_run_finish().
 */
void
cwmp_tr143_measure_run_async(CwmpTr143MeasureRunFunc	      run,
			     const CwmpTr143HttpClientParams *params,
			     guint64			     *progress,
			     GCancellable		     *cancellable,
			     GAsyncReadyCallback	      callback,
			     gpointer			      user_data)
{
	g_autoptr(GTask) task = g_task_new(NULL, cancellable, callback, user_data);
	CwmpTr143MeasureTask *data = g_new0(CwmpTr143MeasureTask, 1);

	data->run = run;
	data->params = cwmp_tr143_http_client_params_copy(params);
	data->progress = progress;
	g_task_set_task_data(task, data, (GDestroyNotify) cwmp_tr143_measure_task_free);
	g_task_set_return_on_cancel(task, FALSE);
	g_task_run_in_thread(task, cwmp_tr143_measure_task_cb);
}

CwmpTr143HttpClientResult *
cwmp_tr143_measure_run_finish(GAsyncResult *result, GError **error)
{
	return g_task_propagate_pointer(G_TASK(result), error);
}
