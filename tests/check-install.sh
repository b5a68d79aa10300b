#!/bin/sh
# Installs the build into a scratch DESTDIR and checks that the tree is complete: the
# binaries, the emulator the demo runs, the desktop file, the metainfo, the icons, the
# settings schema, the help pages and the translations listed in po/LINGUAS.
# Usage: check-install.sh SOURCE_ROOT BUILD_ROOT APP_ID
set -u
source_root=$1 build_root=$2 app_id=$3
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT
status=0

if ! meson install -C "$build_root" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  echo "not ok: meson install failed"; cat "$destdir.log"; rm -f "$destdir.log"; exit 1
fi
rm -f "$destdir.log"

prefix=$(meson introspect "$build_root" --buildoptions |
         python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
root="$destdir$prefix"

expect() {
  if [ -e "$root/$1" ]; then
    echo "ok: $1"
  else
    echo "not ok: $1 is missing"
    status=1
  fi
}

expect bin/boxoffice
expect bin/boxoffice-cli
expect libexec/boxoffice-emulator
expect "share/applications/$app_id.desktop"
expect "share/metainfo/$app_id.metainfo.xml"
expect "share/icons/hicolor/scalable/apps/$app_id.svg"
expect "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect "share/glib-2.0/schemas/$app_id.gschema.xml"
for page in "$source_root"/help/C/*.page; do
  [ -f "$page" ] || continue
  expect "share/help/C/boxoffice/$(basename "$page")"
done
for lang in $(grep -v '^#' "$source_root/po/LINGUAS" 2>/dev/null); do
  expect "share/locale/$lang/LC_MESSAGES/boxoffice.mo"
  for page in "$source_root"/help/"$lang"/*.page; do
    [ -f "$page" ] || continue
    expect "share/help/$lang/boxoffice/$(basename "$page")"
  done
done

# What is installed is what the validators accept, and the binaries run from there.
if command -v desktop-file-validate >/dev/null &&
   ! desktop-file-validate "$root/share/applications/$app_id.desktop"; then
  echo "not ok: the installed desktop file does not validate"; status=1
fi
if command -v appstreamcli >/dev/null &&
   ! appstreamcli validate --no-net "$root/share/metainfo/$app_id.metainfo.xml" >/dev/null; then
  echo "not ok: the installed metainfo does not validate"; status=1
fi
if ! glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas"; then
  echo "not ok: the installed schema does not compile"; status=1
fi
if ! "$root/bin/boxoffice-cli" --help >/dev/null 2>&1; then
  echo "not ok: the installed boxoffice-cli does not run"; status=1
fi
# Every screenshot the metainfo shows is in the tree.
for image in $(sed -n 's|.*<image>.*/data/screenshots/\([^<]*\)</image>.*|\1|p' \
                 "$root/share/metainfo/$app_id.metainfo.xml"); do
  if [ ! -f "$source_root/data/screenshots/$image" ]; then
    echo "not ok: the metainfo shows data/screenshots/$image, which is not there"; status=1
  fi
done
grep -q "Exec=boxoffice" "$root/share/applications/$app_id.desktop" || {
  echo "not ok: the desktop file does not start boxoffice"; status=1; }

exit $status
