import type { LayerSummary } from '@tfyaml/model-compiler';

interface Summary {
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Keras' model.summary(): one row per layer, then the totals. */
export function formatModelSummary(summary: Summary, name: string): string {
  const graph = summary.layers.some((l) => l.inputs.length > 0);
  const rows = summary.layers.map((l) => [
    `${l.name} (${l.type})`,
    JSON.stringify(l.outputShape).replace(/,/g, ', '),
    count(l.params),
    ...(graph ? [l.inputs.join(', ')] : []),
  ]);
  const header = ['Layer (type)', 'Output shape', 'Param #', ...(graph ? ['Connected to'] : [])];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)) + 2);
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('')
      .trimEnd();
  const rule = (char: string) => char.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Model: "${name}"`,
    rule('_'),
    line(header),
    rule('='),
    ...rows.map(line),
    rule('='),
    `Total params: ${count(summary.totalParams)}`,
    `Trainable params: ${count(summary.trainableParams)}`,
    `Non-trainable params: ${count(summary.totalParams - summary.trainableParams)}`,
    rule('_'),
  ].join('\n');
}
