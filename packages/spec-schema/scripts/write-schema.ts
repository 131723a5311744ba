// Writes what src/schema.ts declares to schema/: tfyaml.schema.json for editors (`# yaml-language-server: $schema=...`),
// and experiment-validator.cjs, the schema compiled by ajv ahead of time, which loadSpec validates with.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { experimentSchema } from '../src/schema.ts';
import { experimentValidatorSource, VALIDATOR_FILE } from '../src/validator-source.ts';

const schemaFile = fileURLToPath(new URL('../schema/tfyaml.schema.json', import.meta.url));
writeFileSync(schemaFile, `${JSON.stringify(experimentSchema, null, 2)}\n`);
console.log(`wrote ${schemaFile}`);

writeFileSync(VALIDATOR_FILE, experimentValidatorSource());
console.log(`wrote ${fileURLToPath(VALIDATOR_FILE)}`);
