import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LABEL_MODE_DEFAULT, type DataSpec } from '@tfyaml/spec-schema';
import { DataError } from './errors.ts';
import { csvOptions, tableWidth } from './internal/csv.ts';
import { inferLayout } from './internal/csv-layout.ts';
import { readDataFileSync } from './internal/data-file.ts';
import { parseCsv } from './internal/csv-read.ts';
import { imageTarget } from './internal/images.ts';
import { checkSyntheticOptions } from './internal/synthetic.ts';

export interface DatasetShape {
  inputShape: number[];
  numClasses: number;
}

/**
 * A dataset's sample shape and class count without loading its records, for `tfyaml check`: named datasets are
 * fixed, an image folder is listed, a csv table is read and typed (not encoded).
 */
export function describeDataset(spec: DataSpec): DatasetShape {
  switch (spec.dataset) {
    case 'cifar10':
      return { inputShape: [32, 32, 3], numClasses: 10 };
    case 'cifar100':
      return { inputShape: [32, 32, 3], numClasses: (spec.labelMode ?? LABEL_MODE_DEFAULT) === 'fine' ? 100 : 20 };
    case 'mnist':
    case 'fashion-mnist':
      return { inputShape: [28, 28, 1], numClasses: 10 };
    case 'synthetic': {
      const o = checkSyntheticOptions(spec.synthetic);
      return { inputShape: [o.imageSize, o.imageSize, o.channels], numClasses: o.classes };
    }
    case 'csv':
      return describeCsv(spec);
    case 'images': {
      const { height, width, channels } = imageTarget(spec.images);
      return { inputShape: [height, width, channels], numClasses: classFolders(spec).length };
    }
  }
}

function describeCsv(spec: DataSpec): DatasetShape {
  const options = csvOptions(spec);
  const read = (path: string) =>
    parseCsv(readDataFileSync(path, 'Check data.path.').toString('utf8'), path, options.delimiter);
  const extra = [spec.split?.test, spec.split?.validation].filter((s): s is string => typeof s === 'string');
  const files = [read(spec.path!), ...extra.map((name) => read(resolve(dirname(spec.path!), name)))];
  const layout = inferLayout(files, options, spec.split?.column);
  return {
    inputShape: [tableWidth(layout)],
    numClasses: layout.task === 'classification' ? layout.classNames.length : 1,
  };
}

function classFolders(spec: DataSpec): string[] {
  const named = typeof spec.split?.test === 'string' || typeof spec.split?.validation === 'string';
  const root = named ? join(spec.path!, 'train') : spec.path!;
  const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  if (folders.length === 0)
    throw new DataError(
      `${root} has no class folders. Images go in <folder>/<class>/*.png|jpg|jpeg, one sub-folder per class.`,
      { files: [root], specPath: 'data.path' },
    );
  return folders.map((e) => e.name);
}
