import { createRequire } from 'node:module';

export const TFYAML_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
