// The sweep's progress on stderr. On a terminal: finished-trial lines scroll above a live block (status line, then
// one bar per running trial). Elsewhere (pipes, CI, TERM=dumb): plain lines, one per event, no colour.
import { isInteractive } from '../progress.ts';

export interface RunningTrial {
  trial: number;
  label: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
}

export interface SweepStatus {
  /** `4/8 done (1 pruned, 0 failed, 0 diverged), 2 running` */
  counts: string;
  /** `best val_accuracy 0.8125 (trial 2)` */
  best?: string;
  /** `ETA 1m05s` */
  eta?: string;
  running: RunningTrial[];
}

const lineOf = (s: SweepStatus): string => [s.counts, s.best, s.eta].filter(Boolean).join(' | ');

export interface SweepView {
  /** A line everyone should see: a trial started or ended. */
  event(text: string): void;
  /** A line for plain logs only (each epoch); the terminal view shows it as the trial's bar instead. */
  detail(text: string): void;
  status(status: SweepStatus): void;
  close(): void;
}

export function createSweepView(stream: NodeJS.WriteStream = process.stderr, env = process.env): SweepView {
  return isInteractive(stream, env) ? new LiveView(stream) : new PlainView(stream);
}

class PlainView implements SweepView {
  private lastCounts = '';
  constructor(private readonly stream: NodeJS.WritableStream) {}

  event(text: string): void {
    this.stream.write(`${text}\n`);
  }
  detail(text: string): void {
    this.stream.write(`${text}\n`);
  }

  /** Only when the counts change, not on every batch. */
  status(status: SweepStatus): void {
    if (status.counts === this.lastCounts) return;
    this.lastCounts = status.counts;
    this.stream.write(`${lineOf(status)}\n`);
  }

  close(): void {}
}

const REDRAW_MS = 200;
const BAR = 20;

class LiveView implements SweepView {
  private drawn = 0;
  private current: SweepStatus | undefined;
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.timer = setInterval(() => {
      if (this.dirty) this.redraw();
    }, REDRAW_MS);
    this.timer.unref();
  }

  event(text: string): void {
    this.erase();
    this.stream.write(`${text}\n`);
    this.draw();
  }

  detail(): void {}

  status(status: SweepStatus): void {
    this.current = status;
    this.dirty = true;
  }

  close(): void {
    clearInterval(this.timer);
    this.redraw();
  }

  private redraw(): void {
    this.erase();
    this.draw();
  }

  private erase(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}A\r\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    const width = Math.max(40, (this.stream.columns ?? 100) - 1);
    const lines = this.current
      ? [lineOf(this.current), ...this.current.running.map(barLine)].map((l) => l.slice(0, width))
      : [];
    if (lines.length) this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
    this.dirty = false;
  }
}

function barLine(t: RunningTrial): string {
  if (t.epochs === 0) return `  trial ${t.trial} starting ${t.label}`;
  const share = Math.min(1, (Math.max(0, t.epoch - 1) + (t.batches ? t.batch / t.batches : 0)) / t.epochs);
  const filled = Math.round(share * BAR);
  return `  trial ${t.trial} epoch ${t.epoch}/${t.epochs} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${t.label}`;
}
