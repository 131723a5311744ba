// One benchmark configuration, measured in its own process (so peak RSS and backend state are its own).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from '@tfyaml/data';
import { compileModel } from '@tfyaml/model-compiler';
import { loadSpecText } from '@tfyaml/spec-schema';
import { describeTimings, pickFastestBackend } from '../../src/backend/auto.ts';
import { selectBackend, type ConcreteBackend } from '../../src/backend/select.ts';
import { resolveWorkers } from '../../src/train/parallel/workers.ts';
import { ParallelStep } from '../../src/train/parallel/parallel-step.ts';
import { LocalStep, type StepRunner } from '../../src/train/step.ts';
import { BENCH_MODELS, benchSpec, randomBatch as sampleBatch, type BenchModelName } from './models.ts';

export interface Config {
  /** `auto` as a run with default settings: the backend timed and picked, then its default worker count. */
  model: BenchModelName;
  backend: ConcreteBackend | 'auto';
  workers: number | 'auto';
  /** Threads inside each op on this thread (native, wasm); data-parallel workers run one each. */
  threads: number;
  batch: number;
  steps: number;
  warmup: number;
  profile?: boolean;
  /** false: training only (when several processes train side by side, one's inference would slow the others). */
  infer?: boolean;
  /** Timed training stops after this many seconds (at least MIN_STEPS steps), so a slow backend cannot stall a round. */
  maxSeconds?: number;
}

const MIN_STEPS = 3;
export interface Measurement {
  trainSamplesPerSecond: number;
  inferSamplesPerSecond?: number;
  peakRssMb: number;
  /** With `profile` (one worker): milliseconds per kernel in one training step, slowest first. */
  kernels?: [string, number][];
  /** With backend `auto`: what it picked, and why. */
  picked?: string;
  /** Data-parallel workers that trained (`auto` resolved). */
  workers?: number;
}

/** bench_torch.py warms PyTorch up as long. */
const WARMUP_SECONDS = 1;

export async function measure(config: Config): Promise<Measurement> {
  const { spec } = loadSpecText(benchSpec(config.model, config.workers), 'bench.yaml');
  const shape = [...BENCH_MODELS[config.model].inputShape];
  const target = { inputShape: shape, numClasses: 10 };
  const randomBatch = (size: number) => sampleBatch(config.model, size);
  const selected = await selectBackend(config.backend, { threads: config.threads });
  const backend =
    config.backend === 'auto'
      ? await pickFastestBackend(
          selected,
          { compile: () => compileModel(spec, target), inputShape: shape, batchSize: config.batch },
          { threads: config.threads },
        )
      : selected;
  const compiled = compileModel(spec, target);
  const workers = resolveWorkers(spec.training.workers, backend.name, compiled.model.countParams());
  const stepper: StepRunner =
    workers === 1
      ? new LocalStep(compiled.model, compiled.optimizer, shape, compiled.labels)
      : await ParallelStep.start({
          model: compiled.model,
          optimizer: compiled.optimizer,
          spec,
          backend: backend.name,
          workers,
          target,
        });
  const batches = Array.from({ length: config.steps }, () => randomBatch(config.batch));
  // Warm-up (one-off costs: kernel set-up, memory pools, V8 compiling the step's JavaScript, which takes more than 3
  // runs of a step of a few ms) for `warmup` steps and WARMUP_SECONDS, or one step on a backend slower than that.
  const warming = performance.now();
  for (let i = 0; i < config.warmup || performance.now() - warming < WARMUP_SECONDS * 1000; i++) {
    await stepper.step(randomBatch(config.batch));
    if (performance.now() - warming > (config.maxSeconds ?? Infinity) * 1000) break;
  }
  const started = performance.now();
  let steps = 0;
  for (const batch of batches) {
    await stepper.step(batch);
    steps += 1;
    if (steps >= MIN_STEPS && performance.now() - started > (config.maxSeconds ?? Infinity) * 1000) break;
  }
  const trainSeconds = (performance.now() - started) / 1000;
  const kernels = config.profile && workers === 1 ? await profileStep(stepper, randomBatch(config.batch)) : undefined;
  await stepper.dispose();

  const inferSamplesPerSecond =
    config.infer === false ? undefined : await inferenceSpeed(compiled.model, config, randomBatch(256));
  return {
    trainSamplesPerSecond: (steps * config.batch) / trainSeconds,
    ...(inferSamplesPerSecond === undefined ? {} : { inferSamplesPerSecond }),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    workers,
    ...(kernels ? { kernels } : {}),
    ...(backend.timings
      ? { picked: `${backend.name} × ${workers} worker(s); ${describeTimings(backend, config.batch)}` }
      : {}),
  };
}

async function inferenceSpeed(model: tfl.LayersModel, config: Config, batch: Batch): Promise<number> {
  const inferSteps = config.backend === 'cpu' && config.model !== 'mlp' ? 1 : 8;
  const x = tf.tensor(batch.x, [batch.size, ...BENCH_MODELS[config.model].inputShape]);
  tf.dispose(model.predict(x) as tf.Tensor);
  const started = performance.now();
  let done = 0;
  for (let i = 0; i < inferSteps; i++) {
    const y = model.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
    done += 1;
    if (done >= 2 && performance.now() - started > (config.maxSeconds ?? Infinity) * 1000) break;
  }
  x.dispose();
  return (done * batch.size) / ((performance.now() - started) / 1000);
}

/** Where one step's time goes, kernel by kernel (tf.profile times kernels synchronously on wasm, cpu and native). */
async function profileStep(stepper: StepRunner, batch: Batch): Promise<[string, number][]> {
  const profile = await tf.profile(async () => {
    await stepper.step(batch);
  });
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
