#!/bin/sh
# Runs a test inside its own D-Bus session with an unlocked gnome-keyring, so that
# libsecret talks to a real Secret Service and never to the developer's own keyring.
# Usage: with-keyring.sh TEST [ARGS...]
set -e
if [ -z "$BOX_IN_KEYRING" ]; then
  export BOX_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
HOME=$(mktemp -d "${TMPDIR:-/tmp}/boxoffice-home-XXXXXX")
export HOME
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$HOME/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf 'test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
# The daemon forks before it owns its bus name: a test that asked the Secret Service
# meanwhile would have D-Bus start a second, locked keyring that waits for a password.
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true' && break
  sleep 0.05
done
status=0
"$@" || status=$?
rm -rf "$HOME"
exit $status
