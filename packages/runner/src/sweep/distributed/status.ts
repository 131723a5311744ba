// `tfyaml sweep status <id>`: counts, best so far, and the running trials with host, attempt and epoch.
import { loadSpecText, primaryMetric } from '@tfyaml/spec-schema';
import { join } from 'node:path';
import { rankingOf } from '../best.ts';
import { formatDuration } from '../status.ts';
import { projectRoot } from './checkout.ts';
import { withRedis } from './connection-watch.ts';
import { openSweep } from './open-sweep.ts';

export async function sweepStatus(url: string, id: string, now = Date.now()): Promise<string> {
  return withRedis(url, async (redis) => {
    const { store, meta } = await openSweep(redis, id, url);
    const sweep = loadSpecText(meta.spec, join(projectRoot(), meta.file)).spec.sweep!;
    const metric = primaryMetric(sweep);
    const [state, stored, running] = await Promise.all([store.state(), store.records(), store.running()]);
    const records = stored.map((s) => s.record);
    const count = (status: string) => records.filter((r) => r.status === status).length;
    const { best, front } = rankingOf(records, sweep);
    const retried = stored.filter((s) => s.attempt > 1);
    return [
      `Sweep ${meta.name} (${id}): ${state}, ${records.length}/${meta.total} recorded (${count('completed')} completed, ${count('pruned')} pruned, ` +
        `${count('failed')} failed, ${count('diverged')} diverged), ${running.length} running`,
      front
        ? `Pareto front: ${front.length ? `trial${front.length === 1 ? '' : 's'} ${front.map((r) => r.trial).join(', ')}` : 'none yet'}`
        : best
          ? `best ${metric.name} ${best.value!.toFixed(4)} (trial ${best.trial})`
          : 'best: none yet',
      ...running.map(
        (r) =>
          `  trial ${r.trial} on ${r.host}, attempt ${r.attempt}, epoch ${r.epoch}/${r.epochs || '?'}, ${formatDuration((now - r.startedAt) / 1000)}`,
      ),
      ...retried.map((s) => `  trial ${s.record.trial} recorded by attempt ${s.attempt} on ${s.host}`),
    ].join('\n');
  });
}
