// `extends: base.yaml`: a spec built on another one. Maps merge deeply, lists and scalars are replaced, and each
// file's relative paths are relative to that file.
import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { quote } from './describe.ts';
import { didYouMean } from './did-you-mean.ts';
import { SpecError } from './errors.ts';
import { readSpecFile } from './read-spec-file.ts';
import { experimentSchema } from './schema.ts';
import { SpecFile } from './source.ts';

type Raw = Record<string, unknown>;

const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

const EXPERIMENT_KEYS = new Set(Object.keys(experimentSchema.properties));

/** Reads a spec file and everything it extends; returns the merged plain object and the files, the spec's first. */
export function readWithBases(
  file: string,
  text: string,
  chain: readonly string[] = [],
): { raw: Raw; files: SpecFile[] } {
  const spec = new SpecFile(file, text);
  // A base may be any file (`extends: /etc/shadow`): nothing of its text is repeated, and one that is no experiment
  // is refused whole.
  const isBase = chain.length > 0;
  const syntax = spec.syntaxIssues({ quoteErrors: !isBase });
  if (syntax.length > 0) throw new SpecError(syntax);
  const content: unknown = spec.toJS() ?? {};
  if (!isMap(content) || (isBase && !Object.keys(content).some((key) => EXPERIMENT_KEYS.has(key)))) {
    const at = spec.find([])?.location ?? { source: file, line: 1, column: 1 };
    const message = isBase
      ? 'the file this one extends is not an experiment (a YAML map with name:, data:, model:, …)'
      : 'an experiment file must be a YAML map of keys';
    throw new SpecError([
      {
        path: '',
        ...at,
        message,
        hint: isBase ? 'extend another experiment file' : 'start with name:, data:, model:, training:',
      },
    ]);
  }
  resolvePaths(content, dirname(resolve(file)));
  const base = content['extends'];
  delete content['extends'];
  if (base === undefined) return { raw: content, files: [spec] };

  const at = spec.find(['extends'])!.location;
  const problem = (message: string, hint: string) => new SpecError([{ path: 'extends', ...at, message, hint }]);
  if (typeof base !== 'string')
    throw problem('must be the path of another experiment file', 'write extends: base.yaml');
  const basePath = resolve(dirname(resolve(file)), base);
  const seen = [resolve(file), ...chain];
  if (seen.includes(basePath)) {
    throw problem(
      `extends forms a cycle: ${[...seen.reverse(), basePath].map((f) => relative(process.cwd(), f)).join(' → ')}`,
      'remove one of the extends',
    );
  }
  const read = readSpecFile(basePath);
  if (!('text' in read)) {
    if (!read.missing) throw problem(`${quote(base)} ${read.message}`, read.hint);
    const siblings = readdirSafe(dirname(basePath)).filter((f) => /\.ya?ml$/.test(f));
    const close = didYouMean(basename(basePath), siblings);
    throw problem(
      `file not found: ${quote(base)}`,
      `${close ? `did you mean "${close}"? ` : ''}extends is relative to the file that contains it`,
    );
  }
  const parent = readWithBases(basePath, read.text, seen);
  return { raw: deepMerge(parent.raw, content), files: [spec, ...parent.files] };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function deepMerge(base: Raw, over: Raw): Raw {
  const merged: Raw = { ...base };
  for (const [key, value] of Object.entries(over)) {
    merged[key] = isMap(value) && isMap(base[key]) ? deepMerge(base[key], value) : value;
  }
  return merged;
}

/** data.path is written relative to the file it is in; after merging, nobody knows which file that was. */
function resolvePaths(content: Raw, dir: string): void {
  const data = content['data'];
  if (isMap(data) && typeof data['path'] === 'string' && !isAbsolute(data['path']))
    data['path'] = resolve(dir, data['path']);
}
