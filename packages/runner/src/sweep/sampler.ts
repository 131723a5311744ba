// Which parameters trial n gets. Every method is a pure function of the seed, the trial number and (tpe only) the
// trials finished before, in the order they finished, so a resumed sweep continues the same sequence.
import type { SweepSpec } from '@tfyaml/spec-schema';
import { gridCount, gridPoint } from './grid.ts';
import { sampleSpace, trialRng, type Params } from './space.ts';
import { startupTrials, suggestTpe, type Observation } from './tpe.ts';

export interface Sampler {
  /** How many trials the sweep runs. */
  total: number;
  /** Parameters of trial `trial` (1-based). */
  suggest(trial: number, finished: readonly Observation[]): Params;
}

export function createSampler(sweep: SweepSpec, seed: number): Sampler {
  const { parameters } = sweep;
  switch (sweep.method) {
    case 'grid': return { total: gridCount(parameters), suggest: (trial) => gridPoint(parameters, trial - 1) };
    case 'random': return { total: sweep.trials!, suggest: (trial) => sampleSpace(parameters, trialRng(seed, trial)) };
    case 'tpe': {
      const startup = startupTrials(sweep.trials!);
      // The first trials are exactly random search's, so the two methods differ only where TPE's model acts.
      return {
        total: sweep.trials!,
        suggest: (trial, finished) => trial <= startup ? sampleSpace(parameters, trialRng(seed, trial)) : suggestTpe(parameters, finished, trialRng(seed, trial)),
      };
    }
  }
}
