#!/usr/bin/env bash
# Installs what the end-to-end tests need on a fresh machine, from Debian's packages and the npm
# registry only: Chromium (headless browser), and code-server 4.100.3 (VS Code 1.100's real
# extension host, the newest that runs on Node 20) in a cache folder outside the extension.
# Idempotent: a second run only checks.
set -euo pipefail

HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE="${MLM_E2E_CACHE:-$HOME/.cache/mlmaturity-e2e}"
CODE_SERVER_VERSION=4.100.3

if [ ! -x /usr/bin/chromium ] || ! command -v rg >/dev/null || ! command -v unzip >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-e2e: chromium and ripgrep are missing; run as root (apt-get install chromium ripgrep unzip libkrb5-dev pkg-config)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium libkrb5-dev pkg-config ripgrep unzip >/dev/null
fi

if [ ! -x "$CACHE/node_modules/.bin/code-server" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CACHE/node_modules/code-server/package.json" 2>/dev/null; then
  # @vscode/ripgrep's postinstall downloads from GitHub unless its cache already holds the archive.
  RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  mkdir -p "$CACHE"
  [ -f "$CACHE/package.json" ] || echo '{ "private": true }' > "$CACHE/package.json"
  (cd "$CACHE" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi
echo "setup-e2e: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), code-server $CODE_SERVER_VERSION ready"
