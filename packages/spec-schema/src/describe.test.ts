import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cut, describeValue, ECHO_LIMIT, quote } from './describe.ts';

const echo = suite('cut and quote');

echo(`received text is repeated up to ${ECHO_LIMIT} characters, then an ellipsis`, () => {
  assert.is(cut('short'), 'short');
  assert.is(cut('x'.repeat(ECHO_LIMIT)), 'x'.repeat(ECHO_LIMIT));
  assert.is(cut('x'.repeat(300)), `${'x'.repeat(ECHO_LIMIT)}…`);
  assert.is(cut('🙂'.repeat(50)).length, ECHO_LIMIT * 2 + 1, 'characters, not UTF-16 halves');
});

echo('quotes escape control characters so a terminal never runs them', () => {
  assert.is(quote('a\u001b[2Jb'), '"a\\u001b[2Jb"');
});

echo('describeValue cuts strings and long numbers alike', () => {
  assert.is(describeValue('s'.repeat(100)), `the string "${'s'.repeat(ECHO_LIMIT)}…"`);
  assert.is(describeValue(1e300), `number ${String(1e300)}`);
  assert.is(describeValue(null), 'null');
});

echo.run();
