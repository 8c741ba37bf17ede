#!/usr/bin/env bash
# smoke.sh BINARY
#
# Starts the real pocketmap binary with no arguments under Xvfb (1280×800,
# 24-bit), in a fresh HOME and XDG_CONFIG_HOME so that it creates its
# database from the embedded Tuban sample, and waits up to 60 s for the map
# to be drawn: every second it takes a screenshot of the X display and asks
# tools/shotcheck whether a choropleth map (the YlOrRd class colours) is on
# it. The last screenshot is kept at out/smoke.png. The app is always killed.
set -euo pipefail

if (($# != 1)); then
	echo "usage: $0 BINARY" >&2
	exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="/usr/local/go/bin:$PATH"

bin=$1
if [[ ! -x $bin ]]; then
	echo "smoke: $bin is not an executable file (build it with 'make build')" >&2
	exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

for tool in xvfb-run xauth import; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "smoke: '$tool' not found; run scripts/install-deps.sh test" >&2
		exit 2
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/pocketmap-smoke.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	# The app runs inside xvfb-run; kill it here too in case the inner script
	# was stopped before its own trap ran.
	if [[ -s $work/app.pid ]]; then
		local pid
		pid=$(<"$work/app.pid")
		kill "$pid" 2>/dev/null || true
		sleep 0.2
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "smoke: building tools/shotcheck"
go build -o "$work/shotcheck" ./tools/shotcheck

# The inner script runs inside the Xvfb display: it starts the app in the
# background and polls with screenshots.
cat >"$work/inner.sh" <<'INNER'
set -uo pipefail
bin=$1 check=$2 work=$3
"$bin" >"$work/app.log" 2>&1 &
app=$!
echo "$app" >"$work/app.pid"
# shellcheck disable=SC2317 # called by the trap
stop() {
	kill "$app" 2>/dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$app" 2>/dev/null || break
		sleep 0.2
	done
	kill -9 "$app" 2>/dev/null
	wait "$app" 2>/dev/null
	rm -f "$work/app.pid"
}
trap stop EXIT
for i in $(seq 1 60); do
	sleep 1
	if ! kill -0 "$app" 2>/dev/null; then
		wait "$app"
		echo "the app exited after ${i}s with status $? before drawing the map" >"$work/why"
		exit 1
	fi
	if ! timeout 20 import -window root "$work/shot.png" 2>"$work/import.err"; then
		echo "screenshot failed: $(head -c 500 "$work/import.err")" >"$work/why"
		continue
	fi
	if "$check" "$work/shot.png" >"$work/check.out" 2>&1; then
		echo "map drawn after ${i}s" >"$work/why"
		exit 0
	fi
	echo "no map after ${i}s" >"$work/why"
done
exit 1
INNER

export HOME="$work/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" \
	XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
unset DISPLAY WAYLAND_DISPLAY

mkdir -p "$root/out"
rm -f "$root/out/smoke.png"

echo "smoke: starting $bin under Xvfb (1280x800x24), HOME=$HOME"
rc=0
timeout 150 xvfb-run -a -s "-screen 0 1280x800x24" \
	bash "$work/inner.sh" "$bin" "$work/shotcheck" "$work" || rc=$?

shot=""
if [[ -f $work/shot.png ]]; then
	cp "$work/shot.png" out/smoke.png
	shot=out/smoke.png
fi
why=$(cat "$work/why" 2>/dev/null || echo "xvfb-run failed (status $rc)")
[[ -f $work/check.out ]] && cat "$work/check.out"

if ((rc == 0)); then
	echo "smoke: OK: $why; screenshot: $shot"
	exit 0
fi
echo "smoke: FAIL: $why" >&2
if [[ -n $shot ]]; then
	echo "smoke: last screenshot: $root/$shot" >&2
else
	echo "smoke: no screenshot was taken" >&2
fi
if [[ -s $work/app.log ]]; then
	echo "smoke: last lines of the app's output:" >&2
	tail -n 30 "$work/app.log" | sed 's/^/  | /' >&2
fi
exit 1
