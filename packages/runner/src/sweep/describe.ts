// What `tfyaml check` adds for a sweep: the trial count and the search space, after checking every value in it.
import { gridSize, type LoadedSpec, type SweepParameter } from '@tfyaml/spec-schema';
import { gridCount } from './grid.ts';
import { resolveWorkers } from './workers.ts';
import { checkParameterValues } from './values-check.ts';

export function checkSweep(loaded: LoadedSpec): string {
  checkParameterValues(loaded);
  const { spec } = loaded;
  const sweep = spec.sweep!;
  const total = sweep.method === 'grid' ? gridCount(sweep.parameters) : sweep.trials!;
  const grid = sweep.method === 'grid' ? ` (${Object.values(sweep.parameters).map((p) => gridSize(p)).join(' × ')})` : '';
  const seeded = sweep.method === 'grid' ? '' : `, seed ${sweep.seed ?? spec.seed}`;
  const stop = sweep.earlyTerminate
    ? `; early termination: ${sweep.earlyTerminate.type} from epoch ${sweep.earlyTerminate.minEpochs}${sweep.earlyTerminate.type === 'asha' ? `, reduction factor ${sweep.earlyTerminate.reductionFactor}` : ''}`
    : '';
  const width = Math.max(...Object.keys(sweep.parameters).map((p) => p.length));
  return [
    `Sweep: ${sweep.method}, ${total} trial${total === 1 ? '' : 's'}${grid}${seeded}, ${resolveWorkers(sweep, total)} at a time, scored by ${sweep.metric.name} (${sweep.metric.goal})${stop}`,
    ...Object.entries(sweep.parameters).map(([path, p]) => `  ${path.padEnd(width)}  ${describeParameter(p)}`),
  ].join('\n');
}

export function describeParameter(p: SweepParameter): string {
  switch (p.distribution) {
    case 'categorical': {
      const chances = p.probabilities ? ` with probabilities ${p.probabilities.join(', ')}` : '';
      return `one of ${p.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}${chances}`;
    }
    case 'uniform': return `uniform ${p.min} … ${p.max}`;
    case 'log_uniform': return `log-uniform ${p.min} … ${p.max}`;
    case 'int_uniform': return `integer ${p.min} … ${p.max}`;
    case 'q_uniform': return `${p.min} … ${p.max} in steps of ${p.q}`;
    case 'normal': return `normal, mean ${p.mu}, sd ${p.sigma}`;
  }
}
