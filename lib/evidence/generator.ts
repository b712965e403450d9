// Who made a package: written into the manifest so a reader knows which code produced it.
import packageJson from '@/package.json';

export const PACKAGE_FORMAT = 'redis-compliance-evidence/1';

export const GENERATOR = { name: packageJson.name, version: packageJson.version } as const;
