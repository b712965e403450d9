/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ['better-sqlite3', 'ioredis', '@prisma/client', '@google-cloud/redis', 'pg'],
  poweredByHeader: false,
};
module.exports = nextConfig;
