import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { experimentValidatorSource, VALIDATOR_FILE, WRITE_SCHEMA_COMMAND } from './validator-source.ts';

const source = suite('experimentValidatorSource');

source('the committed schema/experiment-validator.js is generated from src/schema.ts as it is now', () => {
  // Not assert.fixture: a diff of 1.4 MB of generated code says less than the command that fixes it.
  assert.ok(
    readFileSync(VALIDATOR_FILE, 'utf8') === experimentValidatorSource(),
    `schema/experiment-validator.js is stale: the schema changed since it was generated. Run \`${WRITE_SCHEMA_COMMAND}\` and commit schema/.`,
  );
});

source('the generated module needs no ajv compiler at run time, only its small runtime helpers', () => {
  const code = readFileSync(VALIDATOR_FILE, 'utf8');
  const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
  assert.ok(required.length > 0);
  for (const name of required) assert.match(name!, /^ajv\/dist\/runtime\//);
});

source.run();
