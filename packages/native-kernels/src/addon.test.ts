// Availability and the no-oneDNN fallback: the install script never fails, and the package says why it is
// unavailable in one line.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAddon } from './addon.ts';
import { CONV_GRAD_KERNELS, FUSED_UPDATES, RECURRENT_KERNELS } from './kernels/index.ts';
import { nativeOrSkip } from './parity.testkit.ts';
import { NATIVE_BACKEND, registerNativeBackend } from './register.ts';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
/** Environment in which neither pkg-config nor the prefix search can find oneDNN. */
const NO_ONEDNN = {
  ...process.env,
  TFYAML_ONEDNN_PREFIXES: '/nonexistent',
  PKG_CONFIG_LIBDIR: '/nonexistent',
  PKG_CONFIG_PATH: '',
  ONEDNN_ROOT: '',
};

function availabilityIn(dir: string, env: NodeJS.ProcessEnv): { available: boolean; reason?: string } {
  const script = `import('${join(dir, 'src', 'addon.ts')}').then((m) => { const a = m.loadAddon(); console.log(JSON.stringify({ available: a.available, reason: a.reason })); })`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: dir, env, encoding: 'utf8' });
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { available: boolean; reason?: string };
}

const fallback = suite('install and load :: without oneDNN the install succeeds and the package reports why');

fallback('the oneDNN finder finds nothing when pkg-config and the prefixes point nowhere', () => {
  const run = spawnSync(process.execPath, ['scripts/onednn.mjs', 'include'], {
    cwd: PACKAGE,
    env: NO_ONEDNN,
    encoding: 'utf8',
  });
  assert.is(run.status, 1);
  assert.is(run.stdout, '');
});

fallback('a fresh copy installs without oneDNN (exit 0) and loadAddon() gives the one-line reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-native-'));
  try {
    for (const part of ['package.json', 'binding.gyp', 'scripts', 'native', 'src'])
      cpSync(join(PACKAGE, part), join(dir, part), { recursive: true });
    symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
    const install = spawnSync(process.execPath, ['scripts/install.mjs'], {
      cwd: dir,
      env: NO_ONEDNN,
      encoding: 'utf8',
    });
    assert.is(install.status, 0, install.stderr);
    assert.match(install.stdout, 'not built: oneDNN not found (Debian/Ubuntu: apt-get install libdnnl-dev');
    assert.ok(existsSync(join(dir, 'build', 'unavailable.txt')));
    const loaded = availabilityIn(dir, process.env);
    assert.is(loaded.available, false);
    assert.match(loaded.reason ?? '', /^oneDNN not found/);
    assert.not.match(loaded.reason ?? '', '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

fallback('a missing compiler is reported the same way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-native-'));
  try {
    for (const part of ['package.json', 'binding.gyp', 'scripts', 'native'])
      cpSync(join(PACKAGE, part), join(dir, part), { recursive: true });
    symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
    const install = spawnSync(process.execPath, ['scripts/install.mjs'], {
      cwd: dir,
      env: { ...process.env, CXX: '/nonexistent/c++' },
      encoding: 'utf8',
    });
    assert.is(install.status, 0);
    assert.match(readFileSync(join(dir, 'build', 'unavailable.txt'), 'utf8'), 'no C++ compiler (/nonexistent/c++)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

fallback('TFYAML_NATIVE=off disables a built addon', () => {
  const loaded = availabilityIn(PACKAGE, { ...process.env, TFYAML_NATIVE: 'off' });
  assert.equal(loaded, { available: false, reason: 'disabled by TFYAML_NATIVE=off' });
});

fallback.run();

const native = nativeOrSkip('threads');
const threads = suite('registerNativeBackend :: threads and registration');

threads('training.threads maps to the OpenMP/oneDNN thread count', () => {
  if (!native) return;
  assert.is(registerNativeBackend({ threads: 1 }).threads, 1);
  assert.is(registerNativeBackend({ threads: 3 }).threads, 3);
  assert.is(registerNativeBackend().threads, native.info().processors);
  assert.throws(() => native.setThreads(0), /setThreads: argument 0 \(threads\) must be an integer in \[1, 1024\]/);
});

threads('the native backend holds every stock cpu kernel and our own kernels; the cpu backend stays stock', () => {
  if (!native) return;
  const own = Object.keys({ ...FUSED_UPDATES, ...RECURRENT_KERNELS, ...CONV_GRAD_KERNELS });
  const stock = tf
    .getKernelsForBackend('cpu')
    .map((k) => k.kernelName)
    .sort();
  const ours = tf
    .getKernelsForBackend(NATIVE_BACKEND)
    .map((k) => k.kernelName)
    .sort();
  assert.equal(ours, [...stock, ...own].sort());
  assert.equal(
    own.filter((name) => tf.getKernel(name, 'cpu') !== undefined),
    [],
  );
  assert.is(tf.getKernel('Conv2D', 'cpu')!.kernelFunc.name, 'conv2D');
  assert.ok(loadAddon().available);
});

threads.run();
