#!/usr/bin/env bash
# Builds a native crossmesh package with jpackage from the running JDK (17+).
#   installer/build.sh [--print-only] [deb|rpm|app-image|msi|exe|dmg|pkg]   (default: the native type of this OS)
# Output: target/installer/. deb and rpm build on Linux; msi and exe on Windows (Git Bash, WiX 3); dmg and pkg on
# macOS. --print-only prints the jpackage command line for the type and builds nothing: it runs on any OS, so that
# the Windows and macOS command lines are checked on Linux too (BuildScriptTest).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: installer/build.sh [--print-only] [deb|rpm|app-image|msi|exe|dmg|pkg]"
}
# a precondition that does not hold: say what and how to fix it, before anything is built
refuse() {
  echo "installer/build.sh: $*" >&2
  exit 2
}

case "$(uname -s)" in
  Linux*) host_os=linux default_type=deb ;;
  Darwin*) host_os=mac default_type=dmg ;;
  MINGW*|MSYS*|CYGWIN*) host_os=windows default_type=msi ;;
  *) host_os=linux default_type=app-image ;;
esac

print_only=0
type=
for arg in "$@"; do
  case "$arg" in
    --print-only) print_only=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; refuse "unknown option '$arg'" ;;
    *) [ -z "$type" ] || refuse "one package type at a time (got '$type' and '$arg')"; type=$arg ;;
  esac
done
type=${type:-$default_type}
case "$type" in
  deb|rpm) target_os=linux ;;
  msi|exe) target_os=windows ;;
  dmg|pkg) target_os=mac ;;
  app-image) target_os=$host_os ;;
  *) usage >&2; refuse "unknown package type '$type': use deb, rpm, app-image, msi, exe, dmg or pkg" ;;
esac

pom_value() { sed -n "s:^$1<$2>\(.*\)</$2>:\1:p" pom.xml | head -n 1; }
version=$(pom_value '  ' version)
vendor=$(pom_value '    ' name)
description=$(pom_value '  ' description)
main_class=$(pom_value ' *' main.class)
[ -n "$version" ] || refuse "cannot read the version from pom.xml"
[ -n "$main_class" ] || refuse "cannot read <main.class> from pom.xml"

# Every package carries the pom's version, the one `crossmesh --version` prints, so the version must be one that
# jpackage takes on every OS, whichever package is built here. jpackage 17 checks it per OS (DottedVersion,
# CFBundleVersion, MsiVersion in its sources): numbers and dots everywhere; on macOS at most 3 numbers and the first
# not 0; on Windows at most 3 numbers, the first two <= 255 and the third <= 65535.
version_problem() { # os version -> what jpackage on that OS refuses in it; nothing when it takes it
  local os=$1 v=$2 n
  [[ $v =~ ^[0-9]{1,9}(\.[0-9]{1,9})*$ ]] || { echo "is not numbers and dots (jpackage takes no qualifier such as -SNAPSHOT)"; return; }
  IFS=. read -r -a n <<<"$v"
  case "$os" in
    mac)
      [ "${#n[@]}" -le 3 ] || { echo "has more than 3 numbers: macOS bundle versions have at most 3"; return; }
      [ $((10#${n[0]})) -gt 0 ] || echo "starts with 0: macOS bundle versions must start with a number above 0"
      ;;
    windows)
      [ "${#n[@]}" -le 3 ] || { echo "has more than 3 numbers: MSI product versions have at most 3"; return; }
      [ $((10#${n[0]})) -le 255 ] || { echo "has a major number above 255, the MSI product version's limit"; return; }
      [ $((10#${n[1]:-0})) -le 255 ] || { echo "has a minor number above 255, the MSI product version's limit"; return; }
      [ $((10#${n[2]:-0})) -le 65535 ] || echo "has a build number above 65535, the MSI product version's limit"
      ;;
  esac
}
for os in linux windows mac; do
  problem=$(version_problem "$os" "$version")
  [ -z "$problem" ] || refuse "pom.xml's version $version cannot go into the $os packages: it $problem." \
    "Every package carries that one version: set pom.xml's <version> to numbers and dots, at most 3, the first" \
    "1-255, the second 0-255, the third 0-65535 (e.g. 1.0.0)."
done

# macOS signing is optional: with CROSSMESH_MAC_SIGN_NAME (the NAME of your 'Developer ID Application: NAME'
# certificate in the keychain) the app is signed; without it Gatekeeper asks users to confirm the first start.
mac_sign_name=${CROSSMESH_MAC_SIGN_NAME:-}

input=target/installer/input
out=target/installer
# the runtime: the JDK modules jdeps finds in the app and its libraries, plus what jdeps cannot see
# (TLS to API servers with EC keys, DNS lookups, jcmd/jstat for diagnostics)
extra_modules=jdk.crypto.ec,jdk.localedata,jdk.zipfs,jdk.net,jdk.management

jpackage_args() { # modules -> the jpackage arguments in $args
  args=(--type "$type" --dest "$out" --input "$input"
    --name crossmesh --app-version "$version" --vendor "${vendor:-crossmesh}"
    --description "$description" --copyright "crossmesh authors"
    --main-jar crossmesh.jar --main-class "$main_class"
    --add-modules "$1"
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands")
  local option
  while IFS= read -r option; do
    case "$option" in ''|'#'*) ;; *) args+=(--java-options "$option") ;; esac
  done < installer/jvm-options
  # the start-up archive that postinst / %post makes where the package is installed (installer/linux/cds-archive.sh);
  # $APPDIR is the launcher's, and a missing or stale archive is passed over in silence (-Xshare:auto)
  case "$type" in deb|rpm) args+=(--java-options "-XX:SharedArchiveFile=\$APPDIR/crossmesh.jsa" --java-options -Xshare:auto) ;; esac
  # jpackage takes a licence only for installers
  [ "$type" = app-image ] || args+=(--license-file LICENSE)
  case "$target_os" in
    linux) args+=(--icon installer/icons/crossmesh-256.png) ;;
    windows) args+=(--icon installer/icons/crossmesh.ico --win-console) ;;
    mac) args+=(--icon installer/icons/crossmesh.icns --mac-package-identifier dev.crossmesh.app
      --mac-package-name crossmesh)
      [ -z "$mac_sign_name" ] || args+=(--mac-sign --mac-signing-key-user-name "$mac_sign_name") ;;
  esac
  local linux_package=(--linux-shortcut --linux-menu-group "Development;Network" --linux-app-category devel
    --linux-package-name crossmesh --resource-dir installer/linux)
  case "$type" in
    # the system libraries the runtime and JavaFX's natives link (check-deb.sh and check-rpm.sh check them);
    # on Debian jpackage adds the runtime's own from dpkg, build.sh below gives Ubuntu's names their alternative
    deb) args+=("${linux_package[@]}" --linux-deb-maintainer maintainers@crossmesh.dev
      --linux-package-deps 'libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libasound2 | libasound2t64') ;;
    # Fedora / RHEL names: this host's rpm database knows none, so the list is complete here; glibc 2.34 is the
    # newest symbol version the runtime (built on Debian 12) uses
    rpm) local rpm_deps=(gtk3 mesa-libGL libXtst libXxf86vm alsa-lib libX11 libXext libXi libXrender atk cairo
        cairo-gobject pango gdk-pixbuf2 glib2 fontconfig freetype harfbuzz libjpeg-turbo libpng giflib lcms2 zlib
        libstdc++ libgcc 'glibc >= 2.34')
      args+=("${linux_package[@]}" --linux-rpm-license-type Apache-2.0
        --linux-package-deps "$(IFS=,; echo "${rpm_deps[*]}" | sed 's/,/, /g')") ;;
    msi|exe) args+=(--win-menu --win-menu-group crossmesh --win-shortcut --win-dir-chooser
      --win-upgrade-uuid 6f4f3f7e-3c1d-4a52-9d8a-63c6b0f1e6a1) ;;
  esac
}

if [ "$print_only" = 1 ]; then
  # the command as a shell would take it, one option a line; the modules jdeps finds are known only after a build
  jpackage_args "<modules jdeps finds in target/crossmesh.jar and target/lib>,$extra_modules"
  quote() { if [[ $1 =~ ^[A-Za-z0-9_./:=,+@-]+$ ]]; then printf '%s' "$1"; else printf "'%s'" "${1//\'/\'\\\'\'}"; fi; }
  printf 'jpackage'
  for arg in "${args[@]}"; do
    if [[ $arg =~ ^--[a-z-]+$ ]]; then printf ' \\\n  '; else printf ' '; fi
    quote "$arg"
  done
  printf '\n'
  exit 0
fi

# The tools this type needs, before the minutes of building
have() { command -v "$1" >/dev/null 2>&1; }
have jpackage && have jdeps || refuse "jpackage and jdeps come with the JDK (17 or newer): put its bin directory on the PATH"
wix3_found() { # jpackage 17 looks for WiX 3's candle and light on the PATH, then in Program Files\WiX Toolset v*
  have candle && have light && return 0
  have cygpath || return 1
  local dir
  for dir in "$(printenv ProgramFiles || true)" "$(printenv 'ProgramFiles(x86)' || true)"; do
    [ -n "$dir" ] || continue
    compgen -G "$(cygpath -u "$dir")/WiX Toolset v3*/bin/light.exe" >/dev/null && return 0
  done
  return 1
}
case "$type" in
  deb) have dpkg-deb && have fakeroot || refuse "the .deb needs dpkg-deb and fakeroot: sudo apt-get install dpkg-dev fakeroot" ;;
  rpm) have rpmbuild || refuse "the .rpm needs rpmbuild: sudo apt-get install rpm (Debian, Ubuntu) or sudo dnf install rpm-build" ;;
  msi|exe)
    wix3_found || refuse "the .$type needs WiX 3 (candle.exe and light.exe), which runs on Windows: install WiX 3.14" \
      "from https://github.com/wixtoolset/wix3/releases and put its bin folder on the PATH (jpackage 17 does not use WiX 4+)" ;;
  dmg) have hdiutil || refuse "the .dmg needs hdiutil, which comes with macOS: build it on a Mac" ;;
  pkg) have pkgbuild && have productbuild || refuse "the .pkg needs pkgbuild and productbuild, which come with macOS: build it on a Mac" ;;
esac
if [ -n "$mac_sign_name" ]; then
  have codesign && have security || refuse "signing needs codesign and security (Xcode command line tools: xcode-select --install)"
  security find-identity -v -p codesigning | grep -qF "Developer ID Application: $mac_sign_name" ||
    refuse "no 'Developer ID Application: $mac_sign_name' identity in the keychain: import the certificate or unset CROSSMESH_MAC_SIGN_NAME"
elif [ "$target_os" = mac ]; then
  echo "note: not signed (set CROSSMESH_MAC_SIGN_NAME to sign): Gatekeeper asks users to confirm the first start" >&2
fi

if [ ! -f target/crossmesh.jar ] || [ ! -d target/lib ] || [ "${REBUILD:-1}" = 1 ]; then
  mvn -q -B -DskipTests package
fi

# this type's earlier output only: a .deb stays when the .rpm is built
rm -rf "$input" "$out/deb-tree" "$out"/*."$type" "$out/crossmesh" "$out/crossmesh.app"
mkdir -p "$input/lib" "$out"
cp target/crossmesh.jar "$input/"
cp target/lib/*.jar "$input/lib/"
if [ "$type" = deb ] || [ "$type" = rpm ]; then
  # mvn package recorded the class list (dev.crossmesh.bench.CdsArchive); the archive is made on installation
  [ -s target/crossmesh.classlist ] || refuse "target/crossmesh.classlist is missing: run mvn package without -Dcds.skip or -Dmaven.test.skip"
  cp target/crossmesh.classlist installer/linux/cds-archive.sh "$input/"
fi
# JavaFX jars for other operating systems would only add weight: keep this OS's natives
if [ "$target_os" = linux ]; then
  find "$input/lib" -name 'javafx-*-win.jar' -o -name 'javafx-*-mac*.jar' | xargs -r rm -f
fi

modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$input/lib/*" "$input/crossmesh.jar" 2>/dev/null | tail -n 1)
modules=$(tr , '\n' <<<"$modules,$extra_modules" | awk '!seen[$0]++' | paste -sd, -)
echo "runtime modules: $modules"
jpackage_args "$modules"
jpackage "${args[@]}"

# jpackage names the libraries the runtime links as this build host's packages. Debian-only names and the ones Ubuntu
# 24.04 renamed in its 64-bit time_t move get an alternative, so the same .deb installs on Debian and Ubuntu.
if [ "$type" = deb ]; then
  deb=$(ls "$out"/crossmesh_*.deb | head -n 1)
  tree="$out/deb-tree"
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
