import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { experimentSchema } from './schema.ts';
import { AJV_OPTIONS, experimentValidatorSource, VALIDATOR_FILE, WRITE_SCHEMA_COMMAND } from './validator-source.ts';

const source = suite('experimentValidatorSource');

source('the committed schema/experiment-validator.cjs is generated from src/schema.ts as it is now', () => {
  // Not assert.fixture: a diff of 1.4 MB of generated code says less than the command that fixes it.
  assert.ok(
    readFileSync(VALIDATOR_FILE, 'utf8') === experimentValidatorSource(),
    `schema/experiment-validator.cjs is stale: the schema changed since it was generated. Run \`${WRITE_SCHEMA_COMMAND}\` and commit schema/.`,
  );
});

source('the generated validator fills and reports exactly what ajv.compile does, on every fixture', () => {
  const generated = createRequire(import.meta.url)(VALIDATOR_FILE.pathname) as ValidateFunction;
  const compiled = new Ajv(AJV_OPTIONS).compile(experimentSchema);
  const folders = ['../test-fixtures/invalid/', '../../../experiments/'];
  const files = folders.flatMap((folder) =>
    readdirSync(new URL(folder, import.meta.url)).map((name) => new URL(folder + name, import.meta.url)),
  );
  const stale = `differs from ajv.compile (if the schema changed: ${WRITE_SCHEMA_COMMAND})`;
  let invalid = 0;
  for (const file of files.filter((f) => f.pathname.endsWith('.yaml'))) {
    const value = parsed(readFileSync(file, 'utf8'));
    if (value === undefined) continue;
    const [mine, theirs] = [structuredClone(value), structuredClone(value)];
    const valid = generated(mine);
    assert.is(valid, compiled(theirs), `${file.pathname}: ${stale}`);
    // As JSON: dequal takes a fixture's `constructor:` key for the object's class.
    assert.is(JSON.stringify(generated.errors), JSON.stringify(compiled.errors), `${file.pathname}: ${stale}`);
    assert.is(JSON.stringify(mine), JSON.stringify(theirs), `${file.pathname}: defaults ${stale}`);
    if (!valid) invalid++;
  }
  assert.ok(invalid >= 50, `only ${invalid} invalid fixtures`);
});

/** A fixture's value, or undefined for one the YAML parser refuses (syntax, alias bombs): it never reaches ajv. */
function parsed(text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch {
    return undefined;
  }
}

source.run();
