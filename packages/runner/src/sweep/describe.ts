// What `tfyaml check` adds for a sweep: the trial count and the search space as a tree (a parameter, then under each
// value the parameters that value switches on), after checking every value in it.
import {
  gridSize,
  isConditional,
  isSweepVariable,
  orderedSpace,
  sweepObjectives,
  type LoadedSpec,
  type SpaceParameter,
  type SweepParameter,
  type SweepSpec,
} from '@tfyaml/spec-schema';
import { createSampler } from './sampler.ts';
import { resolveWorkers } from './workers.ts';
import { checkParameterValues } from './values-check.ts';

export function checkSweep(loaded: LoadedSpec): string {
  checkParameterValues(loaded);
  const { spec } = loaded;
  const sweep = spec.sweep!;
  const seed = sweep.seed ?? spec.seed;
  const sampler = createSampler(sweep, seed);
  const total = sampler.total;
  const space = orderedSpace(sweep.parameters);
  const grid =
    sweep.method !== 'grid'
      ? ''
      : isConditional(space)
        ? ' (valid combinations only)'
        : ` (${space.map((p) => gridSize(p.parameter)).join(' × ')})`;
  const seeded = sweep.method === 'grid' ? '' : `, seed ${seed}`;
  const stop = sweep.earlyTerminate
    ? `; early termination: ${sweep.earlyTerminate.type} from epoch ${sweep.earlyTerminate.minEpochs}${sweep.earlyTerminate.type === 'asha' ? `, reduction factor ${sweep.earlyTerminate.reductionFactor}` : ''}`
    : '';
  return [
    `Sweep: ${sweep.method}, ${total} trial${total === 1 ? '' : 's'}${grid}${seeded}, ${resolveWorkers(sweep, total)} at a time, scored by ${scoring(sweep)}${stop}`,
    ...(sampler.note ? [`  (${sampler.note})`] : []),
    ...spaceTree(space),
  ].join('\n');
}

/** One line per parameter; the parameters a value switches on (a choice's sub-parameters, or a when: that reads this
 * parameter) are indented under `= value`. */
export function spaceTree(space: readonly SpaceParameter[]): string[] {
  const under = (path: string | undefined) => space.filter((p) => p.conditions[0]?.path === path);
  const indent = (p: SpaceParameter): number => {
    const parent = space.find((q) => q.path === p.conditions[0]?.path);
    return parent ? indent(parent) + 4 : 2;
  };
  const column = Math.max(...space.map((p) => indent(p) + p.path.length));
  const lines = (p: SpaceParameter, depth: number): string[] => {
    const pad = '  '.repeat(depth + 1);
    const also = p.conditions.slice(1).map((c) => `${c.path} ∈ {${c.values.map(shown).join(', ')}}`);
    const variable = isSweepVariable(p.path) ? '  (a sweep variable: when: reads it, it sets nothing)' : '';
    const head = `${`${pad}${p.path}`.padEnd(column)}  ${describeParameter(p.parameter)}${also.length ? `  (and when ${also.join(', ')})` : ''}${variable}`;
    const groups = new Map<string, SpaceParameter[]>();
    for (const child of under(p.path)) {
      const label = child.conditions[0]!.values.map(shown).join(' | ');
      groups.set(label, [...(groups.get(label) ?? []), child]);
    }
    return [
      head,
      ...[...groups].flatMap(([label, children]) => [
        `${pad}  = ${label}:`,
        ...children.flatMap((c) => lines(c, depth + 2)),
      ]),
    ];
  };
  return space.filter((p) => p.conditions.length === 0).flatMap((p) => lines(p, 0));
}

const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function describeParameter(p: SweepParameter): string {
  switch (p.distribution) {
    case 'categorical': {
      const chances = p.probabilities ? ` with probabilities ${p.probabilities.join(', ')}` : '';
      return `one of ${p.values.map(shown).join(', ')}${chances}`;
    }
    case 'uniform':
      return `uniform ${p.min} … ${p.max}`;
    case 'log_uniform':
      return `log-uniform ${p.min} … ${p.max}`;
    case 'int_uniform':
      return `integer ${p.min} … ${p.max}`;
    case 'q_uniform':
      return `${p.min} … ${p.max} in steps of ${p.q}`;
    case 'normal':
      return `normal, mean ${p.mu}, sd ${p.sigma}`;
  }
}

/** `val_accuracy (maximize)`, or each objective and `: Pareto front` for several. */
function scoring(sweep: SweepSpec): string {
  const objectives = sweepObjectives(sweep);
  const each = objectives.map((o) => `${o.name} (${o.goal})`).join(', ');
  return objectives.length > 1 ? `${each}: Pareto front` : each;
}
