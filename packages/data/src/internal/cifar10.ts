import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { CIFAR10_FILE_LIST, CIFAR10_FOLDER, CIFAR10_MD5, CIFAR10_TITLE, CIFAR10_URL } from '../cifar10-location.ts';
import type { Dataset, LoadOptions } from '../types.ts';
import { checkCifarFiles, readCifarSplit, readNameList, type CifarFormat } from './cifar-binary.ts';
import { locateRemote, type RemoteDataset } from './remote.ts';

const TRAIN_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
];
const TEST_FILES = ['test_batch.bin'];
const DEFAULT_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const FORMAT: CifarFormat = {
  title: 'CIFAR-10',
  labelBytes: 1,
  labelIndex: 0,
  classes: 10,
  officialRecords: Object.fromEntries([...TRAIN_FILES, ...TEST_FILES].map((name) => [name, 10_000])),
};

function remote(options: LoadOptions): RemoteDataset {
  return {
    title: CIFAR10_TITLE,
    folder: CIFAR10_FOLDER,
    fileList: CIFAR10_FILE_LIST,
    source: { archive: { url: options.cifar10Url ?? CIFAR10_URL, md5: options.cifar10Md5 ?? CIFAR10_MD5 } },
    holdsFiles: (entries) => [...TRAIN_FILES, ...TEST_FILES].some((name) => entries.includes(name)),
    check: async (folder, help) =>
      void (await checkCifarFiles(folder, [...TRAIN_FILES, ...TEST_FILES], FORMAT, help, options.anyRecordCount)),
  };
}

/**
 * Finds CIFAR-10 (data.path → $TFYAML_DATA_DIR → cache → download into the cache) and reads it, keeping the
 * first `limits` records of each split (the caller passes none when it re-splits the records).
 */
export async function loadCifar10(
  spec: DataSpec,
  options: LoadOptions,
  limits: { train?: number; test?: number },
): Promise<Dataset> {
  const folder = await locateRemote(remote(options), spec.path, options);
  const records = await checkCifarFiles(folder, [...TRAIN_FILES, ...TEST_FILES], FORMAT, '', options.anyRecordCount);
  const [train, test, classNames] = await Promise.all([
    readCifarSplit(folder, TRAIN_FILES, records, limits.train, FORMAT),
    readCifarSplit(folder, TEST_FILES, records, limits.test, FORMAT),
    readNameList(join(folder, 'batches.meta.txt'), 10, DEFAULT_CLASS_NAMES),
  ]);
  return {
    name: 'cifar10',
    inputShape: [32, 32, 3],
    numClasses: 10,
    classNames,
    task: 'classification',
    train,
    test,
    source: folder,
  };
}
