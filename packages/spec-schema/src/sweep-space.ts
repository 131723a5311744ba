// A sweep's parameters as a tree made flat: a categorical value written `{value, parameters}` carries sub-parameters
// that exist only when that value is chosen, and any parameter may say `when: {<parameter>: [values]}`. Both become
// conditions on one flat list, ordered so a parameter comes after every parameter its conditions read: samplers walk
// it once, drawing each parameter whose conditions hold and leaving the others out (inactive).
import type { PathKey } from './paths.ts';
import type { SweepParameter } from './sweep-schema.ts';

/** Active only while `path` is active and holds one of `values`. */
export interface SweepCondition {
  path: string;
  values: unknown[];
}

export interface SpaceParameter {
  path: string;
  /** The parameter with its choices unwrapped to their values and without `when`. */
  parameter: SweepParameter;
  /** Its choice's parent first, then its `when:` entries. */
  conditions: SweepCondition[];
  /** Where it is written, below `sweep.parameters`, for positioned errors. */
  at: PathKey[];
  /** The parameter whose choice carries it, if any. */
  parent?: string;
}

/** A categorical value that carries sub-parameters: `{value: sgd, parameters: {...}}`. */
export interface ChoiceWithParameters {
  value: unknown;
  parameters: Record<string, SweepParameter>;
}

export const isChoice = (v: unknown): v is ChoiceWithParameters =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'parameters' in v;

export const choiceValue = (v: unknown): unknown => (isChoice(v) ? v.value : v);

/** Values compare as written (JSON), so `[3, 3]` matches `[3, 3]` and `1` never matches `"1"`. */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The experiment's top-level fields (a test keeps this equal to the schema's). */
export const TOP_LEVEL_FIELDS = [
  '$schema',
  'extends',
  'name',
  'seed',
  'backend',
  'data',
  'model',
  'training',
  'sweep',
] as const;

/**
 * A name without dots or brackets that is not a top-level spec field (`blocks`) is a sweep variable: sampled,
 * recorded and read by `when:`, never set in the spec.
 */
export function isSweepVariable(path: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(path) && !(TOP_LEVEL_FIELDS as readonly string[]).includes(path);
}

/** Every parameter, sub-parameters included, in declaration order (a parent before its sub-parameters). */
export function flattenSpace(parameters: Record<string, SweepParameter>): SpaceParameter[] {
  const flat: SpaceParameter[] = [];
  const visit = (entries: Record<string, SweepParameter>, at: PathKey[], parent?: SweepCondition) => {
    for (const [path, p] of Object.entries(entries)) {
      const here = [...at, path];
      const { when, ...rest } = p;
      const parameter = (
        rest.distribution === 'categorical' ? { ...rest, values: rest.values.map(choiceValue) } : rest
      ) as SweepParameter;
      const conditions = [
        ...(parent ? [parent] : []),
        ...Object.entries(when ?? {}).map(([on, values]) => ({ path: on, values })),
      ];
      flat.push({ path, parameter, conditions, at: here, ...(parent ? { parent: parent.path } : {}) });
      if (p.distribution !== 'categorical') continue;
      p.values.forEach((value, i) => {
        if (isChoice(value))
          visit(value.parameters, [...here, 'values', i, 'parameters'], { path, values: [value.value] });
      });
    }
  };
  visit(parameters, []);
  return flat;
}

/** The flat space ordered so conditions only read parameters before them; a cycle (the rules refuse it) keeps the rest
 * in declaration order. */
export function orderedSpace(parameters: Record<string, SweepParameter>): SpaceParameter[] {
  const flat = flattenSpace(parameters);
  const placed = new Set<string>();
  const ordered: SpaceParameter[] = [];
  let left = flat;
  while (left.length > 0) {
    const ready = left.filter((p) =>
      p.conditions.every((c) => placed.has(c.path) || c.path === p.path || !flat.some((q) => q.path === c.path)),
    );
    const next = ready.length > 0 ? ready : left;
    for (const p of next) placed.add(p.path);
    ordered.push(...next);
    left = left.filter((p) => !next.includes(p));
  }
  return ordered;
}

/** Whether every condition holds for the values drawn so far (an inactive parameter is absent, so it holds none). */
export function isActive(p: SpaceParameter, params: Readonly<Record<string, unknown>>): boolean {
  return p.conditions.every((c) => c.path in params && c.values.some((v) => sameValue(v, params[c.path])));
}

/** Whether any parameter has a condition. */
export const isConditional = (space: readonly SpaceParameter[]): boolean => space.some((p) => p.conditions.length > 0);
