// Tiny CIFAR-10-shaped files and archives for tests; never imported by the package itself.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import * as assert from 'uvu/assert';
import { DataError } from '../errors.ts';
import { isTableSplit, type ImageSplit, type Split } from '../types.ts';

export const BATCH_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
  'test_batch.bin',
];
export const CLASS_NAMES = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];

/** Byte `p` of plane `channel` of record `r` of file `file`: distinct enough to catch a wrong layout. */
export function pixelValue(file: number, record: number, channel: number, p: number): number {
  return (file * 31 + record * 7 + channel * 50 + p) & 255;
}

export function labelOf(file: number, record: number): number {
  return (file + record) % 10;
}

/** Writes the six batch files (`records` each, official CHW layout) and batches.meta.txt into `folder`. */
export async function writeCifarFolder(folder: string, records = 20): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all(BATCH_FILES.map((name, file) => writeFile(join(folder, name), batchFile(file, records))));
  await writeFile(join(folder, 'batches.meta.txt'), `${CLASS_NAMES.join('\n')}\n\n`);
}

function batchFile(file: number, records: number): Uint8Array {
  const bytes = new Uint8Array(records * 3073);
  for (let r = 0; r < records; r++) {
    bytes[r * 3073] = labelOf(file, r);
    for (let c = 0; c < 3; c++) {
      for (let p = 0; p < 1024; p++) bytes[r * 3073 + 1 + c * 1024 + p] = pixelValue(file, r, c, p);
    }
  }
  return bytes;
}

export async function makeTempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'tfyaml-data-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A gzipped tar of `entries` (paths relative to `root`, `..` kept as is), with its bytes and MD5. */
export async function makeArchive(
  root: string,
  entries: string[],
  file: string,
): Promise<{ bytes: Buffer; md5: string }> {
  await create({ gzip: true, file, cwd: root, preservePaths: true, portable: true }, entries);
  const bytes = await readFile(file);
  return { bytes, md5: createHash('md5').update(bytes).digest('hex') };
}

export type Route = (response: ServerResponse) => void;

/** A server on 127.0.0.1 answering each path with its route (404 otherwise) and counting requests. */
export async function startServer(
  routes: Record<string, Route>,
): Promise<{ url: (path: string) => string; requests: Map<string, number>; close: () => Promise<void> }> {
  const requests = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route) route(response);
    else response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The split as images; fails the test when a loader returned a table. */
export function imagesOf(split: Split): ImageSplit {
  if (isTableSplit(split)) throw new Error('expected an image split, got a table split');
  return split;
}

/** The DataError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<DataError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, DataError);
    return error as DataError;
  }
  throw assert.unreachable('expected a DataError');
}
