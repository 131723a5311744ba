// The layer list as a graph: which layers feed each layer, in an order that computes inputs first.
// A list without any `inputs:` is a plain stack; `inputs: [a, b]` makes it a graph (residual and branching models).
import { didYouMean } from './did-you-mean.ts';
import { MERGE_LAYER_TYPES } from './layers.ts';
import type { RuleFinding } from './rules.ts';
import type { LayerSpec } from './types.ts';

/** The name that refers to the model's input in `inputs:`. */
export const MODEL_INPUT = 'input';

export type LayerSource = number | typeof MODEL_INPUT;

export interface LayerGraph {
  /** Layer indexes in an order where every layer comes after its inputs. */
  order: number[];
  /** For each layer, the layers (or the model input) feeding it, in the order given. */
  inputsOf: LayerSource[][];
  /** The layer whose output is the model's output: the last one listed. */
  output: number;
}

export const isGraphModel = (layers: readonly LayerSpec[]): boolean => layers.some((l) => l['inputs'] !== undefined);

/** A layer's name: its `name:`, else `<type>_<position from 1>` as Keras names layers (`conv2d_1`). */
export const layerName = (layer: LayerSpec, index: number): string =>
  typeof layer['name'] === 'string' ? layer['name'] : `${layer.type}_${index + 1}`;

export function resolveGraph(layers: readonly LayerSpec[]): { graph?: LayerGraph; findings: RuleFinding[] } {
  const findings: RuleFinding[] = [];
  const byName = new Map<string, number>();
  layers.forEach((layer, i) => {
    const name = layerName(layer, i);
    if (name === MODEL_INPUT)
      findings.push(error(i, ['name'], `"${MODEL_INPUT}" is reserved for the model's input`, 'pick another name'));
    else if (!byName.has(name)) byName.set(name, i);
  });
  const inputsOf = layers.map((layer, i): LayerSource[] => {
    const given = layer['inputs'];
    if (given === undefined) return [i === 0 ? MODEL_INPUT : i - 1];
    return [given as string | string[]].flat().flatMap((name, j): LayerSource[] => {
      if (name === MODEL_INPUT) return [MODEL_INPUT];
      const source = byName.get(name);
      if (source !== undefined) return [source];
      const close = didYouMean(name, [...byName.keys(), MODEL_INPUT]);
      findings.push(
        error(
          i,
          typeof given === 'string' ? ['inputs'] : ['inputs', j],
          `no layer is named "${name}"`,
          close
            ? `did you mean "${close}"?`
            : `name a layer with name: ${name}, or use "${MODEL_INPUT}" for the model input`,
        ),
      );
      return [];
    });
  });
  layers.forEach((layer, i) =>
    findings.push(...arityFindings(layer, i, layer['inputs'] === undefined ? 1 : [layer['inputs']].flat().length)),
  );
  if (findings.length > 0) return { findings };

  const order = topologicalOrder(inputsOf, layers, findings);
  if (!order) return { findings };
  const output = layers.length - 1;
  findings.push(...unusedLayers(inputsOf, output, layers));
  return { graph: { order, inputsOf, output }, findings };
}

function arityFindings(layer: LayerSpec, i: number, count: number): RuleFinding[] {
  const merging = (MERGE_LAYER_TYPES as readonly string[]).includes(layer.type);
  if (merging && count < 2)
    return [
      error(i, ['inputs'], `${layer.type} merges two or more inputs, but gets ${count}`, 'list them: inputs: [a, b]'),
    ];
  if (!merging && count > 1)
    return [
      error(
        i,
        ['inputs'],
        `${layer.type} takes one input, but gets ${count}`,
        'merge them first with add, concatenate, …',
      ),
    ];
  return [];
}

/** Depth-first; a layer met again while still on the stack closes a cycle. */
function topologicalOrder(
  inputsOf: LayerSource[][],
  layers: readonly LayerSpec[],
  findings: RuleFinding[],
): number[] | undefined {
  const state = new Uint8Array(inputsOf.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const label = (i: number) => String(layers[i]!['name'] ?? `layers[${i}]`);
  const visit = (i: number, stack: number[]): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) {
      const cycle = [...stack.slice(stack.indexOf(i)), i].map(label).join(' → ');
      findings.push(
        error(
          stack.at(-1)!,
          ['inputs'],
          `the layers form a cycle: ${cycle}`,
          'a layer can only take inputs from layers computed before it',
        ),
      );
      return false;
    }
    state[i] = 1;
    for (const source of inputsOf[i]!) if (source !== MODEL_INPUT && !visit(source, [...stack, i])) return false;
    state[i] = 2;
    order.push(i);
    return true;
  };
  for (let i = 0; i < inputsOf.length; i++) if (!visit(i, [])) return undefined;
  return order;
}

function unusedLayers(inputsOf: LayerSource[][], output: number, layers: readonly LayerSpec[]): RuleFinding[] {
  const used = new Set<number>();
  const mark = (i: number): void => {
    if (used.has(i)) return;
    used.add(i);
    for (const source of inputsOf[i]!) if (source !== MODEL_INPUT) mark(source);
  };
  mark(output);
  return layers.flatMap((_, i) =>
    used.has(i)
      ? []
      : [
          {
            path: ['model', 'layers', i],
            severity: 'warning' as const,
            message: 'this layer does not feed the model output (the last layer), so it is not trained',
            hint: "use it in a later layer's inputs, or remove it",
          },
        ],
  );
}

function error(i: number, keys: (string | number)[], message: string, hint: string): RuleFinding {
  return { path: ['model', 'layers', i, ...keys], severity: 'error', message, hint };
}
