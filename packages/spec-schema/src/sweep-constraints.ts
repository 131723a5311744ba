// `sweep.constraints: ["params <= 200000"]`: limits a trial must keep, each `<column> <op> <number>`. Parsed by one
// regular expression, never evaluated as code. `params` is known from the spec before training (a trial over it
// never starts); `seconds` once the trial ends.
export const CONSTRAINT_COLUMNS = ['params', 'seconds'] as const;
export const CONSTRAINT_OPS = ['<=', '<', '>=', '>', '==', '!='] as const;

export type ConstraintColumn = (typeof CONSTRAINT_COLUMNS)[number];
export type ConstraintOp = (typeof CONSTRAINT_OPS)[number];
export interface Constraint {
  text: string;
  column: ConstraintColumn;
  op: ConstraintOp;
  value: number;
}

const SHAPE = /^\s*([A-Za-z_][\w]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

/** The constraint, or what is wrong with it (a message and a hint). */
export function parseConstraint(text: string): Constraint | { message: string; hint: string } {
  const match = SHAPE.exec(text);
  if (!match) {
    return {
      message: `${JSON.stringify(text)} is not <column> <op> <number>`,
      hint: `e.g. "params <= 200000"; ops: ${CONSTRAINT_OPS.join(' ')}`,
    };
  }
  const [, column, op, value] = match;
  if (!(CONSTRAINT_COLUMNS as readonly string[]).includes(column!)) {
    return {
      message: `${JSON.stringify(column)} is not a column a constraint can read`,
      hint: `use one of ${CONSTRAINT_COLUMNS.join(', ')}`,
    };
  }
  return { text: text.trim(), column: column as ConstraintColumn, op: op as ConstraintOp, value: Number(value) };
}

/** Whether `actual` keeps the constraint. */
export function holds(constraint: Constraint, actual: number): boolean {
  const { op, value } = constraint;
  switch (op) {
    case '<=':
      return actual <= value;
    case '<':
      return actual < value;
    case '>=':
      return actual >= value;
    case '>':
      return actual > value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}
