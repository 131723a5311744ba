// Writes schema/tfyaml.schema.json from src/schema.ts, for editors (`# yaml-language-server: $schema=...`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { experimentSchema } from '../src/schema.ts';

const target = fileURLToPath(new URL('../schema/tfyaml.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(experimentSchema, null, 2)}\n`);
console.log(`wrote ${target}`);
