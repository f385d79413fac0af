#!/usr/bin/env bash
# Checks the built .rpm the way a user meets it: metadata, the Fedora / RHEL packages it requires (every library its
# runtime and JavaFX's natives link must be one of them), contents, and the launcher running the CLI with no display.
set -euo pipefail
cd "$(dirname "$0")/.."
rpm_file=$(ls target/installer/crossmesh-*.rpm 2>/dev/null | head -n 1 || true)
[ -f "$rpm_file" ] || { echo "no .rpm in target/installer: run installer/build.sh rpm first" >&2; exit 1; }

fail() { echo "check-rpm: $*" >&2; exit 1; }
. installer/check-installed.sh
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)

tag() { rpm -qp --qf "%{$1}" "$rpm_file" 2>/dev/null; }
[ "$(tag NAME)" = crossmesh ] || fail "Name is '$(tag NAME)', not crossmesh"
[ "$(tag VERSION)" = "$version" ] || fail "Version is '$(tag VERSION)', not pom.xml's $version"
[ "$(tag RELEASE)" = 1 ] || fail "Release is '$(tag RELEASE)', not 1"
[ "$(tag ARCH)" = x86_64 ] || fail "Architecture is '$(tag ARCH)'"
[ "$(tag LICENSE)" = Apache-2.0 ] || fail "License is '$(tag LICENSE)', not Apache-2.0 (SPDX, as Fedora names it)"
[ "$(tag PREFIXES)" = "(none)" ] || fail "the package is relocatable (to $(tag PREFIXES)), but its menu entry and link name /opt/crossmesh"
summary=$(tag SUMMARY)
[ "$summary" != crossmesh ] && [ "${#summary}" -le 79 ] || fail "Summary '$summary' is the bare name or longer than 79 characters"
[ "$(tag DESCRIPTION)" = "$(sed -n 's:^  <description>\(.*\)</description>:\1:p' pom.xml)" ] || fail "Description is not pom.xml's"
# Fedora's and RHEL 9's rpm read zstd payloads; RHEL 8's does not, and the glibc it needs rules RHEL 8 out anyway
[ "$(tag PAYLOADCOMPRESSOR)" = zstd ] || fail "payload is $(tag PAYLOADCOMPRESSOR), not zstd"

requires=$(rpm -qpR "$rpm_file" 2>/dev/null)
for dep in gtk3 mesa-libGL libXtst libXxf86vm alsa-lib xdg-utils; do
  grep -qx "$dep" <<<"$requires" || fail "Requires lacks $dep"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/root"
rpm2cpio "$rpm_file" | (cd "$work/root" && cpio -idm --quiet)

# Every library the payload links that it does not ship must come from a required package. JavaFX's natives are
# in its jars: it unpacks them at the first start.
mkdir "$work/fx"
for jar in "$work"/root/opt/crossmesh/lib/app/lib/javafx-*-linux.jar; do
  unzip -q -o "$jar" '*.so' -d "$work/fx" 2>/dev/null || true
done
elves=$(find "$work/root" "$work/fx" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print)
[ -n "$elves" ] || fail "no ELF files in the package"
needed=$(while read -r elf; do readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; done <<<"$elves" | sort -u)
shipped=$(while read -r elf; do basename "$elf"; done <<<"$elves" | sort -u)
# soname -> the Fedora / RHEL package that has it
provider() {
  case "$1" in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux-*) echo glibc ;;
    libgtk-3.so.*|libgdk-3.so.*) echo gtk3 ;;
    libGL.so.*) echo mesa-libGL ;;
    libX11.so.*) echo libX11 ;; libXext.so.*) echo libXext ;; libXi.so.*) echo libXi ;;
    libXrender.so.*) echo libXrender ;; libXtst.so.*) echo libXtst ;; libXxf86vm.so.*) echo libXxf86vm ;;
    libasound.so.*) echo alsa-lib ;;
    libatk-1.0.so.*) echo atk ;;
    libcairo.so.*) echo cairo ;; libcairo-gobject.so.*) echo cairo-gobject ;;
    libpango-1.0.so.*|libpangocairo-1.0.so.*|libpangoft2-1.0.so.*) echo pango ;;
    libgdk_pixbuf-2.0.so.*) echo gdk-pixbuf2 ;;
    libglib-2.0.so.*|libgobject-2.0.so.*|libgio-2.0.so.*|libgthread-2.0.so.*|libgmodule-2.0.so.*) echo glib2 ;;
    libfontconfig.so.*) echo fontconfig ;; libfreetype.so.*) echo freetype ;; libharfbuzz.so.*) echo harfbuzz ;;
    libjpeg.so.*) echo libjpeg-turbo ;; libpng16.so.*) echo libpng ;; libgif.so.*) echo giflib ;;
    liblcms2.so.*) echo lcms2 ;; libz.so.*) echo zlib ;;
    libstdc++.so.*) echo libstdc++ ;; libgcc_s.so.*) echo libgcc ;;
  esac
}
while read -r lib; do
  grep -qx "$lib" <<<"$shipped" && continue
  package=$(provider "$lib")
  [ -n "$package" ] || fail "the payload links $lib, which check-rpm.sh cannot name a Fedora package for: add it here and to build.sh's rpm list"
  awk -v p="$package" '$1 == p { found = 1 } END { exit !found }' <<<"$requires" || fail "the payload links $lib, but Requires lacks $package"
done <<<"$needed"
# the runtime was built against some glibc: an older one must make dnf refuse the package, not the launcher crash
newest_glibc=$(while read -r elf; do objdump -T "$elf" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' || true; done <<<"$elves" |
  sed 's/GLIBC_//' | sort -uV | tail -n 1)
required_glibc=$(sed -n 's/^glibc >= //p' <<<"$requires")
[ -n "$required_glibc" ] || fail "Requires names no 'glibc >= $newest_glibc' (the newest glibc symbol the payload uses)"
[ "$(printf '%s\n' "$newest_glibc" "$required_glibc" | sort -V | tail -n 1)" = "$required_glibc" ] ||
  fail "the payload uses glibc $newest_glibc symbols, but Requires asks only for glibc >= $required_glibc"

# contents: what a user's system gets, and no directory the system's own packages own
files=$(rpm -qlp "$rpm_file" 2>/dev/null)
for path in /opt/crossmesh/bin/crossmesh /opt/crossmesh/lib/app/crossmesh.jar /opt/crossmesh/lib/crossmesh-crossmesh.desktop \
  /opt/crossmesh/lib/crossmesh.png /usr/bin/crossmesh /usr/share/licenses/crossmesh/LICENSE; do
  grep -qx "$path" <<<"$files" || fail "the package lacks $path"
done
for dir in / /opt /usr /usr/bin /usr/share /usr/share/licenses; do
  ! grep -qx "$dir" <<<"$files" || fail "the package owns $dir, which belongs to the system's filesystem package"
done
[ "$(readlink "$work/root/usr/bin/crossmesh")" = /opt/crossmesh/bin/crossmesh ] || fail "/usr/bin/crossmesh is not a link to the launcher"
scripts=$(rpm -qp --scripts "$rpm_file" 2>/dev/null)
grep -q "xdg-desktop-menu install /opt/crossmesh/lib/crossmesh-crossmesh.desktop" <<<"$scripts" || fail "%post adds no menu entry"
grep -A2 '^preuninstall' <<<"$scripts" | grep -q 'if \[ "$1" = 0 \]' || fail "%preun removes the menu entry on upgrades too"

check_installed "$work/root" "$work"

size=$(du -h "$rpm_file" | cut -f1)
echo "check-rpm: OK ($rpm_file, $size): requires $(grep -cv '^rpmlib(\|^/bin/sh' <<<"$requires") packages," \
  "glibc >= $required_glibc; launcher runs the CLI without a display"
