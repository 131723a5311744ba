// Spec paths as users write them (`model.layers[0].filters`) and as arrays of keys (['model', 'layers', 0, 'filters']).

export type PathKey = string | number;

/** Keys that reach JavaScript's object machinery instead of a value: setting them would change every object. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'prototype', 'constructor'];

/** The first reserved key in a path, which no spec path may contain. */
export function reservedKeyIn(keys: readonly PathKey[]): string | undefined {
  return keys.find((key): key is string => typeof key === 'string' && RESERVED_KEYS.includes(key));
}

export const RESERVED_KEY_HINT = `${RESERVED_KEYS.join(', ')} are never spec keys (they would change every object of the program)`;

export function formatPath(keys: readonly PathKey[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Parses `a.b[0].c`; returns undefined when the text is not a valid path. */
export function parsePath(text: string): PathKey[] | undefined {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(text)) return undefined;
  const keys: PathKey[] = [];
  for (const [, name, index] of text.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
    keys.push(name ?? Number(index));
  }
  return keys;
}

/** ajv's `/model/layers/0` → ['model', 'layers', 0]. */
export function fromJsonPointer(pointer: string): PathKey[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(key) ? Number(key) : key;
    });
}
