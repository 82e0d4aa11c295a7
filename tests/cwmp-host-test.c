/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-error.h"
#include "cwmp-host.h"

typedef struct {
	GPtrArray *events; /* "code|key" */
	gboolean   refuse;
} EventSink;

static gboolean
event_cb(const gchar *code, const gchar *command_key, gpointer user_data, GError **error)
{
	EventSink *sink = user_data;
	if (sink->refuse) {
		g_set_error_literal(error, CWMP_ERROR, CWMP_ERROR_IO, "disk full");
		return FALSE;
	}
	g_ptr_array_add(sink->events,
			g_strdup_printf("%s|%s", code, command_key != NULL ? command_key : ""));
	return TRUE;
}

static void
test_host_events(void)
{
	g_autoptr(CwmpHost) host = cwmp_host_new();
	g_autoptr(GError) error = NULL;
	EventSink sink = {g_ptr_array_new_with_free_func(g_free), FALSE};

	/* before the engine runs, events wait in order */
	g_assert_true(cwmp_host_queue_event(host, "8 DIAGNOSTICS COMPLETE", NULL, &error));
	g_assert_true(cwmp_host_queue_event(host, "M Download", "k1", &error));
	g_assert_cmpuint(sink.events->len, ==, 0);
	/* an unknown code is refused at once */
	g_assert_false(cwmp_host_queue_event(host, "99 NOT AN EVENT", NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);

	cwmp_host_set_event_func(host, event_cb, &sink);
	g_assert_cmpuint(sink.events->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(sink.events, 0), ==, "8 DIAGNOSTICS COMPLETE|");
	g_assert_cmpstr(g_ptr_array_index(sink.events, 1), ==, "M Download|k1");

	g_assert_true(cwmp_host_queue_event(host, "8 DIAGNOSTICS COMPLETE", NULL, &error));
	g_assert_cmpuint(sink.events->len, ==, 3);
	/* the engine's failure reaches the plugin */
	sink.refuse = TRUE;
	g_assert_false(cwmp_host_queue_event(host, "8 DIAGNOSTICS COMPLETE", NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_IO);
	g_ptr_array_unref(sink.events);
}

static gboolean
count_cb(gpointer user_data)
{
	(*(guint *) user_data)++;
	return G_SOURCE_REMOVE;
}

static void
spin(void)
{
	for (guint i = 0; i < 10; i++)
		g_main_context_iteration(NULL, FALSE);
}

static void
test_host_call_when_idle(void)
{
	g_autoptr(CwmpHost) host = cwmp_host_new();
	guint ran = 0;
	guint cancelled = 0;
	guint id;

	/* never from inside the caller, soon after when idle */
	cwmp_host_call_when_idle(host, count_cb, &ran, NULL);
	g_assert_cmpuint(ran, ==, 0);
	spin();
	g_assert_cmpuint(ran, ==, 1);

	/* during a session: waits for its end */
	cwmp_host_set_session_active(host, TRUE);
	g_assert_true(cwmp_host_is_in_session(host));
	cwmp_host_call_when_idle(host, count_cb, &ran, NULL);
	id = cwmp_host_call_when_idle(host, count_cb, &cancelled, NULL);
	g_assert_cmpuint(id, !=, 0);
	spin();
	g_assert_cmpuint(ran, ==, 1);
	cwmp_host_cancel_call(host, id);
	cwmp_host_cancel_call(host, 12345); /* unknown: ignored */
	cwmp_host_set_session_active(host, FALSE);
	spin();
	g_assert_cmpuint(ran, ==, 2);
	g_assert_cmpuint(cancelled, ==, 0);

	/* a session that starts before the idle source fires holds the call */
	cwmp_host_call_when_idle(host, count_cb, &ran, NULL);
	cwmp_host_set_session_active(host, TRUE);
	spin();
	g_assert_cmpuint(ran, ==, 2);
	cwmp_host_set_session_active(host, FALSE);
	spin();
	g_assert_cmpuint(ran, ==, 3);
}

static gboolean
apply_cb(const CwmpFileTransferInfo *info,
	 gpointer		     user_data,
	 gboolean		    *needs_reboot,
	 GError			   **error)
{
	return TRUE;
}

static gboolean
collect_cb(const CwmpFileTransferInfo *info, gpointer user_data, GError **error)
{
	return TRUE;
}

static const CwmpFileTypeHandler firmware = {
    .file_type = "1 Firmware Upgrade Image",
    .direction = CWMP_TRANSFER_DOWNLOAD,
    .apply = apply_cb,
};
static const CwmpFileTypeHandler config_upload = {
    .file_type = "3 Vendor Configuration File",
    .direction = CWMP_TRANSFER_UPLOAD,
    .takes_instance = TRUE,
    .collect = collect_cb,
};
static const CwmpFileTypeHandler no_apply = {
    .file_type = "2 Web Content",
    .direction = CWMP_TRANSFER_DOWNLOAD,
};

static void
test_host_file_types(void)
{
	g_autoptr(CwmpHost) host = cwmp_host_new();
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) uploads = NULL;
	gpointer data = NULL;
	guint	 instance = 99;
	int	 token = 0;

	g_assert_true(cwmp_host_add_file_type(host, &firmware, &token, &error));
	g_assert_true(cwmp_host_add_file_type(host, &config_upload, NULL, &error));
	g_assert_false(cwmp_host_add_file_type(host, &firmware, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_EXISTS);
	g_clear_error(&error);
	g_assert_false(cwmp_host_add_file_type(host, &no_apply, NULL, &error));
	g_assert_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA);
	g_clear_error(&error);

	g_assert_true(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_DOWNLOAD,
						 "1 Firmware Upgrade Image", &instance,
						 &data) == &firmware);
	g_assert_cmpuint(instance, ==, 0);
	g_assert_true(data == &token);
	/* the direction matters */
	g_assert_null(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_UPLOAD,
						 "1 Firmware Upgrade Image", NULL, NULL));
	/* "<i>" types need an instance number */
	g_assert_true(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_UPLOAD,
						 "3 Vendor Configuration File 7", &instance,
						 NULL) == &config_upload);
	g_assert_cmpuint(instance, ==, 7);
	g_assert_null(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_UPLOAD,
						 "3 Vendor Configuration File", NULL, NULL));
	g_assert_null(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_UPLOAD,
						 "3 Vendor Configuration File x", NULL, NULL));
	g_assert_null(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_UPLOAD,
						 "3 Vendor Configuration File 0", NULL, NULL));
	uploads = cwmp_host_dup_file_types(host, CWMP_TRANSFER_UPLOAD);
	g_assert_cmpuint(g_strv_length(uploads), ==, 1);
	g_assert_cmpstr(uploads[0], ==, "3 Vendor Configuration File <i>");

	cwmp_host_remove_file_type(host, &firmware);
	g_assert_null(cwmp_host_lookup_file_type(host, CWMP_TRANSFER_DOWNLOAD,
						 "1 Firmware Upgrade Image", NULL, NULL));
}

int
main(int argc, char *argv[])
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/host/events", test_host_events);
	g_test_add_func("/host/call-when-idle", test_host_call_when_idle);
	g_test_add_func("/host/file-types", test_host_file_types);
	return g_test_run();
}
