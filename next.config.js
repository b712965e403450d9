/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'ioredis', '@prisma/client', '@google-cloud/redis', 'pg', 'bcryptjs'],
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};
module.exports = nextConfig;
