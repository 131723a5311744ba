// A distributed sweep's state in Redis, under `tfyaml:<sweep id>:`. Every record is first-write-wins, so a trial
// delivered twice (a retried job, a worker that woke after its lock expired) is recorded once:
//   meta      the sweep as enqueued (JSON, written once)      state   running | done | cancelled
//   params    trial → its parameters (HSETNX: a retried trial reuses its TPE sample)
//   records   trial → how it ended (HSETNX, and only while the job's lock is still held)   order   trials as recorded
//   running   trial → host, attempt, epoch (status)            prune   every epoch report, in arrival order
//   events    a stream of log lines: the distributed sweep.log
import type { Redis } from 'ioredis';
import type { TrialRecord } from '../../results/trials-csv.ts';
import type { Params } from '../space.ts';
import type { StoredReport } from './shared-pruner.ts';

export const SWEEPS_KEY = 'tfyaml:sweeps';
export const QUEUE_NAME = 'tfyaml-trials';

export interface SweepMeta {
  id: string;
  name: string;
  /** The resolved sweep file (sweep.yaml); validated again by whoever reads it. */
  spec: string;
  /** The sweep file, relative to the project root: each worker loads its own checkout's copy. */
  file: string;
  overrides: string[];
  /** experiment.yaml as the enqueuing machine wrote it (pull writes it into the sweep folder). */
  experiment: string;
  hashes: Hashes;
  total: number;
  retries: number;
  createdAt: string;
}

/** sha256 of the sweep file (with its bases), of the project version and of the lockfile. */
export interface Hashes {
  experiment: string;
  version: string;
  lockfile: string;
}

export type SweepState = 'running' | 'done' | 'cancelled';

/** A recorded trial: its trials.csv row, who ran it, and the files pull writes into trials/<n>/. */
export interface StoredTrial {
  record: TrialRecord;
  attempt: number;
  host: string;
  /** Where the model is: `<host>:<folder>`, or the --artifacts folder. */
  model: string;
  files: Record<string, string>;
}

export interface RunningTrial {
  trial: number;
  host: string;
  attempt: number;
  epoch: number;
  epochs: number;
  startedAt: number;
}

/** 1: recorded (and the sweep now holds `count` records); 0: recorded already; -1: the job's lock was lost. */
const RECORD_SCRIPT = `
if ARGV[3] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[3] then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
return 1`;

/** Ends a running sweep only: a cancelled one stays cancelled. */
const FINISH_SCRIPT = `if redis.call('GET', KEYS[1]) == 'running' then redis.call('SET', KEYS[1], ARGV[1]) return 1 end return 0`;

export type RecordResult = 'recorded' | 'duplicate' | 'lock-lost';

export class SweepStore {
  constructor(
    private readonly redis: Redis,
    readonly id: string,
  ) {}

  private key(part: string): string {
    return `tfyaml:${this.id}:${part}`;
  }

  /** Writes a new sweep; false when the id is taken. */
  async create(meta: SweepMeta): Promise<boolean> {
    if ((await this.redis.hsetnx(this.key('meta'), 'json', JSON.stringify(meta))) === 0) return false;
    await this.redis.multi().set(this.key('state'), 'running').zadd(SWEEPS_KEY, Date.now(), this.id).exec();
    return true;
  }

  /** The sweep's metadata as stored; undefined for an unknown id. The caller validates the spec in it. */
  async meta(): Promise<SweepMeta | undefined> {
    const json = await this.redis.hget(this.key('meta'), 'json');
    return json === null ? undefined : (JSON.parse(json) as SweepMeta);
  }

  async state(): Promise<SweepState | undefined> {
    return ((await this.redis.get(this.key('state'))) ?? undefined) as SweepState | undefined;
  }

  /** Marks a running sweep done or cancelled; true when this call changed it. */
  async finish(state: Exclude<SweepState, 'running'>): Promise<boolean> {
    return (await this.redis.eval(FINISH_SCRIPT, 1, this.key('state'), state)) === 1;
  }

  /** The trial's parameters: the first ones stored win, so every attempt of a trial gets the same. */
  async paramsFor(trial: number, draw: () => Params | Promise<Params>): Promise<Params> {
    const stored = await this.redis.hget(this.key('params'), String(trial));
    if (stored !== null) return JSON.parse(stored) as Params;
    await this.redis.hsetnx(this.key('params'), String(trial), JSON.stringify(await draw()));
    return JSON.parse((await this.redis.hget(this.key('params'), String(trial)))!) as Params;
  }

  async allParams(): Promise<Map<number, Params>> {
    const all = await this.redis.hgetall(this.key('params'));
    return new Map(Object.entries(all).map(([t, json]) => [Number(t), JSON.parse(json) as Params]));
  }

  /** Records a trial once; with `lock` ([key, token]) only while that job lock is still this worker's. */
  async record(stored: StoredTrial, lock?: [string, string]): Promise<RecordResult> {
    const keys = [this.key('records'), this.key('order'), lock?.[0] ?? this.key('nolock'), this.key('running')];
    const result = await this.redis.eval(
      RECORD_SCRIPT,
      4,
      ...keys,
      String(stored.record.trial),
      JSON.stringify(stored),
      lock?.[1] ?? '',
    );
    return result === 1 ? 'recorded' : result === 0 ? 'duplicate' : 'lock-lost';
  }

  async isRecorded(trial: number): Promise<boolean> {
    return (await this.redis.hexists(this.key('records'), String(trial))) === 1;
  }

  /** Recorded trials in the order they were recorded. */
  async records(): Promise<StoredTrial[]> {
    const [order, all] = await Promise.all([
      this.redis.lrange(this.key('order'), 0, -1),
      this.redis.hgetall(this.key('records')),
    ]);
    return order.filter((t) => all[t] !== undefined).map((t) => JSON.parse(all[t]!) as StoredTrial);
  }

  async setRunning(entry: RunningTrial): Promise<void> {
    await this.redis.hset(this.key('running'), String(entry.trial), JSON.stringify(entry));
  }

  async clearRunning(trial: number): Promise<void> {
    await this.redis.hdel(this.key('running'), String(trial));
  }

  async running(): Promise<RunningTrial[]> {
    return Object.values(await this.redis.hgetall(this.key('running')))
      .map((json) => JSON.parse(json) as RunningTrial)
      .sort((a, b) => a.trial - b.trial);
  }

  /** Appends an epoch report and returns every report up to and including it, atomically: the arrival order. */
  async reportEpoch(report: StoredReport): Promise<StoredReport[]> {
    const replies = await this.redis
      .multi()
      .rpush(this.key('prune'), JSON.stringify(report))
      .lrange(this.key('prune'), 0, -1)
      .exec();
    const [error, list] = replies![1]!;
    if (error) throw error;
    return (list as string[]).map((json) => JSON.parse(json) as StoredReport);
  }

  async log(host: string, text: string): Promise<void> {
    await this.redis.xadd(this.key('events'), 'MAXLEN', '~', '100000', '*', 'host', host, 'text', text);
  }

  /** Log lines after stream id `after` ('0': all); waits up to `blockMs` for the first when there are none. */
  async events(after: string, blockMs?: number): Promise<{ id: string; time: number; host: string; text: string }[]> {
    const reply =
      blockMs === undefined
        ? await this.redis.xread('COUNT', 1000, 'STREAMS', this.key('events'), after)
        : await this.redis.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', this.key('events'), after);
    if (!reply) return [];
    return reply[0]![1].map(([id, fields]) => {
      const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
      return { id, time: Number(id.split('-')[0]), host: field('host'), text: field('text') };
    });
  }
}
