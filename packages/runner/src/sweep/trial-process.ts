// The sweep's side of one trial: forks its process, answers its epochs, collects its output and how it ended.
// A process per trial because tfjs blocks the event loop while it computes, and so a crash ends only that trial.
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { RunStatus } from '../results/summary.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import type { Decision } from './pruner.ts';
import type { FromTrial, ToTrial, TrialConfig } from './protocol.ts';

const ENTRY = new URL('./trial-entry.js', import.meta.url);

export interface TrialEvents {
  epochStart(epoch: number, epochs: number, batches: number): void;
  batch(done: number): void;
  /** A progress line of the trial, or a line it wrote to stdout/stderr. */
  line(text: string): void;
  /** The answer may take a while (a distributed sweep asks Redis); the trial waits for it. */
  epoch(row: EpochRow): Decision | Promise<Decision>;
}

/** How the process ended: its own report, or (when it died without one) the exit code or signal. */
export type TrialExit =
  | {
      reported: true;
      status: RunStatus;
      error?: string;
      /** It failed for want of disk (see protocol.ts). */ disk?: boolean;
    }
  | { reported: false; code: number | null; signal: NodeJS.Signals | null; lastOutput?: string };

export class TrialProcess {
  private readonly child: ChildProcess;
  private report: Extract<FromTrial, { kind: 'done' }> | undefined;
  private lastOutput: string | undefined;
  readonly exited: Promise<TrialExit>;

  constructor(
    config: TrialConfig,
    private readonly events: TrialEvents,
  ) {
    this.child = fork(ENTRY, [JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (text) => {
        if (text.trim()) this.lastOutput = text;
        events.line(text);
      });
    }
    this.child.on('message', (message: FromTrial) => this.onMessage(message));
    // 'close', not 'exit': it comes after the output and the IPC messages are all read, the report included.
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) =>
        resolve(
          this.report
            ? {
                reported: true,
                status: this.report.status,
                ...(this.report.error ? { error: this.report.error } : {}),
                ...(this.report.disk ? { disk: true } : {}),
              }
            : { reported: false, code, signal, ...(this.lastOutput ? { lastOutput: this.lastOutput } : {}) },
        ),
      );
      // A process that could not be started never closes: it ends the trial as a crash would.
      this.child.on('error', (error) => {
        if (this.child.pid === undefined)
          resolve({ reported: false, code: null, signal: null, lastOutput: error.message });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the trial (Ctrl-C); it is not recorded, and runs again on --resume. */
  stop(): void {
    this.child.kill('SIGTERM');
  }

  /** Ends it even if it ignores SIGTERM. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  private onMessage(message: FromTrial): void {
    switch (message.kind) {
      case 'epochStart':
        return this.events.epochStart(message.epoch, message.epochs, message.batches);
      case 'batch':
        return this.events.batch(message.done);
      case 'line':
        return this.events.line(message.text);
      case 'epoch':
        return void Promise.resolve(this.events.epoch(message.row)).then((d) => this.send({ kind: 'decision', ...d }));
      case 'done':
        this.report = message;
    }
  }

  private send(message: ToTrial): void {
    if (this.child.connected) this.child.send(message);
  }
}
