// Picks the TensorFlow.js backend: tfjs-node when it loads (fastest, multi-threaded), else native (the cpu backend
// with oneDNN kernels, built at install where libdnnl-dev exists), else wasm (works everywhere, with the training
// kernels tfjs lacks), else the pure-JS cpu backend (~250× slower on CNNs: last resort).
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { registerChainedOps } from '@tfyaml/model-compiler';
import { AUTO_BACKEND_ORDER, type BackendName } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';

export type ConcreteBackend = Exclude<BackendName, 'auto'>;

export interface BackendChoice {
  name: ConcreteBackend;
  requested: BackendName;
  /** Why each faster candidate was passed over, for the run's summary. */
  skipped: { name: ConcreteBackend; reason: string }[];
  /** `auto` only: one training step of the run's model timed on each backend that loaded (auto.ts). */
  timings?: BackendTiming[];
  /** The npm package providing it and its version. */
  package: string;
  version: string;
}

export interface BackendOptions {
  /** CPU threads inside each op, for backends that take a count (native, wasm); auto/absent = all cores. */
  threads?: number | 'auto';
}

/** A backend's time for one training step of a model, or why timing it stopped early. */
export interface BackendTiming {
  name: ConcreteBackend;
  msPerStep?: number;
  dismissed?: string;
}

/** The order `auto` tries backends in: usually fastest first. */
export const BACKEND_ORDER: readonly ConcreteBackend[] = AUTO_BACKEND_ORDER;

const LOADERS: Record<ConcreteBackend, (options: BackendOptions) => Promise<{ package: string; version: string }>> = {
  async tensorflow() {
    // An optional dependency whose native build failed installs "fine" and only fails here, when required.
    const node = (await import('@tensorflow/tfjs-node')) as { version?: { 'tfjs-node'?: string } };
    return { package: '@tensorflow/tfjs-node', version: node.version?.['tfjs-node'] ?? 'unknown' };
  },
  async native({ threads }) {
    const native = await import('@tfyaml/native-kernels');
    const info = native.registerNativeBackend(typeof threads === 'number' ? { threads } : {});
    return { package: '@tfyaml/native-kernels', version: `oneDNN ${info.onednn}, ${info.threads} threads` };
  },
  async wasm() {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const { registerWasmTrainingKernels } = await import('@tfyaml/wasm-kernels');
    registerWasmTrainingKernels();
    return { package: '@tensorflow/tfjs-backend-wasm', version: wasm.version_wasm };
  },
  async cpu() {
    const cpu = await import('@tensorflow/tfjs-backend-cpu');
    return { package: '@tensorflow/tfjs-backend-cpu', version: cpu.version_cpu };
  },
};

export async function selectBackend(requested: BackendName, options: BackendOptions = {}): Promise<BackendChoice> {
  registerChainedOps();
  const candidates = requested === 'auto' ? BACKEND_ORDER : [requested];
  const skipped: BackendChoice['skipped'] = [];
  for (const name of candidates) {
    try {
      const loaded = await LOADERS[name](options);
      const version =
        name === 'wasm' ? await activateWasm(options, loaded.version) : await activate(name, loaded.version);
      if (name === 'cpu') silenceNodeBanner();
      return { name, requested, skipped, ...loaded, version };
    } catch (error) {
      skipped.push({ name, reason: reasonFor(name, error) });
    }
  }
  const reasons = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  throw new RunError(
    `backend "${requested}" is not available (${reasons})`,
    requested === 'tensorflow'
      ? 'install @tensorflow/tfjs-node (it downloads libtensorflow at install time), or use --backend wasm'
      : requested === 'native'
        ? 'install oneDNN and a compiler (apt-get install libdnnl-dev build-essential), run pnpm install, or use --backend auto'
        : 'use --backend auto to take the first one that works',
  );
}

async function activate(name: ConcreteBackend, version: string): Promise<string> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed to initialise`);
  await tf.ready();
  return version;
}

/** wasm with XNNPACK's thread pool when more than one thread is wanted, else (or if that fails) single-threaded. */
async function activateWasm({ threads = 'auto' }: BackendOptions, version: string): Promise<string> {
  const wanted = threads === 'auto' ? availableParallelism() : threads;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const { withWasmThreads } = await import('@tfyaml/wasm-kernels');
  if (wanted > 1 && (await withWasmThreads(wanted, () => tf.setBackend('wasm')).catch(() => false))) {
    await tf.ready();
    return `${version}, ${wasm.getThreadsCount()} threads`;
  }
  // The threaded build did not start (or one thread was asked for): the plain build is the same maths on one core.
  wasm.setThreadsCount(1);
  return `${await activate('wasm', version)}, 1 thread`;
}

/** The cpu backend prints an advert for tfjs-node on first use; tfyaml already reports its backend choice. */
function silenceNodeBanner(): void {
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
}

function reasonFor(name: ConcreteBackend, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (name === 'tensorflow' && /tfjs_binding\.node|Cannot find (module|package)/.test(message)) {
    return '@tensorflow/tfjs-node is not installed or its native addon was not built';
  }
  if (name === 'native' && /Cannot find (module|package)/.test(message))
    return '@tfyaml/native-kernels is not installed';
  return message.slice(0, 200);
}
