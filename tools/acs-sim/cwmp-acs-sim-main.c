/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <stdio.h>

#include "cwmp-acs-sim.h"
#include "cwmp-error.h"

typedef struct {
	GMainLoop *loop;
	FILE	  *json_log;
	guint	   max_sessions;
	gint	   exit_code;
} CwmpAcsSimMain;

static void
cwmp_acs_sim_main_transcript_cb(CwmpAcsSim *sim, const gchar *line, gpointer user_data)
{
	g_print("%s\n", line);
}

static void
cwmp_acs_sim_main_record_cb(CwmpAcsSim *sim, gpointer record, gpointer user_data)
{
	CwmpAcsSimMain	 *app = user_data;
	g_autofree gchar *json = cwmp_acs_sim_record_to_json(record);

	fprintf(app->json_log, "%s\n", json);
	fflush(app->json_log);
}

static void
cwmp_acs_sim_main_session_finished_cb(CwmpAcsSim *sim,
				      guint	  number,
				      gboolean	  completed,
				      gpointer	  user_data)
{
	CwmpAcsSimMain *app = user_data;

	if (app->max_sessions > 0 &&
	    cwmp_acs_sim_get_n_completed_sessions(sim) >= app->max_sessions)
		g_main_loop_quit(app->loop);
}

static void
cwmp_acs_sim_main_finished_cb(CwmpAcsSim *sim, gpointer user_data)
{
	CwmpAcsSimMain *app = user_data;
	g_main_loop_quit(app->loop);
}

static gboolean
cwmp_acs_sim_main_signal_cb(gpointer user_data)
{
	CwmpAcsSimMain *app = user_data;
	app->exit_code = 1;
	g_main_loop_quit(app->loop);
	return G_SOURCE_CONTINUE;
}

static gboolean
cwmp_acs_sim_main_parse_misbehave(const gchar	      *arg,
				  CwmpAcsSimMisbehave *mode,
				  guint		      *n_sessions,
				  GError	     **error)
{
	g_auto(GStrv) parts = g_strsplit(arg, ":", 2);
	guint64 n = 0;

	if (!cwmp_acs_sim_misbehave_from_string(parts[0], mode)) {
		g_set_error(error, CWMP_ERROR, CWMP_ERROR_INVALID_DATA,
			    "unknown misbehaviour '%s' (500, 503, drop, garbage, 8005, slow, "
			    "redirect, cookie)",
			    parts[0]);
		return FALSE;
	}
	if (parts[1] != NULL &&
	    !g_ascii_string_to_unsigned(parts[1], 10, 0, G_MAXUINT32, &n, error)) {
		g_prefix_error(error, "--misbehave %s: ", arg);
		return FALSE;
	}
	*n_sessions = (guint) n;
	return TRUE;
}

int
main(int argc, char **argv)
{
	CwmpAcsSimMain app = {0};
	g_autoptr(CwmpAcsSim) sim = NULL;
	g_autoptr(GOptionContext) context = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GMainLoop) loop = NULL;
	g_autofree gchar  *url = NULL;
	gint		   port = 0;
	gint		   sessions = 0;
	gint		   delay_ms = 2000;
	gint		   redirect_hops = 2;
	gint		   redirect_status = 307;
	gint		   end_status = 200;
	gboolean	   require_client_cert = FALSE;
	gboolean	   quiet = FALSE;
	gboolean	   record_xml = FALSE;
	gboolean	   hold_requests = FALSE;
	g_autofree gchar  *listen_address = NULL;
	g_autofree gchar  *tls_cert = NULL;
	g_autofree gchar  *tls_key = NULL;
	g_autofree gchar  *tls_ca = NULL;
	g_autofree gchar  *auth = NULL;
	g_autofree gchar  *username = NULL;
	g_autofree gchar  *password = NULL;
	g_autofree gchar  *cr_username = NULL;
	g_autofree gchar  *cr_password = NULL;
	g_autofree gchar  *script = NULL;
	g_autofree gchar  *misbehave = NULL;
	g_autofree gchar  *json_log = NULL;
	g_autofree gchar  *url_file = NULL;
	g_autofree gchar  *use_version = NULL;
	const GOptionEntry entries[] = {
	    {"port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free one)",
	     "PORT"},
	    {"listen-address", 'a', 0, G_OPTION_ARG_STRING, &listen_address,
	     "Address to listen on (default 127.0.0.1)", "ADDRESS"},
	    {"url-file", 0, 0, G_OPTION_ARG_FILENAME, &url_file,
	     "Write the ACS URL to FILE once listening", "FILE"},
	    {"tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
	     "Serve HTTPS with this certificate", "FILE"},
	    {"tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "Private key of --tls-cert", "FILE"},
	    {"tls-ca", 0, 0, G_OPTION_ARG_FILENAME, &tls_ca, "CA that signs client certificates",
	     "FILE"},
	    {"require-client-cert", 0, 0, G_OPTION_ARG_NONE, &require_client_cert,
	     "Require a client certificate signed by --tls-ca (mTLS)", NULL},
	    {"auth", 0, 0, G_OPTION_ARG_STRING, &auth, "Require HTTP authentication",
	     "basic|digest"},
	    {"username", 'u', 0, G_OPTION_ARG_STRING, &username, "ACS username", "NAME"},
	    {"password", 'P', 0, G_OPTION_ARG_STRING, &password, "ACS password", "PASSWORD"},
	    {"cr-username", 0, 0, G_OPTION_ARG_STRING, &cr_username, "Connection-request username",
	     "NAME"},
	    {"cr-password", 0, 0, G_OPTION_ARG_STRING, &cr_password, "Connection-request password",
	     "PASSWORD"},
	    {"script", 's', 0, G_OPTION_ARG_FILENAME, &script, "Steps to run (see README.md)",
	     "FILE"},
	    {"sessions", 'n', 0, G_OPTION_ARG_INT, &sessions,
	     "Exit after N completed sessions (0: never)", "N"},
	    {"misbehave", 'm', 0, G_OPTION_ARG_STRING, &misbehave,
	     "Misbehave in the first N sessions (all without :N)", "MODE[:N]"},
	    {"delay", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Delay of the slow mode (default 2000)",
	     "MS"},
	    {"redirect-hops", 0, 0, G_OPTION_ARG_INT, &redirect_hops,
	     "Hops of the redirect mode (default 2)", "N"},
	    {"redirect-status", 0, 0, G_OPTION_ARG_INT, &redirect_status,
	     "Status of the redirect mode: 301, 302, 303 or 307 (default)", "STATUS"},
	    {"end-status", 0, 0, G_OPTION_ARG_INT, &end_status,
	     "Status of the empty answer ending a session: 200 (default) or 204", "STATUS"},
	    {"use-cwmp-version", 0, 0, G_OPTION_ARG_STRING, &use_version,
	     "Put cwmp:UseCWMPVersion in the InformResponse", "VERSION"},
	    {"hold-requests", 0, 0, G_OPTION_ARG_NONE, &hold_requests,
	     "Send cwmp:HoldRequests true", NULL},
	    {"record-xml", 0, 0, G_OPTION_ARG_NONE, &record_xml, "Keep the raw XML in the JSON log",
	     NULL},
	    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print no transcript", NULL},
	    {"json-log", 'j', 0, G_OPTION_ARG_FILENAME, &json_log,
	     "Append one JSON object per exchange to FILE", "FILE"},
	    {NULL},
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	context = g_option_context_new("- TR-069 ACS simulator for tests and demos");
	g_option_context_add_main_entries(context, entries, NULL);
	if (!g_option_context_parse(context, &argc, &argv, &error)) {
		g_printerr("cwmp-acs-sim: %s\n", error->message);
		return 2;
	}
	if (argc > 1) {
		g_printerr("cwmp-acs-sim: unexpected argument '%s'\n", argv[1]);
		return 2;
	}
	if (port < 0 || port > 65535 || sessions < 0 || delay_ms < 0 || redirect_hops < 0 ||
	    (redirect_status != 301 && redirect_status != 302 && redirect_status != 303 &&
	     redirect_status != 307) ||
	    (end_status != 200 && end_status != 204)) {
		g_printerr("cwmp-acs-sim: a numeric option is out of range\n");
		return 2;
	}
	if ((tls_cert == NULL) != (tls_key == NULL) || (require_client_cert && tls_ca == NULL) ||
	    (tls_ca != NULL && !require_client_cert)) {
		g_printerr("cwmp-acs-sim: --tls-cert and --tls-key go together, and "
			   "--require-client-cert with --tls-ca\n");
		return 2;
	}

	sim = cwmp_acs_sim_new();
	if (tls_cert != NULL &&
	    !cwmp_acs_sim_set_tls(sim, tls_cert, tls_key, require_client_cert ? tls_ca : NULL,
				  &error)) {
		g_printerr("cwmp-acs-sim: %s\n", error->message);
		return 1;
	}
	if (auth != NULL) {
		CwmpAcsSimAuth mode;
		if (g_strcmp0(auth, "basic") == 0) {
			mode = CWMP_ACS_SIM_AUTH_BASIC;
		} else if (g_strcmp0(auth, "digest") == 0) {
			mode = CWMP_ACS_SIM_AUTH_DIGEST;
		} else {
			g_printerr("cwmp-acs-sim: --auth must be basic or digest\n");
			return 2;
		}
		if (username == NULL) {
			g_printerr("cwmp-acs-sim: --auth needs --username\n");
			return 2;
		}
		cwmp_acs_sim_set_auth(sim, mode, username, password);
	}
	if (cr_username != NULL)
		cwmp_acs_sim_set_cr_credentials(sim, cr_username, cr_password);
	if (misbehave != NULL) {
		CwmpAcsSimMisbehave mode = CWMP_ACS_SIM_MISBEHAVE_NONE;
		guint		    n = 0;
		if (!cwmp_acs_sim_main_parse_misbehave(misbehave, &mode, &n, &error)) {
			g_printerr("cwmp-acs-sim: %s\n", error->message);
			return 2;
		}
		cwmp_acs_sim_set_misbehave(sim, mode, n);
	}
	cwmp_acs_sim_set_delay(sim, (guint) delay_ms);
	cwmp_acs_sim_set_redirect(sim, (guint) redirect_hops, (guint) redirect_status);
	cwmp_acs_sim_set_end_status(sim, (guint) end_status);
	cwmp_acs_sim_set_use_cwmp_version(sim, use_version);
	cwmp_acs_sim_set_hold_requests(sim, hold_requests);
	cwmp_acs_sim_set_record_xml(sim, record_xml);
	if (script != NULL && !cwmp_acs_sim_load_script(sim, script, &error)) {
		g_printerr("cwmp-acs-sim: %s\n", error->message);
		return 2;
	}
	if (json_log != NULL) {
		app.json_log = fopen(json_log, "a");
		if (app.json_log == NULL) {
			g_printerr("cwmp-acs-sim: cannot open %s: %s\n", json_log,
				   g_strerror(errno));
			return 1;
		}
		g_signal_connect(sim, "record-added", G_CALLBACK(cwmp_acs_sim_main_record_cb),
				 &app);
	}

	loop = g_main_loop_new(NULL, FALSE);
	app.loop = loop;
	app.max_sessions = (guint) sessions;
	if (!quiet)
		g_signal_connect(sim, "transcript", G_CALLBACK(cwmp_acs_sim_main_transcript_cb),
				 &app);
	g_signal_connect(sim, "session-finished", G_CALLBACK(cwmp_acs_sim_main_session_finished_cb),
			 &app);
	g_signal_connect(sim, "finished", G_CALLBACK(cwmp_acs_sim_main_finished_cb), &app);

	if (!cwmp_acs_sim_start(sim, listen_address, (guint) port, &error)) {
		g_printerr("cwmp-acs-sim: %s\n", error->message);
		if (app.json_log != NULL)
			fclose(app.json_log);
		return 1;
	}
	url = cwmp_acs_sim_get_url(sim);
	if (!quiet)
		g_print("[acs] listening on %s\n", url);
	if (url_file != NULL) {
		g_autofree gchar *contents = g_strconcat(url, "\n", NULL);
		if (!g_file_set_contents(url_file, contents, -1, &error)) {
			g_printerr("cwmp-acs-sim: %s\n", error->message);
			if (app.json_log != NULL)
				fclose(app.json_log);
			return 1;
		}
	}

	{
		guint sigint_id = g_unix_signal_add(SIGINT, cwmp_acs_sim_main_signal_cb, &app);
		guint sigterm_id = g_unix_signal_add(SIGTERM, cwmp_acs_sim_main_signal_cb, &app);
		g_main_loop_run(loop);
		g_source_remove(sigint_id);
		g_source_remove(sigterm_id);
	}

	if (!quiet && cwmp_acs_sim_get_n_pending_steps(sim) > 0)
		g_print("[acs] exiting with %u steps not run\n",
			cwmp_acs_sim_get_n_pending_steps(sim));
	cwmp_acs_sim_stop(sim);
	if (app.json_log != NULL)
		fclose(app.json_log);
	return app.exit_code;
}
