// How long tfyaml waits for its Redis. ioredis reconnects forever and holds every command until it does, which a
// restarted server (AOF on) needs; a server that is gone for good, or that refuses the credentials, must instead end
// the command with one line naming the queue, not leave it waiting forever.
import type { Redis } from 'ioredis';
import { RunError } from '../../errors.ts';
import { connect, redact } from './connection.ts';

/** --redis-timeout's default, in seconds: a restarted Redis is back long before. */
export const DEFAULT_REDIS_TIMEOUT_S = 60;
const CHECK_MS = 250;

/** TLS errors that no retry mends: the server's certificate is not one this machine trusts for that host. */
const UNTRUSTED = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/;

/** A refused login (wrong password or user, an ACL user without a right) or an untrusted TLS certificate, as a
 * user error; else undefined. */
export function refusalOf(error: unknown, url: string): RunError | undefined {
  const message = error instanceof Error ? error.message : '';
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  if (UNTRUSTED.test(code))
    return new RunError(
      `${redact(url)}: this machine does not trust the server's TLS certificate (${message})`,
      'give Node the certificate of the CA that signed it: export NODE_EXTRA_CA_CERTS=/path/to/ca.pem',
      { cause: error },
    );
  if (!/^(WRONGPASS|NOAUTH|NOPERM)\b/.test(message)) return undefined;
  return new RunError(
    `${redact(url)} refused this login: ${message}`,
    message.startsWith('NOPERM')
      ? "give the ACL user the queue's commands and keys (ACL SETUSER name ~* &* +@all), or use another user"
      : "write the server's user and password in the URL: redis://user:password@host:6379 (or just :password@)",
    { cause: error },
  );
}

export interface ConnectionWatch {
  /** Rejects with a RunError once Redis has been unreachable for the timeout, or at once on a refused login. */
  lost: Promise<never>;
  /** Whether Redis answers now. */
  up(): boolean;
  /** Resolves when the connection is down (at once when it is). */
  down(): Promise<void>;
  stop(): void;
}

export function watchConnection(redis: Redis, url: string, timeoutMs: number): ConnectionWatch {
  let downSince: number | undefined = redis.status === 'ready' ? undefined : Date.now();
  let waiters: (() => void)[] = [];
  let fail: (error: RunError) => void = () => {};
  const lost = new Promise<never>((_, reject) => (fail = reject));
  lost.catch(() => {}); // a caller that never awaits it must not crash the process
  const onReady = () => (downSince = undefined);
  const onClose = () => {
    downSince ??= Date.now();
    for (const wake of waiters) wake();
    waiters = [];
  };
  const onError = (error: Error) => {
    const refusal = refusalOf(error, url);
    if (refusal) fail(refusal);
  };
  redis.on('ready', onReady).on('close', onClose).on('error', onError);
  const timer = setInterval(() => {
    if (downSince === undefined || Date.now() - downSince < timeoutMs) return;
    fail(
      new RunError(
        `lost the queue ${redact(url)}: no answer for ${Math.round(timeoutMs / 1000)} s`,
        'start redis-server there again (or check --queue / TFYAML_QUEUE); --redis-timeout sets how long to wait',
      ),
    );
  }, CHECK_MS);
  timer.unref();
  return {
    lost,
    up: () => downSince === undefined,
    down: () => (downSince === undefined ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve()),
    stop() {
      clearInterval(timer);
      redis.off('ready', onReady).off('close', onClose).off('error', onError);
    },
  };
}

/** Runs `action` on a fresh connection, ended by a lost or refused Redis instead of waiting forever. */
export async function withRedis<T>(
  url: string,
  action: (redis: Redis) => Promise<T>,
  timeoutMs = DEFAULT_REDIS_TIMEOUT_S * 1000,
): Promise<T> {
  const redis = connect(url);
  redis.on('error', () => {}); // reported through `lost`, or retried by ioredis
  const watch = watchConnection(redis, url, timeoutMs);
  try {
    return await Promise.race([action(redis), watch.lost]);
  } catch (error) {
    throw refusalOf(error, url) ?? error;
  } finally {
    watch.stop();
    redis.disconnect();
  }
}
