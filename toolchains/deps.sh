#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine of HEQ's kind, when run as root; otherwise only
# reports what is missing. Idempotent and quiet when everything is present.
#  - cmake + gcc: build the native kernels (without them the native tiers are skipped, with a message);
#  - dataset-fashion-mnist: Debian's Fashion-MNIST IDX files (/usr/share/dataset-fashion-mnist or similar).
set -u
need=()
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v gcc   >/dev/null 2>&1 || need+=(gcc)
command -v make  >/dev/null 2>&1 || need+=(make)
dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || need+=(dataset-fashion-mnist)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "heq: installing ${need[*]} (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "heq: apt-get install ${need[*]} failed; tests that need them will be skipped or fail with a message" >&2
else
  echo "heq: missing ${need[*]} (install with: sudo apt-get install ${need[*]}); dependent tests will skip or fail with a message" >&2
fi
exit 0
