// Where the sweep queue is: --queue, else $TFYAML_QUEUE, as a redis:// or rediss:// (TLS) URL with optional
// user:password and database number. Parsed here so a typo is a user error naming the URL, not a connection timeout.
import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { RunError } from '../../errors.ts';

export const QUEUE_ENV = 'TFYAML_QUEUE';

/** The queue URL from the flag or the environment; a RunError when neither gives one. */
export function queueUrlOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env[QUEUE_ENV];
  if (!url) {
    throw new RunError(
      'a distributed sweep needs its Redis server',
      `pass --queue redis://host:6379 or export ${QUEUE_ENV}=redis://host:6379`,
    );
  }
  return url;
}

/** ioredis options for a queue URL. `maxRetriesPerRequest: null`: BullMQ's workers require it, and a command sent
 * while Redis restarts waits for it instead of failing the trial. */
export function redisOptionsOf(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new RunError(`${redact(url)} is not a URL`, 'write it as redis://host:6379 (or rediss:// for TLS)', {
      cause: error,
    });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RunError(`${redact(url)}: the queue must be a redis:// or rediss:// URL`, 'e.g. redis://10.0.0.5:6379');
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new RunError(`${redact(url)}: the database must be a number, not "${db}"`, 'e.g. redis://host:6379/0');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    // TLS checks the certificate against the host name; an address is checked against its IP entries (RFC 6066
    // allows no address as a server name).
    ...(parsed.protocol === 'rediss:' ? { tls: isIP(host) ? {} : { servername: host } } : {}),
    maxRetriesPerRequest: null,
    // Reconnect quickly and forever: a restarted Redis (AOF on) is back within seconds.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

export function connect(url: string): Redis {
  return new Redis(redisOptionsOf(url));
}

/** The URL as it may be printed: without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
