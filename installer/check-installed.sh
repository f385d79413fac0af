# Sourced by check-deb.sh and check-rpm.sh: what both packages must hold once unpacked under a root directory.
#   check_installed ROOT WORK   (WORK: a scratch directory; fail is the caller's)

check_installed() {
  local root=$1 work=$2
  local launcher="$root/opt/crossmesh/bin/crossmesh"
  [ -x "$launcher" ] || fail "no launcher at /opt/crossmesh/bin/crossmesh"
  local desktop="$root/opt/crossmesh/lib/crossmesh-crossmesh.desktop"
  [ -f "$desktop" ] || fail "no .desktop entry"
  grep -q "^Exec=/opt/crossmesh/bin/crossmesh" "$desktop" || fail ".desktop entry does not start the launcher"
  local icon
  icon=$(sed -n 's/^Icon=//p' "$desktop")
  [ -f "$root$icon" ] || fail ".desktop icon $icon is not in the package"

  # the CLI as a user meets it on a machine without a display
  (
    unset DISPLAY WAYLAND_DISPLAY
    "$launcher" --help | grep -q "validate" || fail "crossmesh --help does not list the commands"
    "$launcher" --version | grep -q "crossmesh" || fail "crossmesh --version"
    "$launcher" validate --plan examples/two-clusters.yaml | grep -q ": valid, mesh" || fail "crossmesh validate on the example plan"
    set +e
    "$launcher" validate --plan "$work/missing.yaml" >/dev/null 2>&1
    local code=$?
    set -e
    [ "$code" = 2 ] || fail "crossmesh validate on a missing file exited $code, expected 2"
    "$launcher" export --plan examples/two-clusters.yaml --out "$work/export" --certs "$work/certs" --ca-key-type ec-p256 >/dev/null
    [ -f "$work/export/apply.sh" ] || fail "export wrote no apply.sh"
  )

  # the start-up archive: made as postinst makes it, really mapped by the launcher, and a stale one passed over in silence
  (
    unset DISPLAY WAYLAND_DISPLAY
    local app="$root/opt/crossmesh/lib/app"
    [ -s "$app/crossmesh.classlist" ] || fail "no class list for the start-up archive in lib/app"
    [ ! -e "$app/crossmesh.jsa" ] || fail "the package holds lib/app/crossmesh.jsa: it must be made where it is installed"
    "$launcher" --version >/dev/null 2>"$work/err" || fail "crossmesh --version without its archive"
    [ ! -s "$work/err" ] || fail "without its archive the launcher printed: $(head -c 300 "$work/err")"
    sh "$app/cds-archive.sh" "$root/opt/crossmesh" || fail "cds-archive.sh made no archive"
    # -Xshare:on stops the JVM if the archive cannot be mapped, and the log says where the classes came from;
    # _JAVA_OPTIONS, as it comes after the launcher's own -Xshare:auto (JAVA_TOOL_OPTIONS comes before it)
    _JAVA_OPTIONS="-Xshare:on -Xlog:class+load=info" "$launcher" --version 2>/dev/null | grep -q "dev.crossmesh.Launcher source: shared objects file" ||
      fail "the launcher does not map lib/app/crossmesh.jsa"
    touch "$app/crossmesh.jar" # as if the jar had changed since the archive was made
    "$launcher" validate --plan examples/two-clusters.yaml 2>"$work/err" | grep -q ": valid, mesh" || fail "crossmesh validate with a stale archive"
    [ ! -s "$work/err" ] || fail "with a stale archive the launcher printed: $(head -c 300 "$work/err")"
  )
}
