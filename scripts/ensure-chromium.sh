#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium (no browser download: only Debian packages and npm are
# reachable). Installs it when missing; prints its path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium…" >&2
  SUDO=""
  [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-zenhei >&2
fi
command -v chromium
