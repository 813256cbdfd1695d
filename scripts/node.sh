#!/usr/bin/env bash
# Puts the Node.js release named in .nvmrc in .tools/node-<version>/ (git-ignored) and prints the
# folder to put first on PATH. The binary comes from the npm registry's node-<platform>-<arch>
# package, the one the registry's `node` package would install through an install script: taking
# it directly needs no install script and no network beyond the npm registry. Any Node that runs
# npm can bootstrap it; a second call finds it in place and only prints the folder.
#
#   export PATH="$(bash scripts/node.sh):$PATH"      # or: npm run --silent node
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(tr -d '[:space:]v' <.nvmrc)
dir="$PWD/.tools/node-$version"
bin="$dir/node_modules/.bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  package="node-$(node -p 'process.platform + "-" + process.arch')@$version"
  echo "Installing $package in ${dir#"$PWD/"}/" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  # Its own package.json, so npm neither climbs to the project's nor writes to it.
  echo '{"private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$package" >&2
  [ "$("$bin/node" --version)" = "v$version" ] || {
    echo "The installed node is not v$version" >&2
    exit 1
  }
fi
echo "$bin"
