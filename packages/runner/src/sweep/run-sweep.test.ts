// Whole sweeps with real trial processes on a tiny synthetic experiment: a few seconds per trial, mostly start-up.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec } from '@tfyaml/spec-schema';
import { createCli } from '../cli.ts';
import { RunError } from '../errors.ts';
import { mountSmallDisk } from '../results/full-disk.testkit.ts';
import { readTrialsCsv } from '../results/trials-csv.ts';
import { createSweepFolder } from './folder.ts';
import { SweepLock } from './lock.ts';
import { runSweep } from './run-sweep.ts';
import type { SweepView } from './view.ts';

/** A one-output regression, so a huge learning rate overflows to NaN (a softmax classifier only saturates). */
const EXPERIMENT = `name: tiny-sweep
seed: 3
backend: wasm
data:
  dataset: synthetic
  synthetic: { classes: 2, imageSize: 6, trainSize: 64, testSize: 16 }
model:
  layers:
    - { type: conv2d, filters: 2, kernelSize: 3 }
    - { type: flatten }
    - { type: dense, units: 1 }
training:
  optimizer: sgd
  loss: meanSquaredError
  epochs: 2
  batchSize: 16
`;

function workspace(sweep: string): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-sweep-'));
  writeFileSync(join(dir, 'tiny-sweep.yaml'), `${EXPERIMENT}sweep:\n${sweep}`);
  return { file: join(dir, 'tiny-sweep.yaml'), out: join(dir, 'results') };
}

/** Collects what the sweep would print; `onDetail` sees each epoch line. */
function quietView(onDetail: (text: string) => void = () => {}): SweepView & { events: string[] } {
  const events: string[] = [];
  return { events, event: (text) => events.push(text), detail: onDetail, status() {}, close() {} };
}

const csvRows = (dir: string) =>
  readFileSync(join(dir, 'trials.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

const sweep = suite('runSweep');

sweep(
  'runs every grid trial, 2 at a time; a diverging and a failing trial are recorded while the others go on',
  async () => {
    const { file, out } = workspace(`  method: grid
  workers: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    model.layers[0].kernelSize: { values: [3, 9] }
    training.optimizer.learningRate: { values: [0.01, 1.0e+30] }
`);
    const { dir, result } = await runSweep({ file, out, view: quietView() });
    assert.is(result.interrupted, false);
    const byTrial = Object.fromEntries(csvRows(dir).map((row) => [row[0], row]));
    assert.equal(Object.keys(byTrial).sort(), ['1', '2', '3', '4']);
    assert.equal(byTrial['1']!.slice(0, 4), ['1', 'completed', '3', '0.01']);
    assert.equal(byTrial['1']!.slice(5, 7), ['2', '2']);
    // …,seconds,params,inference_ms_per_sample,peak_rss_mb,attempt,error
    assert.equal([byTrial['2']![1], byTrial['2']![12]], ['diverged', 'the loss became NaN or infinite in epoch 1']);
    for (const trial of ['3', '4']) {
      assert.is(byTrial[trial]![1], 'failed');
      assert.match(byTrial[trial]!.slice(12).join(','), 'tfjs cannot build this conv2d layer');
    }
    const best = JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8')) as {
      trial: number;
      model: string;
      overrides: string[];
    };
    assert.equal([best.trial, best.model], [1, 'trials/001/model']);
    assert.ok(existsSync(join(dir, 'trials/001/model/model.json')));
    assert.equal(best.overrides, ['model.layers[0].kernelSize=3', 'training.optimizer.learningRate=0.01']);
    // The trial is an ordinary run of experiment.yaml, which has no sweep block.
    const trialSpec = readFileSync(join(dir, 'trials/001/spec.yaml'), 'utf8');
    assert.match(trialSpec, '#   --set training.optimizer.learningRate=0.01');
    assert.not.match(trialSpec, 'sweep:');
    assert.match(readFileSync(join(dir, 'sweep.yaml'), 'utf8'), 'method: grid');
    assert.match(readFileSync(join(dir, 'sweep.log'), 'utf8'), '[trial 1] Epoch 2/2');
    assert.not.ok(existsSync(join(dir, 'sweep.lock')));
  },
);

sweep(
  'Ctrl-C stops the trials and records none of them; a crash leaves a cut line and a stale lock; --resume finishes each trial once',
  async () => {
    const { file, out } = workspace(`  method: random
  seed: 5
  trials: 3
  workers: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { distribution: log_uniform, min: 0.001, max: 0.05 }
`);
    const stop = new AbortController();
    const first = await runSweep({ file, out, view: quietView(() => stop.abort()), signal: stop.signal });
    assert.is(first.result.interrupted, true);
    assert.equal(first.result.records, []);
    const { dir } = first;
    const started = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { trial: number; params: unknown });
    assert.equal(
      started.map((e) => e.trial),
      [1, 2],
    );
    // What a kill -9 in the middle of writing leaves behind.
    appendFileSync(join(dir, 'journal.jsonl'), '{"event":"end","rec');
    writeFileSync(
      join(dir, 'sweep.lock'),
      JSON.stringify({ pid: spawnSync(process.execPath, ['-e', '']).pid, host: hostname(), startedAt: '' }),
    );

    const view = quietView();
    const second = await runSweep({ resume: dir, view });
    assert.match(view.events[0]!, '0 of 3 trials recorded, 2 to run again');
    assert.equal(
      csvRows(dir)
        .map((row) => row[0])
        .sort(),
      ['1', '2', '3'],
    );
    assert.ok(csvRows(dir).every((row) => row[1] === 'completed'));
    // The interrupted trials ran again with the parameters they were drawn first.
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            event: string;
            trial?: number;
            params?: unknown;
            record?: { trial: number; params: unknown };
          },
      );
    for (const { trial, params } of started)
      assert.equal(journal.find((e) => e.record?.trial === trial)!.record!.params, params);
    assert.is(second.result.records.length, 3);
    // Trials 1 and 2 were interrupted once: their recorded run is their second attempt.
    assert.equal(
      readTrialsCsv(join(dir, 'trials.csv'))!
        .rows.sort((x, y) => x.trial - y.trial)
        .map((r) => r.attempt),
      [2, 2, 1],
    );
    // The trial folders hold one clean run each: 2 epochs, not the interrupted attempt's rows too.
    assert.is(readFileSync(join(dir, 'trials/001/metrics.csv'), 'utf8').trim().split('\n').length, 3);

    const third = await runSweep({ resume: dir, view: quietView() });
    assert.is(third.result.records.length, 3, 'a finished sweep resumed runs nothing');
    assert.is(csvRows(dir).length, 3);
  },
);

sweep(
  'a full disk stops the sweep with one line, records nothing as failed, and --resume runs that trial again',
  async () => {
    const disk = mountSmallDisk(2048, 'a sweep on a full disk');
    if (!disk) return;
    try {
      const { file } = workspace(
        '  method: grid\n  workers: 1\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n    training.batchSize: { values: [8, 16] }\n',
      );
      const out = join(disk.dir, 'results');
      const view = quietView();
      // Full from the moment the first trial starts: it cannot write its run folder.
      view.event = (text) => {
        view.events.push(text);
        if (text.startsWith('trial 1 started')) disk.fill();
      };
      let stopped: unknown;
      try {
        await runSweep({ file, out, view });
      } catch (error) {
        stopped = error;
      }
      assert.instance(stopped, RunError);
      const { message, hint } = stopped as RunError;
      assert.match(
        message,
        /^the sweep stopped: could not write \S+trials\/001(\/\S+)?: no space left on the device \(ENOSPC\)$/,
      );
      const dir = join(out, 'tiny-sweep', readdirSync(join(out, 'tiny-sweep'))[0]!);
      assert.match(hint!, `then continue with tfyaml sweep --resume ${dir}`);
      assert.equal(
        readFileSync(join(dir, 'journal.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { event: string }).event),
        ['start'],
      );
      assert.is(
        readFileSync(join(dir, 'trials.csv'), 'utf8').trim().split('\n').length,
        1,
        'no trial recorded as failed',
      );
      assert.not.ok(existsSync(join(dir, 'sweep.lock')));
      assert.equal(emptyOrPartialFiles(dir), []);

      rmSync(join(disk.dir, 'filler'));
      const resumed = await runSweep({ resume: dir, view: quietView() });
      assert.equal(
        resumed.result.records.map((r) => [r.trial, r.status]),
        [
          [1, 'completed'],
          [2, 'completed'],
        ],
      );
    } finally {
      disk.unmount();
    }
  },
);

/** Files a crash or a full disk could leave half-written: empty ones, and temporary ones never renamed. */
function emptyOrPartialFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && (e.name.endsWith('.partial') || statSync(join(e.parentPath, e.name)).size === 0))
    .map((e) => join(e.parentPath, e.name));
}

sweep('a sweep folder in use is refused with a clear error', async () => {
  const { file, out } = workspace(
    '  trials: 1\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n    training.batchSize: { values: [8] }\n',
  );
  const dir = createSweepFolder(loadSpec(file), out, []);
  const held = SweepLock.acquire(dir);
  try {
    await runSweep({ resume: dir, view: quietView() });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, RunError);
    assert.match((error as Error).message, `${dir} is in use by another tfyaml (pid ${process.pid}`);
  } finally {
    held.release();
  }
});

sweep('a value that makes an invalid experiment is an error at that value, before any trial runs', async () => {
  const { file, out } = workspace(
    '  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n    training.batchSize: { values: [8, "16"] }\n',
  );
  try {
    await runSweep({ file, out, view: quietView() });
    assert.unreachable();
  } catch (error) {
    assert.match(
      (error as Error).message,
      `${file}:21:39 sweep.parameters.training.batchSize.values[1]: training.batchSize = "16": must be an integer, received the string "16"`,
    );
  }
  assert.not.ok(existsSync(out));
});

sweep(
  'a crashed trial is retried, then counts toward maxConsecutiveFailures, which stops the sweep early',
  async () => {
    const { file, out } = workspace(`  method: grid
  workers: 1
  retries: 1
  maxConsecutiveFailures: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    model.layers[0].kernelSize: { values: [9] }
    training.optimizer.learningRate: { values: [0.01, 0.02, 0.03] }
`);
    const view = quietView();
    const { dir, result } = await runSweep({ file, out, view });
    assert.equal(
      csvRows(dir).map((row) => row.slice(0, 2)),
      [
        ['1', 'failed'],
        ['2', 'failed'],
      ],
    );
    assert.match(result.stoppedEarly?.reason ?? '', /^2 trials in a row failed \(trials 1, 2\); the last: .*conv2d/);
    assert.is(result.stoppedEarly?.failures, true);
    assert.equal(view.events.filter((e) => / retry 1 of 1$/.test(e)).length, 2);
    assert.equal(
      readTrialsCsv(join(dir, 'trials.csv'))?.rows.map((r) => r.attempt),
      [2, 2],
    );
  },
);

sweep(
  'a trial past its timeout is recorded as timeout; the time budget stops the running ones for --resume',
  async () => {
    const { file, out } = workspace(`  method: grid
  workers: 1
  timeout: 0.2
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.01] }
`);
    const timed = await runSweep({ file, out, view: quietView() });
    assert.equal(
      csvRows(timed.dir).map((row) => row.slice(0, 2)),
      [['1', 'timeout']],
    );
    assert.match(csvRows(timed.dir)[0]!.join(','), 'ran past the trial timeout of 0s');
    const budget = workspace(`  method: grid
  workers: 1
  budget: { time: 0.2 }
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.01, 0.02] }
`);
    const spent = await runSweep({ file: budget.file, out: budget.out, view: quietView() });
    assert.equal(csvRows(spent.dir), []);
    assert.equal(spent.result.stoppedEarly, { reason: 'the time budget of 0s is spent', failures: false });
    assert.match(
      readFileSync(join(spent.dir, 'sweep.log'), 'utf8'),
      'trial 1 stopped at the end of the time budget; it runs again on --resume',
    );
  },
);

sweep(
  '--resume --trials raises the budget of a finished sweep; a file that changes more than the budget is refused',
  async () => {
    const { file, out } = workspace(`  method: random
  trials: 1
  workers: 1
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.01, 0.02] }
`);
    const first = await runSweep({ file, out, view: quietView() });
    assert.equal(csvRows(first.dir).length, 1);
    writeFileSync(file, readFileSync(file, 'utf8').replace('goal: minimize', 'goal: maximize'));
    try {
      await runSweep({ file, resume: first.dir, trials: 2, view: quietView() });
      assert.unreachable('a changed metric goal was accepted');
    } catch (error) {
      assert.instance(error, RunError);
      assert.match((error as Error).message, 'sweep.metric.goal: "minimize" → "maximize"');
    }
    const more = await runSweep({ resume: first.dir, trials: 2, view: quietView() });
    assert.equal([more.result.total, csvRows(first.dir).map((row) => row[0])], [2, ['1', '2']]);
    assert.match(readFileSync(join(first.dir, 'sweep.yaml'), 'utf8'), 'trials: 2');
    assert.match(readFileSync(join(first.dir, 'sweep.log'), 'utf8'), 'budget changed on --resume: trials: 1 → 2');
  },
);

sweep('a trial whose model breaks a params constraint is recorded infeasible without running', async () => {
  const { file, out } = workspace(`  method: grid
  workers: 1
  constraints: [params <= 100]
  metric: { name: val_loss, goal: minimize }
  parameters:
    model.layers[0].filters: { values: [1, 32] }
`);
  const { dir, result } = await runSweep({ file, out, view: quietView() });
  const rows = csvRows(dir);
  assert.equal(
    rows.map((row) => row.slice(0, 3)),
    [
      ['1', 'completed', '1'],
      ['2', 'infeasible', '32'],
    ],
  );
  assert.match(rows[1]!.join(','), /params \d+ breaks params <= 100/);
  assert.ok(Number(rows[1]![6]) < 1, `infeasible after ${rows[1]![6]} s`);
  // Its folder says what it would have run and why it did not; its size is in trials.csv like every trial's.
  const summary = JSON.parse(readFileSync(join(dir, 'trials/002/summary.json'), 'utf8')) as Record<string, unknown>;
  assert.equal([summary['status'], summary['error']], ['infeasible', rows[1]!.at(-1)]);
  assert.match(readFileSync(join(dir, 'trials/002/spec.yaml'), 'utf8'), '#   --set model.layers[0].filters=32');
  assert.not.ok(existsSync(join(dir, 'trials/002/metrics.csv')));
  const params = readTrialsCsv(join(dir, 'trials.csv'))!.rows.map((r) => r.paramCount);
  assert.ok(params[1]! > 100 && params[0]! <= 100, `params ${params.join(', ')}`);
  assert.is(result.best?.trial, 1);
});

sweep(
  'two objectives: best.json lists exactly the non-dominated completed trials of trials.csv; report.html draws the front',
  async () => {
    const { file, out } = workspace(`  method: grid
  workers: 2
  metrics:
    - { name: val_loss, goal: minimize }
    - { name: params, goal: minimize }
  parameters:
    model.layers[0].filters: { values: [1, 3] }
    training.optimizer.learningRate: { values: [0.003, 0.01] }
`);
    const { dir, result } = await runSweep({ file, out, view: quietView() });
    const rows = readTrialsCsv(join(dir, 'trials.csv'), ['val_loss', 'params'])!.rows;
    assert.equal(rows.length, 4);
    for (const r of rows) {
      assert.is(r.status, 'completed');
      assert.ok(r.paramCount! > 0 && r.inferenceMsPerSample! > 0 && r.peakRssMb! > 0, JSON.stringify(r));
      assert.is(r.attempt, 1);
    }
    const done = rows.filter((r) => r.status === 'completed');
    const noWorse = (a: (typeof rows)[0], b: (typeof rows)[0]) =>
      a.value! <= b.value! && a.paramCount! <= b.paramCount!;
    const beats = (a: (typeof rows)[0], b: (typeof rows)[0]) =>
      noWorse(a, b) && (a.value! < b.value! || a.paramCount! < b.paramCount!);
    const front = done.filter((r) => !done.some((other) => beats(other, r)));
    assert.ok(front.length > 0);
    const best = JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8')) as {
      metrics: { name: string }[];
      front: { trial: number; values: { val_loss: number; params: number }; columns: { params: number } }[];
    };
    assert.equal(
      best.metrics.map((m) => m.name),
      ['val_loss', 'params'],
    );
    assert.equal(
      best.front.map((t) => [t.trial, Number(t.values.val_loss.toPrecision(6)), t.values.params, t.columns.params]),
      front.map((r) => [r.trial, r.value, r.paramCount, r.paramCount]),
    );
    assert.equal(
      result.front?.map((r) => r.trial),
      front.map((r) => r.trial),
    );
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(html, 'Pareto front: val_loss against params');
  },
);

sweep('enqueued configurations run first, then the sampler draws the rest', async () => {
  const { file, out } = workspace(`  method: random
  trials: 2
  workers: 1
  enqueue:
    - { training.optimizer.learningRate: 0.003 }
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.003, 0.01, 0.02] }
`);
  const { dir } = await runSweep({ file, out, view: quietView() });
  const rows = csvRows(dir);
  assert.equal(rows.map((row) => row.slice(0, 3))[0], ['1', 'completed', '0.003']);
  assert.ok(['0.01', '0.02'].includes(rows[1]![2]!), `trial 2 drew ${rows[1]![2]}, a repeat of the enqueued one`);
});

sweep(
  "warmStart seeds the sampler with another sweep's trials; a sweep of another space is refused by path",
  async () => {
    const space = (values: string) => `  method: tpe
  trials: 1
  workers: 1
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [${values}] }
`;
    const first = workspace(space('0.01, 0.02'));
    const { dir: before } = await runSweep({ file: first.file, out: first.out, view: quietView() });
    const other = workspace(`${space('0.01, 0.03')}  warmStart: ${before}\n`);
    try {
      await runSweep({ file: other.file, out: other.out, view: quietView() });
      assert.unreachable('a warm start from another space was accepted');
    } catch (error) {
      assert.instance(error, RunError);
      assert.match(
        (error as Error).message,
        'sweep.parameters.training.optimizer.learningRate.values: [0.01,0.02] → [0.01,0.03]',
      );
    }
    const same = workspace(`${space('0.01, 0.02')}  warmStart: ${before}\n`);
    const { dir } = await runSweep({ file: same.file, out: same.out, view: quietView() });
    // The warm trial counts as run: the only configuration left is the other one.
    assert.not.equal(csvRows(dir)[0]![2], csvRows(before)[0]![2]);
  },
);

sweep.run();

const cli = suite('tfyaml sweep');

cli('parses sweep <file> and sweep --resume <dir>; run takes --resume too', () => {
  assert.equal(
    createCli().parse(['node', 'tfyaml', 'sweep', '--resume', 'results/x/1'], { run: false }).options['resume'],
    'results/x/1',
  );
  const parsed = createCli().parse(['node', 'tfyaml', 'run', 'x.yaml', '--resume', 'results/x/1'], { run: false });
  assert.equal([parsed.args, parsed.options['resume']], [['x.yaml'], 'results/x/1']);
});

cli.run();
