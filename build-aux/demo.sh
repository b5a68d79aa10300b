#!/usr/bin/env bash
# Box Office on the demo setup: installs what is missing, builds, starts the provider
# emulator with sample events, and opens Box Office on it in a throwaway profile whose
# credentials live in the Secret Service of a private session. Nothing touches your own
# keyring or profile, and nothing talks to a real provider.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
if [ -f _build/build.ninja ]; then
  meson setup --reconfigure _build >/dev/null
else
  meson setup _build >/dev/null
fi
ninja -C _build >/dev/null

exec dbus-run-session -- bash build-aux/demo-session.sh "$@"
