// A real redis-server for tests: started on a free loopback port with its own temporary folder (AOF on, as the
// README asks of a real one), stopped and removed after. Where no redis-server binary exists the test says so and
// is skipped rather than run against a fake.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { connect } from './connection.ts';

export interface RedisServer {
  url: string;
  port: number;
  /** The server's folder (AOF, and whatever a test puts there: certificates). */
  dir: string;
  /** A client of this server, disconnected by stop() (a failed assertion must not leave one reconnecting forever). */
  client(): Redis;
  /** Stops the server (SIGTERM: AOF flushed) and starts it again on the same port and folder. */
  restart(): Promise<void>;
  /** Stops the server, keeping its port and folder for resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** More redis-server arguments (--requirepass, --tls-port …); a function of the server's folder. */
  args?: (dir: string) => string[];
  /** `user:password` for the URL and client() of a server that requires a login. */
  login?: string;
}

/** A running server, or undefined (after printing why) where this machine has no redis-server. */
export async function startRedisServer(label: string, options: ServerOptions = {}): Promise<RedisServer | undefined> {
  if (spawnSync('redis-server', ['--version']).error) {
    console.log(`skip: ${label}: no redis-server on this machine (apt-get install redis-server)`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-redis-'));
  const port = await freePort();
  const args = options.args?.(dir) ?? [];
  let server = await launch(dir, port, args);
  const url = `redis://${options.login ? `${options.login}@` : ''}127.0.0.1:${port}`;
  const clients: Redis[] = [];
  return {
    url,
    port,
    dir,
    client() {
      const client = connect(url);
      client.on('error', () => {}); // restarts are part of some tests
      clients.push(client);
      return client;
    },
    async restart() {
      await halt(server);
      server = await launch(dir, port, args);
    },
    pause: () => halt(server),
    async resume() {
      server = await launch(dir, port, args);
    },
    async stop() {
      for (const client of clients) client.disconnect();
      await halt(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

function launch(dir: string, port: number, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--protected-mode',
      'yes',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    // A server that neither starts nor exits (a port taken again, a slow AOF load) fails the test, not the suite.
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server not ready after 30 s: ${output.slice(-500)}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(limit);
        resolve(child);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(limit);
      reject(new Error(`redis-server exited with code ${code}: ${output.slice(-500)}`));
    });
  });
}

function halt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
