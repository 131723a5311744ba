// journal.jsonl: the sweep's memory, one JSON line per event, appended and flushed as it happens. A trial started
// but never ended was interrupted and runs again on resume; an ended one never runs twice. trials.csv is rewritten
// from it on resume, so a crash between the two writes cannot duplicate or lose a row.
import { existsSync } from 'node:fs';
import { appendFileWhole, writeFileAtomic } from '../results/atomic-write.ts';
import { readResultsFile } from '../results/read-file.ts';
import type { TrialRecord } from '../results/trials-csv.ts';
import type { Params } from './space.ts';

export type JournalEntry = { event: 'start'; trial: number; params: Params } | { event: 'end'; record: TrialRecord };

export interface JournalState {
  /** Every trial started, with its parameters. */
  started: Map<number, Params>;
  /** Ended trials, in the order they ended. */
  ended: TrialRecord[];
}

export class Journal {
  constructor(readonly path: string) {
    if (!existsSync(path)) writeFileAtomic(path, '');
  }

  start(trial: number, params: Params): void {
    this.append({ event: 'start', trial, params });
  }

  end(record: TrialRecord): void {
    this.append({ event: 'end', record });
  }

  /** Reads the journal, dropping a line a crash cut short, and rewrites it without that line so appends stay whole. */
  recover(): JournalState {
    const entries = parseEntries(readResultsFile(this.path) ?? '');
    writeFileAtomic(this.path, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    return stateOf(entries);
  }

  private append(entry: JournalEntry): void {
    appendFileWhole(this.path, `${JSON.stringify(entry)}\n`);
  }
}

/** Another sweep's journal, read without touching it (it may be running): a warm start's trials. */
export function readJournal(path: string): JournalState {
  return stateOf(parseEntries(readResultsFile(path) ?? ''));
}

function parseEntries(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    try {
      if (line.trim()) entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A partial last line: the write it belonged to never finished, so the event never happened.
    }
  }
  return entries;
}

function stateOf(entries: readonly JournalEntry[]): JournalState {
  const state: JournalState = { started: new Map(), ended: [] };
  const endedTrials = new Set<number>();
  for (const entry of entries) {
    if (entry.event === 'start') state.started.set(entry.trial, entry.params);
    else if (!endedTrials.has(entry.record.trial)) {
      endedTrials.add(entry.record.trial);
      state.ended.push(entry.record);
    }
  }
  return state;
}
