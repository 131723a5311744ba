// Small, realistic run and sweep folders for the report tests, generated (seeded) instead of committed: the same
// files `tfyaml run` and a sweep write, with the awkward cases a report must survive (a pruned trial, a failed one
// with a quoted error, a diverged one, a string-valued parameter, an extra metric, a decaying learning rate).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createRng } from '@tfyaml/data';
import { BASE_COLUMNS } from '../results/metrics-csv.ts';

const CLASSES = ['cat', 'dog', 'ship'];

const round = (value: number) => Number(value.toPrecision(6));

/** metrics.csv rows of a run that learns at `rate` and ends at `epochs`. */
function epochRows(epochs: number, rate: number, next: () => number, learningRate = 0.001): Record<string, number>[] {
  return Array.from({ length: epochs }, (_, i) => {
    const progress = 1 - Math.exp(-rate * (i + 1));
    const accuracy = 0.33 + 0.6 * progress + 0.02 * next();
    const cosine = learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * i) / Math.max(1, epochs - 1))));
    return {
      epoch: i + 1,
      loss: round(1.1 * (1 - progress) + 0.1 + 0.03 * next()),
      accuracy: round(accuracy),
      val_loss: round(1.1 * (1 - progress) + 0.18 + 0.05 * next()),
      val_accuracy: round(accuracy - 0.03 - 0.02 * next()),
      learning_rate: round(cosine),
      seconds: round(2 + next()),
      samples_per_second: round(900 + 100 * next()),
      auc: round(0.5 + 0.45 * progress),
      val_auc: round(0.5 + 0.42 * progress),
    };
  });
}

function writeCsv(path: string, rows: Record<string, unknown>[], columns = Object.keys(rows[0] ?? {})): void {
  writeFileSync(path, stringify([columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))]));
}

/** A completed classification run: spec.yaml, metrics.csv, summary.json, confusion.csv. */
export function writeRunFixture(dir: string, { epochs = 12, seed = 1 } = {}): string {
  const next = createRng(seed);
  mkdirSync(dir, { recursive: true });
  const rows = epochRows(epochs, 0.35, next);
  const columns = [...BASE_COLUMNS, 'auc', 'val_auc'];
  writeCsv(join(dir, 'metrics.csv'), rows, columns);
  writeFileSync(
    join(dir, 'spec.yaml'),
    `# Resolved from experiments/pets.yaml: defaults filled\n# --set training.epochs=${epochs}\nname: pets\nseed: ${seed}\ndata:\n  dataset: synthetic\nmodel:\n  layers:\n    - { type: conv2d, filters: 8, kernelSize: 3, activation: relu }\n    - { type: flatten }\n    - { type: dense, units: 3, activation: softmax }\ntraining:\n  epochs: ${epochs}\n  metrics: [accuracy, auc]\n  schedule: { type: cosine }\n`,
  );
  const counts = CLASSES.map((_, t) =>
    CLASSES.map((__, p) => (t === p ? 40 + Math.round(10 * next()) : Math.round(8 * next()))),
  );
  writeCsv(
    join(dir, 'confusion.csv'),
    counts.map((row, t) => ({
      'true\\predicted': CLASSES[t],
      ...Object.fromEntries(CLASSES.map((c, p) => [c, row[p]])),
    })),
  );
  const last = rows.at(-1)!;
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify(
      {
        status: 'completed',
        name: 'pets',
        spec: 'experiments/pets.yaml',
        overrides: [`training.epochs=${epochs}`],
        seed,
        startedAt: '2026-11-26T08:30:12.000Z',
        finishedAt: '2026-11-26T08:30:50.500Z',
        durationSeconds: 38.5,
        epochsCompleted: epochs,
        final: last,
        best: { metric: 'val_accuracy', value: last['val_accuracy'], epoch: epochs },
        test: { loss: 0.41, accuracy: 0.874, auc: 0.93 },
        backend: {
          name: 'wasm',
          requested: 'auto',
          skipped: [{ name: 'tensorflow', reason: 'tfjs_binding.node <not found>' }],
        },
        versions: { tfyaml: '0.1.0', 'tfjs-core': '4.22.0', node: 'v20.20.2' },
        data: {
          dataset: 'synthetic',
          source: 'generated',
          train: 1800,
          test: 300,
          validation: 0.1,
          classNames: CLASSES,
        },
        model: {
          totalParams: 5835,
          trainableParams: 5819,
          layers: [
            { name: 'conv2d_1', type: 'Conv2D', outputShape: [null, 14, 14, 8], params: 224, inputs: [] },
            {
              name: 'batch_normalization_1',
              type: 'BatchNormalization',
              outputShape: [null, 14, 14, 8],
              params: 32,
              inputs: [],
            },
            { name: 'flatten_1', type: 'Flatten', outputShape: [null, 1568], params: 0, inputs: [] },
            { name: 'dense_1', type: 'Dense', outputShape: [null, 3], params: 4707, inputs: [] },
          ],
        },
        perClassAccuracy: Object.fromEntries(
          CLASSES.map((c, i) => [c, round(counts[i]![i]! / counts[i]!.reduce((a, b) => a + b, 0))]),
        ),
        earlyStopping: {
          monitor: 'val_loss',
          best: 0.31,
          bestEpoch: epochs,
          stoppedEpoch: null,
          restoredBestWeights: false,
        },
      },
      null,
      2,
    ),
  );
  return dir;
}

const PARAMETERS = [
  'training.optimizer.learningRate',
  'training.batchSize',
  'model.layers[4].units',
  'model.layers[0].activation',
];

/** A finished sweep of `trials` trials, laid out as the sweeps issue specifies. Trial 3 fails, trial 5 diverges and
 * every fourth trial from 4 on is pruned, when there are that many. */
export function writeSweepFixture(dir: string, { trials = 8, epochs = 10, seed = 7 } = {}): string {
  const next = createRng(seed);
  mkdirSync(join(dir, 'trials'), { recursive: true });
  writeFileSync(
    join(dir, 'sweep.yaml'),
    `# Resolved from experiments/pets-sweep.yaml: defaults filled\nname: pets-sweep\ntraining:\n  epochs: ${epochs}\nsweep:\n  method: tpe\n  seed: ${seed}\n  trials: ${trials}\n  metric: { name: val_accuracy, goal: maximize }\n  parameters:\n    training.optimizer.learningRate: { distribution: log_uniform, min: 0.0001, max: 0.1 }\n    training.batchSize: { values: [16, 32, 64] }\n    model.layers[4].units: { distribution: int_uniform, min: 16, max: 128 }\n    model.layers[0].activation: { values: [relu, elu] }\n  earlyTerminate: { type: asha, minEpochs: 2 }\n`,
  );
  const records = Array.from({ length: trials }, (_, i) => sweepTrial(dir, i + 1, epochs, next));
  writeCsv(join(dir, 'trials.csv'), records, [
    'trial',
    'status',
    ...PARAMETERS,
    'val_accuracy',
    'best_epoch',
    'epochs',
    'seconds',
    'error',
  ]);
  const best = records
    .filter((r) => r['status'] === 'completed')
    .sort((a, b) => Number(b['val_accuracy']) - Number(a['val_accuracy']))[0]!;
  writeFileSync(
    join(dir, 'best.json'),
    JSON.stringify(
      {
        trial: best['trial'],
        status: 'completed',
        metric: { name: 'val_accuracy', goal: 'maximize', value: best['val_accuracy'] },
        parameters: Object.fromEntries(PARAMETERS.map((p) => [p, best[p]])),
        dir: `trials/${String(best['trial']).padStart(3, '0')}`,
      },
      null,
      2,
    ),
  );
  return dir;
}

function sweepTrial(dir: string, trial: number, epochs: number, next: () => number): Record<string, unknown> {
  const learningRate = round(10 ** (-4 + 3 * next()));
  const params = {
    'training.optimizer.learningRate': learningRate,
    'training.batchSize': [16, 32, 64][Math.floor(3 * next())],
    'model.layers[4].units': 16 + Math.floor(112 * next()),
    'model.layers[0].activation': next() < 0.5 ? 'relu' : 'elu',
  };
  const status =
    trial === 3 ? 'failed' : trial === 5 ? 'diverged' : trial >= 4 && trial % 4 === 0 ? 'pruned' : 'completed';
  const ran = status === 'failed' ? 0 : status === 'pruned' ? 2 + (trial % 3) : status === 'diverged' ? 2 : epochs;
  const rows = epochRows(ran, 0.15 + 2 * Math.min(learningRate, 0.02) * 10 + 0.05 * next(), next, learningRate);
  if (status === 'diverged')
    for (const row of rows.slice(-1))
      Object.assign(row, { loss: Number.NaN, val_loss: Number.NaN, val_accuracy: Number.NaN });
  const folder = join(dir, 'trials', String(trial).padStart(3, '0'));
  mkdirSync(folder, { recursive: true });
  if (rows.length) writeCsv(join(folder, 'metrics.csv'), rows);
  const finite = rows.filter((r) => Number.isFinite(r['val_accuracy']));
  const best = finite.sort((a, b) => b['val_accuracy']! - a['val_accuracy']!)[0];
  return {
    trial,
    status,
    ...params,
    val_accuracy: best?.['val_accuracy'] ?? '',
    best_epoch: best?.['epoch'] ?? '',
    epochs: ran,
    seconds: round(ran * 2.5 + next()),
    error:
      status === 'failed'
        ? 'Error: out of memory, "conv2d_1" asked for 2 GB'
        : status === 'diverged'
          ? 'loss is NaN'
          : '',
  };
}
