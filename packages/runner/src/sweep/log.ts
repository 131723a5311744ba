// sweep.log: everything the sweep and its trials said, one timestamped line each, kept after the terminal is gone.
import { appendFileSync } from 'node:fs';

export class SweepLog {
  constructor(readonly path: string) {}

  write(text: string): void {
    const time = new Date().toISOString().slice(11, 19);
    appendFileSync(this.path, text.split('\n').map((line) => `${time} ${line}\n`).join(''));
  }
}
