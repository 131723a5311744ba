// Words for values and schemas in messages: "the string "32"", "a positive integer or a list of 2".

export function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** How much of a received value a message repeats: enough to recognise it, never a whole file's secrets. */
export const ECHO_LIMIT = 40;

/** `text` cut to `limit` characters with an ellipsis; every message that repeats what it received goes through here. */
export function cut(text: string, limit = ECHO_LIMIT): string {
  const chars = Array.from(text);
  return chars.length > limit ? `${chars.slice(0, limit).join('')}…` : text;
}

/** A received string in quotes, cut, with control characters escaped so a terminal never interprets them. */
export function quote(text: string): string {
  return JSON.stringify(cut(text));
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${cut(String(value))}`;
}

/** What an `anyOf` accepts, in words. */
export function describeAlternatives(branches: object[]): string {
  return branches
    .map((branch) => {
      const b = branch as {
        const?: unknown;
        enum?: unknown[];
        type?: string;
        title?: string;
        minItems?: number;
        minimum?: number;
        exclusiveMinimum?: number;
        exclusiveMaximum?: number;
      };
      if (b.title) return b.title;
      if ('const' in b) return JSON.stringify(b.const);
      if (b.type === 'number' && b.exclusiveMaximum !== undefined)
        return `a number between ${String(b.exclusiveMinimum)} and ${String(b.exclusiveMaximum)} (exclusive)`;
      if (b.type === 'integer' && b.minimum === 1) return 'a positive integer';
      if (b.type === 'integer' && b.minimum === 0) return 'a non-negative integer';
      if (b.type === 'array') return b.minItems ? `a list of ${b.minItems}` : 'a list';
      if (b.type === 'object') return 'a map with "type"';
      if (b.enum) return b.enum.length <= 6 ? `one of ${b.enum.join(', ')}` : 'a known name';
      return article(b.type ?? 'value');
    })
    .join(' or ');
}
