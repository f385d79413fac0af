#!/usr/bin/env bash
# Checks the built .deb the way a user meets it: metadata, contents, and the launcher running the CLI with no display.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/crossmesh_*.deb | head -n 1)
[ -f "$deb" ] || { echo "no .deb in target/installer: run installer/build.sh deb first" >&2; exit 1; }

fail() { echo "check-deb: $*" >&2; exit 1; }
info=$(dpkg-deb -I "$deb")
for dep in libgtk-3-0 libgl1 libxtst6 libxxf86vm1; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "Depends lacks $dep"
done
grep -q "^ Package: crossmesh" <<<"$info" || fail "package name"
grep -q "^ Maintainer: [^<>]* <[^<>]*>$" <<<"$info" || fail "Maintainer is not 'name <email>'"
# every Debian-only or Ubuntu-renamed library must have its alternative, or apt on Ubuntu refuses the package
for dep in libjpeg62-turbo libasound2 libglib2.0-0 libpng16-16 libgtk-3-0; do
  if grep -q "Depends:.*\b$dep\b" <<<"$info"; then
    grep -Eq "Depends:.*\b$dep \| " <<<"$info" || fail "Depends names $dep without the alternative Ubuntu needs"
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
launcher="$work/root/opt/crossmesh/bin/crossmesh"
[ -x "$launcher" ] || fail "no launcher at /opt/crossmesh/bin/crossmesh"
desktop="$work/root/opt/crossmesh/lib/crossmesh-crossmesh.desktop"
[ -f "$desktop" ] || fail "no .desktop entry"
grep -q "^Exec=/opt/crossmesh/bin/crossmesh" "$desktop" || fail ".desktop entry does not start the launcher"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$work/root$icon" ] || fail ".desktop icon $icon is not in the package"
grep -q "ln -sf /opt/crossmesh/bin/crossmesh /usr/bin/crossmesh" "$work/control/postinst" || fail "postinst does not link /usr/bin/crossmesh"

unset DISPLAY WAYLAND_DISPLAY
"$launcher" --help | grep -q "validate" || fail "crossmesh --help does not list the commands"
"$launcher" --version | grep -q "crossmesh" || fail "crossmesh --version"
"$launcher" validate --plan examples/two-clusters.yaml | grep -q ": valid, mesh" || fail "crossmesh validate on the example plan"
set +e
"$launcher" validate --plan "$work/missing.yaml" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "crossmesh validate on a missing file exited $code, expected 2"
"$launcher" export --plan examples/two-clusters.yaml --out "$work/export" --certs "$work/certs" --ca-key-type ec-p256 >/dev/null
[ -f "$work/export/apply.sh" ] || fail "export wrote no apply.sh"

size=$(du -h "$deb" | cut -f1)
echo "check-deb: OK ($deb, $size): launcher runs the CLI without a display"
