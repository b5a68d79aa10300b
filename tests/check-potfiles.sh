#!/bin/sh
# Every source file with translatable strings must be listed in po/POTFILES.in,
# or its strings never reach translators: C files with _(), templates with
# translatable="yes", the desktop file and the settings schema.
# Usage: check-potfiles.sh SOURCE_ROOT
root=${1:-.}
cd "$root" || exit 1
status=0
for file in $( (grep -rlE '\b(N_|_|C_|NC_)\(' src --include='*.c';
               grep -rl 'translatable="yes"' src --include='*.ui';
               ls data/*.desktop.in.in data/*.gschema.xml data/*.metainfo.xml.in.in 2>/dev/null) | sort -u); do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "not ok: $file uses _() but is not in po/POTFILES.in"
    status=1
  fi
done
for file in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$file" ]; then
    echo "not ok: po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done
[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists every file with translatable strings"
exit $status
