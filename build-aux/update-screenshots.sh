#!/usr/bin/env bash
# Copies the screenshots the window tests took (BUILD/tests/screenshots) to
# data/screenshots, where the AppStream metainfo and the README point.
# Usage: build-aux/update-screenshots.sh [BUILD_DIR]   (default: _build)
set -euo pipefail
cd "$(dirname "$0")/.."
shots=${1:-_build}/tests/screenshots
declare -A pick=(
  [check-in.png]=window-scan-ok.png
  [check-in-dark.png]=window-scan-ok-dark.png
  [dashboard.png]=window-dashboard.png
  [membership.png]=window-currinda-membership.png
  [kiosk.png]=kiosk-start.png
  [check-in-de.png]=window-scan-ok-de.png
  [check-in-et.png]=window-scan-ok-et.png
)
for name in "${!pick[@]}"; do
  if [ -f "$shots/${pick[$name]}" ]; then
    cp "$shots/${pick[$name]}" "data/screenshots/$name"
    echo "data/screenshots/$name <- ${pick[$name]}"
  else
    echo "skipped data/screenshots/$name: no $shots/${pick[$name]} (run the window tests)" >&2
  fi
done
