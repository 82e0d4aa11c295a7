/*
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 The cwmpd developers
 */

#include "config.h"

#include "cwmp-dbus-daemon.h"
#include "cwmp-dbus-generated.h"
#include "cwmp-dbus-transfers.h"

struct _CwmpDbusTransfers {
	GObject			  parent_instance;
	GDBusObjectManagerServer *manager;
	CwmpTransferQueue	 *queue;
	GHashTable		 *objects; /* id (guint64 *) -> CwmpDbusTransfer1 */
};

G_DEFINE_TYPE(CwmpDbusTransfers, cwmp_dbus_transfers, G_TYPE_OBJECT)

gchar *
cwmp_dbus_transfers_object_path(guint64 id)
{
	return g_strdup_printf(CWMP_DBUS_TRANSFERS_PATH "/%" G_GUINT64_FORMAT, id);
}

/**
 * cwmp_dbus_transfers_strip_url:
 * @url: a transfer URL
 *
 * Returns: @url without the user and password it may carry (they are not
 *   for every local reader of the bus)
 */
gchar *
cwmp_dbus_transfers_strip_url(const gchar *url)
{
	g_autoptr(GUri) uri = g_uri_parse(url, G_URI_FLAGS_ENCODED, NULL);
	g_autoptr(GUri) bare = NULL;

	if (uri == NULL)
		return g_strdup(url);
	bare = g_uri_build(G_URI_FLAGS_ENCODED, g_uri_get_scheme(uri), NULL, g_uri_get_host(uri),
			   g_uri_get_port(uri), g_uri_get_path(uri), g_uri_get_query(uri),
			   g_uri_get_fragment(uri));
	return g_uri_to_string(bare);
}

static void
cwmp_dbus_transfers_fill(CwmpDbusTransfer1 *iface, const CwmpTransfer *t)
{
	g_autofree gchar *url = cwmp_dbus_transfers_strip_url(t->url);

	cwmp_dbus_transfer1_set_id(iface, t->id);
	cwmp_dbus_transfer1_set_kind(iface, cwmp_transfer_kind_to_string(t->kind));
	cwmp_dbus_transfer1_set_autonomous(iface, t->autonomous);
	cwmp_dbus_transfer1_set_command_key(iface, t->command_key);
	cwmp_dbus_transfer1_set_file_type(iface, t->file_type);
	cwmp_dbus_transfer1_set_url(iface, url);
	cwmp_dbus_transfer1_set_state(iface, cwmp_transfer_phase_to_string(t->phase));
	cwmp_dbus_transfer1_set_transfer_state(iface, cwmp_transfer_get_state(t));
	cwmp_dbus_transfer1_set_bytes_done(iface, t->bytes_done);
	cwmp_dbus_transfer1_set_bytes_total(iface, t->bytes_total);
	cwmp_dbus_transfer1_set_fault_code(iface, t->fault_code);
	cwmp_dbus_transfer1_set_fault_string(iface, t->fault_string != NULL ? t->fault_string : "");
	cwmp_dbus_transfer1_set_start_time(iface, t->start_time);
	cwmp_dbus_transfer1_set_complete_time(iface, t->complete_time);
}

static void
cwmp_dbus_transfers_update(CwmpDbusTransfers *self, guint64 id)
{
	const CwmpTransfer *t = cwmp_transfer_queue_lookup(self->queue, id);
	CwmpDbusTransfer1  *iface = g_hash_table_lookup(self->objects, &id);
	g_autofree gchar   *path = cwmp_dbus_transfers_object_path(id);

	if (t == NULL) {
		if (iface != NULL) {
			g_dbus_object_manager_server_unexport(self->manager, path);
			g_hash_table_remove(self->objects, &id);
		}
		return;
	}
	if (iface == NULL) {
		g_autoptr(CwmpDbusObjectSkeleton) object = cwmp_dbus_object_skeleton_new(path);
		guint64 *key = g_new(guint64, 1);
		*key = id;
		iface = cwmp_dbus_transfer1_skeleton_new();
		cwmp_dbus_transfers_fill(iface, t);
		cwmp_dbus_object_skeleton_set_transfer1(object, iface);
		g_hash_table_insert(self->objects, key, iface);
		g_dbus_object_manager_server_export(self->manager, G_DBUS_OBJECT_SKELETON(object));
		return;
	}
	cwmp_dbus_transfers_fill(iface, t);
}

static void
cwmp_dbus_transfers_changed_cb(CwmpTransferQueue *queue, guint64 id, gpointer user_data)
{
	cwmp_dbus_transfers_update(CWMP_DBUS_TRANSFERS(user_data), id);
}

static void
cwmp_dbus_transfers_progress_cb(CwmpTransferQueue *queue,
				guint64		   id,
				guint64		   done,
				guint64		   total,
				gpointer	   user_data)
{
	CwmpDbusTransfers *self = CWMP_DBUS_TRANSFERS(user_data);
	CwmpDbusTransfer1 *iface = g_hash_table_lookup(self->objects, &id);

	/* the skeleton sends the changes in one PropertiesChanged per idle */
	if (iface == NULL)
		return;
	cwmp_dbus_transfer1_set_bytes_done(iface, done);
	cwmp_dbus_transfer1_set_bytes_total(iface, total);
}

CwmpDbusTransfers *
cwmp_dbus_transfers_new(GDBusObjectManagerServer *manager, CwmpTransferQueue *queue)
{
	CwmpDbusTransfers *self = g_object_new(CWMP_TYPE_DBUS_TRANSFERS, NULL);
	GPtrArray	  *transfers = cwmp_transfer_queue_get_transfers(queue);

	self->manager = g_object_ref(manager);
	self->queue = g_object_ref(queue);
	for (guint i = 0; i < transfers->len; i++)
		cwmp_dbus_transfers_update(self,
					   ((CwmpTransfer *) g_ptr_array_index(transfers, i))->id);
	g_signal_connect_object(queue, "changed", G_CALLBACK(cwmp_dbus_transfers_changed_cb), self,
				0);
	g_signal_connect_object(queue, "progress", G_CALLBACK(cwmp_dbus_transfers_progress_cb),
				self, 0);
	return self;
}

static void
cwmp_dbus_transfers_dispose(GObject *object)
{
	CwmpDbusTransfers *self = CWMP_DBUS_TRANSFERS(object);
	if (self->queue != NULL)
		g_signal_handlers_disconnect_by_data(self->queue, self);
	g_clear_object(&self->queue);
	g_clear_object(&self->manager);
	G_OBJECT_CLASS(cwmp_dbus_transfers_parent_class)->dispose(object);
}

static void
cwmp_dbus_transfers_finalize(GObject *object)
{
	CwmpDbusTransfers *self = CWMP_DBUS_TRANSFERS(object);
	g_hash_table_unref(self->objects);
	G_OBJECT_CLASS(cwmp_dbus_transfers_parent_class)->finalize(object);
}

static void
cwmp_dbus_transfers_class_init(CwmpDbusTransfersClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->dispose = cwmp_dbus_transfers_dispose;
	object_class->finalize = cwmp_dbus_transfers_finalize;
}

static void
cwmp_dbus_transfers_init(CwmpDbusTransfers *self)
{
	self->objects = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
}
