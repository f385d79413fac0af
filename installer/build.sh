#!/usr/bin/env bash
# Builds a native crossmesh package with jpackage from the running JDK (17+).
#   installer/build.sh [deb|rpm|app-image|msi|exe|dmg|pkg]     (default: the native type of this OS)
# Output: target/installer/. Linux builds run here; msi/exe need Windows (WiX 3), dmg/pkg need macOS.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)" in
  Linux*) default_type=deb ;;
  Darwin*) default_type=dmg ;;
  MINGW*|MSYS*|CYGWIN*) default_type=msi ;;
  *) default_type=app-image ;;
esac
type="${1:-$default_type}"

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
vendor=$(sed -n 's:^    <name>\(.*\)</name>:\1:p' pom.xml | sed -n '1p')
description=$(sed -n 's:^  <description>\(.*\)</description>:\1:p' pom.xml)
[ -n "$version" ] || { echo "cannot read the version from pom.xml" >&2; exit 2; }

if [ ! -f target/crossmesh.jar ] || [ ! -d target/lib ] || [ "${REBUILD:-1}" = 1 ]; then
  mvn -q -B -DskipTests package
fi

input=target/installer/input
out=target/installer
rm -rf "$input" "$out"/crossmesh* "$out"/*.deb "$out"/*.rpm 2>/dev/null || true
mkdir -p "$input/lib" "$out"
cp target/crossmesh.jar "$input/"
cp target/lib/*.jar "$input/lib/"
# JavaFX jars for other operating systems would only add weight: keep this OS's natives
if [ "$type" = deb ] || [ "$type" = rpm ] || [ "$type" = app-image ]; then
  find "$input/lib" -name 'javafx-*-win.jar' -o -name 'javafx-*-mac*.jar' | xargs -r rm -f
fi

# A runtime trimmed to the JDK modules the app and its libraries use
modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$input/lib/*" "$input/crossmesh.jar" 2>/dev/null | tail -n 1)
# TLS to API servers with EC keys, DNS lookups, jcmd/jstat for diagnostics are not seen by jdeps
modules="$modules,jdk.crypto.ec,jdk.localedata,jdk.zipfs,jdk.net,jdk.management"
echo "runtime modules: $modules"

icon=installer/icons/crossmesh-256.png
args=(--type "$type" --dest "$out" --input "$input"
  --name crossmesh --app-version "$version" --vendor "${vendor:-crossmesh}"
  --description "$description"
  --main-jar crossmesh.jar --main-class dev.crossmesh.Launcher
  --add-modules "$modules"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands"
  --java-options "-Xss1m" --java-options "-XX:+UseSerialGC"
  --copyright "crossmesh authors" --license-file LICENSE)

case "$type" in
  deb|rpm)
    args+=(--icon "$icon" --linux-shortcut --linux-menu-group "Development;Network"
      --linux-app-category devel --linux-package-name crossmesh --linux-deb-maintainer maintainers@crossmesh.dev
      --resource-dir installer/linux
      --linux-package-deps 'libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libasound2 | libasound2t64')
    [ "$type" = rpm ] && args=("${args[@]/libgtk-3-0*/gtk3, mesa-libGL, libXtst, libXxf86vm}")
    ;;
  app-image)
    args+=(--icon "$icon")
    ;;
  msi|exe)
    args+=(--icon installer/icons/crossmesh.ico --win-menu --win-menu-group crossmesh --win-shortcut
      --win-dir-chooser --win-console --win-upgrade-uuid 6f4f3f7e-3c1d-4a52-9d8a-63c6b0f1e6a1)
    ;;
  dmg|pkg)
    args+=(--icon installer/icons/crossmesh.icns --mac-package-identifier dev.crossmesh.app
      --mac-package-name crossmesh)
    ;;
  *) echo "unknown package type '$type': use deb, rpm, app-image, msi, exe, dmg or pkg" >&2; exit 2 ;;
esac

jpackage "${args[@]}"

# jpackage names the libraries the runtime links as this build host's packages. Debian-only names and the ones Ubuntu
# 24.04 renamed in its 64-bit time_t move get an alternative, so the same .deb installs on Debian and Ubuntu.
if [ "$type" = deb ]; then
  deb=$(ls "$out"/crossmesh_*.deb | head -n 1)
  tree="$out/deb-tree"
  rm -rf "$tree"
  dpkg-deb -R "$deb" "$tree"
  depends=$(sed -n 's/^Depends: //p' "$tree/DEBIAN/control" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | while read -r dep; do
    case "$dep" in
      libjpeg62-turbo) echo "libjpeg62-turbo | libjpeg62" ;;  # both ship libjpeg.so.62
      libasound2|libglib2.0-0|libpng16-16|libgtk-3-0) echo "$dep | ${dep}t64" ;;
      *) echo "$dep" ;;
    esac
  done | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')
  sed -i "s/^Depends: .*/Depends: $depends/" "$tree/DEBIAN/control"
  fakeroot dpkg-deb -Zxz -b "$tree" "$deb" >/dev/null
  rm -rf "$tree"
  echo "Depends: $depends"
fi
ls -la "$out"
