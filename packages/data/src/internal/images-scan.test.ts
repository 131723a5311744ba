import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from '../errors.ts';
import { makeTempDir } from './fixtures.testkit.ts';
import { writeImage } from './format-files.testkit.ts';
import { imagesUnder, scanImageFolder } from './images-scan.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const rejected = (promise: Promise<unknown>): Promise<DataError> =>
  promise.then(
    () => assert.unreachable('should have thrown') as never,
    (error: unknown) => {
      assert.instance(error, DataError);
      return error as DataError;
    },
  );

const scan = suite('scanImageFolder');
scan.before.each(async () => {
  temp = await makeTempDir();
});
scan.after.each(async () => {
  await temp.remove();
});

scan('a training class folder without images is refused by name, before later folders are walked', async () => {
  await writeImage(join(temp.path, 'a', 'x.png'), 2, 2, [1, 2, 3]);
  await mkdir(join(temp.path, 'b', 'notes'), { recursive: true });
  await writeFile(join(temp.path, 'b', 'notes', 'readme.txt'), 'not an image');
  const error = await rejected(scanImageFolder(temp.path));
  assert.match(
    error.message,
    `${join(temp.path, 'b')} holds no .png, .jpg or .jpeg files, but every class folder of ${temp.path} needs some`,
  );
  assert.equal(error.files, [join(temp.path, 'b')]);
  const known = await scanImageFolder(temp.path, ['a', 'b']);
  assert.equal(
    known.files.map((f) => f.id),
    ['a/x.png'],
    'a test split may lack a class',
  );
});

scan(
  'links are never followed: an image or a folder outside the root is not read, and a loop does not hang',
  async () => {
    const root = join(temp.path, 'root');
    await writeImage(join(root, 'a', 'inside.png'), 2, 2, [1, 2, 3]);
    await writeImage(join(temp.path, 'outside', 'secret.png'), 2, 2, [1, 2, 3]);
    await symlink(join(temp.path, 'outside', 'secret.png'), join(root, 'a', 'linked.png'));
    await symlink(join(temp.path, 'outside'), join(root, 'a', 'elsewhere'));
    await symlink(root, join(root, 'a', 'loop'));
    await symlink(join(temp.path, 'outside'), join(root, 'b'));
    const folder = await scanImageFolder(root);
    assert.equal(folder.classNames, ['a']);
    assert.equal(
      folder.files.map((f) => f.id),
      ['a/inside.png'],
    );
  },
);

scan.run();

const under = suite('imagesUnder');
under.before.each(async () => {
  temp = await makeTempDir();
});
under.after.each(async () => {
  await temp.remove();
});

under('a folder nested deeper than 8 levels is refused, naming it', async () => {
  const deep = join(temp.path, ...'abcdefghij'.split(''));
  await writeImage(join(deep, 'x.png'), 2, 2, [1, 2, 3]);
  const error = await rejected(imagesUnder(temp.path));
  assert.match(
    error.message,
    `${join(temp.path, ...'abcdefghi'.split(''))} is more than 8 folders deep inside ${temp.path}`,
  );
  await writeImage(join(temp.path, 'a', 'b', 'y.png'), 2, 2, [1, 2, 3]);
  assert.equal(await imagesUnder(join(temp.path, 'a', 'b', 'c', 'd', 'e')), [join(deep, 'x.png')]);
});

under('past 200,000 entries the scan stops with a DataError naming the root', async () => {
  for (const name of ['1.png', '2.png', '3.png']) await writeImage(join(temp.path, 'c', name), 2, 2, [1, 2, 3]);
  const spent = { root: temp.path, entries: 200_000 - 2 };
  const error = await rejected(imagesUnder(join(temp.path, 'c'), spent));
  assert.match(error.message, `${temp.path} holds more than 200,000 files and folders under its class folders`);
  assert.equal(
    await imagesUnder(join(temp.path, 'c'), { root: temp.path, entries: 200_000 - 3 }),
    ['1.png', '2.png', '3.png'].map((n) => join(temp.path, 'c', n)),
  );
});

under('an unreadable folder is a DataError naming it, not a crash', async () => {
  const error = await rejected(imagesUnder(join(temp.path, 'missing')));
  assert.match(
    error.message,
    `Cannot read ${join(temp.path, 'missing')} (ENOENT) while looking for images in ${join(temp.path, 'missing')}`,
  );
});

under.run();
