// The rules that depend on a loss read its row in LOSSES: each loss is put through them and the outcome must follow
// its task and logits fields, so a rule that went back to matching names would fail for some row.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpecText } from './load.ts';
import { LOSS_NAMES, LOSSES, type LossFacts, type LossName } from './losses.ts';

const dir = mkdtempSync(join(tmpdir(), 'tfyaml-losses-'));
writeFileSync(join(dir, 't.csv'), 'a,b\n1,2\n');

/** Warnings and errors of a csv spec whose last layer is `last`, trained with `loss`. */
function findings(
  loss: LossName,
  { task = 'classification', fromLogits = false, last = '{ type: dense, units: 3 }' } = {},
): SpecIssue[] {
  const text =
    `name: l\ndata: { dataset: csv, path: t.csv, csv: { label: b, task: ${task} } }\nmodel:\n  layers:\n    - ${last}\n` +
    `training: { loss: { type: ${loss}, fromLogits: ${fromLogits} } }\n`;
  try {
    return loadSpecText(text, join(dir, 'exp.yaml')).warnings;
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
}
const says = (issues: SpecIssue[], text: string) => issues.some((issue) => issue.message.includes(text));

const table = suite('LOSSES');

table('every loss has a task and an output that agree', () => {
  assert.ok(LOSS_NAMES.length >= 14);
  for (const name of LOSS_NAMES) {
    const { task, output, labels } = LOSSES[name];
    assert.is(task === 'regression', output === 'values', name);
    if (output === 'positiveScore') assert.is(labels, 'index', `${name}: one score is read against 0/1 labels`);
  }
});

table("taskFitsLoss reads each loss's task", () => {
  for (const name of LOSS_NAMES) {
    const classifies = LOSSES[name].task === 'classification';
    assert.is(
      says(findings(name, { task: 'regression' }), 'scores classes, but data.csv.task is regression'),
      classifies,
      name,
    );
    assert.is(says(findings(name, { task: 'classification' }), 'treats class indices as numbers'), !classifies, name);
  }
});

table("lastActivationMatchesLoss reads each loss's logits form", () => {
  for (const name of LOSS_NAMES) {
    const { logits } = LOSSES[name];
    assert.is(says(findings(name, { fromLogits: true }), 'has no logits form'), logits === null, name);
    assert.is(
      says(findings(name), `expects probabilities, but the last layer has no ${logits}`),
      logits !== null,
      name,
    );
    if (logits === null) continue;
    const squashed = `{ type: dense, units: 3, activation: ${logits} }`;
    assert.is(says(findings(name, { fromLogits: true, last: squashed }), `already applies ${logits}`), true, name);
    assert.equal(
      findings(name, { last: squashed }).filter((issue) => issue.path.startsWith('model')),
      [],
      name,
    );
  }
});

table('the rules follow a changed row, so they ask the table and not the name', () => {
  const row = LOSSES.meanSquaredError as LossFacts;
  const saved = { ...row };
  try {
    Object.assign(row, { task: 'classification', logits: 'sigmoid' });
    assert.ok(says(findings('meanSquaredError', { task: 'regression' }), 'scores classes'));
    assert.ok(says(findings('meanSquaredError'), 'expects probabilities, but the last layer has no sigmoid'));
  } finally {
    Object.assign(row, saved);
  }
});

table.run();
