// Real runs for the bench: an experiment file trained through `tfyaml run` with default settings (backend auto,
// workers auto) for one epoch on a 5,000-image subset, its samples/s read from summary.json. The issue's CIFAR
// experiment (cifar-mixed.yaml) is measured this way next to the seed CNN (experiments/cifar.yaml), and so is an LSTM
// over image rows (experiments/cifar-lstm.yaml).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSummary } from '../../src/results/summary.ts';
import type { Measurement } from './measure.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Row name → experiment file. */
export const BENCH_EXPERIMENTS: Record<string, string> = {
  'cifar-5k (seed CNN run)': here('../../../../experiments/cifar.yaml'),
  'cifar-mixed-5k (run)': here('cifar-mixed.yaml'),
  'cifar-lstm-5k (run)': here('../../../../experiments/cifar-lstm.yaml'),
};

const OVERRIDES = ['data.trainLimit=5000', 'data.testLimit=500', 'training.epochs=1'];

/** Trains `file` once in a child process with CIFAR-10 from `dataDir`; never downloads. */
export function measureRun(file: string, dataDir: string): Promise<{ result?: Measurement; error?: string }> {
  const out = mkdtempSync(join(tmpdir(), 'tfyaml-bench-'));
  const args = [here('../../bin/tfyaml.js'), 'run', file, ...OVERRIDES.flatMap((o) => ['--set', o]), '--out', out];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, TFYAML_DATA_DIR: dataDir, CI: '1' }, maxBuffer: 1 << 24 },
      (failure, _stdout, stderr) => {
        const runs = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('summary.json'));
        const summary = runs[0] ? readSummary(join(out, runs[0], '..')) : undefined;
        rmSync(out, { recursive: true, force: true });
        const samplesPerSecond = (summary?.['final'] as { samples_per_second?: number } | undefined)
          ?.samples_per_second;
        if (failure || samplesPerSecond === undefined) {
          return resolve({ error: `run failed: ${stderr.trim().split('\n').at(-1)?.slice(0, 120) ?? ''}` });
        }
        const timings = summary?.backend?.timings
          ?.map((t) => `${t.name} ${t.msPerStep === undefined ? 'dismissed' : `${t.msPerStep.toFixed(0)} ms`}`)
          .join(', ');
        resolve({
          result: {
            trainSamplesPerSecond: samplesPerSecond,
            peakRssMb: Number(summary?.['peakRssMb'] ?? 0),
            picked: `${summary?.backend?.name ?? '?'}${timings ? ` (${timings})` : ''}`,
          },
        });
      },
    );
  });
}
