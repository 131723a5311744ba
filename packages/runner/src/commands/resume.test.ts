import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import type { Progress } from '../progress.ts';
import { RESUME_DIR } from '../results/resume-state.ts';
import { resumeCommand } from './run-command.ts';
import { resumeExperiment } from './resume.ts';
import { runExperiment, type RunOutcome } from './run.ts';

// Dropout and gaussian noise (tfjs random), Adam (moments and beta powers), reduceOnPlateau (state), early stopping
// keeping its best weights, a checkpoint: everything a resume has to carry over.
const SPEC = `name: resumable
seed: 11
backend: cpu
data:
  dataset: synthetic
  synthetic: { classes: 3, imageSize: 6, trainSize: 96, testSize: 30 }
model:
  layers:
    - { type: gaussianNoise, stddev: 0.1 }
    - { type: flatten }
    - { type: dense, units: 12, activation: relu }
    - { type: dropout, rate: 0.3 }
    - { type: dense, units: 3, activation: softmax }
training:
  optimizer: { type: adam, learningRate: 0.01 }
  schedule: { type: reduceOnPlateau, monitor: loss, patience: 0, factor: 0.5 }
  earlyStopping: { monitor: val_loss, patience: 5, restoreBestWeights: true }
  checkpoint: { monitor: val_accuracy, save: both }
  epochs: 3
  batchSize: 16
  workers: 1
`;

const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

/** Stops the run at the first batch of `epoch` (as Ctrl-C would): epochs before it are done and saved. */
function stoppingAt(epoch: number): { progress: Progress; signal: AbortSignal } {
  const controller = new AbortController();
  return {
    progress: {
      ...silent,
      epochStart: (e) => {
        if (e === epoch) controller.abort();
      },
    },
    signal: controller.signal,
  };
}

function workspace(): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-resume-'));
  writeFileSync(join(dir, 'resumable.yaml'), SPEC);
  return { file: join(dir, 'resumable.yaml'), out: join(dir, 'results') };
}

/** metrics.csv without the timing columns (seconds, samples_per_second), which no two runs share. */
function metricsRows(dir: string): string[] {
  const [header, ...rows] = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
  const keep = header!
    .split(',')
    .map((c, i) => (c === 'seconds' || c === 'samples_per_second' ? -1 : i))
    .filter((i) => i >= 0);
  return rows.map((row) => keep.map((i) => row.split(',')[i]).join(','));
}

async function interruptedRun(): Promise<RunOutcome> {
  const { file, out } = workspace();
  const outcome = await runExperiment({ file, out, ...stoppingAt(2) });
  assert.is(outcome.status, 'interrupted');
  return outcome;
}

const resume = suite('resumeExperiment');

resume('a run stopped after epoch 1 and resumed ends with the weights of one never stopped, bit for bit', async () => {
  const { file, out } = workspace();
  const straight = await runExperiment({ file, out, progress: silent });
  assert.is(straight.status, 'completed');
  assert.not.ok(existsSync(join(straight.dir, RESUME_DIR)), 'a completed run keeps no resume state');

  const stopped = await interruptedRun();
  assert.is(metricsRows(stopped.dir).length, 1);
  const resumed = await resumeExperiment(stopped.dir, { progress: silent });
  assert.is(resumed.status, 'completed');
  assert.is(resumed.dir, stopped.dir);

  for (const weights of ['model/weights.bin', 'model/best/weights.bin', 'model/last/weights.bin']) {
    assert.ok(
      readFileSync(join(resumed.dir, weights)).equals(readFileSync(join(straight.dir, weights))),
      `${weights} differs`,
    );
  }
  assert.equal(metricsRows(resumed.dir), metricsRows(straight.dir));
  const summary = JSON.parse(readFileSync(join(resumed.dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  const expected = JSON.parse(readFileSync(join(straight.dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  assert.is(summary['status'], 'completed');
  assert.is(summary['resumedAfterEpoch'], 1);
  assert.match(summary['spec'] as string, /resumable\.yaml$/, 'the file the run was started from, not its spec.yaml');
  for (const key of [
    'epochsCompleted',
    'test',
    'best',
    'earlyStopping',
    'checkpoint',
    'overrides',
    'perClassAccuracy',
  ]) {
    assert.equal(summary[key], expected[key], key);
  }
  assert.not.ok(existsSync(join(resumed.dir, RESUME_DIR)));
});

resume('a row written for an epoch whose state was not saved yet is replaced, not repeated', async () => {
  const stopped = await interruptedRun();
  const csv = join(stopped.dir, 'metrics.csv');
  const [, first] = readFileSync(csv, 'utf8').trim().split('\n');
  appendFileSync(csv, `${first!.replace(/^1,/, '2,')}\n`); // as if killed between epoch 2's row and its state
  await resumeExperiment(stopped.dir, { progress: silent });
  assert.equal(
    metricsRows(stopped.dir).map((row) => row.split(',')[0]),
    ['1', '2', '3'],
  );
});

resume(
  'with two workers a resumed run still goes on from its state (close to, not bit-equal with, an unbroken run)',
  async () => {
    const { file, out } = workspace();
    const stopped = await runExperiment({ file, out, overrides: ['training.workers=2'], ...stoppingAt(2) });
    assert.is(stopped.status, 'interrupted');
    const notes: string[] = [];
    const resumed = await resumeExperiment(stopped.dir, { progress: { ...silent, note: (text) => notes.push(text) } });
    assert.is(resumed.status, 'completed');
    assert.equal(
      metricsRows(resumed.dir).map((row) => row.split(',')[0]),
      ['1', '2', '3'],
    );
    assert.ok(
      notes.some((note) => note.startsWith('Resumed with several workers')),
      notes.join('\n'),
    );
  },
);

/** The RunError resuming `dir` throws once `damage` has been done to it. */
async function refusal(damage: (dir: string) => void): Promise<RunError> {
  const { dir } = await interruptedRun();
  damage(dir);
  try {
    await resumeExperiment(dir, { progress: silent });
  } catch (error) {
    assert.instance(error, RunError);
    return error as RunError;
  }
  throw new Error('resumed a damaged run');
}

resume('refuses a run whose spec.yaml was edited since it started', async () => {
  const error = await refusal((dir) => appendFileSync(join(dir, 'spec.yaml'), '# edited\n'));
  assert.match(error.message, /spec\.yaml was changed after the run started/);
});

resume('refuses a state.json that is not JSON, or whose fields were edited, naming the field', async () => {
  const state = (dir: string) => join(dir, RESUME_DIR, 'state.json');
  assert.match(
    (await refusal((dir) => writeFileSync(state(dir), '{"epoch": 1,'))).message,
    /state\.json is not valid JSON/,
  );
  const edit = (change: (facts: Record<string, unknown>) => void) => (dir: string) => {
    const facts = JSON.parse(readFileSync(state(dir), 'utf8')) as Record<string, unknown>;
    change(facts);
    writeFileSync(state(dir), JSON.stringify(facts));
  };
  assert.match(
    (
      await refusal(
        edit((f) => {
          f['epoch'] = 'one';
        }),
      )
    ).message,
    /state\.json: epoch is missing or not what tfyaml writes there \(received "one"\)/,
  );
  assert.match(
    (
      await refusal(
        edit((f) => {
          f['backend'] = 'gpu';
        }),
      )
    ).message,
    /backend is missing or not what tfyaml writes/,
  );
  assert.match(
    (
      await refusal(
        edit((f) => {
          (f['weights'] as { file: string }).file = '../../spec.yaml';
        }),
      )
    ).message,
    /names the weights file/,
  );
});

resume('refuses a weights file cut short or changed', async () => {
  const bin = (dir: string) =>
    join(
      dir,
      RESUME_DIR,
      readdirSync(join(dir, RESUME_DIR)).find((f) => f.endsWith('.bin'))!,
    );
  assert.match(
    (await refusal((dir) => truncateSync(bin(dir), 8))).message,
    /describes weights of \d+ bytes, but its weight files hold 8/,
  );
  const flipped = await refusal((dir) => {
    const bytes = readFileSync(bin(dir));
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(bin(dir), bytes);
  });
  assert.match(flipped.message, /is not the file state\.json describes \(its sha256 differs\)/);
});

resume('reads nothing through links: resume/ must be a folder, state.json a file inside it', async () => {
  const linkedFolder = await refusal((dir) => {
    renameSync(join(dir, RESUME_DIR), join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, RESUME_DIR));
  });
  assert.match(linkedFolder.message, /resume is not a folder/);
  const linkedState = await refusal((dir) => {
    const state = join(dir, RESUME_DIR, 'state.json');
    rmSync(state);
    symlinkSync(join(dir, 'summary.json'), state);
  });
  assert.match(linkedState.message, /links to a file outside its folder/);
});

resume('a completed run, or a folder without a run, has nothing to resume', async () => {
  const { file, out } = workspace();
  const { dir } = await runExperiment({ file, out, progress: silent, overrides: ['training.epochs=1'] });
  try {
    await resumeExperiment(dir, { progress: silent });
    assert.unreachable('resumed a completed run');
  } catch (error) {
    assert.instance(error, RunError);
    assert.match((error as RunError).message, /has no resume state/);
  }
  try {
    await resumeExperiment(join(dir, 'nothing-here'), { progress: silent });
    assert.unreachable('resumed a missing folder');
  } catch (error) {
    assert.match((error as RunError).message, /is not a run folder/);
  }
});

resume.run();

const command = suite('resumeCommand');

command('a file, --set or --backend beside --resume is refused: the folder says what the run is', async () => {
  for (const [file, flags] of [
    ['exp.yaml', {}],
    [undefined, { set: 'seed=1' }],
    [undefined, { backend: 'wasm' }],
  ] as const) {
    try {
      await resumeCommand(file, '/nowhere', { out: 'results', ...flags });
      assert.unreachable('accepted a change to a resumed run');
    } catch (error) {
      assert.instance(error, RunError);
      assert.match((error as RunError).message, /--resume continues a run as it started/);
    }
  }
});

command.run();
