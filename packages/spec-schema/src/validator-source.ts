// The schema validator as JavaScript source, written once by `pnpm --filter @tfyaml/spec-schema write-schema` into
// schema/experiment-validator.js: compiling the schema with ajv at start-up took over a second of every command.
// ajv's standalone code is the very function `ajv.compile` builds, so its errors are the same.
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { experimentSchema } from './schema.ts';

export const VALIDATOR_FILE = new URL('../schema/experiment-validator.js', import.meta.url);

export const WRITE_SCHEMA_COMMAND = 'pnpm --filter @tfyaml/spec-schema write-schema';

/** The ES module text of schema/experiment-validator.js, from the schema as src/schema.ts declares it now. */
export function experimentValidatorSource(): string {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    // lines: one statement a line, so that a schema change is a readable diff.
    code: { source: true, esm: true, lines: true },
  });
  const code = standalone.default(ajv, ajv.compile(experimentSchema));
  // ajv's code calls require() for its runtime helpers (deep equality, string length) even as an ES module.
  return [
    `// Generated from src/schema.ts by \`${WRITE_SCHEMA_COMMAND}\`; do not edit.`,
    `import { createRequire } from 'node:module';`,
    `const require = createRequire(import.meta.url);`,
    code,
  ].join('\n');
}
