#!/usr/bin/env bash
# The inside of build-aux/demo.sh: runs in its own D-Bus session.
set -euo pipefail
top=$(pwd)
build="$top/_build"

demo=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-demo-XXXXXX")
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$demo"
}
trap cleanup EXIT

# A keyring of this session only, unlocked with a throwaway password.
export HOME="$demo/home"
mkdir -p "$HOME"
printf 'demo' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true' && break
  sleep 0.05
done

"$build/tests/emulator/boxoffice-emulator" --quiet --attendees 2000 --port-file "$demo/port" &
emulator_pid=$!
for _ in $(seq 100); do [ -s "$demo/port" ] && break; sleep 0.05; done
port=$(cat "$demo/port")

export BOXOFFICE_PROFILE="$demo/profile"
cli="$build/src/cli/boxoffice-cli"
echo 0123456789abcdef0123456789abcdef |
  "$cli" accounts add fienta --name "Demo Fienta" --base-url "http://127.0.0.1:$port/fienta/api/v1" --token-stdin
printf '{"version": 3, "url": "http://127.0.0.1:%s/eventyaydroid/api/demoorga/democon/", "key": "EVENTYAYKEYabcdefghijklmnop012345", "allow_search": true, "show_info": true}' "$port" |
  "$cli" accounts add eventyay --name "Demo Eventyay" --config -
echo demo-password |
  "$cli" accounts add ticketing --name "Demo TickeTing" --base-url "http://127.0.0.1:$port/ticketing/v3" \
    --identification doorstaff --password-stdin

# Floktu and Currinda sign in with OAuth in a browser. Here the "browser" is bash: it
# opens the printed sign-in page of the emulator, which answers the command's one-shot
# listener itself (Floktu POSTs the code; Currinda redirects, followed once).
visit() {
  local url=$1 host port path reply location
  host=${url#http://}; path=/${host#*/}; host=${host%%/*}; port=${host#*:}
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
  reply=$(cat <&3)
  exec 3<&-
  location=$(printf '%s\n' "$reply" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p' | head -n 1)
  if [ -n "$location" ]; then visit "$location"; fi
}
add_oauth() {
  local secret=$1; shift
  rm -f "$demo/sign-in"
  echo "$secret" | "$cli" accounts add "$@" --no-browser > "$demo/sign-in" &
  local pid=$!
  for _ in $(seq 100); do [ -s "$demo/sign-in" ] && break; sleep 0.05; done
  visit "$(head -n 1 "$demo/sign-in")"
  wait "$pid"
}
add_oauth floktu-demo-secret floktu --name "Demo Floktu" \
  --base-url "http://127.0.0.1:$port/floktu/api/v2" --client-id floktu-demo-client --client-secret-stdin
add_oauth currinda-demo-secret currinda --name "Demo Currinda" --site "http://127.0.0.1:$port/currinda" \
  --client-id currinda-demo-client --client-secret-stdin --organisation 19
"$cli" sync

# The window, on this throwaway profile; settings live in memory, so the demo changes
# nothing of yours. The schema comes from the build tree.
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GTK_USE_PORTAL=0
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$build/src/ui/boxoffice"
  exit 0
fi

# No display (a server, a container): the same desk from the terminal.
code=$("$cli" attendees demo-fienta/10 --json | sed -n 's/.*"code" : "\([A-Z0-9]*\)".*/\1/p' | sed -n 5p)
cat <<MSG

Box Office demo: no display here, so the window cannot open. The emulator serves Fienta
on http://127.0.0.1:$port with sample events; the same desk works from the terminal:

  boxoffice-cli events
  boxoffice-cli search demo-fienta/10 mül
  boxoffice-cli checkin demo-fienta/10 $code
  boxoffice-cli checkin demo-fienta/10 $code     # already checked in: exit 3
  boxoffice-cli undo demo-fienta/10 $code
  boxoffice-cli stats demo-fienta/10
  boxoffice-cli export demo-fienta/10 --csv attendees.csv

MSG

if [ -t 0 ]; then
  echo "A shell with boxoffice-cli on the PATH; type exit to end the demo (everything is removed)."
  PATH="$build/src/cli:$PATH" PS1='boxoffice-demo$ ' bash --norc -i
else
  "$cli" search demo-fienta/10 mül --limit 5
  "$cli" checkin demo-fienta/10 "$code" || true
  "$cli" stats demo-fienta/10
fi
