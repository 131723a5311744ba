import { execFileSync } from 'node:child_process';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from '../errors.ts';
import { MAX_DATA_FILE_BYTES, readDataFile, readDataFileSync } from './data-file.ts';
import { makeTempDir } from './fixtures.testkit.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const refused = (path: string): Promise<DataError> =>
  readDataFile(path, 'Check data.path.').then(
    () => assert.unreachable('should have thrown') as never,
    (error: unknown) => {
      assert.instance(error, DataError);
      assert.equal((error as DataError).files, [path]);
      return error as DataError;
    },
  );

const read = suite('readDataFile');
read.before.each(async () => {
  temp = await makeTempDir();
});
read.after.each(async () => {
  await temp.remove();
});

read('reads a regular file whole', async () => {
  await writeFile(join(temp.path, 'a.csv'), 'x,y\n1,2\n');
  assert.is((await readDataFile(join(temp.path, 'a.csv'), '')).toString(), 'x,y\n1,2\n');
});

read('a pipe, a device or a folder is refused without reading (which would block or never end)', async () => {
  const fifo = join(temp.path, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  assert.match(
    (await refused(fifo)).message,
    `${fifo} is not a regular file (a pipe, socket or device); a data file must be a file. Check data.path.`,
  );
  assert.match((await refused('/dev/zero')).message, 'not a regular file');
  assert.match((await refused(temp.path)).message, `${temp.path} is a folder`);
  assert.match(
    (await refused(join(temp.path, 'nope'))).message,
    `Cannot read ${join(temp.path, 'nope')} (no such file). Check data.path.`,
  );
});

read('a file larger than a sixteenth of the memory is refused by its size, before reading', async () => {
  const huge = join(temp.path, 'huge.csv');
  await writeFile(huge, '');
  await truncate(huge, MAX_DATA_FILE_BYTES + 1); // sparse: no disk space used
  assert.match(
    (await refused(huge)).message,
    /huge\.csv is \d+ MiB; files are read whole, and this machine allows \d+ MiB/,
  );
});

read('the synchronous twin refuses the same files', async () => {
  const fifo = join(temp.path, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  assert.throws(
    () => readDataFileSync(fifo, ''),
    (error: unknown) => error instanceof DataError && /not a regular file/.test(error.message),
  );
  assert.throws(
    () => readDataFileSync(join(temp.path, 'nope'), 'Check data.path.'),
    (error: unknown) => error instanceof DataError && /\(no such file\)\. Check data\.path\./.test(error.message),
  );
  await writeFile(join(temp.path, 'a.csv'), 'x\n1\n');
  assert.is(readDataFileSync(join(temp.path, 'a.csv'), '').toString(), 'x\n1\n');
});

read.run();
