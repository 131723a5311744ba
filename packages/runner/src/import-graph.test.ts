// The architecture, checked on every `pnpm test`: no import circles, packages used only through their index.ts,
// dependencies one way (spec-schema ← data, model-compiler ← runner), kernel packages on tfjs alone.
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  importCycles,
  importEdges,
  importsOf,
  isBuiltin,
  packageOf,
  shortPath,
  sourceFiles,
  workspacePackages,
  type ImportEdge,
} from './import-graph.testkit.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const packages = workspacePackages(root);
const names = new Set(packages.map((p) => p.name));
const isKernelPackage = (name: string) => name.endsWith('-kernels');
/** Which workspace packages each package may import; a package missing here fails the test until it is placed. */
const ALLOWED: Record<string, (name: string) => boolean> = {
  '@tfyaml/spec-schema': () => false,
  '@tfyaml/data': (name) => name === '@tfyaml/spec-schema',
  '@tfyaml/model-compiler': (name) => name === '@tfyaml/spec-schema',
  '@tfyaml/runner': (name) => name !== '@tfyaml/runner',
};
const allowed = (from: string, to: string) => (isKernelPackage(from) ? false : (ALLOWED[from]?.(to) ?? false));

const edgesByPackage = packages.map((pkg) => ({ pkg, edges: importEdges(sourceFiles(`${pkg.dir}/src`)) }));
/** Tests and their kits may reach up for a reference (a runner test builds specs): no shipped dependency. */
const isTestFile = (file: string) => /\.(test|testkit)\.ts$/.test(file);
const allEdges = edgesByPackage.flatMap((p) => p.edges);
const describe = (edge: ImportEdge) => `${shortPath(root, edge.from)} imports '${edge.specifier}'`;

const graph = suite('import graph');

graph('finds every workspace package', () => {
  for (const name of ['@tfyaml/spec-schema', '@tfyaml/data', '@tfyaml/model-compiler', '@tfyaml/runner']) {
    assert.ok(names.has(name), name);
  }
});

graph('no import circle inside any package', () => {
  const cycles = importCycles(allEdges).map((files) => files.map((f) => shortPath(root, f)).join(' → '));
  assert.equal(cycles, [], `import circles:\n${cycles.join('\n')}`);
});

graph('other packages are imported by their declared entries (index.ts; a testkit from tests), not by path', () => {
  const entries = new Map(packages.map((p) => [p.name, p.entries]));
  const reaches = edgesByPackage
    .flatMap(({ pkg, edges }) =>
      edges.filter((edge) => {
        if (edge.to) return !edge.to.startsWith(`${pkg.dir}/`);
        const target = packageOf(edge.specifier);
        if (!names.has(target)) return false;
        const entry = `.${edge.specifier.slice(target.length)}`;
        return !entries.get(target)!.includes(entry) || (entry.includes('testkit') && !isTestFile(edge.from));
      }),
    )
    .map(describe);
  assert.equal(reaches, []);
});

graph('package dependencies flow one way', () => {
  const wrong = edgesByPackage
    .flatMap(({ pkg, edges }) =>
      edges.filter((edge) => {
        if (isTestFile(edge.from)) return false;
        const target = packageOf(edge.specifier);
        return names.has(target) && target !== pkg.name && !allowed(pkg.name, target);
      }),
    )
    .map(describe);
  assert.equal(wrong, []);
});

graph('kernel packages ship code that depends only on tfjs', () => {
  const kernels = edgesByPackage.filter(({ pkg }) => isKernelPackage(pkg.name));
  const foreign = kernels
    .flatMap(({ edges }) =>
      edges.filter((edge) => {
        if (isTestFile(edge.from)) return false;
        return !(
          edge.specifier.startsWith('.') ||
          isBuiltin(edge.specifier) ||
          edge.specifier.startsWith('@tensorflow/')
        );
      }),
    )
    .map(describe);
  assert.equal(foreign, []);
});

graph('kernel packages import no workspace package, not even in tests', () => {
  const kernels = edgesByPackage.filter(({ pkg }) => isKernelPackage(pkg.name));
  const upward = kernels
    .flatMap(({ pkg, edges }) =>
      edges.filter((edge) => {
        const target = packageOf(edge.specifier);
        return names.has(target) && target !== pkg.name;
      }),
    )
    .map(describe);
  assert.equal(upward, []);
});

graph.run();

const scanner = suite('import graph :: scanner');

scanner('reads static, type-only, re-export, bare and dynamic imports, not commented ones', () => {
  const text = [
    "import { a } from './a.ts';",
    'import type { B } from "./b.ts";',
    "export { c } from './c.ts';",
    "import './d.ts';",
    "const e = await import('./e.ts');",
    "// import { f } from './f.ts';",
    "/* import g from './g.ts' */",
    "const url = 'http://x';",
  ].join('\n');
  assert.equal(
    importsOf(text).map((i) => i.specifier),
    ['./a.ts', './b.ts', './c.ts', './d.ts', './e.ts'],
  );
  assert.equal(
    importsOf(text).map((i) => i.typeOnly),
    [false, true, false, false, false],
  );
});

scanner('finds a circle of three and ignores a chain', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, specifier: to, to, typeOnly });
  assert.equal(importCycles([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')]), [['a', 'b', 'c']]);
  assert.equal(importCycles([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')]), []);
  assert.equal(importCycles([edge('a', 'b'), edge('b', 'a', true)]), [], 'a type-only import back is no circle');
});

scanner.run();
