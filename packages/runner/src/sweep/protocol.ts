// Messages between the sweep process and a trial's process (child_process IPC). The trial reports each epoch and
// waits for the answer, so early termination acts at that epoch's end, not at the next poll.
import type { EpochRow } from '../train/epoch-row.ts';
import type { RunStatus } from '../results/summary.ts';

/** What a trial process is told to run, as its one argument (JSON). */
export interface TrialConfig {
  /** The sweep's experiment.yaml: the sweep file without its sweep block. */
  file: string;
  /** The trial's parameters as `--set` arguments. */
  overrides: string[];
  /** trials/<n>/ of the sweep. */
  runDir: string;
  /** Continue the interrupted attempt in runDir from its resume state instead of starting afresh. */
  resume?: boolean;
}

export type FromTrial =
  | { kind: 'epochStart'; epoch: number; epochs: number; batches: number }
  | { kind: 'batch'; done: number }
  /** A progress line (epoch summary, note); the sweep log keeps it. */
  | { kind: 'line'; text: string }
  /** An epoch ended: the sweep answers with a `decision`. */
  | { kind: 'epoch'; row: EpochRow }
  /** `disk`: the trial failed because the disk is full or failing, not because of its parameters: the sweep stops,
   * and the trial runs again on --resume. */
  | { kind: 'done'; status: RunStatus; error?: string; disk?: boolean };

/** The answer to an `epoch`. (Stopping a trial is a signal: within an epoch a trial reads no messages.) */
export type ToTrial = { kind: 'decision'; prune: boolean; reason?: string };
