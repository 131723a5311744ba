import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DataError } from '../errors.ts';
import type { DownloadProgress } from '../types.ts';

/**
 * Streams `url` into the new file `destination`, hashing as it goes; returns the MD5 (hex).
 * Throws a DataError when the request fails, the server refuses, or the body ends early.
 * The caller owns `destination` and removes it on failure.
 */
export async function download(
  url: string,
  destination: string,
  onProgress?: (progress: DownloadProgress) => void,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DataError(`Downloading ${url} failed: ${reason(error)}. The machine may be offline.`, { cause: error });
  }
  if (!response.ok || response.body === null) {
    throw new DataError(`Downloading ${url} failed: the server answered ${response.status} ${response.statusText}.`);
  }
  const header = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(header) && header > 0 ? header : undefined;
  const hash = createHash('md5');
  const file = await open(destination, 'wx');
  let receivedBytes = 0;
  try {
    for await (const chunk of response.body) {
      hash.update(chunk);
      await file.write(chunk);
      receivedBytes += chunk.length;
      onProgress?.({ url, receivedBytes, totalBytes, done: false });
    }
  } catch (error) {
    throw new DataError(`Downloading ${url} failed after ${receivedBytes} bytes: ${reason(error)}.`, { cause: error });
  } finally {
    await file.close();
  }
  if (totalBytes !== undefined && receivedBytes !== totalBytes) {
    throw new DataError(`Downloading ${url} stopped early: received ${receivedBytes} of ${totalBytes} bytes.`);
  }
  onProgress?.({ url, receivedBytes, totalBytes, done: true });
  return hash.digest('hex');
}

/** fetch wraps network failures in a bare "fetch failed"; the cause says what actually happened. */
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
