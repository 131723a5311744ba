// Schema validation with ajv (all errors at once), and ajv's errors turned into messages a user can act on.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { article, cut, describeAlternatives, describeValue, quote } from './describe.ts';
import { didYouMean } from './did-you-mean.ts';
import { camelCaseOf, metricHint, typeHint, unknownKeyHint } from './hints.ts';
import type { SpecIssue } from './errors.ts';
import { MAX_LISTED_ISSUES, unlistedIssue } from './issue-limit.ts';
import { formatPath, fromJsonPointer, type PathKey } from './paths.ts';
import type { SpecOrigin } from './source.ts';
import { METRICS, OPTIMIZER_NAMES, OPTIMIZERS } from './vocabulary.ts';

let compiled: ValidateFunction | undefined;

/**
 * ajv's code for src/schema.ts, generated ahead of time (src/validator-source.ts): compiling the schema here took
 * over a second of every command. Required on first use, so commands that validate nothing (`--help`) skip its 1.4 MB.
 */
function validator(): ValidateFunction {
  compiled ??= createRequire(import.meta.url)('../schema/experiment-validator.cjs') as ValidateFunction;
  return compiled;
}

/** Validates `value` in place (ajv fills defaults into it) and returns one issue per problem, at most MAX_LISTED_ISSUES. */
export function validateAgainstSchema(value: unknown, source: SpecOrigin): SpecIssue[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = relevant(validate.errors ?? []);
  // Only the listed errors are located: locating one is a search through its map.
  const listed = errors.slice(0, MAX_LISTED_ISSUES).flatMap((error) => toIssue(error, source, errors) ?? []);
  const unlisted = errors.length - MAX_LISTED_ISSUES;
  return unlisted <= 0 ? listed : [...listed, unlistedIssue(source.files[0]!.file, unlisted)];
}

/** Drops ajv's bookkeeping errors: `if` failures, and branch errors already summed up by their `anyOf`. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  return errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !anyOfs.some((a) => a !== e && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, '/anyOf/'))),
  );
}

function toIssue(error: ErrorObject, source: SpecOrigin, all: ErrorObject[]): SpecIssue | undefined {
  const keys = fromJsonPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const located = (message: string, hint?: string, key?: string, path = keys): SpecIssue => ({
    path: formatPath(path),
    ...(key === undefined ? source.locate(path) : source.locate(keys, { key })),
    message,
    ...(hint ? { hint } : {}),
  });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter(
        (k) => k !== '$schema',
      );
      const what =
        keys.at(-2) === 'layers'
          ? `for a ${cut(String((error.data as { type?: unknown }).type))} layer`
          : keys.length > 0
            ? `in ${formatPath(keys)}`
            : 'at the top level';
      return located(
        `unknown key ${quote(key)} ${what}`,
        unknownKeyHint(key, formatPath(keys), allowed) + optimizerHint(keys, key),
        key,
        [...keys, cut(key)],
      );
    }
    case 'required': {
      const key = String(params['missingProperty']);
      // A misspelt required key is already reported, with the right spelling, as an unknown key.
      if (
        all.some(
          (e) =>
            e.keyword === 'additionalProperties' &&
            e.instancePath === error.instancePath &&
            (didYouMean(String(e.params['additionalProperty']), [key]) ||
              camelCaseOf(String(e.params['additionalProperty']), [key])),
        )
      )
        return undefined;
      return located(`missing required key "${key}"`, `add "${key}:" here`);
    }
    case 'enum':
      return enumIssue(error, keys, located);
    case 'type':
      return located(
        `must be ${params['type'] === 'object' ? 'a map' : article(String(params['type']))}, received ${describeValue(error.data)}`,
        typeHint(String(params['type']), error.data, keys.at(-1)),
      );
    case 'anyOf':
      if (keys.at(-2) === 'metrics' && typeof error.data === 'string') {
        return located(`unknown metric ${quote(error.data)}`, metricHint(error.data, METRICS));
      }
      return located(
        `must be ${describeAlternatives(error.schema as object[])}, received ${describeValue(error.data)}`,
      );
    case 'const':
      return located(`must be ${JSON.stringify(params['allowedValue'])}, received ${describeValue(error.data)}`);
    case 'pattern':
      return located(
        `${describeValue(error.data)} is not allowed`,
        keys.length === 1 && keys[0] === 'name'
          ? 'use letters, digits, ".", "_" and "-" only, starting with a letter or digit (it names a folder)'
          : keys.at(-1) === 'name' || keys.at(-2) === 'inputs' || keys.at(-1) === 'inputs'
            ? 'use letters, digits and "_" only, starting with a letter or "_" (other layers refer to it in inputs)'
            : `it must match ${String(params['pattern'])}`,
      );
    case 'maxLength':
      return located(
        `is ${Array.from(String(error.data)).length} characters long, more than the ${String(params['limit'])} allowed`,
        keys.length === 1 && keys[0] === 'name'
          ? 'shorten it: it names the results folder, results/<name>/'
          : 'shorten it',
      );
    case 'uniqueItems':
      return located(
        `lists the same item twice (items ${String(params['j'])} and ${String(params['i'])})`,
        'remove the duplicate',
      );
    case 'minItems':
      return located(
        `must have at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}, received ${describeValue(error.data)}`,
      );
    default:
      return located(`${error.message ?? 'is invalid'}, received ${describeValue(error.data)}`);
  }
}

function enumIssue(error: ErrorObject, keys: PathKey[], located: (m: string, h?: string) => SpecIssue): SpecIssue {
  const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
  const list =
    allowed.length <= 16
      ? allowed.join(', ')
      : `${allowed.length} types, e.g. ${allowed.slice(0, 8).join(', ')}, … (README lists them)`;
  if (typeof error.data !== 'string') return located(`must be one of ${list}, received ${describeValue(error.data)}`);
  const close = didYouMean(error.data, allowed);
  const what = keys.at(-1) === 'type' && keys.at(-3) === 'layers' ? 'layer type' : 'value';
  return located(`unknown ${what} ${quote(error.data)}`, `${close ? `did you mean "${close}"? ` : ''}allowed: ${list}`);
}

/** An argument of another optimizer: say which optimizers take it. */
function optimizerHint(keys: PathKey[], key: string): string {
  if (formatPath(keys) !== 'training.optimizer') return '';
  const owners = OPTIMIZER_NAMES.filter((name) => (OPTIMIZERS[name].args as readonly string[]).includes(key));
  return owners.length ? `; ${key} is an argument of type: ${owners.join(' / ')}` : '';
}
