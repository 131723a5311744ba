// The `data:` block of the experiment language: which dataset, its options, the splits, pixel normalization and
// augmentation. Each field is declared once here, as the JSON Schema fragment `schema.ts` uses for `data`; the
// TypeScript types below mirror it after ajv fills defaults, and the named rules at the end check what a schema
// cannot (options that belong to another dataset, splits a dataset cannot have, a task that contradicts the loss).
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LOSSES } from './losses.ts';
import type { PathKey } from './paths.ts';
import type { RuleFinding } from './rules.ts';
import type { Spec } from './types.ts';
import { TASKS, type Task } from './vocabulary.ts';

export const DATASET_NAMES = ['cifar10', 'cifar100', 'mnist', 'fashion-mnist', 'csv', 'images', 'synthetic'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Datasets tfyaml knows by name: found in data.path, $TFYAML_DATA_DIR or the cache, else downloaded. */
export const NAMED_DATASETS: readonly DatasetName[] = ['cifar10', 'cifar100', 'mnist', 'fashion-mnist'];

// The other closed sets of the data block; each is its field's schema `enum` and the element type of its TS union.
export const NORMALIZATIONS = ['none', 'scale', 'standardize'] as const;
export const LABEL_MODES = ['fine', 'coarse'] as const;
export const CSV_FEATURE_SETS = ['all', 'numeric'] as const;
export const CSV_ENCODINGS = ['onehot', 'embedding'] as const;
export const MISSING_POLICIES = ['error', 'drop', 'mean', 'constant'] as const;
export const IMAGE_COLORS = ['rgb', 'grayscale'] as const;
export const IMAGE_FITS = ['fill', 'cover'] as const;
export const BAD_IMAGE_POLICIES = ['fail', 'skip'] as const;
export const SYNTHETIC_CHANNELS = [1, 3] as const;

// ---------------------------------------------------------------------------------------------------------------
// Defaults of the per-dataset blocks. The loaders apply them when a block is left out (ajv only fills a block
// that is written), so they are declared here once and used by both.

export const SYNTHETIC_DEFAULTS = {
  classes: 4,
  imageSize: 16,
  channels: 3,
  trainSize: 2000,
  testSize: 400,
  noise: 0.25,
} as const;
export const CSV_DEFAULTS = {
  features: 'all',
  categorical: [],
  encoding: 'onehot',
  missing: 'error',
  fillValue: 0,
  delimiter: ',',
} as const;
export const IMAGES_DEFAULTS = { imageSize: 64, color: 'rgb', fit: 'fill', onBadImage: 'fail' } as const;
export const SPLIT_DEFAULTS = { stratify: false } as const;
/** The test split of csv and images when `data.split` names none (named datasets have their own). */
export const DEFAULT_TEST_FRACTION = 0.2;
export const LABEL_MODE_DEFAULT = 'fine';

// ---------------------------------------------------------------------------------------------------------------
// Schema

const fraction = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as const;

const splitSource = (what: string) => ({
  anyOf: [
    {
      ...fraction,
      description: `A fraction of the training records held out as the ${what} split (seeded; stratified with split.stratify).`,
    },
    {
      type: 'string',
      minLength: 1,
      description: `A named split: "test" is the dataset's own test split; for images a sub-folder <path>/<name>/; for csv another file with the same columns (relative to data.path's folder).`,
    },
  ],
});

const unitInterval = (description: string) => ({ type: 'number', minimum: 0, maximum: 1, default: 0, description });

export const dataSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The dataset to train and test on, and how to prepare it.',
  required: ['dataset'],
  properties: {
    dataset: {
      enum: DATASET_NAMES,
      description:
        'cifar10 | cifar100 | mnist | fashion-mnist (found or downloaded) | csv (a table file) | images (a folder <path>/<class>/*.png|jpg) | synthetic (generated).',
    },
    path: {
      type: 'string',
      minLength: 1,
      description:
        'Relative to this file. Named datasets: the folder holding their files (else $TFYAML_DATA_DIR, the cache, a download); csv: the table file; images: the folder of class folders.',
    },
    trainLimit: {
      type: 'integer',
      minimum: 1,
      description: 'Use only the first N training records (after splitting).',
    },
    testLimit: { type: 'integer', minimum: 1, description: 'Use only the first N test records (after splitting).' },
    normalize: {
      enum: NORMALIZATIONS,
      default: 'scale',
      description:
        'Pixels: none = 0..255, scale = 0..1, standardize = per-channel mean/std (of the training split, or channelStats). csv numeric columns are always standardized.',
    },
    channelStats: {
      type: 'object',
      additionalProperties: false,
      required: ['mean', 'std'],
      description:
        'Given per-channel statistics for normalize: standardize, on the 0..1 scale, instead of computing them from the training split.',
      properties: {
        mean: {
          type: 'array',
          minItems: 1,
          items: { type: 'number' },
          description: 'One mean per channel, e.g. [0.4914, 0.4822, 0.4465].',
        },
        std: {
          type: 'array',
          minItems: 1,
          items: { type: 'number', exclusiveMinimum: 0 },
          description: 'One standard deviation per channel, e.g. [0.247, 0.243, 0.261].',
        },
      },
    },
    labelMode: {
      enum: LABEL_MODES,
      description: 'cifar100 only: fine = the 100 classes (default), coarse = the 20 superclasses.',
    },
    split: {
      type: 'object',
      additionalProperties: false,
      description: 'Where the test and validation records come from.',
      properties: {
        test: {
          ...splitSource('test'),
          description:
            "Test records: a fraction of train or a named split. Default: the dataset's own test split; 0.2 for csv and images.",
        },
        validation: {
          ...splitSource('validation'),
          description: 'Validation records, replacing training.validation: a fraction of train or a named split.',
        },
        column: {
          type: 'string',
          minLength: 1,
          description:
            "csv only: a column naming each row's split, train | validation | test (instead of test/validation).",
        },
        stratify: {
          type: 'boolean',
          default: SPLIT_DEFAULTS.stratify,
          description: "Fraction splits keep each class's share (classification only).",
        },
      },
    },
    augment: {
      type: 'object',
      additionalProperties: false,
      description:
        'Random changes to training images, new for every batch (seeded); validation and test are never augmented.',
      properties: {
        horizontalFlip: { type: 'boolean', default: false, description: 'Mirror half of the images left-right.' },
        cropPadding: {
          type: 'integer',
          minimum: 0,
          default: 0,
          description: 'Pad by this many zero pixels on each side, then crop a random window of the original size.',
        },
        brightness: unitInterval('Add a random offset in ±brightness to every pixel of an image (0..1 scale).'),
        contrast: unitInterval(
          "Scale each image's deviation from its per-channel mean by a random factor in 1 ± contrast.",
        ),
        noise: unitInterval('Add gaussian noise with this standard deviation to every pixel (0..1 scale).'),
      },
    },
    csv: {
      type: 'object',
      additionalProperties: false,
      required: ['label'],
      description: 'dataset: csv: which columns are features and label, and how they become numbers.',
      properties: {
        label: { type: 'string', minLength: 1, description: 'The column to predict.' },
        features: {
          anyOf: [
            {
              enum: CSV_FEATURE_SETS,
              description:
                'all = every column but the label, id and split columns; numeric = those whose values are all numbers.',
            },
            {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', minLength: 1 },
              description: 'These columns, in this order.',
            },
          ],
          default: CSV_DEFAULTS.features,
          description:
            'The feature columns; a column is numeric when every present value is a number, else categorical.',
        },
        categorical: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', minLength: 1 },
          default: [],
          description: 'Columns treated as categories even though their values are numbers (codes, zip codes).',
        },
        encoding: {
          enum: CSV_ENCODINGS,
          default: CSV_DEFAULTS.encoding,
          description:
            'Categorical columns: onehot = one input per category; embedding = one input holding the category index (1-based, 0 = unknown) for an embedding layer.',
        },
        missing: {
          enum: MISSING_POLICIES,
          default: CSV_DEFAULTS.missing,
          description:
            'Empty, NA, N/A, NaN, null or ? cells: error names the first; drop skips the row; mean uses the training mean (category: unknown); constant uses fillValue.',
        },
        fillValue: {
          type: 'number',
          default: CSV_DEFAULTS.fillValue,
          description: 'The value of missing numeric cells with missing: constant.',
        },
        task: {
          enum: TASKS,
          description:
            'Default: classification when the label has text or at most 20 distinct whole numbers, else regression.',
        },
        id: {
          type: 'string',
          minLength: 1,
          description:
            "A column that names each row in predictions.csv (default: the row's line number); never a feature.",
        },
        delimiter: {
          type: 'string',
          minLength: 1,
          maxLength: 1,
          default: CSV_DEFAULTS.delimiter,
          description: 'The field separator.',
        },
      },
    },
    images: {
      type: 'object',
      additionalProperties: false,
      description:
        'dataset: images: a folder <path>/<class>/*.{png,jpg,jpeg} (Keras layout), decoded once into a cache.',
      properties: {
        imageSize: {
          anyOf: [
            { type: 'integer', minimum: 1, maximum: 1024, description: 'Square images of this side.' },
            {
              type: 'array',
              minItems: 2,
              maxItems: 2,
              items: { type: 'integer', minimum: 1, maximum: 1024 },
              description: '[height, width].',
            },
          ],
          default: IMAGES_DEFAULTS.imageSize,
          description: 'Every image is resized to this.',
        },
        color: { enum: IMAGE_COLORS, default: IMAGES_DEFAULTS.color, description: 'rgb = 3 channels, grayscale = 1.' },
        fit: {
          enum: IMAGE_FITS,
          default: IMAGES_DEFAULTS.fit,
          description:
            'fill = stretch to imageSize (Keras default); cover = keep the aspect ratio, cropping the centre.',
        },
        onBadImage: {
          enum: BAD_IMAGE_POLICIES,
          default: IMAGES_DEFAULTS.onBadImage,
          description: 'A file that does not decode: fail = stop with its path; skip = leave it out and warn.',
        },
      },
    },
    synthetic: {
      type: 'object',
      additionalProperties: false,
      description: 'Generated images (dataset: synthetic).',
      properties: {
        classes: {
          type: 'integer',
          minimum: 2,
          maximum: 256,
          default: SYNTHETIC_DEFAULTS.classes,
          description: 'Number of classes (stripe orientations).',
        },
        imageSize: {
          type: 'integer',
          minimum: 4,
          maximum: 256,
          default: SYNTHETIC_DEFAULTS.imageSize,
          description: 'Width and height of the square images, in pixels.',
        },
        channels: {
          enum: SYNTHETIC_CHANNELS,
          default: SYNTHETIC_DEFAULTS.channels,
          description: '1 = grayscale, 3 = colour.',
        },
        trainSize: {
          type: 'integer',
          minimum: 1,
          default: SYNTHETIC_DEFAULTS.trainSize,
          description: 'Number of training images.',
        },
        testSize: {
          type: 'integer',
          minimum: 1,
          default: SYNTHETIC_DEFAULTS.testSize,
          description: 'Number of test images.',
        },
        noise: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: SYNTHETIC_DEFAULTS.noise,
          description: 'Amplitude of the uniform per-pixel noise, as a fraction of full brightness.',
        },
      },
    },
  },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Types (after defaults)

export type Normalization = (typeof NORMALIZATIONS)[number];

/** Per-channel statistics on the 0..1 scale. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

export interface SyntheticOptions {
  classes: number;
  imageSize: number;
  channels: (typeof SYNTHETIC_CHANNELS)[number];
  trainSize: number;
  testSize: number;
  /** Pixel noise amplitude in 0..1; higher makes the task harder. */
  noise: number;
}

/** A fraction of train, or a named split ("test", an images sub-folder, a csv file). */
export type SplitSource = number | string;

export interface SplitSpec {
  test?: SplitSource;
  validation?: SplitSource;
  column?: string;
  stratify: boolean;
}

export interface AugmentSpec {
  horizontalFlip: boolean;
  cropPadding: number;
  brightness: number;
  contrast: number;
  noise: number;
}

export type CsvTask = Task;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];

export interface CsvOptions {
  label: string;
  features: (typeof CSV_FEATURE_SETS)[number] | string[];
  categorical: string[];
  encoding: (typeof CSV_ENCODINGS)[number];
  missing: MissingPolicy;
  fillValue: number;
  task?: CsvTask;
  id?: string;
  delimiter: string;
}

export interface ImageFolderOptions {
  imageSize: number | [number, number];
  color: (typeof IMAGE_COLORS)[number];
  fit: (typeof IMAGE_FITS)[number];
  onBadImage: (typeof BAD_IMAGE_POLICIES)[number];
}

export interface DataSpec {
  dataset: DatasetName;
  /** Named datasets: a folder with their files; csv: the table file; images: the folder of class folders. */
  path?: string;
  trainLimit?: number;
  testLimit?: number;
  normalize: Normalization;
  /** Given statistics for normalize: standardize (else computed from the training split). */
  channelStats?: ChannelStats;
  /** cifar100 only; 'fine' when absent. */
  labelMode?: (typeof LABEL_MODES)[number];
  split?: SplitSpec;
  augment?: AugmentSpec;
  csv?: CsvOptions;
  images?: ImageFolderOptions;
  synthetic?: SyntheticOptions;
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

type DataRule = (spec: Spec) => RuleFinding[];

const at = (
  keys: PathKey[],
  message: string,
  hint: string,
  severity: RuleFinding['severity'] = 'error',
): RuleFinding => ({ path: ['data', ...keys], severity, message, hint });

/** csv, images and labelMode configure one dataset each; written for another they would be silently ignored. */
const datasetOptionsMatchDataset: DataRule = ({ data }) => {
  const owners = [
    ['csv', 'csv'],
    ['images', 'images'],
    ['labelMode', 'cifar100'],
  ] as const;
  return owners.flatMap(([key, owner]) =>
    data[key] !== undefined && data.dataset !== owner
      ? [
          at(
            [key],
            `only applies to dataset: ${owner} (this spec uses ${data.dataset})`,
            `remove ${key} or set dataset: ${owner}`,
          ),
        ]
      : [],
  );
};

/** Your own data has no default place: csv needs its file and label column, images its folder. */
const ownDataIsNamed: DataRule = ({ data }) => {
  if (data.dataset !== 'csv' && data.dataset !== 'images') return [];
  const findings: RuleFinding[] = [];
  if (data.path === undefined) {
    findings.push(
      at(
        ['dataset'],
        `dataset: ${data.dataset} needs data.path`,
        data.dataset === 'csv'
          ? 'set path: to the table file, e.g. path: data/table.csv'
          : 'set path: to the folder holding one sub-folder per class',
      ),
    );
  }
  if (data.dataset === 'csv' && data.csv === undefined)
    findings.push(at(['dataset'], 'dataset: csv needs data.csv.label', 'add csv: { label: <the column to predict> }'));
  return findings;
};

/** Named splits exist only where the dataset has them; a column split is a csv feature and replaces test/validation. */
const splitsFitDataset: DataRule = ({ data }) => {
  const split = data.split;
  if (split === undefined) return [];
  const findings: RuleFinding[] = [];
  if (split.column !== undefined) {
    if (data.dataset !== 'csv')
      findings.push(
        at(
          ['split', 'column'],
          `a split column needs dataset: csv (this spec uses ${data.dataset})`,
          'use test/validation fractions or named splits',
        ),
      );
    for (const key of ['test', 'validation'] as const) {
      if (split[key] !== undefined)
        findings.push(
          at(
            ['split', key],
            `split.column already decides which rows are ${key} rows`,
            `remove split.${key} or split.column`,
          ),
        );
    }
  }
  for (const key of ['test', 'validation'] as const) {
    const source = split[key];
    if (typeof source === 'string') findings.push(...namedSplitProblems(data, key, source));
  }
  return findings;
};

function namedSplitProblems(data: Spec['data'], key: 'test' | 'validation', name: string): RuleFinding[] {
  if (data.dataset === 'csv') {
    if (data.path === undefined) return [];
    const file = resolve(dirname(data.path), name);
    return existsSync(file) && statSync(file).isFile()
      ? []
      : [
          at(
            ['split', key],
            `file not found: ${file}`,
            `name a csv file beside ${data.path}, or give a fraction such as 0.2`,
          ),
        ];
  }
  if (data.dataset === 'images') {
    if (data.path === undefined) return [];
    const missing = [name, 'train']
      .map((folder) => resolve(data.path!, folder))
      .filter((folder) => !(existsSync(folder) && statSync(folder).isDirectory()));
    return missing.length === 0
      ? []
      : [
          at(
            ['split', key],
            `a named split needs the folders <path>/train/ and <path>/${name}/; missing: ${missing.join(', ')}`,
            'put training images in <path>/train/<class>/ and these in <path>/' +
              name +
              '/<class>/, or give a fraction such as 0.2',
          ),
        ];
  }
  return name === 'test'
    ? []
    : [
        at(
          ['split', key],
          `${data.dataset} has no split named "${name}"`,
          'use "test" (its own test split) or a fraction such as 0.1',
        ),
      ];
}

/** Validation comes from one place: the data block or training.validation. */
const oneValidationSource: DataRule = (spec) => {
  const split = spec.data.split;
  const declared = split?.validation !== undefined || split?.column !== undefined;
  return declared && typeof spec.training.validation === 'number'
    ? [
        {
          path: ['training', 'validation'],
          severity: 'error',
          message: `data.split already gives the validation records, so training.validation ${spec.training.validation} would be ignored`,
          hint: 'remove training.validation, or remove the validation part of data.split',
        },
      ]
    : [];
};

/** Augmentation and pixel statistics act on images; a table has neither pixels nor channels. */
const pixelOptionsNeedImages: DataRule = ({ data }) => {
  if (data.dataset !== 'csv') return [];
  return (['augment', 'channelStats'] as const).flatMap((key) =>
    data[key] === undefined
      ? []
      : [
          at(
            [key],
            `applies to images, not csv tables (numeric columns are always standardized on the training split)`,
            `remove ${key}`,
          ),
        ],
  );
};

/** Given statistics replace computed ones, so they need normalize: standardize and one mean and std per channel. */
const channelStatsFitImages: DataRule = ({ data }) => {
  if (data.channelStats === undefined) return [];
  const { mean, std } = data.channelStats;
  const channels = channelsOf(data);
  if (data.normalize !== 'standardize')
    return [
      at(
        ['channelStats'],
        `is only used with normalize: standardize (this spec uses ${data.normalize})`,
        'set normalize: standardize or remove channelStats',
      ),
    ];
  if (mean.length !== std.length)
    return [
      at(['channelStats'], `has ${mean.length} means and ${std.length} stds`, 'give one mean and one std per channel'),
    ];
  return channels !== undefined && mean.length !== channels
    ? [
        at(
          ['channelStats', 'mean'],
          `has ${mean.length} values, but ${data.dataset} images have ${channels} channel${channels === 1 ? '' : 's'}`,
          `give ${channels} means and ${channels} stds`,
        ),
      ]
    : [];
};

function channelsOf(data: Spec['data']): number | undefined {
  switch (data.dataset) {
    case 'cifar10':
    case 'cifar100':
      return 3;
    case 'mnist':
    case 'fashion-mnist':
      return 1;
    case 'images':
      return (data.images?.color ?? IMAGES_DEFAULTS.color) === 'grayscale' ? 1 : 3;
    case 'synthetic':
      return data.synthetic?.channels ?? SYNTHETIC_DEFAULTS.channels;
    case 'csv':
      return undefined;
  }
}

/** A regression target cannot be scored per class, and class indices are poor regression targets. */
const taskFitsLoss: DataRule = (spec) => {
  const task = spec.data.csv?.task;
  const loss = spec.training.loss.type;
  const lossTask = LOSSES[loss].task;
  const findings: RuleFinding[] = [];
  if (task === 'regression' && lossTask === 'classification') {
    findings.push({
      path: ['training', 'loss'],
      severity: 'error',
      message: `${loss} scores classes, but data.csv.task is regression`,
      hint: 'use loss: meanSquaredError (or meanAbsoluteError) and a last dense layer with units: 1',
    });
  }
  if (task === 'classification' && lossTask === 'regression') {
    findings.push({
      path: ['training', 'loss'],
      severity: 'warning',
      message: `${loss} treats class indices as numbers, but data.csv.task is classification`,
      hint: 'use loss: sparseCategoricalCrossentropy',
    });
  }
  if (task === 'regression' && spec.data.split?.stratify)
    findings.push(at(['split', 'stratify'], 'a regression target has no classes to stratify by', 'remove stratify'));
  return findings;
};

/** The label, id and feature columns are different columns. */
const csvColumnsDistinct: DataRule = ({ data }) => {
  const csv = data.csv;
  if (csv === undefined) return [];
  const findings: RuleFinding[] = [];
  const features = Array.isArray(csv.features) ? csv.features : undefined;
  for (const [key, column] of [
    ['label', csv.label],
    ['id', csv.id],
    ['split', data.split?.column],
  ] as const) {
    const i = column === undefined ? -1 : (features?.indexOf(column) ?? -1);
    if (i >= 0)
      findings.push(
        at(
          ['csv', 'features', i],
          `"${column}" is the ${key} column, so it cannot be a feature`,
          'remove it from features',
        ),
      );
  }
  if (csv.id !== undefined && csv.id === csv.label)
    findings.push(at(['csv', 'id'], 'the id column cannot be the label', 'choose another id column or remove id'));
  csv.categorical.forEach((column, i) => {
    if (features !== undefined && !features.includes(column))
      findings.push(
        at(['csv', 'categorical', i], `"${column}" is not one of the features`, `add it to features or remove it here`),
      );
    if (column === csv.label)
      findings.push(
        at(
          ['csv', 'categorical', i],
          'the label is not a feature; its type follows task',
          'remove it here (set csv.task: classification instead)',
        ),
      );
  });
  return findings;
};

/** Part of `RULES` in rules.ts. */
export const dataRules: readonly DataRule[] = [
  datasetOptionsMatchDataset,
  ownDataIsNamed,
  splitsFitDataset,
  oneValidationSource,
  pixelOptionsNeedImages,
  channelStatsFitImages,
  taskFitsLoss,
  csvColumnsDistinct,
];
