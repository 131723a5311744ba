// Wall time of the quickstart random sweep (12 trials) on 1 and 2 workers, local (sweep.workers) and --distributed
// (`tfyaml worker --slots 1` processes on a redis-server of its own), in one run, with the ratios issue 15 asks for:
// 2 workers ≥ 1.8× faster than 1, and --distributed within 10% of a local sweep with as many workers. The load
// average before and after says how much else the machine was doing; only ratios within one run mean anything.
// "CPU s" is the CPU time of the sweep, its workers and their trials; "cores" is that over wall time, the share of the
// machine the sweep got. A 1-worker sweep whose trials already use most cores (threads inside ops) cannot get 2×
// faster with a second worker; on a machine others load, more processes get a larger share (compare CPU s).
// --threads n sets training.threads (and training.workers=1) everywhere.
//   node --import tsx scripts/bench/sweep-scaling.ts [--trials 12] [--repeat 1] [--backend native] [--threads 1]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../../src/sweep/distributed/redis-server.testkit.ts';

const RUNNER = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(RUNNER, 'bin/tfyaml.js');
const SWEEP = join(RUNNER, '../../experiments/quickstart-sweep.yaml');

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '12' },
    repeat: { type: 'string', default: '1' },
    backend: { type: 'string' },
    threads: { type: 'string' },
  },
});
const sets = [
  `sweep.trials=${values.trials}`,
  ...(values.backend ? [`backend=${values.backend}`] : []),
  ...(values.threads ? [`training.threads=${values.threads}`, 'training.workers=1'] : []),
].flatMap((s) => ['--set', s]);
/** CPU seconds (user + system) of every tfyaml process and the trials they waited for, from /usr/bin/time. */
let cpuSeconds = 0;

/** Runs `tfyaml <args>`; resolves with its stdout, rejects with its output when it fails. */
function tfyaml(args: string[], onStdout: (text: string) => void = () => {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let all = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      all += chunk;
      onStdout(out);
    });
    child.stderr.on('data', (chunk: Buffer) => (all += chunk));
    child.on('exit', (code) => {
      const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(all) ?? [];
      cpuSeconds += Number(user ?? 0) + Number(system ?? 0);
      if (code === 0) resolve(out);
      else reject(new Error(`tfyaml ${args.join(' ')} exited ${code}:\n${all.slice(-2000)}`));
    });
  });
}

/** The backend each trial trained on (summary.json), counted: auto picks per trial, so a loaded machine may differ. */
function backendsUnder(dir: string): string {
  const counts = new Map<string, number>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'summary.json' && folder.includes('trials')) {
        const name = (JSON.parse(readFileSync(path, 'utf8')) as { backend?: { name?: string } }).backend?.name ?? '?';
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
  };
  walk(dir);
  return [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
}

async function timed(label: string, out: string, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  cpuSeconds = 0;
  await run();
  const seconds = (performance.now() - started) / 1000;
  const cores = `${cpuSeconds.toFixed(0)} CPU s, ${(cpuSeconds / seconds).toFixed(2)} cores`;
  console.log(`${label.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s  ${cores}  trials on: ${backendsUnder(out)}`);
  return seconds;
}

const local = (workers: number, out: string) => () =>
  tfyaml(['sweep', SWEEP, ...sets, '--set', `sweep.workers=${workers}`, '--out', out]);

/** Enqueues (the command prints the sweep id, then follows the sweep to its end) and runs the workers. */
const distributed = (url: string, workers: number, out: string) => async () => {
  let printed: (id: string) => void = () => {};
  const id = new Promise<string>((resolve) => (printed = resolve));
  const enqueue = tfyaml(['sweep', SWEEP, ...sets, '--distributed', '--queue', url], (text) => {
    if (text.includes('\n')) printed(text.split('\n')[0]!.trim());
  });
  const sweep = await Promise.race([id, enqueue]);
  await Promise.all([
    enqueue,
    ...Array.from({ length: workers }, (_, i) =>
      tfyaml([
        'worker',
        '--queue',
        url,
        '--out',
        join(out, `w${i}`),
        '--slots',
        '1',
        '--sweep',
        sweep,
        '--until-empty',
      ]),
    ),
  ]);
};

const server = await startRedisServer('sweep scaling');
if (!server) process.exit(1);
process.once('SIGINT', () => void server.stop().then(() => process.exit(130))); // `finally` does not run on Ctrl-C
const root = mkdtempSync(join(tmpdir(), 'tfyaml-scaling-'));
const times = new Map<string, number[]>();
const load = loadavg();
console.log(
  `${values.trials} trials, ${availableParallelism()} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}`,
);
try {
  for (let r = 0; r < Number(values.repeat); r++) {
    for (const [label, run] of [
      ['local 1', (out: string) => local(1, out)],
      ['local 2', (out: string) => local(2, out)],
      ['distributed 1', (out: string) => distributed(server.url, 1, out)],
      ['distributed 2', (out: string) => distributed(server.url, 2, out)],
    ] as const) {
      const out = join(root, `${label.replace(' ', '-')}-${r}`);
      times.set(label, [...(times.get(label) ?? []), await timed(label, out, run(out))]);
    }
  }
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
const best = (label: string) => Math.min(...times.get(label)!);
console.log(
  `load average after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; best of ${values.repeat}:`,
);
console.log(`  local:       1 → 2 workers ${(best('local 1') / best('local 2')).toFixed(2)}× (goal ≥ 1.8×)`);
console.log(
  `  distributed: 1 → 2 workers ${(best('distributed 1') / best('distributed 2')).toFixed(2)}× (goal ≥ 1.8×)`,
);
for (const n of [1, 2])
  console.log(
    `  --distributed overhead, ${n} worker${n === 1 ? '' : 's'}: ${((best(`distributed ${n}`) / best(`local ${n}`) - 1) * 100).toFixed(0)}% (goal ≤ 10%)`,
  );
