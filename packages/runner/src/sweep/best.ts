// What best.json says about the sweep so far (results/best-json.ts writes it): the best trial of a single-metric
// sweep, or the Pareto front of a multi-objective one.
import { sweepObjectives, TRIAL_COLUMNS, type SweepSpec } from '@tfyaml/spec-schema';
import { writeBestJson, type TrialColumns } from '../results/best-json.ts';
import { columnValue, type TrialRecord } from '../results/trials-csv.ts';
import { paretoFront } from './pareto.ts';
import { bestOf, trialFolder } from './record.ts';
import { toOverrides } from './space.ts';

export interface Ranking {
  /** The best trial of a single-metric sweep. */
  best?: TrialRecord;
  /** The Pareto front of a multi-objective sweep, in trial order. */
  front?: TrialRecord[];
}

const isMultiObjective = (sweep: Pick<SweepSpec, 'metric' | 'metrics'>): boolean => sweepObjectives(sweep).length > 1;

export function rankingOf(records: readonly TrialRecord[], sweep: Pick<SweepSpec, 'metric' | 'metrics'>): Ranking {
  if (isMultiObjective(sweep))
    return { front: paretoFront(records, sweepObjectives(sweep)).sort((a, b) => a.trial - b.trial) };
  const best = bestOf(records, sweepObjectives(sweep)[0]!.goal);
  return best ? { best } : {};
}

/** Writes best.json from the records; nothing before a trial is ranked. Returns the ranking it wrote. */
export function writeRanking(dir: string, records: readonly TrialRecord[], sweep: SweepSpec): Ranking {
  const ranking = rankingOf(records, sweep);
  const objectives = sweepObjectives(sweep);
  if (ranking.front) {
    writeBestJson(dir, {
      metrics: objectives,
      front: ranking.front.map((r) => ({
        ...ranked(r),
        values: Object.fromEntries(objectives.map((o) => [o.name, columnValue(r, o.name)])),
      })),
    });
  } else if (ranking.best) {
    writeBestJson(dir, { ...ranked(ranking.best), metric: { ...objectives[0]!, value: ranking.best.value } });
  }
  return ranking;
}

function ranked(record: TrialRecord) {
  const folder = trialFolder(record.trial);
  const columns = Object.fromEntries(TRIAL_COLUMNS.map((c) => [c, columnValue(record, c)])) as TrialColumns;
  return {
    trial: record.trial,
    status: record.status,
    epoch: record.bestEpoch,
    parameters: record.params,
    overrides: toOverrides(record.params),
    dir: folder,
    model: `${folder}/model`,
    columns,
  };
}
