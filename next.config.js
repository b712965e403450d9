/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'ioredis', '@prisma/client', '@google-cloud/redis', 'pg', 'bcryptjs'],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  // Type checking is its own step of the test command (tsc over the whole repo, CLI and tests too).
  typescript: { ignoreBuildErrors: true },
};
module.exports = nextConfig;
