// The IDX format of MNIST and Fashion-MNIST: a magic number (two zero bytes, a type byte, the number of
// dimensions), the dimensions as big-endian uint32, then the data. Files may be gzipped; the bytes say so.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataError } from '../errors.ts';
import { MAX_DATA_FILE_BYTES, readDataFile } from './data-file.ts';

const UNSIGNED_BYTE = 0x08;
const unzip = promisify(gunzip);

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Reads an IDX file of unsigned bytes (gzipped or not) and checks that its size matches its header. */
export async function readIdx(path: string, help: string): Promise<IdxArray> {
  let bytes: Uint8Array = await readDataFile(path, help);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Bounded like a plain file: a small .gz may inflate without end (a gzip bomb).
      bytes = await unzip(bytes, { maxOutputLength: MAX_DATA_FILE_BYTES });
    } catch (error) {
      throw new DataError(`${path} is a damaged gzip file (${(error as Error).message}). Replace it.\n\n${help}`, {
        files: [path],
        cause: error,
      });
    }
  }
  return parseIdx(bytes, path, help);
}

function parseIdx(bytes: Uint8Array, path: string, help: string): IdxArray {
  const bad = (why: string) =>
    new DataError(`${path} is not an IDX file of bytes: ${why}. It is damaged or not MNIST; replace it.\n\n${help}`, {
      files: [path],
    });
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw bad('it does not start with the IDX magic number');
  if (bytes[2] !== UNSIGNED_BYTE) throw bad(`its data type is 0x${bytes[2]!.toString(16)}, not 0x08 (unsigned byte)`);
  const rank = bytes[3]!;
  const header = 4 + 4 * rank;
  if (rank === 0 || bytes.length < header) throw bad(`its header is cut short`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected)
    throw bad(`its header [${dims.join(', ')}] needs ${expected} bytes, but it has ${bytes.length}`);
  return { dims, data: bytes.subarray(header) };
}
