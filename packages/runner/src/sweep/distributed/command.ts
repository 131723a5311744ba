// The CLI face of a distributed sweep: `tfyaml sweep <file> --distributed` (enqueue, then follow the log) and
// `tfyaml sweep status|pull|cancel <id>`.
import { loadSpec } from '@tfyaml/spec-schema';
import { overridesOf, type RunFlags } from '../../commands/flags.ts';
import { checkOutDir } from '../../commands/out-dir.ts';
import { UsageError } from '../../errors.ts';
import { cancelSweep } from './cancel.ts';
import { queueUrlOf, redact } from './connection.ts';
import { enqueueSweep } from './enqueue.ts';
import { followSweep } from './follow.ts';
import { pullSweep } from './pull.ts';
import { sweepStatus } from './status.ts';

export interface DistributedFlags extends RunFlags {
  distributed?: boolean;
  queue?: string;
}

export const SWEEP_ACTIONS = ['status', 'pull', 'cancel'] as const;
export const isSweepAction = (word: string | undefined): boolean =>
  (SWEEP_ACTIONS as readonly string[]).includes(word ?? '');

const say = (text: string) => process.stderr.write(`${text}\n`);

/** `action` is a sweep file, or status | pull | cancel with `id`. */
export async function distributedSweepCommand(
  action: string | undefined,
  id: string | undefined,
  flags: DistributedFlags,
): Promise<number> {
  const url = queueUrlOf(flags.queue);
  if (isSweepAction(action)) {
    if (id === undefined)
      throw new UsageError(
        `sweep ${action} needs the sweep id`,
        `tfyaml sweep ${action} <id>`,
        'the id tfyaml sweep --distributed printed',
      );
    if (action === 'status') process.stdout.write(`${await sweepStatus(url, id)}\n`);
    if (action === 'cancel')
      say(
        `Sweep ${id} cancelled: ${await cancelSweep(url, id)} queued trials removed; running ones stop at their next epoch.`,
      );
    if (action === 'pull') {
      checkOutDir(flags.out);
      say(`Sweep ${id} pulled: ${await pullSweep(url, id, flags.out, say)}`);
    }
    return 0;
  }
  if (action === undefined) throw new UsageError('give a sweep file', 'tfyaml sweep <file> --distributed');
  if (id !== undefined)
    throw new UsageError(`sweep takes 1 argument; unexpected "${id}"`, 'tfyaml sweep <file> --distributed');
  const meta = await enqueueSweep(loadSpec(action, { overrides: overridesOf(flags) }), url);
  process.stdout.write(`${meta.id}\n`);
  say(
    `Sweep ${meta.id}: ${meta.total} trials enqueued on ${redact(url)}. Start workers with: tfyaml worker (Ctrl-C here only stops following)`,
  );
  const detach = new AbortController();
  const onInterrupt = () => detach.abort();
  process.on('SIGINT', onInterrupt);
  try {
    const end = await followSweep(url, meta.id, say, detach.signal);
    if (end === 'detached')
      say(`\nDetached; the sweep goes on. tfyaml sweep status ${meta.id}, then tfyaml sweep pull ${meta.id}`);
    else say(`${await sweepStatus(url, meta.id)}\nGet the folder with: tfyaml sweep pull ${meta.id}`);
    return 0;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
