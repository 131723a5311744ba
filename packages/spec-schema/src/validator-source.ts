// The schema validator as JavaScript source, written once by `pnpm --filter @tfyaml/spec-schema write-schema` into
// schema/experiment-validator.cjs: compiling the schema with ajv at start-up took over a second of every command.
// ajv's standalone code is the very function `ajv.compile` builds, so its errors are the same.
import { Ajv, type Options } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { experimentSchema } from './schema.ts';

export const VALIDATOR_FILE = new URL('../schema/experiment-validator.cjs', import.meta.url);

export const WRITE_SCHEMA_COMMAND = 'pnpm --filter @tfyaml/spec-schema write-schema';

/** All errors at once, each with its schema and data for the messages; defaults filled in. */
export const AJV_OPTIONS = {
  allErrors: true,
  useDefaults: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
} as const satisfies Options;

/** The CommonJS module text of schema/experiment-validator.cjs, from the schema as src/schema.ts declares it now. */
export function experimentValidatorSource(): string {
  // One statement a line, so that a schema change is a readable diff.
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, lines: true } });
  const code = standalone.default(ajv, ajv.compile(experimentSchema));
  return `// Generated from src/schema.ts by \`${WRITE_SCHEMA_COMMAND}\`; do not edit.\n${code}`;
}
