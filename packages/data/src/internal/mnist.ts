// MNIST and Fashion-MNIST: four IDX files (train/test images and labels), gzipped or not, 28×28 grayscale.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { DataError } from '../errors.ts';
import type { Dataset, ImageSplit, LoadOptions, RemoteSource } from '../types.ts';
import { readIdx } from './idx.ts';
import { locateRemote, type RemoteDataset } from './remote.ts';

const FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
] as const;
/** Images per split in both variants' official files: fewer means a cut file (data.trainLimit is how to use fewer). */
const OFFICIAL_RECORDS = { train: 60_000, test: 10_000 };

const files = (base: string, md5: readonly string[]): RemoteSource => ({
  files: FILES.map((name, i) => ({ name: `${name}.gz`, url: `${base}${name}.gz`, md5: md5[i]! })),
});

type Variant = 'mnist' | 'fashion-mnist';

const VARIANTS: Record<Variant, { title: string; source: RemoteSource; classNames: string[] }> = {
  mnist: {
    title: 'MNIST',
    source: files('https://ossci-datasets.s3.amazonaws.com/mnist/', [
      'f68b3c2dcbeaaa9fbdd348bbdeb94873',
      'd53e105ee54ea40749a09fcbcd1e9432',
      '9fb629c4189551a2d022fa330f9573f3',
      'ec29112dd5afa0611ce80d1b7f02629c',
    ]),
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  'fashion-mnist': {
    title: 'Fashion-MNIST',
    source: files('https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/', [
      '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
      '25c81989df183df01b3e8a0aad5dffbe',
      'bef4ecab320f06d8554ea6380940ec79',
      'bb300cfdad3c16e7a12a480ee83cd310',
    ]),
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
  },
};

function remote(variant: Variant, options: LoadOptions): RemoteDataset {
  const { title, source } = VARIANTS[variant];
  return {
    title,
    folder: variant,
    source: options.remote?.[variant] ?? source,
    fileList: `${FILES.join(', ')} (each may be gzipped, with .gz added to its name)`,
    holdsFiles: (entries) => FILES.some((name) => entries.includes(name) || entries.includes(`${name}.gz`)),
    check: async (folder, help) => void (await findFiles(folder, title, help)),
  };
}

/** Each file's path, plain or gzipped; one DataError names every missing file. */
async function findFiles(folder: string, title: string, help: string): Promise<string[]> {
  const entries = await readdir(folder);
  const missing = FILES.filter((name) => !entries.includes(name) && !entries.includes(`${name}.gz`));
  if (missing.length > 0) {
    throw new DataError(`${title} files in ${folder} are missing: ${missing.join(', ')} (plain or .gz).\n\n${help}`, {
      files: missing.map((name) => join(folder, name)),
    });
  }
  return FILES.map((name) => join(folder, entries.includes(name) ? name : `${name}.gz`));
}

/** Finds MNIST or Fashion-MNIST like CIFAR-10 and reads it as [28, 28, 1] images. */
export async function loadMnist(
  variant: Variant,
  spec: DataSpec,
  options: LoadOptions,
  limits: { train?: number; test?: number },
): Promise<Dataset> {
  const folder = await locateRemote(remote(variant, options), spec.path, options);
  const { title, classNames } = VARIANTS[variant];
  const [trainImages, trainLabels, testImages, testLabels] = await findFiles(folder, title, '');
  const official = options.anyRecordCount ? undefined : OFFICIAL_RECORDS;
  const [train, test] = await Promise.all([
    readSplit(trainImages!, trainLabels!, limits.train, title, official?.train),
    readSplit(testImages!, testLabels!, limits.test, title, official?.test),
  ]);
  return {
    name: variant,
    inputShape: [28, 28, 1],
    numClasses: 10,
    classNames,
    task: 'classification',
    train,
    test,
    source: folder,
  };
}

async function readSplit(
  imagesPath: string,
  labelsPath: string,
  limit: number | undefined,
  title: string,
  officialCount: number | undefined,
): Promise<ImageSplit> {
  const help = `Replace it with the official ${title} file.`;
  const [images, labels] = await Promise.all([readIdx(imagesPath, help), readIdx(labelsPath, help)]);
  if (images.dims.length !== 3 || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new DataError(
      `${imagesPath} holds an array of shape [${images.dims.join(', ')}]; ${title} images are [N, 28, 28]. ${help}`,
      { files: [imagesPath] },
    );
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== images.dims[0]) {
    throw new DataError(
      `${labelsPath} holds ${labels.dims.join('×')} labels for the ${images.dims[0]} images of ${imagesPath}; they must match. ${help}`,
      { files: [labelsPath] },
    );
  }
  if (officialCount !== undefined && images.dims[0] !== officialCount) {
    throw new DataError(
      `${imagesPath} holds ${thousands(images.dims[0]!)} images; the official file has ${thousands(officialCount)}. It is cut ` +
        `short or not ${title}. ${help} To train on fewer images, keep the files whole and set data.trainLimit (or data.testLimit).`,
      { files: [imagesPath] },
    );
  }
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0)
    throw new DataError(`${labelsPath}: label ${bad} is ${labels.data[bad]}; ${title} labels are 0..9. ${help}`, {
      files: [labelsPath],
    });
  const count = Math.min(images.dims[0]!, limit ?? Infinity);
  return { images: images.data.slice(0, count * 784), labels: labels.data.slice(0, count), count };
}

const thousands = (n: number) => n.toLocaleString('en-US');
