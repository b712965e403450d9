#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than package-lock.json.
# The postinstall step generates both Prisma clients.
set -euo pipefail
cd "$(dirname "$0")/.."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node "+process.versions.node+" is too old: install Node 20.19 or newer."); process.exit(1) }'
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
elif [ ! -d lib/generated/sqlite ] || [ prisma/schema.prisma -nt lib/generated/sqlite/client.ts ]; then
  npx tsx scripts/db.ts generate
fi
