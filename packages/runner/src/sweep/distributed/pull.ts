// `tfyaml sweep pull <id>`: the usual sweep folder rebuilt from Redis on any machine: sweep.yaml, experiment.yaml,
// trials.csv, best.json, sweep.log, trials/<n>/{spec.yaml,metrics.csv,summary.json}, report.html, and
// distributed.csv (which attempt recorded each trial, on which host, and where its model is).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecText } from '@tfyaml/spec-schema';
import { refreshReport } from '../../report/refresh.ts';
import { writeFileAtomic } from '../../results/atomic-write.ts';
import { formatCsv } from '../../results/csv.ts';
import { SWEEP_FILE } from '../../results/sweep-yaml.ts';
import { TrialsCsv } from '../../results/trials-csv.ts';
import { writeRanking } from '../best.ts';
import { EXPERIMENT_FILE } from '../folder.ts';
import { trialFolder } from '../record.ts';
import { projectRoot } from './checkout.ts';
import { withRedis } from './connection-watch.ts';
import { openSweep } from './open-sweep.ts';
import type { StoredTrial } from './store.ts';

/** The files of a trial folder that a record carries; any other name from Redis is ignored. */
const TRIAL_FILES = new Set(['spec.yaml', 'metrics.csv', 'summary.json']);

export async function pullSweep(url: string, id: string, out: string, warn: (text: string) => void): Promise<string> {
  return withRedis(url, async (redis) => {
    const { store, meta } = await openSweep(redis, id, url);
    const loaded = loadSpecText(meta.spec, join(projectRoot(), meta.file)); // validated like a file
    const sweep = loaded.spec.sweep!;
    const dir = join(out, meta.name, meta.id);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, SWEEP_FILE), meta.spec);
    writeFileAtomic(join(dir, EXPERIMENT_FILE), meta.experiment);
    const stored = (await store.records()).sort((a, b) => a.record.trial - b.record.trial);
    TrialsCsv.forSweep(join(dir, 'trials.csv'), sweep).rewrite(
      stored.map((s) => ({ ...s.record, attempt: s.attempt })),
    );
    for (const trial of stored) writeTrialFiles(dir, trial);
    writeRanking(
      dir,
      stored.map((s) => ({ ...s.record, attempt: s.attempt })),
      sweep,
    );
    writeFileAtomic(
      join(dir, 'distributed.csv'),
      formatCsv([
        ['trial', 'attempt', 'host', 'model'],
        ...stored.map((s) => [s.record.trial, s.attempt, s.host, s.model]),
      ]),
    );
    const events = await store.events('0');
    writeFileAtomic(
      join(dir, 'sweep.log'),
      events.map((e) => `${new Date(e.time).toISOString().slice(11, 19)} ${e.text}\n`).join(''),
    );
    await refreshReport(dir, warn);
    return dir;
  });
}

function writeTrialFiles(dir: string, { record, files }: StoredTrial): void {
  const trialDir = join(dir, trialFolder(record.trial));
  mkdirSync(trialDir, { recursive: true });
  for (const [name, text] of Object.entries(files))
    if (TRIAL_FILES.has(name)) writeFileAtomic(join(trialDir, name), text);
}
