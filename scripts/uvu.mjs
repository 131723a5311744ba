// Runs a package's uvu tests (`src/**/*.test.ts`) under tsx, as `uvu` would, plus one guard uvu lacks:
// a test file that never calls `.run()` on a suite reports nothing, so it is an error here.
import { parse } from 'uvu/parse';

const dir = process.argv[2] ?? 'src';
const { suites } = await parse(dir, /\.test\.ts$/, { cwd: process.cwd() });
if (suites.length === 0) {
  console.error(`No test files (*.test.ts) under ${dir}.`);
  process.exit(1);
}

globalThis.UVU_DEFER = 1;
const uvu = await import('uvu');
for (const [index, suite] of suites.entries()) {
  globalThis.UVU_INDEX = index;
  globalThis.UVU_QUEUE.push([suite.name]);
  await import('file:///' + suite.file);
  if (globalThis.UVU_QUEUE[index].length < 2) {
    console.error(`${suite.name}: no suite was run. Did a suite forget \`.run()\`?`);
    process.exit(1);
  }
}
await uvu.exec(false);
// Every suite has run: exit now, so that a process or timer a failed test left behind cannot hang CI.
process.exit(process.exitCode ?? 0);
