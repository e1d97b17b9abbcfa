#!/usr/bin/env bash
# Build the frozen one-folder program (PyInstaller, packaging/annotator.spec) and, on Linux,
# the .deb that installs it into /opt/annotator with a launcher on the PATH, the desktop
# entry, the AppStream metainfo, the project file type and the icons.
#
#   bash packaging/build.sh            # everything lands in build/
#
# ANNOTATOR_SCREENSHOTS: the web address of docs/screenshots/ for the AppStream metainfo
# (software centres show the screenshots from there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build
SCREENSHOTS=${ANNOTATOR_SCREENSHOTS:-https://annotator.invalid/docs/screenshots}
rm -rf "$BUILD/dist" "$BUILD/work" "$BUILD/deb" "$BUILD/icons"
mkdir -p "$BUILD"

say() { printf '\n== %s\n' "$*"; }

say "build environment ($BUILD/venv)"
[ -x "$BUILD/venv/bin/python" ] || python3 -m venv "$BUILD/venv"
"$BUILD/venv/bin/pip" install -q --force-reinstall --no-deps . && \
    "$BUILD/venv/bin/pip" install -q ".[packaging]"
PY=$BUILD/venv/bin/python
VERSION=$("$PY" -c 'from importlib.metadata import version; print(version("annotator"))')

say "frozen program, version $VERSION"
# from build/: the annotator package must come from the environment, not the source tree
(cd "$BUILD" && "$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/packaging/annotator.spec")
FROZEN=$BUILD/dist/annotator
"$FROZEN/annotator" --version
echo "size: $(du -sh "$FROZEN" | cut -f1) in $(find "$FROZEN" -type f | wc -l) files"

say "icons"
QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icons.py "$BUILD/icons"

if [ "$(uname -s)" != Linux ]; then
    echo "not Linux: the frozen folder is in $FROZEN (see docs/packaging.md for the rest)"
    exit 0
fi

say ".deb"
ARCH=$(dpkg --print-architecture)
PKG=$BUILD/deb/annotator_${VERSION}_${ARCH}
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/metainfo" "$PKG/usr/share/mime/packages" \
    "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$FROZEN" "$PKG/opt/annotator"
ln -s /opt/annotator/annotator "$PKG/usr/bin/annotator"
LINUX=packaging/linux
cp "$LINUX/org.annotator.Annotator.desktop" "$PKG/usr/share/applications/"
sed -e "s#@SCREENSHOTS@#$SCREENSHOTS#g" -e "s#@VERSION@#$VERSION#g" \
    -e "s#@DATE@#$(date -u +%Y-%m-%d)#g" \
    "$LINUX/org.annotator.Annotator.metainfo.xml" \
    > "$PKG/usr/share/metainfo/org.annotator.Annotator.metainfo.xml"
cp "$LINUX/org.annotator.Annotator.mime.xml" \
    "$PKG/usr/share/mime/packages/org.annotator.Annotator.xml"
cp "$LINUX/annotator.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/org.annotator.Annotator.svg"
cp -r "$BUILD/icons/hicolor" "$PKG/usr/share/icons/"
# The menus, the file types and the icon caches are refreshed by the dpkg triggers of
# desktop-file-utils, shared-mime-info and hicolor-icon-theme: no maintainer scripts.
sed -e "s#@VERSION@#$VERSION#g" -e "s#@ARCH@#$ARCH#g" \
    -e "s#@SIZE@#$(du -sk "$PKG" | cut -f1)#g" "$LINUX/control" > "$PKG/DEBIAN/control"

say "checks"
desktop-file-validate "$PKG/usr/share/applications/org.annotator.Annotator.desktop"
appstreamcli validate --no-net "$PKG/usr/share/metainfo/org.annotator.Annotator.metainfo.xml"

DEB=$BUILD/annotator_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$DEB" >/dev/null
echo "built $DEB ($(du -sh "$DEB" | cut -f1))"
