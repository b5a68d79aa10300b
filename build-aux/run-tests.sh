#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds, and runs every
# test under Xvfb in a private D-Bus session; then again in an AddressSanitizer and
# UndefinedBehaviorSanitizer build. Usage: build-aux/run-tests.sh [--no-asan]
set -euo pipefail
cd "$(dirname "$0")/.."

asan=1
[ "${1:-}" = "--no-asan" ] && asan=0

build-aux/install-deps.sh

run_suite() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
  ninja -C "$dir"
  # Xvfb for windows and WebKit; a private session bus so nothing touches the user's own.
  xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2 | tee "$dir/suite.log"
  return "${PIPESTATUS[0]}"
}

status=0
run_suite _build || status=1

if [ $asan -eq 1 ]; then
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  run_suite _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false \
    -Dbuildtype=debug || status=1
fi

passed=0 failed=0
for log in _build/suite.log _build-asan/suite.log; do
  [ -f "$log" ] || continue
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  bad=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-0} + ${timeout:-0}))
done
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $status
