#!/usr/bin/env bash
# Install Debian's Chromium when it is missing, so the HTML report test
# (tests/test_format_html.py) renders the report in a real headless browser
# instead of skipping. Needs root (CI containers) or passwordless sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
chromium --version
