#!/bin/sh
# Builds and runs the benchmarks of tests/bench and prints their figures.
#
#   tests/bench/run-benchmarks.sh [NAME...]       (default: all of them)
#
# BUILD_DIR (default: _build next to the top meson.build) is set up when missing.
# Exits non-zero when a benchmark hit a real error; slow figures are not errors.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/_build}
all="bench-store-put bench-search bench-sync-full bench-sync-incremental bench-eventyay-sync bench-ticketing-sync bench-floktu-sync bench-window bench-tags"
names=${*:-$all}

for name in $names; do
  case " $all " in
    *" $name "*) ;;
    *) echo "unknown benchmark: $name (have: $all)" >&2; exit 2 ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" -Dbenchmarks=true || exit 1
fi

# tests/meson.build adds tests/bench only when the folder and the option are there at
# configure time: configure again when the targets are unknown.
if ! ninja -C "$build" -t query tests/bench/bench-search >/dev/null 2>&1; then
  meson configure "$build" -Dbenchmarks=true >/dev/null &&
    meson setup --reconfigure "$build" "$top" >/dev/null || exit 1
fi

targets="tests/emulator/boxoffice-emulator"
for name in $names; do
  targets="$targets tests/bench/$name"
done
# shellcheck disable=SC2086
ninja -C "$build" $targets || exit 1

BOX_EMULATOR="$build/tests/emulator/boxoffice-emulator"
GIO_USE_VFS=local
GIO_USE_PROXY_RESOLVER=dummy
GSETTINGS_BACKEND=memory
export BOX_EMULATOR GIO_USE_VFS GIO_USE_PROXY_RESOLVER GSETTINGS_BACKEND

log=$(mktemp)
trap 'rm -f "$log" "$log.rc"' EXIT
failed=""

echo "# $(uname -n): $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "# $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$top" diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), $(date -u '+%Y-%m-%d %H:%M UTC')"

for name in $names; do
  echo
  echo "=== $name ==="
  start=$(date +%s)
  cmd="$build/tests/bench/$name"
  if [ "$name" = bench-window ]; then
    # A real window: an X server and a D-Bus session of its own.
    cmd="$top/tests/with-keyring.sh xvfb-run -a -s '-screen 0 1280x800x24' $cmd"
    export GSETTINGS_SCHEMA_DIR="$build/data" GTK_USE_PORTAL=0
  elif [ "$name" = bench-eventyay-sync ] || [ "$name" = bench-ticketing-sync ] ||
       [ "$name" = bench-floktu-sync ]; then
    # Adds the account through the desk: a Secret Service of its own.
    cmd="$top/tests/with-keyring.sh $cmd"
  elif [ "$name" = bench-tags ]; then
    # WebKit prints in a real X server; no keyring needed.
    cmd="xvfb-run -a -s '-screen 0 1280x800x24' $cmd"
    export GTK_USE_PORTAL=0 GDK_BACKEND=x11 GTK_A11Y=none
  fi
  { eval "$cmd"; echo $? >"$log.rc"; } 2>&1 | tee -a "$log"
  rc=$(cat "$log.rc")
  echo "=== $name: exit $rc, $(($(date +%s) - start)) s ==="
  [ "$rc" = 0 ] || failed="$failed $name"
done

echo
echo "=== summary ==="
grep '^RESULT ' "$log" | sed 's/^RESULT //'
if [ -n "$failed" ]; then
  echo "FAILED (real errors, see above):$failed"
  exit 1
fi
