// The workspace's module graph, read from the sources, for the architecture test: import cycles, reaches into
// another package's internals, and package dependencies that flow the wrong way.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `entries`: the subpaths its package.json `exports` declares (`.`, `./testkit`): what others may import. */
export interface Package {
  name: string;
  dir: string;
  entries: string[];
}
export interface Import {
  specifier: string;
  /** `import type` / `export type`: erased when compiled, so no runtime edge. */
  typeOnly: boolean;
}
export interface ImportEdge extends Import {
  from: string;
  to?: string | undefined;
}

const SOURCE = /\.(ts|js|mjs)$/;
// Static imports and re-exports (`import x from`, `import type`, `export … from`), `import '…'`, `import('…')`.
const IMPORT = new RegExp(
  [
    /(?:^|[\s;])(?:import|export)\s+(type\s+)?[^'"`;]*?from\s*['"]([^'"]+)['"]/.source,
    /(?:^|[\s;])import\s*['"]([^'"]+)['"]/.source,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/.source,
  ].join('|'),
  'g',
);
const BUILTINS = new Set(builtinModules);

interface Manifest {
  name: string;
  exports?: Record<string, unknown>;
}

export function workspacePackages(root: string): Package[] {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .filter((entry) => existsSync(join(packagesDir, entry, 'package.json')))
    .map((entry) => {
      const dir = join(packagesDir, entry);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      return { name: manifest.name, dir, entries: Object.keys(manifest.exports ?? { '.': '' }) };
    });
}

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Comments removed first, so an import written in a doc comment is not an edge. */
export function importsOf(text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => ({ specifier: (m[2] ?? m[3] ?? m[4])!, typeOnly: m[1] !== undefined }));
}

/** The file a relative specifier names (tsx accepts `./x.ts`, `./x.js` for `x.ts`, and folders with an index.ts). */
export function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

export function importEdges(files: string[]): ImportEdge[] {
  return files.flatMap((from) =>
    importsOf(readFileSync(from, 'utf8')).map(({ specifier, typeOnly }) => ({
      from,
      specifier,
      typeOnly,
      to: specifier.startsWith('.') ? resolveRelative(from, specifier) : undefined,
    })),
  );
}

/**
 * Groups of files whose runtime imports go round in a circle (Tarjan's strongly connected components). Type-only
 * imports are left out: they vanish when compiled, and a type declared beside the code that uses it may point back.
 */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to, typeOnly } of edges) if (to && !typeOnly) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (stack.includes(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next.get(node)?.includes(node)) cycles.push(component.reverse());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The workspace package a bare specifier names (`@tfyaml/data`, `@tfyaml/data/src/x.ts` → `@tfyaml/data`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(packageOf(specifier));
}

/** Which package folder holds a file, as a path relative to the root, for messages. */
export function shortPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
