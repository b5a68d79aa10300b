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
ran=(_build)
run_suite _build || status=1

if [ $asan -eq 1 ]; then
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ran+=(_build-asan)
  run_suite _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false \
    -Dbuildtype=debug || status=1
fi

# libFuzzer, briefly: every parser target for a few seconds from its seed corpus
# (tests/fuzz/README.md has the long run). New inputs go to a scratch folder.
fuzz_failed=0
if [ $asan -eq 1 ] && command -v clang >/dev/null; then
  if [ -f _build-fuzz/build.ninja ]; then
    meson setup --reconfigure _build-fuzz >/dev/null
  else
    CC=clang meson setup _build-fuzz -Dfuzzing=true -Dbenchmarks=false >/dev/null
  fi
  ninja -C _build-fuzz fuzz
  scratch=$(mktemp -d)
  for corpus in tests/fuzz/corpus/*/; do
    name=$(basename "$corpus")
    # corpus/eventyay-NAME/ seeds fuzz-eventyay-NAME, corpus/ticketing-NAME/
    # fuzz-ticketing-NAME; the others are Fienta's.
    case $name in
      eventyay-*) target=$name dict=eventyay ;;
      ticketing-*) target=$name dict=ticketing ;;
      floktu-*) target=$name dict=floktu ;;
      currinda-*) target=$name dict=currinda ;;
      *) target=fienta-$name dict=fienta ;;
    esac
    mkdir -p "$scratch/$name"
    if _build-fuzz/tests/fuzz/fuzz-"$target" -max_total_time="${FUZZ_SECONDS:-4}" \
         -dict=tests/fuzz/$dict.dict -artifact_prefix="$scratch/" "$scratch/$name" "$corpus" \
         > "$scratch/$name.log" 2>&1; then
      echo "libFuzzer $name: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$scratch/$name.log")"
    else
      echo "libFuzzer $name FAILED:"; tail -30 "$scratch/$name.log"
      fuzz_failed=$((fuzz_failed + 1)); status=1
    fi
  done
  rm -rf "$scratch"
fi

passed=0 failed=$fuzz_failed
for log in _build/suite.log _build-asan/suite.log; do
  [ -f "$log" ] || continue
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  bad=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-0} + ${timeout:-0}))
done
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1

# CI keeps only the end of what we print: name each failed test again here, with the end
# of its output, so that the reason is in the part that survives.
for dir in "${ran[@]}"; do
  [ -f "$dir/meson-logs/testlog.json" ] || continue
  python3 - "$dir" <<'PY'
import json, sys
build = sys.argv[1]
for line in open(build + "/meson-logs/testlog.json"):
    test = json.loads(line)
    if test["result"] in ("OK", "SKIP", "EXPECTEDFAIL"):
        continue
    print(f"--- {build}: {test['name']} {test['result']} (exit {test['returncode']}, "
          f"{test['duration']:.1f} s); the end of its output:")
    print("\n".join((test.get("stdout") or "").splitlines()[-40:]))
PY
done
echo "$passed passed, $failed failed"
exit $status
