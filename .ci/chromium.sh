#!/usr/bin/env bash
# Debian's Chromium for the web UI's browser tests (tests/web/test_e2e.py drives it through
# Playwright's Python client with executable_path; no browser is ever downloaded).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
for attempt in 1 2; do
    if $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
        break
    fi
    echo "apt-get could not install chromium (attempt $attempt)" >&2
    sleep 5
done
test -x /usr/bin/chromium
/usr/bin/chromium --version
