#!/usr/bin/env bash
# README command 1: set up and start the app on its embedded default (SQLite, in-process work,
# demo organisation with real local redis-server instances).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh redis-server:redis-server openssl:openssl
scripts/ensure-deps.sh
npx tsx scripts/db.ts migrate
# Rebuild only when sources changed since the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma next.config.js package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npx next build
fi
exec npx tsx scripts/start-app.ts
