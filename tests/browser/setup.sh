#!/usr/bin/env bash
# Browser test dependencies, idempotent: Debian's chromium (+ CJK fonts, so Chinese pages render in
# screenshots) and the npm tools (axe-core, Lighthouse 12) in tests/browser/node_modules.
# Called by `make test` and .ci/run. Never downloads a browser build of its own (no `playwright install`):
# the tests launch /usr/bin/chromium. Without root/sudo it skips apt and the browser tests skip.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need_fonts=no
if command -v dpkg-query >/dev/null 2>&1 && ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"; then
    need_fonts=yes
fi
if [ ! -x /usr/bin/chromium ] || [ "$need_fonts" = yes ]; then
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        sudo="none"
    fi
    if [ "$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup.sh: installing chromium and fonts-noto-cjk with apt-get" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            chromium fonts-noto-cjk
    else
        echo "setup.sh: chromium or fonts-noto-cjk missing and apt-get not usable (need root or sudo);" \
             "browser tests skip without /usr/bin/chromium" >&2
    fi
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "setup.sh: npm not found; axe-core and Lighthouse tests will be skipped" >&2
    exit 0
fi

# Install only when node_modules is missing or older than the lock (or package.json without a lock).
stamp="$here/node_modules/.package-lock.json"  # npm writes this on every install
lock="$here/package-lock.json"
if [ -f "$lock" ]; then
    if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
        echo "setup.sh: npm ci in tests/browser" >&2
        # One retry: a registry hiccup should not fail the whole test run. Errors go to stderr; the
        # "added N packages" summary on stdout is dropped (nothing but results before the tests).
        npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null \
            || { sleep 5; npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null; }
    fi
elif [ ! -d "$here/node_modules" ] || [ "$here/package.json" -nt "$stamp" ]; then
    echo "setup.sh: npm install in tests/browser (no lock file)" >&2
    npm install --prefix "$here" --no-audit --no-fund --loglevel=error >/dev/null
fi
