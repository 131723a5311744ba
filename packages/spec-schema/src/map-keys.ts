// Checks on the keys of every map in a parsed YAML document, in one linear pass: a key written twice (yaml's own
// `uniqueKeys` compares every pair, which took minutes on a 250 k-key file) and a reserved key such as `__proto__`,
// which would change every object of the program once the map is merged or assigned.
import { isScalar, visit, type Document } from 'yaml';
import { quote } from './describe.ts';
import { RESERVED_KEY_HINT, RESERVED_KEYS } from './paths.ts';

export interface KeyProblem {
  offset: number;
  message: string;
  hint: string;
}

export function mapKeyProblems(document: Document): KeyProblem[] {
  const problems: KeyProblem[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const offset = pair.key.range?.[0] ?? 0;
        if (RESERVED_KEYS.includes(key))
          problems.push({ offset, message: `${quote(key)} cannot be a key`, hint: RESERVED_KEY_HINT });
        if (seen.has(key)) {
          problems.push({
            offset,
            message: 'Map keys must be unique',
            hint: `${quote(key)} is already set earlier in the same map; keep one of them`,
          });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}
