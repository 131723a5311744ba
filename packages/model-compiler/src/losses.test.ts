// Every loss in spec-schema's LOSSES table compiles and trains a step, on probabilities and (where it has one) on
// logits, with a last layer and labels shaped as its row says; the output check and the label encoding follow the row.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { LOSS_NAMES, LOSSES, loadSpecText, type LossFacts, type LossName, type Spec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileModel, type CompileTarget } from './compile.ts';
import { ModelError } from './errors.ts';
import { labelEncoding } from './losses.ts';

const INPUT = [4, 4, 1];

function specFor(loss: LossName, fromLogits: boolean, units: number, activation: string): Spec {
  const text =
    `name: l\ndata: { dataset: synthetic }\nmodel:\n  layers:\n    - { type: flatten }\n` +
    `    - { type: dense, units: ${units}, activation: ${activation} }\ntraining: { loss: { type: ${loss}, fromLogits: ${fromLogits} } }\n`;
  return loadSpecText(text, 'exp.yaml').spec;
}

/** The classes and last layer a loss's row asks for: class scores, one positive-class score, or values. */
function fitting(
  { output, labels, logits }: LossFacts,
  fromLogits: boolean,
): { classes: number; units: number; activation: string } {
  const squash = fromLogits ? 'linear' : (logits ?? 'softmax');
  if (output === 'positiveScore') return { classes: 2, units: 1, activation: fromLogits ? 'linear' : 'sigmoid' };
  if (output === 'classScores' || labels === 'onehot') return { classes: 3, units: 3, activation: squash };
  return { classes: 1, units: 1, activation: 'linear' };
}

/** One batch of 6 records with labels as `labelEncoding` lays them out. */
function batch(spec: Spec, classes: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([6, ...INPUT], 0, 1, 'float32', 7);
  const indices = [0, 1, 0, 1, 0, 1].map((i) => i % Math.max(classes, 1));
  const encoding = labelEncoding(spec.training.loss, classes);
  const y =
    encoding.kind === 'onehot'
      ? tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), encoding.classes), 'float32')
      : tf.tensor2d(indices, [6, 1]);
  return { x, y };
}

function modelError(spec: Spec, target: CompileTarget): ModelError {
  try {
    compileModel(spec, target).model.dispose();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

const losses = suite('LOSSES in compileModel');

losses.before(async () => {
  await tf.setBackend('cpu');
});

losses(
  'every loss compiles and trains one step to a finite loss, on logits too where it has a logits form',
  async () => {
    assert.is(LOSS_NAMES.length, Object.keys(LOSSES).length);
    for (const name of LOSS_NAMES) {
      for (const fromLogits of LOSSES[name].logits === null ? [false] : [false, true]) {
        const { classes, units, activation } = fitting(LOSSES[name], fromLogits);
        const spec = specFor(name, fromLogits, units, activation);
        const { model } = compileModel(spec, { inputShape: INPUT, numClasses: classes });
        const { x, y } = batch(spec, classes);
        const result = await model
          .trainOnBatch(x, y)
          .catch((error: Error) => assert.unreachable(`${name}: ${error.message}`));
        const loss = Array.isArray(result) ? result[0]! : result;
        assert.ok(Number.isFinite(loss), `${name}${fromLogits ? ' on logits' : ''}: loss ${loss}`);
        tf.dispose([x, y]);
        model.dispose();
      }
    }
  },
);

losses('labels are one-hot where the row says so, and for a softmax on logits', () => {
  for (const name of LOSS_NAMES) {
    const { labels, logits } = LOSSES[name];
    assert.is(labelEncoding({ type: name, fromLogits: false }, 3).kind, labels, name);
    if (logits !== null)
      assert.is(
        labelEncoding({ type: name, fromLogits: true }, 3).kind,
        logits === 'softmax' ? 'onehot' : labels,
        name,
      );
  }
});

losses('binaryCrossentropy needs two classes and one output unit', () => {
  const threeClasses = modelError(specFor('binaryCrossentropy', false, 1, 'sigmoid'), {
    inputShape: INPUT,
    numClasses: 3,
  });
  assert.is(threeClasses.specPath, 'training.loss');
  assert.match(threeClasses.message, 'scores two classes (labels 0 and 1), but the dataset has 3 classes');
  const twoUnits = modelError(specFor('binaryCrossentropy', false, 2, 'sigmoid'), { inputShape: INPUT, numClasses: 2 });
  assert.is(twoUnits.specPath, 'model.layers[1].units');
  assert.match(twoUnits.hint!, 'units: 1 and activation: sigmoid');
});

losses('the output check follows a changed row, so it asks the table and not the name', () => {
  const row = LOSSES.meanSquaredError as LossFacts;
  const saved = { ...row };
  try {
    Object.assign(row, { output: 'classScores' });
    const error = modelError(specFor('meanSquaredError', false, 1, 'linear'), { inputShape: INPUT, numClasses: 3 });
    assert.match(error.message, 'outputs 1 values, but the dataset has 3 classes');
  } finally {
    Object.assign(row, saved);
  }
});

losses.run();
