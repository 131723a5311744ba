import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The kinds of hostile input issue #14 lists; the corpus must keep at least one case of each. */
export const CASE_CLASSES = [
  'write-outside',
  'read-outside',
  'resources',
  'proto',
  'alias',
  'echo',
  'disk',
  'lock',
  'csv-injection',
  'non-finite',
  'data-loss',
  'cli-option',
  'internal-error',
] as const;
export type CaseClass = (typeof CASE_CLASSES)[number];

/** One `case.json`: what to run in the sandbox and what must come out (see test-fixtures/hostile/README.md). */
export interface HostileCase {
  name: string;
  dir: string;
  class: CaseClass;
  description: string;
  setup?: string;
  args: string[];
  exitCode: number;
  stderr: RegExp[];
  stdout: RegExp[];
  timeoutMs: number;
  maxRssMb: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RSS_MB = 1500;

/** A case.json that the harness cannot run as written: the corpus' own bug, reported with the file. */
export class HostileCaseError extends Error {
  override readonly name = 'HostileCaseError';
}

/** Every folder directly under `root` that holds a case.json, sorted by name; other folders are shared helpers. */
export function readCases(root: string): HostileCase[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'case.json')))
    .map((entry) => readCase(join(root, entry.name), entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readCase(dir: string, name: string): HostileCase {
  const file = join(dir, 'case.json');
  const fail = (what: string): never => {
    throw new HostileCaseError(`${file}: ${what}`);
  };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!CASE_CLASSES.includes(raw['class'] as CaseClass)) fail(`"class" must be one of ${CASE_CLASSES.join(', ')}`);
  if (typeof raw['description'] !== 'string') fail('"description" must be a string');
  if (raw['setup'] !== undefined && typeof raw['setup'] !== 'string') fail('"setup" must be a shell command string');
  if (!isStringList(raw['args'])) fail('"args" must be a list of strings (the CLI arguments, without "tfyaml")');
  if (!Number.isInteger(raw['exitCode'])) fail('"exitCode" must be an integer');
  return {
    name,
    dir,
    class: raw['class'] as CaseClass,
    description: raw['description'] as string,
    ...(raw['setup'] === undefined ? {} : { setup: raw['setup'] as string }),
    args: raw['args'] as string[],
    exitCode: raw['exitCode'] as number,
    stderr: patterns(raw['stderr'], 'stderr', fail),
    stdout: patterns(raw['stdout'], 'stdout', fail),
    timeoutMs: positive(raw['timeoutMs'], DEFAULT_TIMEOUT_MS, 'timeoutMs', fail),
    maxRssMb: positive(raw['maxRssMb'], DEFAULT_MAX_RSS_MB, 'maxRssMb', fail),
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function patterns(value: unknown, key: string, fail: (what: string) => never): RegExp[] {
  if (value === undefined) return [];
  if (!isStringList(value)) return fail(`"${key}" must be a list of regex strings`);
  return value.map((source) => {
    try {
      return new RegExp(source);
    } catch (error) {
      return fail(`"${key}": ${(error as Error).message}`);
    }
  });
}

function positive(value: unknown, fallback: number, key: string, fail: (what: string) => never): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) return fail(`"${key}" must be a positive number`);
  return value;
}
