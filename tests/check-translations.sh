#!/bin/sh
# Every language of po/LINGUAS is complete and clean: msgfmt -c accepts it (formats,
# mnemonics), nothing is fuzzy or untranslated, and every message the sources have
# today (xgettext over po/POTFILES.in, as meson's boxoffice-pot does) is translated.
# Usage: check-translations.sh SOURCE_ROOT
root=${1:-.}
cd "$root" || exit 1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0

xgettext --package-name=boxoffice -f po/POTFILES.in -o "$scratch/now.pot" \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 2>"$scratch/xgettext.log" || {
  echo "not ok: xgettext failed"; cat "$scratch/xgettext.log"; exit 1; }

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if ! stats=$(msgfmt -c --check-accelerators=_ --statistics -o /dev/null "$po" 2>&1); then
    echo "not ok: $po: msgfmt -c refuses it:"; echo "$stats"; status=1; continue
  fi
  case $stats in
    *fuzzy*|*untranslated*) echo "not ok: $po: $stats"; status=1; continue ;;
  esac
  # msgcmp: each message of the sources must have a translation in the catalogue.
  if ! msgcmp "$po" "$scratch/now.pot" >"$scratch/msgcmp.log" 2>&1; then
    echo "not ok: $po lacks messages the sources have (run build-aux/update-translations.sh):"
    head -20 "$scratch/msgcmp.log"; status=1; continue
  fi
  echo "ok: $po: $stats"
done
exit $status
