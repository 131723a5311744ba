// Schema validation with ajv (compiled once, all errors at once), and ajv's errors turned into messages a user can act on.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { didYouMean } from './did-you-mean.ts';
import type { SpecIssue } from './errors.ts';
import { formatPath, fromJsonPointer, type PathKey } from './paths.ts';
import { experimentSchema } from './schema.ts';
import type { SpecOrigin } from './source.ts';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, allowUnionTypes: true })
    .compile(experimentSchema);
  return compiled;
}

/** Validates `value` in place (ajv fills defaults into it) and returns one issue per problem. */
export function validateAgainstSchema(value: unknown, source: SpecOrigin): SpecIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  return relevant(validate.errors ?? []).map((error) => toIssue(error, source));
}

/** Drops ajv's bookkeeping errors: `if` failures, and branch errors already summed up by their `anyOf`. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  return errors.filter((e) => e.keyword !== 'if' && !anyOfs.some((a) =>
    a !== e && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, '/anyOf/'))));
}

function toIssue(error: ErrorObject, source: SpecOrigin): SpecIssue {
  const keys = fromJsonPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const located = (message: string, hint?: string, key?: string, path = keys): SpecIssue =>
    ({ path: formatPath(path), ...(key === undefined ? source.locate(path) : source.locate(keys, { key })), message, ...(hint ? { hint } : {}) });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
      const what = keys.at(-2) === 'layers' ? `for a ${String((error.data as { type?: unknown }).type)} layer`
        : keys.length > 0 ? `in ${formatPath(keys)}` : 'at the top level';
      const close = didYouMean(key, allowed) ?? camelCaseOf(key, allowed);
      return located(`unknown key "${key}" ${what}`,
        `${close ? `did you mean "${close}"? ` : ''}allowed: ${allowed.join(', ')}`, key, [...keys, key]);
    }
    case 'required': {
      const key = String(params['missingProperty']);
      return located(`missing required key "${key}"`, `add "${key}:" here`);
    }
    case 'enum':
      return enumIssue(error, keys, located);
    case 'type':
      return located(`must be ${article(String(params['type']))}, received ${describe(error.data)}`, typeHint(error));
    case 'anyOf':
      return located(`must be ${alternatives(error.schema as object[])}, received ${describe(error.data)}`);
    case 'const':
      return located(`must be ${JSON.stringify(params['allowedValue'])}, received ${describe(error.data)}`);
    case 'pattern':
      return located(`${describe(error.data)} is not allowed`, keys.at(-1) === 'name'
        ? 'use letters, digits, ".", "_" and "-" only, starting with a letter or digit (it names a folder)'
        : `it must match ${String(params['pattern'])}`);
    case 'uniqueItems':
      return located(`lists the same item twice (items ${String(params['j'])} and ${String(params['i'])})`, 'remove the duplicate');
    default:
      return located(`${error.message ?? 'is invalid'}, received ${describe(error.data)}`);
  }
}

function enumIssue(error: ErrorObject, keys: PathKey[], located: (m: string, h?: string) => SpecIssue): SpecIssue {
  const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
  const received = String(error.data);
  const close = typeof error.data === 'string' ? didYouMean(received, allowed) : undefined;
  const what = keys.at(-1) === 'type' && keys.at(-3) === 'layers' ? 'layer type' : 'value';
  const list = allowed.length <= 16 ? `allowed: ${allowed.join(', ')}` : `${allowed.length} are allowed, e.g. ${allowed.slice(0, 8).join(', ')}, … (README lists them)`;
  return located(`unknown ${what} ${typeof error.data === 'string' ? JSON.stringify(error.data) : describe(error.data)}`, `${close ? `did you mean "${close}"? ` : ''}${list}`);
}

/** Keras and PyTorch users write `learning_rate`, `lr`, `kernel_size`: point them at the tfjs spelling. */
function camelCaseOf(key: string, allowed: readonly string[]): string | undefined {
  const camel = key === 'lr' ? 'learningRate' : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return allowed.includes(camel) ? camel : undefined;
}

function typeHint(error: ErrorObject): string | undefined {
  const expected = String((error.params as { type: string }).type);
  if (typeof error.data === 'string' && /^(integer|number)/.test(expected) && error.data.trim() !== '' && !Number.isNaN(Number(error.data))) {
    return `write ${error.data} without quotes`;
  }
  if (typeof error.data === 'string' && expected === 'boolean' && /^(true|false)$/i.test(error.data)) {
    return `write ${error.data.toLowerCase()} without quotes`;
  }
  return undefined;
}

function alternatives(branches: object[]): string {
  return branches.map((branch) => {
    const b = branch as { const?: unknown; type?: string; items?: unknown; minItems?: number; minimum?: number; exclusiveMaximum?: number };
    if ('const' in b) return JSON.stringify(b.const);
    if (b.type === 'number' && 'exclusiveMaximum' in b) return `a number between ${String((b as { exclusiveMinimum?: number }).exclusiveMinimum)} and ${String(b.exclusiveMaximum)} (exclusive)`;
    if (b.type === 'integer' && b.minimum === 1) return 'a positive integer';
    if (b.type === 'integer' && b.minimum === 0) return 'a non-negative integer';
    if (b.type === 'array') return b.minItems ? `a list of ${b.minItems}` : 'a list';
    if (b.type === 'object') return 'an object with "type"';
    if ('enum' in b) return 'a known name';
    return article(b.type ?? 'value');
  }).join(' or ');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
