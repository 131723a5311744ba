// sweep.log: everything the sweep and its trials said, one timestamped line each, kept after the terminal is gone.
// Lines come from event handlers (a trial's output), where a throw would end the process with a stack; so a write
// that fails for want of disk is dropped, and the sweep hears of it through `onFailure` and stops cleanly.
import { appendFileWhole } from '../results/atomic-write.ts';
import { DiskError } from '../results/disk-error.ts';

export class SweepLog {
  private failure: DiskError | undefined;
  private readonly listeners: ((error: DiskError) => void)[] = [];

  constructor(readonly path: string) {}

  write(text: string): void {
    if (this.failure) return;
    const time = new Date().toISOString().slice(11, 19);
    try {
      appendFileWhole(
        this.path,
        text
          .split('\n')
          .map((line) => `${time} ${line}\n`)
          .join(''),
      );
    } catch (error) {
      if (!(error instanceof DiskError)) throw error;
      this.failure = error;
      for (const listener of this.listeners) listener(error);
    }
  }

  /** Calls `listener` once the log cannot be written (at once if it already could not). */
  onFailure(listener: (error: DiskError) => void): void {
    this.listeners.push(listener);
    if (this.failure) listener(this.failure);
  }
}
