// Training progress on stderr: a live batch bar on a terminal, plain lines elsewhere (CI, pipes, TERM=dumb).
import type { DownloadProgress } from '@tfyaml/data';
import { SingleBar } from 'cli-progress';

export interface BatchStats {
  loss: number;
  accuracy?: number;
  samplesPerSecond: number;
}

export interface Progress {
  epochStart(epoch: number, epochs: number, batches: number): void;
  batch(done: number, stats: BatchStats): void;
  epochEnd(line: string): void;
  download(progress: DownloadProgress): void;
  note(line: string): void;
  stop(): void;
}

export function isInteractive(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env['CI'] && env['TERM'] !== 'dumb';
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  return isInteractive(stream, env) ? new BarProgress(stream) : new LineProgress(stream);
}

const megabytes = (bytes: number) => Math.round(bytes / 1e5) / 10;

const describe = (s: BatchStats) =>
  `loss ${s.loss.toFixed(4)}${s.accuracy === undefined ? '' : ` acc ${s.accuracy.toFixed(4)}`} | ${Math.round(s.samplesPerSecond)} samples/s`;

class BarProgress implements Progress {
  private bar: SingleBar | undefined;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  epochStart(epoch: number, epochs: number, batches: number): void {
    this.bar = new SingleBar({
      stream: this.stream,
      fps: 5,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      format: `Epoch ${epoch}/${epochs} [{bar}] {value}/{total} | {stats} | ETA {eta_formatted}`,
    });
    this.bar.start(batches, 0, { stats: '' });
  }

  batch(done: number, stats: BatchStats): void {
    this.bar?.update(done, { stats: describe(stats) });
  }

  epochEnd(line: string): void {
    this.stop();
    this.stream.write(`${line}\n`);
  }

  download(p: DownloadProgress): void {
    if (p.done) return this.stop();
    if (!this.bar) {
      this.bar = new SingleBar({
        stream: this.stream,
        fps: 5,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        format: `Downloading ${p.url} [{bar}] {value}/{total} MB | ETA {eta_formatted}`,
      });
      this.bar.start(megabytes(p.totalBytes ?? 0), 0);
    }
    this.bar.update(megabytes(p.receivedBytes));
  }

  note(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/** One line per epoch and, in long epochs, a line every 15 s so logs show the run is alive. */
class LineProgress implements Progress {
  private epochLabel = '';
  private batches = 0;
  private lastLine = 0;
  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly intervalMs = 15_000,
  ) {}

  epochStart(epoch: number, epochs: number, batches: number): void {
    this.epochLabel = `Epoch ${epoch}/${epochs}`;
    this.batches = batches;
    this.lastLine = Date.now();
  }

  batch(done: number, stats: BatchStats): void {
    if (Date.now() - this.lastLine < this.intervalMs || done === this.batches) return;
    this.lastLine = Date.now();
    this.stream.write(`${this.epochLabel} batch ${done}/${this.batches} | ${describe(stats)}\n`);
  }

  epochEnd(line: string): void {
    this.stream.write(`${line}\n`);
  }

  download(p: DownloadProgress): void {
    if (!p.done && Date.now() - this.lastLine < this.intervalMs) return;
    this.lastLine = Date.now();
    const total = p.totalBytes === undefined ? '' : ` of ${megabytes(p.totalBytes)}`;
    this.stream.write(`Downloading ${p.url}: ${megabytes(p.receivedBytes)}${total} MB${p.done ? ', done' : ''}\n`);
  }

  note(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {}
}
