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
#include "cwmp-file-types.h"

struct _CwmpFileTypes {
	/* read once: the handlers run in a worker thread, never reading config */
	gchar	*firmware_command;
	gchar	*store_command;
	gchar	*config_file;
	gboolean config_needs_reboot;
	gchar	*log_file;
	gboolean firmware_needs_reboot;
	GSList	*claimed; /* const CwmpFileTypeHandler *, ours that the host took */
};

/* runs a hook with the file as its last argument; its last line of stderr
 * becomes the fault string of a refusal */
static gboolean
cwmp_file_types_run(const gchar *command, const CwmpFileTransferInfo *info, GError **error)
{
	g_auto(GStrv) argv = NULL;
	g_auto(GStrv) envp = g_get_environ();
	g_autofree gchar *err = NULL;
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
	g_autoptr(GError) error_local = NULL;
	gint status = 0;

	if (!g_shell_parse_argv(command, NULL, &argv, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "hook '%s': %s", command,
			    error_local->message);
		return FALSE;
	}
	g_strv_builder_addv(builder, (const gchar **) argv);
	g_strv_builder_add(builder, info->path);
	g_strfreev(argv);
	argv = g_strv_builder_end(builder);
	envp = g_environ_setenv(envp, "CWMPD_FILE", info->path, TRUE);
	envp = g_environ_setenv(envp, "CWMPD_FILE_TYPE", info->file_type, TRUE);
	envp = g_environ_setenv(envp, "CWMPD_TARGET_FILE_NAME", info->target_file_name, TRUE);
	envp = g_environ_setenv(envp, "CWMPD_COMMAND_KEY", info->command_key, TRUE);
	if (!g_spawn_sync(NULL, argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
			  NULL, NULL, &err, &status, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_INTERNAL_ERROR, "hook '%s': %s", command,
			    error_local->message);
		return FALSE;
	}
	if (!g_spawn_check_wait_status(status, &error_local)) {
		gchar *last = err != NULL ? g_strstrip(err) : NULL;
		gchar *nl = last != NULL ? strrchr(last, '\n') : NULL;
		if (nl != NULL)
			last = nl + 1;
		/* the hook looked at the image and said no: 9018, "file corrupted
		 * or otherwise unusable" */
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_FILE_CORRUPTED,
			    "%s refused the file (%s)%s%s", argv[0], error_local->message,
			    last != NULL && last[0] ? ": " : "", last != NULL ? last : "");
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_file_types_firmware_apply(const CwmpFileTransferInfo *info,
			       gpointer			   user_data,
			       gboolean			  *needs_reboot,
			       GError			 **error)
{
	CwmpFileTypes *self = user_data;
	if (!cwmp_file_types_run(self->firmware_command, info, error))
		return FALSE;
	*needs_reboot = self->firmware_needs_reboot;
	return TRUE;
}

static gboolean
cwmp_file_types_store_apply(const CwmpFileTransferInfo *info,
			    gpointer			user_data,
			    gboolean		       *needs_reboot,
			    GError		      **error)
{
	CwmpFileTypes *self = user_data;
	*needs_reboot = FALSE;
	return cwmp_file_types_run(self->store_command, info, error);
}

/* copies @from to @to through a temporary file, fsynced and renamed, so a
 * crash leaves the old file or the new one, never half of it; streamed, so a
 * large file costs no memory */
static gboolean
cwmp_file_types_copy(const gchar *from, const gchar *to, GError **error)
{
	g_autofree gchar  *tmp = g_strconcat(to, ".cwmpd-new", NULL);
	g_autofree guint8 *buffer = g_malloc(64 * 1024);
	gint		   in = g_open(from, O_RDONLY | O_CLOEXEC, 0);
	gint		   out;
	gssize		   n;

	if (in < 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", from,
			    g_strerror(errno));
		return FALSE;
	}
	out = g_open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", tmp,
			    g_strerror(errno));
		close(in);
		return FALSE;
	}
	while ((n = read(in, buffer, 64 * 1024)) != 0) {
		gssize written = 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		while (written < n) {
			gssize w = write(out, buffer + written, (gsize) (n - written));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				n = -1;
				break;
			}
			written += w;
		}
		if (n < 0)
			break;
	}
	if (n < 0 || fsync(out) != 0) {
		int saved = errno;
		close(in);
		close(out);
		g_unlink(tmp);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "%s: %s", tmp,
			    g_strerror(saved));
		return FALSE;
	}
	close(in);
	if (close(out) != 0 || g_rename(tmp, to) != 0) {
		int saved = errno;
		g_unlink(tmp);
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "%s: %s", to,
			    g_strerror(saved));
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_file_types_config_apply(const CwmpFileTransferInfo *info,
			     gpointer			 user_data,
			     gboolean			*needs_reboot,
			     GError		       **error)
{
	CwmpFileTypes *self = user_data;
	g_autoptr(GError) error_local = NULL;

	if (!cwmp_file_types_copy(info->path, self->config_file, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_DOWNLOAD_FAILURE,
			    "cannot install the configuration file %s: %s", self->config_file,
			    error_local->message);
		return FALSE;
	}
	*needs_reboot = self->config_needs_reboot;
	return TRUE;
}

static gboolean
cwmp_file_types_collect(const gchar *from, const CwmpFileTransferInfo *info, GError **error)
{
	g_autoptr(GError) error_local = NULL;
	if (!cwmp_file_types_copy(from, info->path, &error_local)) {
		g_set_error(error, CWMP_FAULT, CWMP_FAULT_UPLOAD_FAILURE, "cannot read %s: %s",
			    from, error_local->message);
		return FALSE;
	}
	return TRUE;
}

static gboolean
cwmp_file_types_config_collect(const CwmpFileTransferInfo *info, gpointer user_data, GError **error)
{
	CwmpFileTypes *self = user_data;
	return cwmp_file_types_collect(self->config_file, info, error);
}

static gboolean
cwmp_file_types_log_collect(const CwmpFileTransferInfo *info, gpointer user_data, GError **error)
{
	CwmpFileTypes *self = user_data;
	return cwmp_file_types_collect(self->log_file, info, error);
}

static const CwmpFileTypeHandler cwmp_file_types_firmware = {
    .file_type = "1 Firmware Upgrade Image",
    .direction = CWMP_TRANSFER_DOWNLOAD,
    .apply = cwmp_file_types_firmware_apply,
};
static const CwmpFileTypeHandler cwmp_file_types_stored_firmware = {
    .file_type = "6 Stored Firmware Image",
    .direction = CWMP_TRANSFER_DOWNLOAD,
    .apply = cwmp_file_types_store_apply,
};
static const CwmpFileTypeHandler cwmp_file_types_config_download = {
    .file_type = "3 Vendor Configuration File",
    .direction = CWMP_TRANSFER_DOWNLOAD,
    .apply = cwmp_file_types_config_apply,
};
static const CwmpFileTypeHandler cwmp_file_types_config_upload = {
    .file_type = "1 Vendor Configuration File",
    .direction = CWMP_TRANSFER_UPLOAD,
    .collect = cwmp_file_types_config_collect,
};
static const CwmpFileTypeHandler cwmp_file_types_log_upload = {
    .file_type = "2 Vendor Log File",
    .direction = CWMP_TRANSFER_UPLOAD,
    .collect = cwmp_file_types_log_collect,
};

static gchar *
cwmp_file_types_get(CwmpConfig *config, const gchar *group, const gchar *key)
{
	gchar *value = cwmp_config_get_string(config, group, key);
	if (value != NULL && g_strstrip(value)[0] == '\0')
		g_clear_pointer(&value, g_free);
	return value;
}

CwmpFileTypes *
cwmp_file_types_new(CwmpConfig *config)
{
	CwmpFileTypes *self = g_new0(CwmpFileTypes, 1);
	self->firmware_command = cwmp_file_types_get(config, "hooks", "firmware-upgrade");
	self->store_command = cwmp_file_types_get(config, "hooks", "firmware-store");
	self->config_file = cwmp_file_types_get(config, "transfers", "config-file");
	self->log_file = cwmp_file_types_get(config, "transfers", "log-file");
	self->config_needs_reboot =
	    cwmp_config_get_boolean(config, "transfers", "config-file-needs-reboot");
	self->firmware_needs_reboot =
	    cwmp_config_get_boolean(config, "transfers", "firmware-needs-reboot");
	return self;
}

void
cwmp_file_types_free(CwmpFileTypes *self)
{
	if (self == NULL)
		return;
	g_slist_free(self->claimed);
	g_free(self->firmware_command);
	g_free(self->store_command);
	g_free(self->config_file);
	g_free(self->log_file);
	g_free(self);
}

static void
cwmp_file_types_claim(CwmpFileTypes *self, CwmpHost *host, const CwmpFileTypeHandler *handler)
{
	if (cwmp_host_lookup_file_type(host, handler->direction, handler->file_type, NULL, NULL) !=
	    NULL) {
		g_info("file type '%s' is a plugin's: the core's default is not used",
		       handler->file_type);
		return;
	}
	if (cwmp_host_add_file_type(host, handler, self, NULL))
		self->claimed = g_slist_prepend(self->claimed, (gpointer) handler);
}

/**
 * cwmp_file_types_register:
 * @self: the defaults
 * @host: the agent's host, after the plugins claimed their types
 *
 * Returns: how many types the core claimed
 */
guint
cwmp_file_types_register(CwmpFileTypes *self, CwmpHost *host)
{
	if (self->firmware_command != NULL)
		cwmp_file_types_claim(self, host, &cwmp_file_types_firmware);
	if (self->store_command != NULL)
		cwmp_file_types_claim(self, host, &cwmp_file_types_stored_firmware);
	if (self->config_file != NULL) {
		cwmp_file_types_claim(self, host, &cwmp_file_types_config_download);
		cwmp_file_types_claim(self, host, &cwmp_file_types_config_upload);
	}
	if (self->log_file != NULL)
		cwmp_file_types_claim(self, host, &cwmp_file_types_log_upload);
	return g_slist_length(self->claimed);
}

void
cwmp_file_types_unregister(CwmpFileTypes *self, CwmpHost *host)
{
	for (GSList *l = self->claimed; l != NULL; l = l->next)
		cwmp_host_remove_file_type(host, l->data);
	g_clear_pointer(&self->claimed, g_slist_free);
}
