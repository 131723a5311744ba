// A saved model whose outputs are NaN or infinite (NaN weights from a diverged or damaged run): predict and evaluate
// refuse to name a class or compute a metric from them, and say so in the same words.
import { RunError } from '../errors.ts';

/** `written` says what the command still wrote for the finite records, when it wrote anything. */
export function nonFiniteOutputsError(dir: string, bad: number, count: number, written?: string): RunError {
  const rows = bad === count ? `all ${count} records` : `${bad} of ${count} records`;
  return new RunError(
    `the model in ${dir}/model gives non-finite outputs (NaN or ±Infinity) for ${rows}: its weights ` +
      `or outputs are not finite${written ? `; ${written}` : ''}`,
    'train the run again, and check the status in its summary.json (diverged: the loss turned NaN)',
  );
}
