#!/bin/sh
# Makes crossmesh's AppCDS archive (lib/app/crossmesh.jsa) where the package is installed, from the class list the
# package was built with (lib/app/crossmesh.classlist: the classes the wizard loads to its first frame and those of
# the one-shot commands). JDK 17 ties an archive to the absolute paths of the jars, so it cannot be made on the
# build machine; the launcher's -XX:SharedArchiveFile=$APPDIR/crossmesh.jsa uses it, and without it (or when it no
# longer matches) crossmesh starts as before, only slower, and prints nothing about it.
#   cds-archive.sh [INSTALL_DIR]   (default /opt/crossmesh; postinst and %post run it, check-installed.sh too)
set -eu
dir=${1:-/opt/crossmesh}
app="$dir/lib/app"
rm -f "$app/crossmesh.jsa" "$app/crossmesh.jsa.tmp"
# The launcher's own runtime, class path and JVM options dump it, so that the archive matches what it starts.
# _JAVA_OPTIONS comes after the launcher's options, so it names the file: a new one, renamed when complete, because
# JDK 17 dies of SIGBUS on a truncated archive (an interrupted dump) where it passes over any other mismatch.
_JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$app/crossmesh.classlist -XX:SharedArchiveFile=$app/crossmesh.jsa.tmp" \
  "$dir/bin/crossmesh" >/dev/null 2>&1 || true
[ -s "$app/crossmesh.jsa.tmp" ] || { rm -f "$app/crossmesh.jsa.tmp"; exit 1; }
mv -f "$app/crossmesh.jsa.tmp" "$app/crossmesh.jsa"
