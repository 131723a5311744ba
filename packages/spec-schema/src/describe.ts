// Words for values and schemas in messages: "the string "32"", "a positive integer or a list of 2".

export function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** What an `anyOf` accepts, in words. */
export function describeAlternatives(branches: object[]): string {
  return branches.map((branch) => {
    const b = branch as { const?: unknown; enum?: unknown[]; type?: string; minItems?: number; minimum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
    if ('const' in b) return JSON.stringify(b.const);
    if (b.type === 'number' && b.exclusiveMaximum !== undefined) return `a number between ${String(b.exclusiveMinimum)} and ${String(b.exclusiveMaximum)} (exclusive)`;
    if (b.type === 'integer' && b.minimum === 1) return 'a positive integer';
    if (b.type === 'integer' && b.minimum === 0) return 'a non-negative integer';
    if (b.type === 'array') return b.minItems ? `a list of ${b.minItems}` : 'a list';
    if (b.type === 'object') return 'a map with "type"';
    if (b.enum) return b.enum.length <= 6 ? `one of ${b.enum.join(', ')}` : 'a known name';
    return article(b.type ?? 'value');
  }).join(' or ');
}
