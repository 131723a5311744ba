import { join } from 'node:path';
import { LABEL_MODE_DEFAULT, type DataSpec } from '@tfyaml/spec-schema';
import type { Dataset, LoadOptions } from '../types.ts';
import { checkCifarFiles, readCifarSplit, readNameList, type CifarFormat } from './cifar-binary.ts';
import { locateRemote, type RemoteDataset } from './remote.ts';

export const CIFAR100_URL = 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz';
export const CIFAR100_MD5 = '03b5dce01913d631647c71ecec9e9cb8';
const FOLDER = 'cifar-100-binary';
const FILES = ['train.bin', 'test.bin'];

// The official archive lists these in fine_label_names.txt and coarse_label_names.txt; used when those are absent.
const FINE_NAMES = (
  'apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can castle ' +
  'caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin elephant flatfish forest fox ' +
  'girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster man maple_tree motorcycle mountain mouse mushroom ' +
  'oak_tree orange orchid otter palm_tree pear pickup_truck pine_tree plain plate poppy porcupine possum rabbit raccoon ray road ' +
  'rocket rose sea seal shark shrew skunk skyscraper snail snake spider squirrel streetcar sunflower sweet_pepper table tank ' +
  'telephone television tiger tractor train trout tulip turtle wardrobe whale willow_tree wolf woman worm'
).split(' ');
const COARSE_NAMES = (
  'aquatic_mammals fish flowers food_containers fruit_and_vegetables household_electrical_devices ' +
  'household_furniture insects large_carnivores large_man-made_outdoor_things large_natural_outdoor_scenes ' +
  'large_omnivores_and_herbivores medium_mammals non-insect_invertebrates people reptiles small_mammals trees vehicles_1 vehicles_2'
).split(' ');

// Records are coarse label, fine label, pixels.
const OFFICIAL_RECORDS = { 'train.bin': 50_000, 'test.bin': 10_000 };
const format = (mode: 'fine' | 'coarse'): CifarFormat =>
  mode === 'fine'
    ? { title: 'CIFAR-100', labelBytes: 2, labelIndex: 1, classes: 100, officialRecords: OFFICIAL_RECORDS }
    : { title: 'CIFAR-100', labelBytes: 2, labelIndex: 0, classes: 20, officialRecords: OFFICIAL_RECORDS };

function remote(options: LoadOptions): RemoteDataset {
  return {
    title: 'CIFAR-100 (binary version)',
    folder: FOLDER,
    fileList: 'train.bin and test.bin (fine_label_names.txt and coarse_label_names.txt optional)',
    source: options.remote?.cifar100 ?? { archive: { url: CIFAR100_URL, md5: CIFAR100_MD5 } },
    holdsFiles: (entries) => FILES.some((name) => entries.includes(name)),
    check: async (folder, help) =>
      void (await checkCifarFiles(folder, FILES, format('fine'), help, options.anyRecordCount)),
  };
}

/** Finds CIFAR-100 like CIFAR-10 and reads it with the fine (100) or coarse (20) labels. */
export async function loadCifar100(
  spec: DataSpec,
  options: LoadOptions,
  limits: { train?: number; test?: number },
): Promise<Dataset> {
  const mode = spec.labelMode ?? LABEL_MODE_DEFAULT;
  const folder = await locateRemote(remote(options), spec.path, options);
  const records = await checkCifarFiles(folder, FILES, format(mode), '', options.anyRecordCount);
  const names =
    mode === 'fine'
      ? (['fine_label_names.txt', FINE_NAMES] as const)
      : (['coarse_label_names.txt', COARSE_NAMES] as const);
  const [train, test, classNames] = await Promise.all([
    readCifarSplit(folder, ['train.bin'], records, limits.train, format(mode)),
    readCifarSplit(folder, ['test.bin'], records, limits.test, format(mode)),
    readNameList(join(folder, names[0]), names[1].length, names[1]),
  ]);
  return {
    name: 'cifar100',
    inputShape: [32, 32, 3],
    numClasses: classNames.length,
    classNames,
    task: 'classification',
    train,
    test,
    source: folder,
  };
}
