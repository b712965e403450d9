#!/bin/sh
# Stand-in for Prisma's schema-engine binary, which `prisma generate` looks for but does not use.
# Migrations are rendered and applied by scripts/db.ts instead (see README, "Database").
echo "schema-engine-cli not-installed"
