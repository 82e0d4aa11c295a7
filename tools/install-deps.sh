#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The cwmpd developers
#
# Install the Debian 12 packages needed to build, test, fuzz and benchmark cwmpd.
# The package list lives here and only here; the Makefile calls this script.
#
# usage: tools/install-deps.sh [--check]
#   --check   only report what is missing (exit 1 if anything is), never install
#
# As root, missing packages are installed with apt-get (non-interactively). As any
# other user, the script prints the exact command to run and exits non-zero.

set -eu

# build
PACKAGES="meson ninja-build pkg-config gcc libc6-dev python3"
# libraries
PACKAGES="$PACKAGES libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libxml2-dev"
PACKAGES="$PACKAGES libjson-glib-dev glib-networking libgnutls28-dev"
# tests: schema validation, TLS material, valgrind, export checks (nm),
# network namespaces, private D-Bus
PACKAGES="$PACKAGES libxml2-utils gnutls-bin valgrind binutils iproute2 dbus"
# real peers of the transfer and diagnostics tests: HTTP(S) with Basic and
# Digest, ranges and throttling (lighttpd), the throughput benchmarks (nginx,
# curl as the reference client), FTP (pyftpdlib, run with /usr/bin/python3),
# a DNS server for NSLookupDiagnostics (dnsmasq)
PACKAGES="$PACKAGES lighttpd lighttpd-mod-openssl nginx curl python3-pyftpdlib dnsmasq"
# ASan/UBSan and libFuzzer with clang, formatting
PACKAGES="$PACKAGES clang-14 libclang-rt-14-dev clang-format-14"

check_only=false
case "${1:-}" in
--check) check_only=true ;;
"") ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: dpkg-query not found; this script supports Debian 12 only." >&2
	echo "install-deps: needed packages (Debian names): $PACKAGES" >&2
	exit 1
fi

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	if [ "$status" != "installed" ]; then
		missing="$missing $pkg"
	fi
done
missing=${missing# }

if [ -z "$missing" ]; then
	echo "install-deps: all build dependencies are installed"
	exit 0
fi

echo "install-deps: missing packages: $missing"
if $check_only; then
	exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: not running as root; install them with:" >&2
	echo "" >&2
	echo "  sudo apt-get install -y --no-install-recommends $missing" >&2
	echo "" >&2
	echo "install-deps: then run make again" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update

# ask apt for every package up front so an unavailable one is named, not guessed at
unavailable=""
for pkg in $missing; do
	candidate=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
		unavailable="$unavailable $pkg"
	fi
done
if [ -n "$unavailable" ]; then
	echo "install-deps: not available from the configured apt sources:$unavailable" >&2
	echo "install-deps: enable the Debian 12 (bookworm) main repository and retry" >&2
	exit 1
fi

# shellcheck disable=SC2086 # word splitting of the package list is intended
apt-get install -y --no-install-recommends $missing

# verify, so a half-finished install does not pass silently
still=""
for pkg in $missing; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	if [ "$status" != "installed" ]; then
		still="$still $pkg"
	fi
done
if [ -n "$still" ]; then
	echo "install-deps: still missing after apt-get install:$still" >&2
	exit 1
fi
echo "install-deps: installed:$missing"
