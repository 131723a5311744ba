import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { holds, parseConstraint, type Constraint } from './sweep-constraints.ts';

const parse = suite('parseConstraint');

parse('reads <column> <op> <number>, spaces optional; anything else says what is wrong', () => {
  assert.equal(parseConstraint(' params<=2e5 '), { text: 'params<=2e5', column: 'params', op: '<=', value: 200000 });
  assert.equal(parseConstraint('seconds != 3.5'), { text: 'seconds != 3.5', column: 'seconds', op: '!=', value: 3.5 });
  assert.match(
    (parseConstraint('params <= 1; rm -rf /') as { message: string }).message,
    'is not <column> <op> <number>',
  );
  assert.match((parseConstraint('val_loss < 1') as { message: string }).message, '"val_loss" is not a column');
});

parse('holds compares with each op', () => {
  const at = (op: Constraint['op']) => holds({ text: '', column: 'params', op, value: 10 }, 10);
  assert.equal((['<=', '<', '>=', '>', '==', '!='] as const).map(at), [true, false, true, false, true, false]);
});

parse.run();
