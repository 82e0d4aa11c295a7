#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# usage: check-exports.sh PLUGIN.so...
#
# A plugin exports exactly one symbol, cwmp_plugin_<name>_get_info, where
# <name> is its file name libcwmp-plugin-<name>.so with '-' mapped to '_'
# (NM tools/check-exports.sh). Anything else it exports could clash with
# cwmpd or another plugin. Exits 1 naming every offender.

set -eu

NM=${NM:-nm}
status=0

if [ $# -eq 0 ]; then
	echo "usage: $0 PLUGIN.so..." >&2
	exit 2
fi

for module in "$@"; do
	base=$(basename "$module")
	case "$base" in
	libcwmp-plugin-*.so) ;;
	*)
		echo "$module: not named libcwmp-plugin-<name>.so" >&2
		status=1
		continue
		;;
	esac
	name=${base#libcwmp-plugin-}
	name=${name%.so}
	name=$(printf '%s' "$name" | tr '-' '_')
	entry="cwmp_plugin_${name}_get_info"

	if ! table=$("$NM" -D --defined-only "$module"); then
		echo "$module: cannot read its dynamic symbols" >&2
		status=1
		continue
	fi
	symbols=$(printf '%s\n' "$table" | awk 'NF > 0 { print $NF }' | sed 's/@.*//')
	found=no
	for symbol in $symbols; do
		case "$symbol" in
		"$entry") found=yes ;;
		_init | _fini | _edata | _end | __bss_start) ;;
		*)
			echo "$module: exports $symbol (only $entry is allowed)" >&2
			status=1
			;;
		esac
	done
	if [ "$found" = no ]; then
		echo "$module: does not export $entry" >&2
		status=1
	fi
done
exit $status
