#!/usr/bin/env bash
# Checks the built .deb the way a user meets it: metadata, contents, and the launcher running the CLI with no display.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/crossmesh_*.deb 2>/dev/null | head -n 1 || true)
[ -f "$deb" ] || { echo "no .deb in target/installer: run installer/build.sh deb first" >&2; exit 1; }

fail() { echo "check-deb: $*" >&2; exit 1; }
. installer/check-installed.sh
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
info=$(dpkg-deb -I "$deb")
for dep in libgtk-3-0 libgl1 libxtst6 libxxf86vm1; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "Depends lacks $dep"
done
grep -q "^ Package: crossmesh" <<<"$info" || fail "package name"
grep -qx " Version: $version-1" <<<"$info" || fail "Version is not pom.xml's $version (release 1)"
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
grep -q "ln -sf /opt/crossmesh/bin/crossmesh /usr/bin/crossmesh" "$work/control/postinst" || fail "postinst does not link /usr/bin/crossmesh"
check_installed "$work/root" "$work"

size=$(du -h "$deb" | cut -f1)
echo "check-deb: OK ($deb, $size): launcher runs the CLI without a display"
