#!/usr/bin/env bash
# Install the .deb that packaging/build.sh made, use the installed program as a person would
# (version, a new project, an import and an export of a demo article, a large native export
# read ahead, the window for a few seconds, the project file type), then remove it and check
# that nothing is left. Needs root and apt (CI runs it: .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEB=$(ls "$ROOT"/build/annotator_*.deb | tail -n 1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ANNOTATOR_CONFIG_DIR=$WORK/config XDG_DATA_HOME=$WORK/data ANNOTATOR_NAME=smoke
export ANNOTATOR_BACKUP_WAIT=1

say() { printf '\n== %s\n' "$*"; }
fail() { echo "smoke test failed: $*" >&2; exit 1; }

say "install $DEB"
apt-get install -y -qq "$DEB" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq "$DEB" >/dev/null; }
command -v annotator | grep -qx /usr/bin/annotator || fail "annotator is not on the PATH"
annotator --version | grep -q "annotator, version" || fail "--version"

say "new, import, export"
P=$WORK/study.annotator
annotator new "$P"
annotator import "$P" "$ROOT/resources/demo/articles" | tee "$WORK/import.txt"
grep -q "document(s) added" "$WORK/import.txt" || fail "import"
annotator export "$P" -o "$WORK/study.jsonl"
[ "$(wc -l < "$WORK/study.jsonl")" -gt 1 ] || fail "export"
annotator info "$P" | grep -q "Documents:" || fail "info"

say "a large native export (read ahead by a second process of the installed program)"
annotator demo "$WORK/demo.annotator" >/dev/null
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
with open(f"{work}/big.jsonl", "w", encoding="utf-8") as out:
    for i in range(7000):
        words = " ".join(f"word{(i * 7 + k) % 997}" for k in range(450))
        out.write(json.dumps({"text": f"Article {i}. {words}.", "title": f"Article {i}"}) + "\n")
PY
annotator new "$WORK/big.annotator" >/dev/null
annotator import "$WORK/big.annotator" "$WORK/big.jsonl" >/dev/null
annotator export "$WORK/big.annotator" -o "$WORK/big-export.jsonl"
[ "$(stat -c %s "$WORK/big-export.jsonl")" -gt 20000000 ] || fail "the export is under 20 MB"
annotator new "$WORK/again.annotator" >/dev/null
annotator import "$WORK/again.annotator" "$WORK/big-export.jsonl" | grep -q "7000 document(s)" \
    || fail "the large native import"

say "the project file type, by content"
cp "$P" "$WORK/no-extension"
TYPE=$(gio info -a standard::content-type "$WORK/no-extension" | sed -n 's/.*content-type: //p')
[ "$TYPE" = application/x-annotator-project ] || fail "a project is seen as '$TYPE'"
[ -f /usr/share/applications/org.annotator.Annotator.desktop ] || fail "no desktop entry"
grep -q "application/x-annotator-project" /usr/share/applications/mimeinfo.cache \
    || fail "the desktop entry is not registered for the project type"

say "the window, offscreen, for five seconds"
# a user who has started Annotator before (the first start asks for the name)
mkdir -p "$ANNOTATOR_CONFIG_DIR" "$WORK/new-user"
echo '{"annotator_name": "smoke"}' > "$ANNOTATOR_CONFIG_DIR/preferences.json"
echo '{"annotator_name": "smoke"}' > "$WORK/new-user/preferences.json"
set +e
QT_QPA_PLATFORM=offscreen timeout 5 annotator "$P" 2> "$WORK/window.txt"
CODE=$?
set -e
[ "$CODE" = 124 ] || { cat "$WORK/window.txt"; fail "the window stopped with code $CODE"; }
grep -q "$(realpath "$P")" "$ANNOTATOR_CONFIG_DIR/preferences.json" \
    || fail "the window did not open $P (it is not among the recent projects)"

say "the menu entry's command, for a new user (no last project): the window on the demo"
set +e
ANNOTATOR_CONFIG_DIR=$WORK/new-user QT_QPA_PLATFORM=offscreen timeout 5 $(sed -n 's/^Exec=\(.*\) %f$/\1/p' \
    /usr/share/applications/org.annotator.Annotator.desktop) 2> "$WORK/menu.txt"
CODE=$?
set -e
[ "$CODE" = 124 ] || { cat "$WORK/menu.txt"; fail "the window stopped with code $CODE"; }
[ -f "$XDG_DATA_HOME/annotator/demo.annotator" ] || fail "the demo project was not written"

say "remove"
apt-get remove -y -qq annotator >/dev/null
[ ! -e /opt/annotator ] || fail "/opt/annotator is left behind"
[ ! -e /usr/bin/annotator ] || fail "/usr/bin/annotator is left behind"
[ ! -e /usr/share/applications/org.annotator.Annotator.desktop ] || fail "the desktop entry is left"
echo "smoke test passed"
