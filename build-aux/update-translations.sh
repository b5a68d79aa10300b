#!/bin/sh
# Tops up the translations after strings changed in the code:
#   1. regenerates po/boxoffice.pot through meson (the boxoffice-pot target, the
#      same xgettext run as i18n.gettext(preset: 'glib')),
#   2. merges it into every po/LL.po listed in po/LINGUAS (msgmerge --update),
#      creating a missing one with msginit,
#   3. prints msgfmt --statistics for each, so you see what is left to translate.
# New or changed strings come out untranslated or "fuzzy": translate them, drop the
# fuzzy flag, and run this again until every language says only "translated".
#
# Usage: build-aux/update-translations.sh [BUILDDIR]    (default: _build-i18n)
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-_build-i18n}

if [ -d "$builddir" ]; then
  # Meson reads po/LINGUAS when it configures: a language added since needs this.
  meson setup --reconfigure "$builddir" >/dev/null
else
  meson setup "$builddir" -Dbenchmarks=false >/dev/null
fi
meson compile -C "$builddir" boxoffice-pot >/dev/null
echo "po/boxoffice.pot: $(($(grep -c '^msgid ' po/boxoffice.pot) - 1)) messages"

status=0
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    msginit --no-translator --locale="$lang" --input=po/boxoffice.pot --output-file="$po"
  fi
  msgmerge --quiet --update --backup=none "$po" po/boxoffice.pot
  printf '%s: ' "$lang"
  msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1 || status=1
done
exit $status
