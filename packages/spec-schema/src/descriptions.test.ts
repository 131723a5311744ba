import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { experimentSchema } from './schema.ts';

// Editors (VS Code's YAML extension) show a field's `description` on hover and in completion, so every field a user
// can write must have one: on the property itself or, for a `$ref`, on the definition it points to.

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** The definition a local `$ref` (`#/definitions/<name>`) points to, if it exists. */
function resolve(ref: string, root: Schema): Schema | undefined {
  const match = /^#\/definitions\/(.+)$/.exec(ref);
  const definitions = root['definitions'];
  if (!match || !isSchema(definitions)) return undefined;
  const target = definitions[match[1]!];
  return isSchema(target) ? target : undefined;
}

/** A `type: {const: ...}` property only picks an `if/then` branch; the enum it belongs to carries the description. */
const isDiscriminator = (key: string, property: Schema): boolean => key === 'type' && 'const' in property;

function described(key: string, property: Schema, root: Schema): boolean {
  if (hasText(property['description']) || isDiscriminator(key, property)) return true;
  const ref = property['$ref'];
  return typeof ref === 'string' && hasText(resolve(ref, root)?.['description']);
}

/** JSON-pointer-like paths of every property (and definition) without a description, in every nested schema. */
function missingDescriptions(root: Schema): string[] {
  const missing: string[] = [];
  const visit = (schema: unknown, path: string): void => {
    if (!isSchema(schema)) return;
    for (const keyword of ['definitions', 'properties'] as const) {
      const entries = schema[keyword];
      if (!isSchema(entries)) continue;
      for (const [key, property] of Object.entries(entries)) {
        const at = `${path}/${keyword}/${key}`;
        if (!isSchema(property)) continue;
        const ok = keyword === 'definitions' ? hasText(property['description']) : described(key, property, root);
        if (!ok) missing.push(at);
        visit(property, at);
      }
    }
    for (const keyword of ['items', 'additionalProperties', 'if', 'then', 'else', 'not'] as const) {
      if (isSchema(schema[keyword])) visit(schema[keyword], `${path}/${keyword}`);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf', 'items'] as const) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((item, i) => visit(item, `${path}/${keyword}/${i}`));
    }
  };
  visit(root, '#');
  return missing;
}

const descriptions = suite('schema descriptions');

descriptions(
  'every field and definition of the experiment schema has a description (shown by editors on hover)',
  () => {
    const missing = missingDescriptions(experimentSchema as unknown as Schema);
    assert.equal(missing, [], `add a description to:\n  ${missing.join('\n  ')}`);
  },
);

descriptions('the walk finds fields without a description, behind $refs, in branches and in definitions', () => {
  const root: Schema = {
    definitions: {
      good: { type: 'integer', description: 'Fine.' },
      bare: { type: 'integer' },
      nested: { description: 'Has one.', anyOf: [{ type: 'object', properties: { inner: { type: 'string' } } }] },
    },
    properties: {
      a: { type: 'string', description: 'Fine.' },
      b: { $ref: '#/definitions/good' },
      c: { $ref: '#/definitions/bare' },
      d: { type: 'string', description: '  ' },
      list: {
        type: 'array',
        description: 'Fine.',
        items: {
          allOf: [
            {
              if: { properties: { type: { const: 'x' } } },
              then: { properties: { type: { const: 'x' }, e: { type: 'number' } } },
            },
          ],
        },
      },
    },
  };
  assert.equal(missingDescriptions(root), [
    '#/definitions/bare',
    '#/definitions/nested/anyOf/0/properties/inner',
    '#/properties/c',
    '#/properties/d',
    '#/properties/list/items/allOf/0/then/properties/e',
  ]);
});

descriptions.run();
