#!/usr/bin/env bash
# README command 2: the whole test suite — typecheck, lint, unit + integration (vitest, against real
# redis-server processes, SQLite and PostgreSQL) and Playwright end-to-end in Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system.sh redis-server:redis-server openssl:openssl chromium:chromium pdftotext:poppler-utils || exit 1
scripts/ensure-deps.sh || exit 1

failed=()
step() {
  local name="$1"; shift
  echo; echo "=== $name ==="
  "$@" || failed+=("$name")
}

step "typecheck" npx tsc --noEmit -p .
step "lint" npx eslint . --max-warnings=0
step "vitest (SQLite)" npx vitest run

PG_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
if node -e 'const c=new (require("pg").Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))' "$PG_URL"; then
  step "vitest (PostgreSQL)" env TEST_DATABASE_ENGINE=postgresql TEST_POSTGRES_URL="$PG_URL" npx vitest run tests/db
else
  echo; echo "=== vitest (PostgreSQL) SKIPPED: no PostgreSQL reachable at $PG_URL (set TEST_POSTGRES_URL) ==="
fi

step "next build" npx next build
step "playwright (Chromium)" npx playwright test

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
