#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (the project's tests drive
# it with playwright-core; no browser is downloaded from anywhere but Debian's packages).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is needed for the browser tests: run 'sudo apt-get install -y chromium' and try again." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests (about a minute)..." >&2
export DEBIAN_FRONTEND=noninteractive
exec 9>/tmp/cpd-apt.lock
flock 9
[ -x /usr/bin/chromium ] && exit 0
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version >&2
