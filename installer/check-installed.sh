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
}
