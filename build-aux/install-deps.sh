#!/usr/bin/env bash
# Installs what Box Office needs to build, test and run on Debian bookworm or Ubuntu
# (run as root or with sudo). Packages that are already there are left as they are.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsecret-1-dev libsqlite3-dev libwebkitgtk-6.0-dev
  # tests: a private D-Bus session with a real Secret Service, an X server for windows
  dbus dbus-x11 gnome-keyring libsecret-tools xvfb xauth
  # window tests: key events as a scanner sends them (XTest), other keyboard layouts
  libxtst-dev x11-xkb-utils
  # data checks, screenshots and PDFs
  desktop-file-utils appstream itstool yelp-tools poppler-utils imagemagick x11-utils
  # libFuzzer
  clang
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
