// XNNPACK's thread pool for the wasm backend in Node. tfjs 4.22 ships a threaded SIMD build but turns it off in
// Node (tfjs#3830), and it would not start there anyway: it hands Emscripten its pthread worker and main script as
// blob: URLs, which Node's Worker and the worker's importScripts (fs.readFileSync) cannot open. It also caps the
// pool at cpus/2 (it assumes two hyperthreads per core), which is one thread on a 2-vCPU machine.
//
// While the backend initialises, this writes those two scripts to files and hands Emscripten their paths, and
// reports twice the wanted thread count as the CPU count. The substitution is checked: if tfjs changes what it
// generates, initialisation fails and the caller falls back to the single-threaded build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';

/** The start of the script that tfjs builds from its threaded factory (the pthread workers load it). */
const MAIN_SCRIPT = 'var WasmBackendModuleThreadedSimd';
/** How the pthread worker loads a Blob main script; it must load our file instead. */
const WORKER_LOADS_BLOB =
  'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';
/** Names the factory's source uses that the node bundle defines outside it (rollup's renamed requires). */
const BUNDLE_PRELUDE =
  "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os'), commonjsGlobal = globalThis;\n";

/**
 * How long the threaded build may take to start. On a heavily loaded machine Emscripten's pthread pool has been seen
 * never to finish starting (the process then sat idle for minutes): past this, the caller takes the plain build.
 */
const WASM_THREADS_START_MS = 30_000;

/**
 * Runs `initialise` (which must set the wasm backend) with tfjs's threaded build allowed and startable in Node.
 * Resolves to what `initialise` resolved to, or rejects when it has not settled within `startMs`; the global patches
 * are undone either way.
 */
export async function withWasmThreads<T>(
  threads: number,
  initialise: () => Promise<T>,
  startMs = WASM_THREADS_START_MS,
): Promise<T> {
  const { setThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-wasm-threads-'));
  // Kept while the process lives: Emscripten starts a pthread worker from these files whenever its pool grows.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const mainScript = join(dir, 'main.cjs');
  const texts = new WeakMap<Blob, string>();
  const RealBlob = globalThis.Blob;
  const realCreateObjectURL = URL.createObjectURL;
  const realCpus = os.cpus;

  try {
    globalThis.Blob = class extends RealBlob {
      constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
        super(parts, options);
        const text = parts?.length === 1 && typeof parts[0] === 'string' ? parts[0] : undefined;
        if (text === undefined) return;
        texts.set(this, text);
        if (text.startsWith(MAIN_SCRIPT)) writeFileSync(mainScript, BUNDLE_PRELUDE + text);
      }
    };
    URL.createObjectURL = (blob: Blob) => {
      const text = texts.get(blob);
      if (text === undefined || !text.includes(WORKER_LOADS_BLOB)) return realCreateObjectURL(blob);
      const worker = join(dir, 'worker.cjs');
      writeFileSync(worker, text.replace(WORKER_LOADS_BLOB, `importScripts(${JSON.stringify(mainScript)})`));
      return worker;
    };
    os.cpus = () => {
      const cpus = realCpus();
      return Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]!);
    };
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
    setThreadsCount(threads);
    const result = await settledWithin(initialise(), startMs);
    unrefPthreadWorkers();
    return result;
  } finally {
    // tfjs's own answer in Node: a later re-initialisation (removeBackend + setBackend) takes the plain build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    globalThis.Blob = RealBlob;
    URL.createObjectURL = realCreateObjectURL;
    os.cpus = realCpus;
  }
}

/** `promise`, or a rejection naming the wait once `ms` have passed without it settling. */
function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the threaded wasm build did not start within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Emscripten's pthread workers are Node Workers that would keep a finished process alive: let it exit. */
function unrefPthreadWorkers(): void {
  const module = (
    tf.backend() as unknown as { wasm?: { PThread?: { unusedWorkers: Worker[]; runningWorkers: Worker[] } } }
  ).wasm;
  const pthreads = module?.PThread;
  if (!pthreads) return;
  for (const worker of [...pthreads.unusedWorkers, ...pthreads.runningWorkers]) worker.unref();
}
