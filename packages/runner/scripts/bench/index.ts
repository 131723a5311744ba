// `pnpm run bench`: training and inference speed of model families written in the experiment language, on
// synthetic data of their shape, per backend, each configuration in its own process, next to the PyTorch twin of
// each (bench_torch.py; Debian's python3-torch) on one thread and on every core: one table, and
// results/bench/<timestamp>.csv. `×pytorch` compares with PyTorch on every core; `×1 thread` is each engine's own
// gain from the other cores.
//
// By default (the seed CNN and the MLP) every backend runs in each of its set-ups: wasm on one thread, with XNNPACK
// threads on every core, data-parallel, and one process per core side by side with no synchronization (the ceiling
// for data-parallel workers). `--models all` measures every family (models.ts) as a default run trains it (`auto`
// picks by timing, workers auto), and trains two real CIFAR-10 experiments for one epoch on 5,000 images with
// default settings (needs $TFYAML_DATA_DIR or --data): the seed CNN and cifar-mixed.yaml.
// Options: --batch --steps --seconds (a configuration's timing stops after this long, from 3 steps) --models
//          --backends --cores --python --profile --rounds (each figure: the median of the rounds) --setups all|default --data
//          --coverage (print which implementation serves each kernel of each layer type and optimizer, and exit;
//          with --write, trace the kernels anew into src/backend/coverage-trace.json first).
import { execFile } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { BENCH_EXPERIMENTS, measureRun } from './experiments.ts';
import type { Config, Measurement } from './measure.ts';
import { BENCH_MODEL_NAMES, type BenchModelName } from './models.ts';

const { values: options } = parseArgs({
  options: {
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '5' },
    models: { type: 'string', default: 'cnn,mlp' },
    backends: { type: 'string' },
    cores: { type: 'string', default: String(availableParallelism()) },
    python: { type: 'string', default: '/usr/bin/python3' },
    profile: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    setups: { type: 'string' },
    data: { type: 'string', default: process.env['TFYAML_DATA_DIR'] ?? '' },
    coverage: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});

if (options.coverage) {
  const { printCoverage } = await import('./coverage.ts');
  await printCoverage(options.write);
  process.exit(0);
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const all = options.models === 'all';
const models = (all ? BENCH_MODEL_NAMES : options.models.split(',')) as BenchModelName[];
const unknown = models.filter((m) => !BENCH_MODEL_NAMES.includes(m));
if (unknown.length)
  throw new Error(`unknown model(s) ${unknown.join(', ')}; known: ${BENCH_MODEL_NAMES.join(', ')}, or all`);
/** `default`: one row per backend, trained as a run with default settings would; `all`: every set-up below. */
const setupKind = options.setups ?? (all ? 'default' : 'all');
const backends = (options.backends ?? (all ? 'auto,tensorflow,native,wasm' : 'auto,tensorflow,native,wasm,cpu')).split(
  ',',
);
const batch = Number(options.batch);
const steps = Number(options.steps);
/** On a shared machine one measurement can be off by a quarter: several rounds, and each row shows its median. */
const rounds = Math.max(1, Number(options.rounds));
/** The pure-JS cpu backend takes seconds per convolutional step: a few steps say enough. */
const stepsFor = (model: string, backend: string) => (backend === 'cpu' && model !== 'mlp' ? 2 : steps);

interface Row {
  model: string;
  engine: string;
  workers: number | 'auto';
  threads: number;
  processes: number;
  /** What the batch column says instead of --batch (a real run trains with its spec's batch size). */
  batchLabel?: string;
  result?: Measurement & { version?: string };
  error?: string;
}
type Outcome = { result?: Measurement & { version?: string }; error?: string };

function runChild(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', cwd: here('../..'), maxBuffer: 1 << 24 }, (failure, stdout, stderr) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (failure?.code === 'ENOENT') return resolve({ error: `${command} not found` });
      if (!line.startsWith('{'))
        return resolve({
          error: `exit ${failure?.code ?? failure?.signal}: ${stderr.trim().split('\n').at(-1)?.slice(0, 100) ?? ''}`,
        });
      const parsed = JSON.parse(line) as Measurement & { error?: string };
      resolve(parsed.error === undefined ? { result: parsed } : { error: parsed.error.slice(0, 140) });
    });
  });
}

const measureInChild = (config: Config) =>
  runChild(process.execPath, ['--import', 'tsx', here('measure.ts'), JSON.stringify(config)]);

/** `processes` measurements at once, as one: their training speeds add up (peak RSS is the largest one's). */
async function runSideBySide(processes: number, config: Config): Promise<Outcome> {
  const outcomes = await Promise.all(Array.from({ length: processes }, () => measureInChild(config)));
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) return failed;
  const results = outcomes.map((o) => o.result!);
  return {
    result: {
      trainSamplesPerSecond: results.reduce((sum, r) => sum + r.trainSamplesPerSecond, 0),
      peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    },
  };
}

interface Setup {
  workers: number | 'auto';
  threads: number;
  processes?: number;
}
/**
 * What runs per backend. `default`: every core, workers as a default run picks them. `all`: tfjs-node and native
 * use every core inside each op, in one worker; wasm on one thread, with XNNPACK's pool on every core, and
 * data-parallel across every core (one thread per worker); cpu on one.
 */
function setups(backend: string, cores: number): Setup[] {
  if (setupKind === 'default' || backend === 'auto') return [{ workers: 'auto', threads: cores }];
  if (backend === 'tensorflow' || backend === 'native') return [{ workers: 1, threads: cores }];
  if (backend === 'cpu' || cores === 1) return [{ workers: 1, threads: 1 }];
  return [
    { workers: 1, threads: 1 },
    { workers: 1, threads: cores },
    { workers: cores, threads: 1 },
    { workers: 1, threads: 1, processes: cores },
  ];
}

/** One configuration to measure: how to run it once, and what each round measured. */
interface Job {
  row: Omit<Row, 'result' | 'error'>;
  label: string;
  run: () => Promise<Outcome>;
  outcomes: Outcome[];
}

const jobs: Job[] = [];
const cores = Number(options.cores);
for (const model of models) {
  // PyTorch on every core (the yardstick) and, in the detailed set-ups, on one thread: how well it uses the rest.
  for (const threads of [...new Set(setupKind === 'all' ? [1, cores] : [cores])]) {
    jobs.push({
      row: { model, engine: 'pytorch', workers: 1, threads, processes: 1 },
      label: `${model} in PyTorch × ${threads} thread(s)`,
      outcomes: [],
      run: () =>
        runChild(options.python, [
          here('bench_torch.py'),
          model,
          String(threads),
          String(batch),
          String(steps),
          options.seconds,
        ]),
    });
  }
  for (const backend of backends) {
    for (const { workers, threads, processes = 1 } of setups(backend, cores)) {
      const config: Config = {
        model,
        backend: backend as Config['backend'],
        workers,
        threads,
        batch,
        steps: stepsFor(model, backend),
        warmup: backend === 'cpu' ? 1 : 3,
        maxSeconds: Number(options.seconds),
        profile: options.profile,
      };
      jobs.push({
        row: { model, engine: backend, workers, threads, processes },
        outcomes: [],
        label: `${model} on ${backend} × ${workers} worker(s) × ${threads} thread(s)${processes > 1 ? ` × ${processes} processes` : ''}`,
        run: () =>
          processes === 1
            ? measureInChild(config)
            : runSideBySide(processes, {
                ...config,
                batch: Math.max(1, Math.floor(batch / processes)),
                infer: false,
                profile: false,
              }),
      });
    }
  }
}
if (all && options.data) {
  for (const [name, file] of Object.entries(BENCH_EXPERIMENTS)) {
    jobs.push({
      row: { model: name, engine: 'auto', workers: 'auto', threads: cores, processes: 1, batchLabel: '32 (spec)' },
      label: `${name}: ${file}`,
      outcomes: [],
      run: () => measureRun(file, options.data),
    });
  }
} else if (all) {
  process.stderr.write('bench: the CIFAR-10 experiment rows need the data: set TFYAML_DATA_DIR or pass --data <dir>\n');
}

// Rounds go through every configuration in turn, so that each round measures them all under similar load.
const unavailable = new Set<string>();
const benchStarted = performance.now();
for (let round = 1; round <= rounds; round++) {
  for (const job of jobs) {
    if (unavailable.has(job.row.engine)) continue;
    process.stderr.write(`bench: round ${round}/${rounds}: ${job.label}…`);
    const started = performance.now();
    const outcome = await job.run();
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    job.outcomes.push(outcome);
    if (outcome.error && /not available|not found/.test(outcome.error)) unavailable.add(job.row.engine);
  }
}
const benchMinutes = (performance.now() - benchStarted) / 60_000;
// A backend found unavailable leaves its other configurations unmeasured: they get no row.
const rows: Row[] = jobs
  .filter((job) => job.outcomes.length > 0)
  .map((job) => ({ ...job.row, ...medianOfRounds(job.outcomes) }));

/**
 * Each figure's median over the rounds (an error if any round failed); what the speeds do not say (the backend
 * `auto` picked, the kernel profile) comes from the round with the median training speed.
 */
function medianOfRounds(outcomes: Outcome[]): Outcome {
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) return failed;
  const results = outcomes.map((o) => o.result!);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const train = median(results.map((r) => r.trainSamplesPerSecond))!;
  const infer = median(
    results.flatMap((r) => (r.inferSamplesPerSecond === undefined ? [] : [r.inferSamplesPerSecond])),
  );
  return {
    result: {
      ...results.find((r) => r.trainSamplesPerSecond === train)!,
      trainSamplesPerSecond: train,
      ...(infer === undefined ? {} : { inferSamplesPerSecond: infer }),
      peakRssMb: median(results.map((r) => r.peakRssMb))!,
    },
  };
}

/** The ratio columns compare with PyTorch on every thread the bench uses. */
const reference = (model: string) =>
  rows.find((r) => r.model === model && r.engine === 'pytorch' && r.threads === cores)?.result;
const oneThread = (row: Row) =>
  rows.find(
    (r) => r.model === row.model && r.engine === row.engine && r.workers === 1 && r.threads === 1 && r.processes === 1,
  )?.result;
const ratio = (v: number | undefined, base: number | undefined) =>
  v !== undefined && base ? `${(v / base).toFixed(2)}×` : '';

type Column = [header: string, cell: (r: Row) => string];
const engine: Column = [
  'engine',
  (r) => (r.engine === 'pytorch' ? `pytorch ${r.result?.version ?? ''}`.trim() : r.engine),
];
const train: Column = ['train/s', (r) => r.result?.trainSamplesPerSecond.toFixed(1) ?? ''];
const trainRatio: Column = [
  '×PyTorch',
  (r) => ratio(r.result?.trainSamplesPerSecond, reference(r.model)?.trainSamplesPerSecond),
];
const infer: Column = ['infer/s', (r) => r.result?.inferSamplesPerSecond?.toFixed(1) ?? ''];
const inferRatio: Column = [
  '×PyTorch',
  (r) => ratio(r.result?.inferSamplesPerSecond, reference(r.model)?.inferSamplesPerSecond),
];
const rss: Column = ['peak RSS', (r) => (r.result ? `${r.result.peakRssMb.toFixed(0)} MB` : '')];
const note: Column = [
  'note',
  (r) => r.error ?? [r.batchLabel ? `batch ${r.batchLabel}` : '', r.result?.picked ?? ''].filter(Boolean).join('; '),
];
/** `default` set-ups: the issue's table (one row per model and engine); `all`: how each engine is set up, too. */
const columns: Column[] =
  setupKind === 'default'
    ? [['model', (r) => r.model], engine, train, trainRatio, infer, inferRatio, rss, note]
    : [
        ['model', (r) => r.model],
        engine,
        ['workers', (r) => String(r.result?.workers ?? r.workers)],
        ['threads', (r) => String(r.threads)],
        ['processes', (r) => String(r.processes)],
        [
          'batch',
          (r) =>
            r.batchLabel ?? (r.processes > 1 ? `${r.processes}×${Math.floor(batch / r.processes)}` : String(batch)),
        ],
        train,
        trainRatio,
        ['×1 thread', (r) => ratio(r.result?.trainSamplesPerSecond, oneThread(r)?.trainSamplesPerSecond)],
        infer,
        inferRatio,
        rss,
        [
          'note',
          (r) =>
            note[1](r) || (r.processes > 1 ? 'separate processes, no synchronization: the ceiling for workers' : ''),
        ],
      ];
const table = rows.map((r) => columns.map(([, cell]) => cell(r)));
const headers = columns.map(([header]) => header);
const widths = headers.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
if (rounds > 1) console.log(`each figure: the median of ${rounds} rounds`);
console.log(line(headers));
for (const cells of table) console.log(line(cells));

const [seedRun, mixedRun] = Object.keys(BENCH_EXPERIMENTS).map((name) => rows.find((r) => r.model === name)?.result);
if (seedRun && mixedRun) {
  console.log(
    `\ncifar-mixed trains at ${((100 * mixedRun.trainSamplesPerSecond) / seedRun.trainSamplesPerSecond).toFixed(0)}% of the seed CNN's samples/s in the same runs`,
  );
}

// --profile: where a one-worker step's time goes, per kernel (the gap to PyTorch, kernel by kernel).
for (const row of rows.filter((r) => r.result?.kernels)) {
  const kernels = row.result!.kernels!;
  const total = kernels.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `\n${row.model} on ${row.engine} (${row.threads} thread(s)): ${total.toFixed(1)} ms in kernels per step of ${batch}`,
  );
  for (const [name, ms] of kernels.slice(0, 12)) console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(8)} ms`);
}

const dir = here('../../../../results/bench/');
mkdirSync(dir, { recursive: true });
const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
// The CSV names each ratio column after the figure it divides (the table's two are told apart by position).
const csvHeaders = headers.map((h, i) => (h === '×PyTorch' ? `${headers[i - 1]} ×PyTorch` : h));
writeFileSync(file, stringify([csvHeaders, ...table]));
console.log(`\nwrote ${file} (${benchMinutes.toFixed(1)} min; load average at the end ${loadavg()[0]!.toFixed(1)})`);
