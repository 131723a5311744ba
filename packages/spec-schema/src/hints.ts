// Hints for the mistakes people actually make: Keras/PyTorch spellings, keys in the wrong section, a value quoted.
import { cut, quote } from './describe.ts';
import { didYouMean } from './did-you-mean.ts';

/** Keras and PyTorch users write `learning_rate`, `lr`, `kernel_size`: point them at the tfjs spelling. */
export function camelCaseOf(key: string, allowed: readonly string[]): string | undefined {
  const camel = key === 'lr' ? 'learningRate' : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return allowed.includes(camel) ? camel : undefined;
}

/** Keys that are valid, just somewhere else. */
const HOME_OF: Record<string, string> = {
  layers: 'model.layers',
  inputShape: 'model.inputShape',
  dataset: 'data.dataset',
  path: 'data.path',
  epochs: 'training.epochs',
  batchSize: 'training.batchSize',
  optimizer: 'training.optimizer',
  loss: 'training.loss',
  metrics: 'training.metrics',
  schedule: 'training.schedule',
  validation: 'training.validation',
  learningRate: 'training.optimizer.learningRate',
  lr: 'training.optimizer.learningRate',
  workers: 'training.workers',
};

/** The hint for an unknown key: a near-miss name, the tfjs spelling, or the section it belongs in. */
export function unknownKeyHint(key: string, here: string, allowed: readonly string[]): string {
  const close = didYouMean(key, allowed) ?? camelCaseOf(key, allowed);
  if (close) return `did you mean "${close}"? allowed: ${allowed.join(', ')}`;
  const home = HOME_OF[key] ?? HOME_OF[camelCaseOf(key, Object.keys(HOME_OF)) ?? ''];
  if (home && home !== `${here}.${key}`) {
    return home === 'training.optimizer.learningRate'
      ? 'the learning rate belongs to the optimizer: optimizer: { type: adam, learningRate: 0.001 }'
      : `did you mean ${home}? allowed here: ${allowed.join(', ')}`;
  }
  return `allowed: ${allowed.join(', ')}`;
}

/** A value of the wrong type that a small edit would fix. */
export function typeHint(expected: string, value: unknown, field: string | number | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^(integer|number)$/.test(expected) && value.trim() !== '' && !Number.isNaN(Number(value)))
    return `write ${cut(value)} without quotes`;
  if (expected === 'boolean' && /^(true|false)$/i.test(value)) return `write ${value.toLowerCase()} without quotes`;
  if (expected === 'object' && typeof field === 'number' && /^\w+$/.test(value))
    return `write a layer as a map: { type: ${cut(value)} }`;
  if (expected === 'object' && /^\S+ \S/.test(value)) return `did you forget ":" after ${quote(value.split(' ')[0]!)}?`;
  return undefined;
}

/** Keras' "acc" is our "accuracy"; top-k accuracy is spelt top<k>Accuracy. */
export function metricHint(received: string, allowed: readonly string[]): string {
  const close =
    received === 'acc'
      ? 'accuracy'
      : (didYouMean(received, allowed) ?? (/^top_?k/i.test(received) ? 'top5Accuracy' : undefined));
  return `${close ? `did you mean "${close}"? ` : ''}allowed: ${allowed.join(', ')}, or top<k>Accuracy (e.g. top5Accuracy)`;
}
