// One benchmark configuration, measured in its own process (so peak RSS and backend state are its own).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { compileModel } from '@tfyaml/model-compiler';
import { loadSpecText } from '@tfyaml/spec-schema';
import { selectBackend, type ConcreteBackend } from '../../src/backend/select.ts';
import { ParallelStep } from '../../src/train/parallel/parallel-step.ts';
import { LocalStep, type StepRunner } from '../../src/train/step.ts';
import { benchSpec, type BenchModel } from './models.ts';

export interface Config {
  model: BenchModel; backend: ConcreteBackend; workers: number;
  /** Threads inside each op on this thread (native, wasm); data-parallel workers run one each. */
  threads: number;
  batch: number; steps: number; warmup: number; profile?: boolean;
  /** false: training only (when several processes train side by side, one's inference would slow the others). */
  infer?: boolean;
}
export interface Measurement {
  trainSamplesPerSecond: number;
  inferSamplesPerSecond?: number;
  peakRssMb: number;
  /** With `profile` (one worker): milliseconds per kernel in one training step, slowest first. */
  kernels?: [string, number][];
}

const SHAPE = [32, 32, 3];

function randomBatch(size: number) {
  return { x: Float32Array.from({ length: size * 3072 }, () => Math.random()), y: Int32Array.from({ length: size }, () => Math.floor(Math.random() * 10)), size };
}

export async function measure(config: Config): Promise<Measurement> {
  const backend = await selectBackend(config.backend, { threads: config.threads });
  const { spec } = loadSpecText(benchSpec(config.model, config.workers), 'bench.yaml');
  const compiled = compileModel(spec, { inputShape: SHAPE, numClasses: 10 });
  const stepper: StepRunner = config.workers === 1
    ? new LocalStep(compiled.model, compiled.optimizer, SHAPE, compiled.labels)
    : await ParallelStep.start({ model: compiled.model, optimizer: compiled.optimizer, spec, backend: backend.name, workers: config.workers, target: { inputShape: SHAPE, numClasses: 10 } });
  const batches = Array.from({ length: config.steps }, () => randomBatch(config.batch));
  for (let i = 0; i < config.warmup; i++) await stepper.step(randomBatch(config.batch));
  const started = performance.now();
  for (const batch of batches) await stepper.step(batch);
  const trainSeconds = (performance.now() - started) / 1000;
  const kernels = config.profile && config.workers === 1 ? await profileStep(stepper, config.batch) : undefined;
  await stepper.dispose();

  const inferSamplesPerSecond = config.infer === false ? undefined : await inferenceSpeed(compiled.model, config);
  return {
    trainSamplesPerSecond: (config.steps * config.batch) / trainSeconds,
    ...(inferSamplesPerSecond === undefined ? {} : { inferSamplesPerSecond }),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...(kernels ? { kernels } : {}),
  };
}

async function inferenceSpeed(model: tfl.LayersModel, config: Config): Promise<number> {
  const inferBatch = 256;
  const inferSteps = config.backend === 'cpu' && config.model === 'cnn' ? 1 : 8;
  const x = tf.tensor(randomBatch(inferBatch).x, [inferBatch, ...SHAPE]);
  tf.dispose(model.predict(x) as tf.Tensor);
  const started = performance.now();
  for (let i = 0; i < inferSteps; i++) {
    const y = model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
  }
  x.dispose();
  return (inferSteps * inferBatch) / ((performance.now() - started) / 1000);
}

/** Where one step's time goes, kernel by kernel (tf.profile times kernels synchronously on wasm, cpu and native). */
async function profileStep(stepper: StepRunner, batch: number): Promise<[string, number][]> {
  const profile = await tf.profile(async () => { await stepper.step(randomBatch(batch)); });
  const totals = new Map<string, number>();
  for (const k of profile.kernels) totals.set(k.name, (totals.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  return [...totals].sort((a, b) => b[1] - a[1]);
}

// `tsx measure.ts '<config json>'` prints one JSON line: the measurement, or {error} when it could not run.
if (process.argv[1]?.endsWith('measure.ts')) {
  try {
    process.stdout.write(`${JSON.stringify(await measure(JSON.parse(process.argv[2]!) as Config))}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: (error as Error).message.split('\n')[0] })}\n`);
  }
  process.exit(0);
}
