// Finds oneDNN's headers and library: $ONEDNN_ROOT, then `pkg-config dnnl`, then the usual prefixes (Debian/Ubuntu
// /usr, Homebrew, /usr/local, Intel oneAPI). Debian's libdnnl-dev ships no .pc file, hence the prefix search.
// TFYAML_ONEDNN_PREFIXES (":"-separated) replaces the prefix list; set it to a missing folder and give pkg-config
// an empty PKG_CONFIG_LIBDIR to simulate a machine without oneDNN.
//   node scripts/onednn.mjs include|libdir   prints one path (binding.gyp calls this)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_PREFIXES = [
  '/usr',
  '/usr/local',
  '/opt/homebrew',
  '/opt/homebrew/opt/onednn',
  '/usr/local/opt/onednn',
  '/opt/intel/oneapi/dnnl/latest',
];

function hasHeaders(include) {
  return existsSync(join(include, 'oneapi', 'dnnl', 'dnnl.hpp')) || existsSync(join(include, 'dnnl.hpp'));
}

function libDirIn(prefix) {
  const candidates = ['lib', 'lib64', `lib/${process.arch === 'x64' ? 'x86_64' : 'aarch64'}-linux-gnu`];
  return candidates
    .map((d) => join(prefix, d))
    .find((d) => ['libdnnl.so', 'libdnnl.dylib'].some((f) => existsSync(join(d, f))));
}

function fromPkgConfig() {
  const run = (flag) => spawnSync('pkg-config', [flag, 'dnnl'], { encoding: 'utf8' });
  const inc = run('--variable=includedir');
  const lib = run('--variable=libdir');
  if (inc.status !== 0 || lib.status !== 0) return undefined;
  const include = inc.stdout.trim(),
    libdir = lib.stdout.trim();
  return include && libdir && hasHeaders(include) ? { include, libdir, via: 'pkg-config' } : undefined;
}

/** { include, libdir, via } or undefined. */
export function findOneDnn(env = process.env) {
  const roots = env.ONEDNN_ROOT ? [env.ONEDNN_ROOT] : [];
  for (const root of roots) {
    const libdir = libDirIn(root);
    if (hasHeaders(join(root, 'include')) && libdir)
      return { include: join(root, 'include'), libdir, via: 'ONEDNN_ROOT' };
  }
  const viaPkgConfig = fromPkgConfig();
  if (viaPkgConfig) return viaPkgConfig;
  const prefixes = env.TFYAML_ONEDNN_PREFIXES ? env.TFYAML_ONEDNN_PREFIXES.split(':') : DEFAULT_PREFIXES;
  for (const prefix of prefixes) {
    const libdir = libDirIn(prefix);
    if (hasHeaders(join(prefix, 'include')) && libdir) return { include: join(prefix, 'include'), libdir, via: prefix };
  }
  return undefined;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const found = findOneDnn();
  if (!found) process.exit(1);
  const what = process.argv[2];
  process.stdout.write(what === 'libdir' ? found.libdir : found.include);
}
