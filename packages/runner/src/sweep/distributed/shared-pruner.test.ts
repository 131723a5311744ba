import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { EarlyTerminateSpec } from '@tfyaml/spec-schema';
import { createRng } from '@tfyaml/data';
import { createPruner } from '../pruner.ts';
import { decideFromReports, storedReport, type StoredReport } from './shared-pruner.ts';

const shared = suite('decideFromReports');

const ASHA: EarlyTerminateSpec = { type: 'asha', minEpochs: 1, reductionFactor: 2 } as EarlyTerminateSpec;
const MEDIAN: EarlyTerminateSpec = { type: 'median', minEpochs: 1, reductionFactor: 3 } as EarlyTerminateSpec;

/** 8 trials × 4 epochs reporting in an interleaved order, as several machines would; one NaN among them. */
function arrivals(): StoredReport[] {
  const next = createRng(11);
  const reports: StoredReport[] = [];
  const epochOf = new Map<number, number>();
  while (reports.length < 32) {
    const trial = 1 + Math.floor(next() * 8);
    const epoch = (epochOf.get(trial) ?? 0) + 1;
    if (epoch > 4) continue;
    epochOf.set(trial, epoch);
    reports.push(storedReport(trial, epoch, reports.length === 5 ? Number.NaN : next()));
  }
  return reports;
}

for (const [name, spec] of [
  ['asha', ASHA],
  ['median', MEDIAN],
] as const) {
  shared(`${name}: the same decisions as the local pruner for the same arrival order`, () => {
    const local = createPruner(spec, 'maximize');
    const reports = arrivals();
    const expected = reports.map((r) => local.report(r.trial, r.epoch, r.value ?? Number.NaN));
    const replayed = reports.map((_, i) => decideFromReports(spec, 'maximize', reports.slice(0, i + 1)));
    assert.equal(replayed, expected);
    assert.ok(
      expected.some((d) => d.prune),
      'the order prunes something, so the comparison means something',
    );
  });
}

shared('a repeated report (a retried trial) gets its first decision and is not counted twice', () => {
  const reports = [storedReport(1, 1, 0.9), storedReport(2, 1, 0.1), storedReport(3, 1, 0.5)];
  const first = decideFromReports(ASHA, 'maximize', reports.slice(0, 2));
  assert.equal(decideFromReports(ASHA, 'maximize', [...reports, storedReport(2, 1, 0.1)]), first);
});

shared.run();
