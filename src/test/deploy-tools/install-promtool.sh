#!/bin/sh
# promtool, Prometheus's own rule checker, for the build's check of the alerting rules: taken from
# Debian's prometheus package, downloaded with apt and unpacked here, never installed system-wide.
# Runs in target/deploy-tools; does nothing once bin/promtool is there.
set -eu
cd "$(dirname "$0")"
[ -x bin/promtool ] && exit 0
mkdir -p bin deb
cd deb
if ! apt-get download prometheus >download.log 2>&1; then
  # the package lists are missing or stale: refresh them (as root, as apt needs) and try once more
  apt-get update -qq >>download.log 2>&1 && apt-get download prometheus >>download.log 2>&1 || {
    cat download.log >&2
    echo "cannot download Debian's prometheus package for promtool (apt-get download prometheus)" >&2
    exit 1
  }
fi
dpkg-deb --fsys-tarfile prometheus_*.deb | tar -xO ./usr/bin/promtool > ../bin/promtool
chmod +x ../bin/promtool
rm -f prometheus_*.deb
