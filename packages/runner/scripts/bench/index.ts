// `pnpm run bench`: training and inference speed of the seed CNN and an MLP on synthetic CIFAR-shaped data, per
// backend and worker count, each in its own process, next to the same models in PyTorch when it is importable
// (Debian's python3-torch) on one thread and on every core: one table, and results/bench/<timestamp>.csv.
// `train_vs_1_thread` is each engine's own gain from the other cores. A last wasm row trains in one process per
// core at once, each on batch / cores with no synchronization: what the cores give at that shard size, the ceiling
// for data-parallel workers on this machine. `--profile` adds each one-worker configuration's time per kernel.
// Options: --batch --steps --models --backends --cores --python --profile --rounds.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { Config, Measurement } from './measure.ts';

const { values: options } = parseArgs({
  options: {
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '40' },
    models: { type: 'string', default: 'cnn,mlp' },
    backends: { type: 'string', default: 'tensorflow,wasm,cpu' },
    cores: { type: 'string', default: String(availableParallelism()) },
    python: { type: 'string', default: '/usr/bin/python3' },
    profile: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
  },
});

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const batch = Number(options.batch);
const steps = Number(options.steps);
/** On a shared machine one measurement can be off by a quarter: several rounds, and each row shows its median. */
const rounds = Math.max(1, Number(options.rounds));
/** The pure-JS cpu backend takes seconds per CNN step: a few steps say enough. */
const stepsFor = (model: string, backend: string) => (backend === 'cpu' && model === 'cnn' ? 2 : steps);

interface Row { model: string; engine: string; workers: number; threads: number; processes: number; result?: Measurement; error?: string }
type Outcome = { result?: Measurement & { version?: string }; error?: string };

function runChild(command: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', cwd: here('../..'), maxBuffer: 1 << 24 }, (failure, stdout, stderr) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (failure?.code === 'ENOENT') return resolve({ error: `${command} not found` });
      if (!line.startsWith('{')) return resolve({ error: `exit ${failure?.code ?? failure?.signal}: ${stderr.trim().split('\n').at(-1)?.slice(0, 100) ?? ''}` });
      const parsed = JSON.parse(line) as Measurement & { error?: string };
      resolve(parsed.error === undefined ? { result: parsed } : { error: parsed.error.slice(0, 140) });
    });
  });
}

const measureInChild = (config: Config) => runChild(process.execPath, ['--import', 'tsx', here('measure.ts'), JSON.stringify(config)]);

/** `processes` measurements at once, as one: their training speeds add up (peak RSS is the largest one's). */
async function runSideBySide(processes: number, config: Config): Promise<Outcome> {
  const outcomes = await Promise.all(Array.from({ length: processes }, () => measureInChild(config)));
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) return failed;
  const results = outcomes.map((o) => o.result!);
  return { result: { trainSamplesPerSecond: results.reduce((sum, r) => sum + r.trainSamplesPerSecond, 0), peakRssMb: Math.max(...results.map((r) => r.peakRssMb)) } };
}

interface Setup { workers: number; threads: number; processes?: number }
/**
 * What runs per backend: tfjs-node and native use every core inside each op, in one worker; wasm on one thread,
 * with XNNPACK's pool on every core, and data-parallel across every core (one thread per worker); cpu on one.
 */
function setups(backend: string, cores: number): Setup[] {
  if (backend === 'tensorflow' || backend === 'native') return [{ workers: 1, threads: cores }];
  if (backend === 'cpu' || cores === 1) return [{ workers: 1, threads: 1 }];
  return [{ workers: 1, threads: 1 }, { workers: 1, threads: cores }, { workers: cores, threads: 1 }, { workers: 1, threads: 1, processes: cores }];
}

/** One configuration to measure: how to run it once, and what each round measured. */
interface Job { row: Omit<Row, 'result' | 'error'>; label: string; run: () => Promise<Outcome>; outcomes: Outcome[] }

const jobs: Job[] = [];
const cores = Number(options.cores);
for (const model of options.models.split(',')) {
  // PyTorch on one thread and on every core: how well it uses the rest is the yardstick for ours.
  for (const threads of [...new Set([1, cores])]) {
    jobs.push({
      row: { model, engine: 'pytorch', workers: 1, threads, processes: 1 }, label: `${model} in PyTorch × ${threads} thread(s)`, outcomes: [],
      run: () => runChild(options.python, [here('bench_torch.py'), model, String(threads), String(batch), String(steps)]),
    });
  }
  for (const backend of options.backends.split(',')) {
    for (const { workers, threads, processes = 1 } of setups(backend, cores)) {
      const config: Config = { model: model as Config['model'], backend: backend as Config['backend'], workers, threads, batch, steps: stepsFor(model, backend), warmup: backend === 'cpu' ? 1 : 3, profile: options.profile };
      jobs.push({
        row: { model, engine: backend, workers, threads, processes }, outcomes: [],
        label: `${model} on ${backend} × ${workers} worker(s) × ${threads} thread(s)${processes > 1 ? ` × ${processes} processes` : ''}`,
        run: () => processes === 1 ? measureInChild(config)
          : runSideBySide(processes, { ...config, batch: Math.max(1, Math.floor(batch / processes)), infer: false, profile: false }),
      });
    }
  }
}

// Rounds go through every configuration in turn, so that each round measures them all under similar load.
const unavailable = new Set<string>();
for (let round = 1; round <= rounds; round++) {
  for (const job of jobs) {
    if (unavailable.has(job.row.engine)) continue;
    process.stderr.write(`bench: round ${round}/${rounds}: ${job.label}…\n`);
    const outcome = await job.run();
    job.outcomes.push(outcome);
    if (outcome.error && /not available|not found/.test(outcome.error)) unavailable.add(job.row.engine);
  }
}
// A backend found unavailable leaves its other configurations unmeasured: they get no row.
const rows: Row[] = jobs.filter((job) => job.outcomes.length > 0).map((job) => ({ ...job.row, ...medianRound(job.outcomes) }));

/** The round with the median training speed (an error if any round failed). */
function medianRound(outcomes: Outcome[]): Outcome {
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) return failed;
  const sorted = [...outcomes].sort((a, b) => a.result!.trainSamplesPerSecond - b.result!.trainSamplesPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The ratio columns compare with PyTorch on every thread the bench uses. */
const reference = (model: string) => rows.find((r) => r.model === model && r.engine === 'pytorch' && r.threads === cores)?.result;
const oneThread = (row: Row) => rows.find((r) => r.model === row.model && r.engine === row.engine && r.workers === 1 && r.threads === 1 && r.processes === 1)?.result;
const table = rows.map((r) => {
  const ref = reference(r.model);
  const ratio = (v: number | undefined, base: number | undefined) => (v !== undefined && base ? (v / base).toFixed(2) : '');
  return {
    model: r.model, engine: r.engine === 'pytorch' ? `pytorch ${(r.result as { version?: string } | undefined)?.version ?? ''}`.trim() : r.engine,
    workers: r.workers, threads: r.threads, processes: r.processes, batch: r.processes > 1 ? `${r.processes}×${Math.floor(batch / r.processes)}` : String(batch),
    train_samples_per_s: r.result ? r.result.trainSamplesPerSecond.toFixed(1) : '',
    train_vs_1_thread: ratio(r.result?.trainSamplesPerSecond, oneThread(r)?.trainSamplesPerSecond),
    train_vs_pytorch: ratio(r.result?.trainSamplesPerSecond, ref?.trainSamplesPerSecond),
    infer_samples_per_s: r.result?.inferSamplesPerSecond?.toFixed(1) ?? '',
    infer_vs_pytorch: ratio(r.result?.inferSamplesPerSecond, ref?.inferSamplesPerSecond),
    peak_rss_mb: r.result ? r.result.peakRssMb.toFixed(0) : '',
    note: r.error ?? (r.processes > 1 ? 'separate processes, no synchronization: the ceiling for workers' : ''),
  };
});

const columns = Object.keys(table[0]!) as (keyof (typeof table)[number])[];
const widths = columns.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
if (rounds > 1) console.log(`each row: the round with the median training speed, of ${rounds}`);
console.log(line(columns));
for (const row of table) console.log(line(columns.map((c) => String(row[c]))));

// --profile: where a one-worker step's time goes, per kernel (the gap to PyTorch, kernel by kernel).
for (const row of rows.filter((r) => r.result?.kernels)) {
  const kernels = row.result!.kernels!;
  const total = kernels.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`\n${row.model} on ${row.engine} (${row.threads} thread(s)): ${total.toFixed(1)} ms in kernels per step of ${batch}`);
  for (const [name, ms] of kernels.slice(0, 12)) console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(8)} ms`);
}

const dir = here('../../../../results/bench/');
mkdirSync(dir, { recursive: true });
const file = `${dir}${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
writeFileSync(file, stringify(table, { header: true, columns }));
console.log(`\nwrote ${file}`);
