// Model-level gradient parity (research note §1): a tiny model is built on cpu, its initial weights are
// copied into an identical wasm model, both take the same optimizer steps on the same batch, and the
// losses and weight updates must agree. Shared by the per-family *.test.ts files in this folder.
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer, Tensor } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerChainedOps } from '@tfyaml/model-compiler';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { init, randomTensor, readable, rng } from '@tfyaml/wasm-kernels/testkit';
import type { HostTensor } from '@tfyaml/wasm-kernels/testkit';

// These parity tests build tfjs-layers' own layers, as tfjs ships them (the stock Orthogonal initializer among them),
// which call chained ops (`t.flatten()`) that only the @tensorflow/tfjs bundle registers: the model compiler requires
// it before any backend is chosen, and so does this kit, so no test depends on another having loaded it.
registerChainedOps();

export const N = 4;
/** The pass threshold of the research note (§2). */
export const PARITY_TOL = 1e-4;

export type ParityOptions = {
  /** A fresh optimizer per backend (optimizers hold state). Default sgd(0.1): it maps gradients linearly to ΔW. */
  optimizer?: () => Optimizer;
  /** Math.random is replaced by rng(seed) during each backend's run, so JS-drawn noise masks match. */
  seed?: number;
  /**
   * 'loss' for optimizers that normalise by the gradient magnitude (adam family): they turn ~1e-9 noise in
   * gradients that are truly 0 into ±lr steps, so only the losses are held to the tolerance (note §5).
   */
  compare?: 'weights' | 'loss';
  /** Also prove the layer is stochastic in training, so matching masks are not matching by absence. */
  noisy?: boolean;
};

export type Parity = {
  /** Relative loss difference on the first step (forward pass only). */
  relLoss0: number;
  /** Relative loss difference after one optimizer step. */
  relLoss1: number;
  /** max|ΔW_wasm − ΔW_cpu| / max|ΔW_cpu| over all weights after two steps. */
  relDW: number;
  /** max|ΔW_cpu|: 0 would make relDW vacuous. */
  cpuMaxDW: number;
  cpuLosses: number[];
  wasmLosses: number[];
  /** Non-finite weight values after training, per backend. */
  nonFinite: { cpu: number; wasm: number };
  /** Training-mode minus inference-mode loss on the initial weights (cpu); 0 for deterministic layers. */
  noiseEffect: number;
  /** Data ids the second step left behind on wasm minus those on cpu (tfjs-layers' own churn cancels). */
  extraLeak: number;
};

type Run = { losses: number[]; before: Float32Array[]; after: Float32Array[]; leaked: number; noiseEffect: number };

const toTensor = (h: HostTensor): Tensor => tf.tensor(h.values, h.shape, h.dtype ?? 'float32');

function withSeed<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const saved = Math.random;
  Math.random = rng(seed);
  return fn().finally(() => {
    Math.random = saved;
  });
}

async function train(
  backend: 'cpu' | 'wasm',
  build: () => tfl.LayersModel,
  xs: HostTensor[],
  y: HostTensor,
  opts: ParityOptions,
  initial?: Float32Array[],
): Promise<Run> {
  await tf.setBackend(backend);
  const seed = opts.seed ?? 1;
  const model = await withSeed(seed, async () => build());
  try {
    model.compile({ optimizer: opts.optimizer?.() ?? tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    if (initial) {
      const ws = model.getWeights().map((w, k) => tf.tensor(initial[k]!, w.shape));
      model.setWeights(ws);
      tf.dispose(ws);
    }
    const read = () => Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    const before = await read();
    const x = xs.map(toTensor),
      yt = toTensor(y);
    const input = x.length === 1 ? x[0]! : x;
    try {
      // evaluate() runs in inference mode, where noise layers are the identity.
      let inference: number | undefined;
      if (opts.noisy) {
        const t = model.evaluate(input, yt, { batchSize: yt.shape[0] }) as Tensor;
        inference = (await t.data())[0]!;
        t.dispose();
      }
      // Re-seeded right before training so both backends draw the same masks whatever building consumed.
      const { losses, leaked } = await withSeed(seed + 1, async () => {
        const losses = [(await model.trainOnBatch(input, yt)) as number];
        // The first step creates the optimizer's slots; the second must not add data ids.
        const ids = tf.backend().numDataIds();
        losses.push((await model.trainOnBatch(input, yt)) as number);
        return { losses, leaked: tf.backend().numDataIds() - ids };
      });
      const noiseEffect = inference === undefined ? 0 : losses[0]! - inference;
      return { losses, before, after: await read(), leaked, noiseEffect };
    } finally {
      tf.dispose([...x, yt]);
    }
  } finally {
    model.dispose();
  }
}

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** Trains `build()` for two steps on cpu and on wasm from the same initial weights and compares them. */
export async function runParity(
  build: () => tfl.LayersModel,
  x: HostTensor | HostTensor[],
  y: HostTensor,
  opts: ParityOptions = {},
): Promise<Parity> {
  await init();
  const xs = Array.isArray(x) ? x : [x];
  const cpu = await train('cpu', build, xs, y, opts);
  const wasm = await train('wasm', build, xs, y, opts, cpu.before);
  let d = 0,
    m = 0;
  for (const [k, c1] of cpu.after.entries()) {
    const c0 = cpu.before[k]!,
      w0 = wasm.before[k]!,
      w1 = wasm.after[k]!;
    if (c1.length !== w1.length) throw new Error(`weight ${k} has ${c1.length} values on cpu, ${w1.length} on wasm`);
    for (let i = 0; i < c1.length; i++) {
      const dc = c1[i]! - c0[i]!;
      d = Math.max(d, Math.abs(w1[i]! - w0[i]! - dc));
      m = Math.max(m, Math.abs(dc));
    }
  }
  return {
    relLoss0: rel(wasm.losses[0]!, cpu.losses[0]!),
    relLoss1: rel(wasm.losses[1]!, cpu.losses[1]!),
    relDW: Number.isNaN(d) || m === 0 ? Infinity : d / m,
    cpuMaxDW: m,
    cpuLosses: cpu.losses,
    wasmLosses: wasm.losses,
    nonFinite: { cpu: countNonFinite(cpu.after), wasm: countNonFinite(wasm.after) },
    noiseEffect: cpu.noiseEffect,
    extraLeak: wasm.leaked - cpu.leaked,
  };
}

const countNonFinite = (ws: Float32Array[]): number =>
  ws.reduce((n, w) => n + w.filter((v) => !Number.isFinite(v)).length, 0);

export function assertParity(p: Parity, opts: ParityOptions = {}): void {
  const nums = `relLoss0 ${p.relLoss0.toExponential(1)}, relLoss1 ${p.relLoss1.toExponential(1)}, relDW ${p.relDW.toExponential(1)}`;
  assert.ok(p.cpuLosses.every(Number.isFinite), `cpu losses not finite: ${p.cpuLosses}`);
  assert.ok(p.cpuMaxDW > 0, 'no weight changed on cpu');
  assert.ok(p.relLoss0 < PARITY_TOL && p.relLoss1 < PARITY_TOL, `losses differ: ${nums}`);
  if ((opts.compare ?? 'weights') === 'weights') assert.ok(p.relDW < PARITY_TOL, `weight updates differ: ${nums}`);
  if (opts.noisy)
    assert.ok(Math.abs(p.noiseEffect) > 1e-6, 'the layer added no noise in training, so parity proves nothing');
  assert.is(p.extraLeak, 0, 'a wasm training step left more data ids behind than on cpu');
}

/** Each case's numbers, printed after its suite when PARITY_REPORT is set (for the research note's table). */
const report = new Map<string, Parity>();
export function printReport(): void {
  if (!process.env['PARITY_REPORT']) return;
  console.log();
  for (const [name, p] of report) {
    console.log(
      `  ${name.padEnd(56)} relLoss0 ${p.relLoss0.toExponential(1)}  relLoss1 ${p.relLoss1.toExponential(1)}  relDW ${p.relDW.toExponential(1)}`,
    );
  }
  report.clear();
}

/** Registers one uvu test that runs the parity check and asserts it. */
export function parity(
  test: Test,
  name: string,
  build: () => tfl.LayersModel,
  x: HostTensor | HostTensor[],
  y: HostTensor,
  opts: ParityOptions = {},
): void {
  test(
    name,
    readable(async () => {
      const p = await runParity(build, x, y, opts);
      report.set(name, p);
      assertParity(p, opts);
    }),
  );
}

/**
 * Registers a test asserting that training fails with `pattern` on cpu and on wasm alike: a tfjs limitation
 * the experiment language can express, pinned so that a tfjs upgrade lifting it (or a wasm-only failure)
 * shows up.
 */
export function limitation(
  test: Test,
  name: string,
  build: () => tfl.LayersModel,
  x: HostTensor,
  y: HostTensor,
  pattern: RegExp,
): void {
  test(
    name,
    readable(async () => {
      await init();
      for (const backend of ['cpu', 'wasm'] as const) {
        let message = '(no error)';
        try {
          await train(backend, build, [x], y, {});
        } catch (e) {
          message = e instanceof Error ? e.message : String(e);
        }
        assert.match(message, pattern, `${backend}: expected the known tfjs error, got: ${message.slice(0, 300)}`);
      }
    }),
  );
}

// ---- case builders ----

/** n deterministic samples of shape `shape`, values in [-1, 1]. */
export function input(shape: number[], seed = 7, n = N): HostTensor {
  return randomTensor(rng(seed), [n, ...shape]);
}

/** N integer ids in [0, vocab), for embeddings. */
export function ids(shape: number[], vocab: number, seed = 11): HostTensor {
  const r = rng(seed);
  const h = randomTensor(r, [N, ...shape], 0, vocab);
  return { shape: h.shape, values: Int32Array.from(h.values, Math.floor), dtype: 'int32' };
}

/** One-hot labels over 2 classes, both present when n > 1. */
export function labels(n = N): HostTensor {
  const values = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) values[i * 2 + (i % 3 === 0 ? 0 : 1)] = 1;
  return { shape: [n, 2], values };
}

/**
 * `dense` on the last axis (so the layer under test must pass a gradient to its input) → `layers()` →
 * flatten (when rank > 2) → dense(2, softmax). With `prefix` false the first layer of `layers()` declares
 * the input shape (embedding: a dense cannot precede it).
 */
export function seq(inputShape: number[], layers: () => tfl.layers.Layer[], prefix = true): () => tfl.LayersModel {
  return () => {
    const stack = layers();
    const first = prefix ? [tfl.layers.dense({ units: inputShape[inputShape.length - 1]!, inputShape })] : [];
    const model = tfl.sequential({ layers: [...first, ...stack] });
    // Flatten rejects rank-2 inputs (global pooling, recurrent without sequences).
    if (model.outputs[0]!.shape.length > 2) model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 2, activation: 'softmax' }));
    return model;
  };
}
