// Builds the addon when the package installs (`pnpm install` runs a workspace package's `install` script).
// It never fails the install: without oneDNN, a C++ compiler, make or python3, or when the build fails, it
// removes build/, writes build/unavailable.txt with the reason, prints one line and exits 0; the package then
// reports itself unavailable at runtime with that reason. A build whose inputs (sources, binding.gyp, oneDNN
// location, node-addon-api) are unchanged is kept, so repeated installs take no time.
//   TFYAML_NATIVE_BUILD=skip   do not build (as if oneDNN were absent)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOneDnn } from './onednn.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const build = join(root, 'build');

function unavailable(reason, log) {
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  writeFileSync(join(build, 'unavailable.txt'), `${reason}\n`);
  if (log) writeFileSync(join(build, 'build.log'), log);
  console.log(`@tfyaml/native-kernels: not built: ${reason}`);
  process.exit(0);
}

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

function missingTool() {
  const cxx = process.env.CXX ?? 'c++';
  if (!works(cxx, ['--version'])) return `no C++ compiler (${cxx}); Debian/Ubuntu: apt-get install build-essential`;
  if (!works('make', ['--version'])) return 'no make; Debian/Ubuntu: apt-get install build-essential';
  const python = process.env.PYTHON ?? 'python3';
  if (!works(python, ['--version'])) return `no ${python} (node-gyp needs it)`;
  return undefined;
}

/** node-gyp downloads Node's headers unless told where they are; a system Node usually has them beside it. */
function nodedirArgs() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

function inputsHash(onednn) {
  const hash = createHash('sha256').update(
    JSON.stringify([onednn, process.platform, process.arch, process.env.TFYAML_NATIVE_MARCH ?? 'native']),
  );
  const sources = [
    'binding.gyp',
    ...readdirSync(join(root, 'native'))
      .sort()
      .map((f) => join('native', f)),
  ];
  for (const file of sources) hash.update(file).update(readFileSync(join(root, file)));
  const addonApi = createRequire(import.meta.url).resolve('node-addon-api/package.json');
  return hash.update(readFileSync(addonApi)).digest('hex');
}

// Whatever goes wrong, the install goes on without the addon.
process.on('uncaughtException', (error) => {
  try {
    unavailable(`install script failed: ${String(error?.message ?? error).split('\n')[0]}`);
  } catch {
    process.exit(0);
  }
});

if (/^(skip|0|false|off)$/i.test(process.env.TFYAML_NATIVE_BUILD ?? '')) {
  unavailable(`build skipped (TFYAML_NATIVE_BUILD=${process.env.TFYAML_NATIVE_BUILD})`);
}
const onednn = findOneDnn();
if (!onednn) {
  unavailable('oneDNN not found (Debian/Ubuntu: apt-get install libdnnl-dev; macOS: brew install onednn)');
}
const tool = missingTool();
if (tool) unavailable(tool);

const addon = join(build, 'Release', 'tfyaml_native.node');
const stampFile = join(build, 'stamp.txt');
let stamp;
try {
  stamp = inputsHash(onednn);
} catch (error) {
  unavailable(`cannot read the build inputs: ${error.message.split('\n')[0]}`);
}
if (existsSync(addon) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('@tfyaml/native-kernels: addon up to date');
  process.exit(0);
}

let nodeGyp;
try {
  nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  unavailable('node-gyp is not installed');
}
const started = Date.now();
const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', '-j', 'max', ...nodedirArgs()], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (result.status !== 0) {
  unavailable(`compiling the addon failed (see packages/native-kernels/build/build.log)`, log);
}
writeFileSync(join(build, 'build.log'), log);
writeFileSync(stampFile, stamp);
console.log(
  `@tfyaml/native-kernels: built against oneDNN in ${onednn.include} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
