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
status=0
"$@" || status=$?
rm -rf "$HOME"
exit $status
