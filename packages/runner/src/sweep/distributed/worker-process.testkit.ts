// Workers as separate `tfyaml worker` processes with their own --out folders: several machines, simulated. The sweep
// file lives in the project's ignored test-output/, since a distributed sweep's file must be inside the project.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(RUNNER, 'bin/tfyaml.js');

const CLASSIFIER = `    - { type: dense, units: 2, activation: softmax }
training:
  optimizer: adam`;
/** One output and a squared error, so a huge learning rate overflows to NaN (a softmax classifier only saturates). */
export const REGRESSION = `    - { type: dense, units: 1 }
training:
  optimizer: sgd
  loss: meanSquaredError`;

/** A one-epoch synthetic experiment of 64 images: a trial is mostly process start-up. One thread and no data-parallel
 * workers: several worker processes share the test machine's cores, and a tiny model gains nothing from more. */
export function sweepFile(sweep: string, head = CLASSIFIER): { dir: string; file: string } {
  mkdirSync(join(RUNNER, 'test-output'), { recursive: true });
  const dir = mkdtempSync(join(RUNNER, 'test-output', 'distributed-'));
  const file = join(dir, 'tiny-dist.yaml');
  writeFileSync(
    file,
    `name: tiny-dist
seed: 3
backend: wasm
data:
  dataset: synthetic
  synthetic: { classes: 2, imageSize: 6, trainSize: 64, testSize: 16 }
model:
  layers:
    - { type: conv2d, filters: 2, kernelSize: 3 }
    - { type: flatten }
${head}
  epochs: 1
  batchSize: 16
  threads: 1
  workers: 1
sweep:
${sweep}`,
  );
  return { dir, file };
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A process still running this long is killed, so a test waiting for it fails instead of hanging the suite. */
const WORKER_LIMIT_MS = 240_000;

export function startWorker(url: string, out: string, ...args: string[]): WorkerProcess {
  return startTfyaml(['worker', '--queue', url, '--out', out, ...args]);
}

/** `tfyaml <args>` as its own process; `env` is added to this one's. */
export function startTfyaml(args: string[], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const limit = setTimeout(() => {
    output += `\n[test] worker still running after ${WORKER_LIMIT_MS / 1000} s: killed`;
    child.kill('SIGKILL');
  }, WORKER_LIMIT_MS);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(limit);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** Polls `check` until it is true; fails after `seconds`. */
export async function waitFor(check: () => Promise<boolean> | boolean, seconds: number, what: string): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
