#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian machine, then run it: Debian's chromium for the
# browser tests (Playwright drives the system browser; nothing is downloaded at run time), a virtual
# environment with the package and its web, scale and dev extras, and pytest over tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  as_root=$([ "$(id -u)" = 0 ] || echo sudo)
  $as_root apt-get update -qq && $as_root apt-get install -y -qq chromium >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[dev,web,scale]'
.venv/bin/pytest "$@"
