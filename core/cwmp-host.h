/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * CwmpHost is what a plugin sees of the agent beyond the data model: it
 * queues CWMP events (8 DIAGNOSTICS COMPLETE), learns when the session with
 * the ACS ends (TR-069 starts diagnostics and transfers only then), and
 * claims file types for Download and Upload. One host per agent; every
 * plugin context hands out the same one (cwmp_plugin_context_get_host()).
 *
 * The core side (the engine) installs the event function and reports the
 * session state; until it does, queued events wait in the host.
 */

#define CWMP_TYPE_HOST (cwmp_host_get_type())
G_DECLARE_FINAL_TYPE(CwmpHost, cwmp_host, CWMP, HOST, GObject)

/**
 * CwmpTransferDirection:
 * @CWMP_TRANSFER_DOWNLOAD: ACS to CPE (Download, ScheduleDownload)
 * @CWMP_TRANSFER_UPLOAD: CPE to ACS (Upload)
 *
 * Since: 1.0
 */
typedef enum {
	CWMP_TRANSFER_DOWNLOAD,
	CWMP_TRANSFER_UPLOAD,
} CwmpTransferDirection;

/**
 * CwmpFileTransferInfo:
 * @path: downloads: the received file (the core's: removed after @apply);
 *   uploads: where @collect writes the file to send
 * @file_type: the FileType of the RPC, as sent
 * @instance: the instance of a "... <i>" FileType, else 0
 * @target_file_name: the RPC's TargetFileName, "" when none
 * @command_key: the RPC's CommandKey
 * @size: downloads: the number of bytes received
 *
 * What a file-type handler is told about one transfer.
 *
 * Since: 1.0
 */
typedef struct {
	const gchar *path;
	const gchar *file_type;
	guint	     instance;
	const gchar *target_file_name;
	const gchar *command_key;
	guint64	     size;
	/*< private >*/
	gpointer reserved[4];
} CwmpFileTransferInfo;

/**
 * CwmpFileTypeHandler:
 * @file_type: the TR-069 FileType this handler claims, for example
 *   "1 Firmware Upgrade Image", or a vendor type "X <OUI> <name>"; for the
 *   Upload types that carry an instance ("3 Vendor Configuration File <i>")
 *   give the text without the instance and set @takes_instance
 * @direction: download or upload
 * @takes_instance: the FileType ends in a space and an instance number
 * @verify: (nullable): downloads: check the file before anything changes
 *   (signature, format); a CWMP_FAULT error (9018 file corrupted, 9019 file
 *   authentication failure) is reported to the ACS
 * @apply: downloads: put the verified file in place; set *@needs_reboot when
 *   it only takes effect after a reboot (firmware)
 * @collect: uploads: write the file to send to info->path
 *
 * The callbacks run in a worker thread, one transfer at a time, so they may
 * block (flash a firmware image, run a vendor tool). They must not touch the
 * data model; use g_main_context_invoke() for work that needs the main loop.
 * A callback that fails without a CWMP_FAULT error is reported as the
 * direction's generic fault (9010 download failure, 9011 upload failure).
 * @apply may run again for the same file when cwmpd was killed while it ran.
 *
 * Since: 1.0
 */
typedef struct {
	const gchar	     *file_type;
	CwmpTransferDirection direction;
	gboolean	      takes_instance;
	gboolean (*verify)(const CwmpFileTransferInfo *info, gpointer user_data, GError **error);
	gboolean (*apply)(const CwmpFileTransferInfo *info,
			  gpointer		      user_data,
			  gboolean		     *needs_reboot,
			  GError		    **error);
	gboolean (*collect)(const CwmpFileTransferInfo *info, gpointer user_data, GError **error);
	/*< private >*/
	gpointer reserved[4];
} CwmpFileTypeHandler;

/**
 * CwmpHostEventFunc:
 * @code: the event code ("8 DIAGNOSTICS COMPLETE")
 * @command_key: (nullable): its CommandKey
 * @user_data: what was given to cwmp_host_set_event_func()
 * @error: a #GError, or %NULL
 *
 * The core's side of cwmp_host_queue_event(): queue the event and ask for a
 * session.
 */
typedef gboolean (*CwmpHostEventFunc)(const gchar *code,
				      const gchar *command_key,
				      gpointer	   user_data,
				      GError	 **error);

CwmpHost *
cwmp_host_new(void);

/* for plugins */
gboolean
cwmp_host_queue_event(CwmpHost *self, const gchar *code, const gchar *command_key, GError **error);
gboolean
cwmp_host_is_in_session(CwmpHost *self);
guint
cwmp_host_call_when_idle(CwmpHost *self, GSourceFunc func, gpointer data, GDestroyNotify destroy);
void
cwmp_host_cancel_call(CwmpHost *self, guint id);
gboolean
cwmp_host_add_file_type(CwmpHost		  *self,
			const CwmpFileTypeHandler *handler,
			gpointer		   user_data,
			GError			 **error);
void
cwmp_host_remove_file_type(CwmpHost *self, const CwmpFileTypeHandler *handler);

/* for the core */
void
cwmp_host_set_event_func(CwmpHost *self, CwmpHostEventFunc func, gpointer user_data);
void
cwmp_host_set_session_active(CwmpHost *self, gboolean active);
const CwmpFileTypeHandler *
cwmp_host_lookup_file_type(CwmpHost		*self,
			   CwmpTransferDirection direction,
			   const gchar		*file_type,
			   guint		*instance,
			   gpointer		*user_data);
GStrv
cwmp_host_dup_file_types(CwmpHost *self, CwmpTransferDirection direction);

G_END_DECLS
