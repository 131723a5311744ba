// Every closed set of names in the language is one `as const` list (or the keys of one table): the schema's `enum` is
// that very list, not a copy, and the TypeScript union of the field is the list's element type. A set written out a
// second time, in the schema or in a type, fails here (the type half fails `pnpm typecheck`).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKENDS } from './backends.ts';
import {
  BAD_IMAGE_POLICIES,
  CSV_ENCODINGS,
  CSV_FEATURE_SETS,
  DATASET_NAMES,
  IMAGE_COLORS,
  IMAGE_FITS,
  LABEL_MODES,
  MISSING_POLICIES,
  NORMALIZATIONS,
  SYNTHETIC_CHANNELS,
} from './data-schema.ts';
import { LAYER_TYPES, type LayerType } from './layers.ts';
import { LOSS_NAMES } from './losses.ts';
import { MONITOR_MODES, type MonitorMode } from './monitor.ts';
import { experimentSchema } from './schema.ts';
import { SCHEDULE_TYPES, type ReduceOnPlateauSchedule, type ScheduleType } from './training-schema.ts';
import type { CsvOptions, DataSpec, ImageFolderOptions, Spec, SyntheticOptions } from './types.ts';
import {
  ACTIVATIONS,
  CHECKPOINT_SAVES,
  CONSTRAINTS,
  INITIALIZERS,
  METRICS,
  OPTIMIZER_NAMES,
  REGULARIZERS,
  TASKS,
  type Activation,
  type MetricName,
  type OptimizerName,
} from './vocabulary.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Is<T extends true> = T;
type Member<L extends readonly unknown[]> = L[number];
/** The values the schema's `enum` at a field allows, as a union type (the schema is declared `as const`). */
type EnumOf<F> = F extends { enum: readonly unknown[] } ? Member<F['enum']> : never;
type Fields = typeof experimentSchema.properties;
type Data = Fields['data']['properties'];
type TrainingFields = Fields['training']['properties'];
type Training = Spec['training'];

/** Each field's TypeScript type against its schema enum; `pnpm typecheck` fails on a pair that differs. Exported only
 * so the compiler checks it without a use. */
export type TypesFollowSchema = [
  Is<Equal<Spec['backend'], EnumOf<Fields['backend']>>>,
  Is<Equal<DataSpec['dataset'], EnumOf<Data['dataset']>>>,
  Is<Equal<DataSpec['normalize'], EnumOf<Data['normalize']>>>,
  Is<Equal<NonNullable<DataSpec['labelMode']>, EnumOf<Data['labelMode']>>>,
  Is<Equal<Exclude<CsvOptions['features'], string[]>, EnumOf<Data['csv']['properties']['features']['anyOf'][0]>>>,
  Is<Equal<CsvOptions['encoding'], EnumOf<Data['csv']['properties']['encoding']>>>,
  Is<Equal<CsvOptions['missing'], EnumOf<Data['csv']['properties']['missing']>>>,
  Is<Equal<NonNullable<CsvOptions['task']>, EnumOf<Data['csv']['properties']['task']>>>,
  Is<Equal<ImageFolderOptions['color'], EnumOf<Data['images']['properties']['color']>>>,
  Is<Equal<ImageFolderOptions['fit'], EnumOf<Data['images']['properties']['fit']>>>,
  Is<Equal<ImageFolderOptions['onBadImage'], EnumOf<Data['images']['properties']['onBadImage']>>>,
  Is<Equal<SyntheticOptions['channels'], EnumOf<Data['synthetic']['properties']['channels']>>>,
  Is<Equal<Training['loss']['type'], EnumOf<TrainingFields['loss']['properties']['type']>>>,
  Is<Equal<Training['optimizer']['type'], OptimizerName>>,
  Is<Equal<Member<typeof OPTIMIZER_NAMES>, OptimizerName>>,
  Is<Equal<Training['schedule']['type'], ScheduleType>>,
  Is<Equal<Member<typeof SCHEDULE_TYPES>, ScheduleType>>,
  Is<Equal<Spec['model']['layers'][number]['type'], LayerType>>,
  Is<Equal<Member<typeof METRICS>, MetricName>>,
  Is<Equal<Member<typeof ACTIVATIONS>, Activation>>,
  Is<
    Equal<NonNullable<Training['earlyStopping']>['mode'], EnumOf<TrainingFields['earlyStopping']['properties']['mode']>>
  >,
  Is<Equal<NonNullable<Training['checkpoint']>['mode'], EnumOf<TrainingFields['checkpoint']['properties']['mode']>>>,
  Is<Equal<NonNullable<Training['checkpoint']>['save'], EnumOf<TrainingFields['checkpoint']['properties']['save']>>>,
  Is<Equal<ReduceOnPlateauSchedule['mode'], MonitorMode>>,
  Is<Equal<MonitorMode, Member<typeof MONITOR_MODES>>>,
];

/** JSON-pointer-like path → the list whose identity the `enum` there must have. */
const ENUMS: [string, readonly unknown[]][] = [
  ['backend', BACKENDS],
  ['data/dataset', DATASET_NAMES],
  ['data/normalize', NORMALIZATIONS],
  ['data/labelMode', LABEL_MODES],
  ['data/csv/features/anyOf/0', CSV_FEATURE_SETS],
  ['data/csv/encoding', CSV_ENCODINGS],
  ['data/csv/missing', MISSING_POLICIES],
  ['data/csv/task', TASKS],
  ['data/images/color', IMAGE_COLORS],
  ['data/images/fit', IMAGE_FITS],
  ['data/images/onBadImage', BAD_IMAGE_POLICIES],
  ['data/synthetic/channels', SYNTHETIC_CHANNELS],
  ['model/layers/items/type', LAYER_TYPES],
  ['training/loss/type', LOSS_NAMES],
  ['training/metrics/items/anyOf/0', METRICS],
  ['training/optimizer/type', OPTIMIZER_NAMES],
  ['training/schedule/type', SCHEDULE_TYPES],
  ['training/schedule/allOf/6/then/mode', MONITOR_MODES],
  ['training/earlyStopping/mode', MONITOR_MODES],
  ['training/checkpoint/mode', MONITOR_MODES],
  ['training/checkpoint/save', CHECKPOINT_SAVES],
];

type Node = Record<string, unknown>;

/** Follows `a/b/0` through the schema: a key is a property's name where there is one, else a keyword or an index. */
function at(path: string): Node {
  let node = experimentSchema as unknown as Node;
  for (const key of path.split('/')) {
    const properties = node['properties'] as Node | undefined;
    const next = (properties !== undefined && key in properties ? properties[key] : node[key]) as Node | undefined;
    if (next === undefined) throw new Error(`no schema at ${path} (stuck at ${key})`);
    node = next;
  }
  return node;
}

/** Every `enum` under `node`, with where it is. */
function enumsUnder(node: unknown, path: string): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((item, i) => enumsUnder(item, `${path}/${i}`));
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'enum' ? [[path, value] as [string, unknown]] : enumsUnder(value, `${path}/${key}`),
  );
}

const lists = suite('vocabulary lists');

lists("each field's enum is its list itself", () => {
  for (const [path, list] of ENUMS) assert.ok(at(path)['enum'] === list, path);
});

lists('no enum of the backend, data or training blocks is written out on its own', () => {
  const named = new Set<unknown>(ENUMS.map(([, list]) => list));
  for (const block of ['backend', 'data', 'training']) {
    const stray = enumsUnder(at(block), block).filter(([, list]) => !named.has(list));
    assert.equal(stray, [], block);
  }
});

lists('layer arguments name their vocabulary lists', () => {
  const definitions = experimentSchema.definitions as Record<string, Node>;
  assert.ok(definitions['activation']!['enum'] === ACTIVATIONS);
  for (const [argument, list] of [
    ['kernelInitializer', INITIALIZERS],
    ['kernelRegularizer', REGULARIZERS],
    ['kernelConstraint', CONSTRAINTS],
  ] as const) {
    assert.ok((definitions[argument]!['anyOf'] as Node[])[0]!['enum'] === list, argument);
  }
});

lists.run();
