// Spec layer arguments → tfjs layer config. Most pass through unchanged; `{type, ...}` objects for initializers,
// regularizers and constraints become instances, since tfjs only accepts names or instances there.
import * as tfl from '@tensorflow/tfjs-layers';
import { layerName, type LayerSpec } from '@tfyaml/spec-schema';
import { registerFastOrthogonal } from './recurrent/orthogonal.ts';

type Factory = (config: Record<string, unknown>) => unknown;
const fastOrthogonal: Factory = (config) => new (registerFastOrthogonal())(config);
const FACTORIES: [RegExp, Record<string, Factory>][] = [
  // `orthogonal`: the registered class (recurrent/orthogonal.ts), not tfjs's slow one that the factory builds.
  [/Initializer$/, { ...(tfl.initializers as unknown as Record<string, Factory>), orthogonal: fastOrthogonal }],
  [/Regularizer$/, tfl.regularizers as unknown as Record<string, Factory>],
  [/Constraint$/, tfl.constraints as unknown as Record<string, Factory>],
];

/** Unnamed layers get `<type>_<n>` (see layerName) rather than tfjs's process-wide counters, so names are stable. */
export function layerConfig(layer: LayerSpec, index: number, name = layerName(layer, index)): Record<string, unknown> {
  const { type: _type, ...args } = layer;
  const config: Record<string, unknown> = { name };
  for (const [key, value] of Object.entries(args)) config[key] = instantiate(key, value);
  return config;
}

function instantiate(key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entry = FACTORIES.find(([pattern]) => pattern.test(key));
  if (!entry) return value;
  const { type, ...config } = value as { type: string };
  const factory = entry[1][type];
  if (!factory) throw new Error(`layerConfig: ${type} is not a tfjs ${key}`);
  return factory(config);
}
