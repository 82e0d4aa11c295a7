#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# `make demo`: the ACS simulator and cwmpd on loopback with a temporary state
# directory; prints the simulator's transcript of a provisioning walk-through
# (BOOTSTRAP + BOOT Inform, GetParameterValues, SetParameterValues, GetParameterNames,
# AddObject, DeleteObject, a connection request, a periodic Inform) and exits 0
# when the simulator has seen all of it.
#
# CWMPD_WRAPPER runs cwmpd under another program (tests use valgrind); cwmpd is
# then stopped with SIGTERM and its exit status must be 0.
set -eu
BUILD=${1:?usage: demo.sh BUILD_DIR SRC_DIR}
SRC=${2:?usage: demo.sh BUILD_DIR SRC_DIR}
TIMEOUT=${DEMO_TIMEOUT:-120}

dir=$(mktemp -d "${TMPDIR:-/tmp}/cwmpd-demo-XXXXXX")
acs_pid=""
cwmpd_pid=""
cleanup() {
	[ -n "$cwmpd_pid" ] && kill "$cwmpd_pid" 2>/dev/null && wait "$cwmpd_pid" 2>/dev/null || true
	[ -n "$acs_pid" ] && kill "$acs_pid" 2>/dev/null && wait "$acs_pid" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"$BUILD/tools/acs-sim/cwmp-acs-sim" --port 0 --url-file "$dir/url" \
	--script "$SRC/tools/acs-sim/examples/demo.script" \
	--cr-username demo-cr --cr-password demo-cr-secret &
acs_pid=$!
i=0
while [ ! -s "$dir/url" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "demo: the ACS simulator did not start" >&2; exit 1; }
	sleep 0.1
done

cat > "$dir/cwmpd.conf" <<CONF
[acs]
url=$(cat "$dir/url")
retry-minimum-wait-interval=1
[connection-request]
address=127.0.0.1
port=0
advertised-host=127.0.0.1
username=demo-cr
password=demo-cr-secret
[device]
manufacturer=cwmpd demo
oui=00A0C9
product-class=DemoBox
[hooks]
reboot=true
[state]
directory=$dir/state
CONF

# shellcheck disable=SC2086 # the wrapper is a command line
CWMP_PLUGIN_DIR="$BUILD/plugins/all" ${CWMPD_WRAPPER:-} "$BUILD/cwmpd" --config "$dir/cwmpd.conf" \
	> "$dir/cwmpd.log" 2>&1 &
cwmpd_pid=$!

# the simulator exits 0 after the script's Exit step
i=0
while kill -0 "$acs_pid" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt $((TIMEOUT * 10)) ]; then
		echo "demo: not done after ${TIMEOUT}s; cwmpd log:" >&2
		cat "$dir/cwmpd.log" >&2
		exit 1
	fi
	if ! kill -0 "$cwmpd_pid" 2>/dev/null; then
		echo "demo: cwmpd exited; its log:" >&2
		cat "$dir/cwmpd.log" >&2
		exit 1
	fi
	sleep 0.1
done
wait "$acs_pid" && status=0 || status=$?
acs_pid=""
if [ "$status" -ne 0 ]; then
	echo "demo: the ACS simulator failed ($status); cwmpd log:" >&2
	cat "$dir/cwmpd.log" >&2
	exit 1
fi
kill -TERM "$cwmpd_pid"
wait "$cwmpd_pid" && status=0 || status=$?
cwmpd_pid=""
if [ "$status" -ne 0 ]; then
	echo "demo: cwmpd exited with status $status after SIGTERM; its log:" >&2
	cat "$dir/cwmpd.log" >&2
	exit 1
fi
echo "demo: done; cwmpd answered every step of the walk-through and stopped cleanly"
