// state.json as read back: every field checked for its type before a tensor is built from it, so a damaged or edited
// file is a RunError that names the field, never a TypeError halfway through restoring a run. No TensorFlow here:
// the sweep process asks `hasResumeState` too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import type { ResumeFacts } from './resume-state.ts';

export const RESUME_FORMAT = 1;
export const RESUME_DIR = 'resume';
export const RESUME_STATE_FILE = 'state.json';

/** Whether the run folder holds a resume state to continue from (checked in full only when it is read). */
export function hasResumeState(runDir: string): boolean {
  return existsSync(join(runDir, RESUME_DIR, RESUME_STATE_FILE));
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isString = (v: unknown): v is string => typeof v === 'string';
const every = (v: unknown, test: (x: unknown) => boolean) => isObject(v) && Object.values(v).every(test);
const list = (v: unknown, test: (x: unknown) => boolean) => Array.isArray(v) && v.every(test);

/** Each field and what it must be; the first that fails is named. */
const FIELDS: [path: string, test: (facts: Json) => boolean][] = [
  ['format', (f) => f['format'] === RESUME_FORMAT],
  ['epoch', (f) => isCount(f['epoch']) && (f['epoch'] as number) >= 1],
  ['step', (f) => isCount(f['step'])],
  ['specSha256', (f) => isString(f['specSha256']) && /^[0-9a-f]{64}$/.test(f['specSha256'])],
  ['backend', (f) => f['backend'] !== 'auto' && (BACKENDS as readonly unknown[]).includes(f['backend'])],
  [
    'run',
    (f) =>
      isObject(f['run']) &&
      isString(f['run']['file']) &&
      list(f['run']['overrides'], isString) &&
      isString(f['run']['startedAt']),
  ],
  [
    'rows',
    (f) => list(f['rows'], (row) => every(row, isNumberOrNull)) && (f['rows'] as unknown[]).length === f['epoch'],
  ],
  ['schedule', (f) => f['schedule'] === null || every(f['schedule'], isNumberOrNull)],
  ['callbacks', (f) => every(f['callbacks'], (facts) => every(facts, isNumberOrNull))],
  [
    'optimizer',
    (f) =>
      isObject(f['optimizer']) &&
      isString(f['optimizer']['className']) &&
      isCount(f['optimizer']['iterations']) &&
      every(f['optimizer']['scalars'], (v) => typeof v === 'number' && Number.isFinite(v)) &&
      every(f['optimizer']['slots'], (v) => list(v, isString)),
  ],
  [
    'weights',
    (f) =>
      isObject(f['weights']) &&
      isString(f['weights']['file']) &&
      isString(f['weights']['sha256']) &&
      list(
        f['weights']['specs'],
        (s) =>
          isObject(s) &&
          isString(s['name']) &&
          list(s['shape'], isCount) &&
          (s['dtype'] === 'float32' || s['dtype'] === 'int32'),
      ) &&
      uniqueNames(f['weights']['specs'] as { name: string }[]),
  ],
];

export function checkResumeFacts(value: unknown, path: string): ResumeFacts {
  const hint =
    "the run's resume/ folder was damaged or edited, so it cannot be continued exactly; train the experiment again";
  if (value === undefined) throw new RunError(`${path} is missing`, hint);
  if (!isObject(value)) throw new RunError(`${path} is not a resume state (a JSON object)`, hint);
  for (const [field, test] of FIELDS) {
    if (!test(value))
      throw new RunError(
        `${path}: ${field} is missing or not what tfyaml writes there (received ${preview(value[field])})`,
        hint,
      );
  }
  const facts = value as unknown as ResumeFacts;
  // JSON has no NaN: a row's NaN (a metric that could not be computed) was written as null.
  facts.rows = facts.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? Number.NaN])));
  return facts;
}

function uniqueNames(specs: { name: string }[]): boolean {
  return new Set(specs.map((s) => s.name)).size === specs.length;
}

/** A short, single-line view of a received value: the file is input, and may hold anything. */
function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
