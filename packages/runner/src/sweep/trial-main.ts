// One sweep trial, in its own process: an ordinary run of the sweep's experiment.yaml with the trial's parameters,
// each epoch reported to the sweep, which answers whether to go on.
import { reportError } from '../exit.ts';
import { resumeExperiment } from '../commands/resume.ts';
import { runExperiment } from '../commands/run.ts';
import type { Progress } from '../progress.ts';
import { asDiskError } from '../results/disk-error.ts';
import type { EpochCallback, StopRequest } from '../train/callbacks.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import type { FromTrial, ToTrial, TrialConfig } from './protocol.ts';

const send = (message: FromTrial): void => {
  process.send?.(message);
};
const BATCH_INTERVAL_MS = 250;
const sweepPid = process.ppid;

/**
 * Training never yields to the event loop within an epoch (tfjs resolves its promises as microtasks), so neither a
 * 'disconnect' nor a signal handler would run there. A trial whose sweep died (kill -9) notices here, at the next
 * batch, that it was handed to another parent, and ends: nobody would record it, and a resumed sweep runs it again.
 */
function exitIfOrphaned(): void {
  if (process.ppid !== sweepPid) process.exit(1);
}

/** Progress as messages to the sweep, which draws them; batches at most four times a second. */
function reportingProgress(): Progress {
  let last = 0;
  return {
    epochStart: (epoch, epochs, batches) => send({ kind: 'epochStart', epoch, epochs, batches }),
    batch(done) {
      exitIfOrphaned();
      if (Date.now() - last < BATCH_INTERVAL_MS) return;
      last = Date.now();
      send({ kind: 'batch', done });
    },
    epochEnd: (text) => send({ kind: 'line', text }),
    download: () => {},
    note: (text) => send({ kind: 'line', text }),
    stop: () => {},
  };
}

/** Asks the sweep after every epoch; it answers from every trial's results so far. */
class AskTheSweep implements EpochCallback {
  private pending: ((answer: StopRequest | undefined) => void) | undefined;
  private stopped: { epoch: number; reason: string } | undefined;

  constructor() {
    process.on('message', (message: ToTrial) => {
      this.pending?.(message.prune ? { reason: message.reason ?? 'pruned by the sweep', status: 'pruned' } : undefined);
      this.pending = undefined;
    });
  }

  onEpochEnd(row: EpochRow): Promise<StopRequest | undefined> {
    return new Promise((resolve) => {
      this.pending = (answer) => {
        if (answer) this.stopped = { epoch: row['epoch']!, reason: answer.reason };
        resolve(answer);
      };
      send({ kind: 'epoch', row });
    });
  }

  async onTrainEnd(): Promise<Record<string, unknown>> {
    return this.stopped ? { pruned: this.stopped } : {};
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]!) as TrialConfig;
  if (!process.connected) process.exit(1); // the sweep ended while this process started (trial-entry.js)
  // No SIGINT handler: Ctrl-C, which reaches the terminal's whole process group, ends a trial at once; the sweep
  // records it as stopped and runs it again on --resume.
  let done: FromTrial;
  try {
    // The sweep's report covers every trial (and `tfyaml report <trial folder>` still works).
    const settings = { progress: reportingProgress(), callbacks: [new AskTheSweep()], report: false };
    const outcome = config.resume
      ? await resumeExperiment(config.runDir, settings)
      : await runExperiment({ file: config.file, overrides: config.overrides, runDir: config.runDir, ...settings });
    done = { kind: 'done', status: outcome.status };
  } catch (error) {
    // A full disk is said as such, even when a plain write (not a results/ writer) hit it.
    const disk = asDiskError(error, config.runDir);
    let text = '';
    reportError(disk ?? error, (t) => {
      text += t;
    });
    done = { kind: 'done', status: 'failed', error: text.replace(/^✖ /, '').trim(), ...(disk ? { disk: true } : {}) };
  }
  process.send!(done, () => process.exit(0));
}

await main();
