// How to draw a swept parameter: the distribution it was drawn from decides (a log_uniform learning rate gets a log
// axis), and what the trials actually got fills in when sweep.yaml says nothing usable.

export type ParamValue = number | string;

export interface ParamAxis {
  path: string;
  scale: 'log' | 'linear' | 'category';
  /** The category axis' values, in axis order (numbers ascending). */
  categories?: string[];
}

/** Without a declared distribution, positive values spanning this many times over look log-drawn. */
const LOG_SPAN = 1000;

/** `declared`: the parameter's entry under sweep.parameters (`{distribution, min, max}` or `{values}`), if known. */
export function paramAxis(path: string, declared: unknown, values: readonly ParamValue[]): ParamAxis {
  const distribution = typeof declared === 'object' && declared !== null ? (declared as Record<string, unknown>) : {};
  const name = typeof distribution['distribution'] === 'string' ? distribution['distribution'] : undefined;
  const listed = Array.isArray(distribution['values']) ? (distribution['values'] as unknown[]).map(String) : [];
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length < values.length || name === 'categorical' || (name === undefined && listed.length > 0)) {
    return { path, scale: 'category', categories: categoriesOf(listed, values) };
  }
  const positive = numbers.every((v) => v > 0);
  if (name !== undefined) return { path, scale: /log/i.test(name) && positive ? 'log' : 'linear' };
  const spansDecades = positive && numbers.length > 1 && Math.max(...numbers) / Math.min(...numbers) >= LOG_SPAN;
  return { path, scale: spansDecades ? 'log' : 'linear' };
}

/** The declared values first (so an axis shows values no trial drew yet), then any others; numbers sorted. */
function categoriesOf(listed: readonly string[], values: readonly ParamValue[]): string[] {
  const all = [...new Set([...listed, ...values.map(String)])];
  return all.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))
    ? all.sort((a, b) => Number(a) - Number(b))
    : all;
}

/** A trials.csv cell as the trial got it: numbers as numbers, anything else (a name, JSON) as text. */
export function paramValueOf(cell: string): ParamValue {
  const value = Number(cell);
  return cell.trim() !== '' && Number.isFinite(value) ? value : cell;
}
