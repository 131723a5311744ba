// yaml reports an unclosed bracket or quote where parsing gave up, often lines later; users need the opener.
const GENERIC = 'fix the YAML syntax at this position (indentation, a missing ":" or an unclosed quote or bracket)';

export function explainSyntaxError(text: string, code: string, offset: number): { offset: number; hint: string } {
  if (code === 'MISSING_CHAR' || code === 'BAD_INDENT' || code === 'UNEXPECTED_TOKEN') {
    const opener = unclosedOpener(text, offset);
    if (opener !== undefined)
      return { offset: opener.offset, hint: `this ${opener.char} is never closed; add its ${CLOSER[opener.char]}` };
  }
  return { offset, hint: GENERIC };
}

const CLOSER: Record<string, string> = { '{': '}', '[': ']', '"': 'closing "', "'": "closing '" };

/** The last bracket or quote before `end` that is still open (comments skipped). */
function unclosedOpener(text: string, end: number): { char: string; offset: number } | undefined {
  const stack: { char: string; offset: number }[] = [];
  let quote: { char: string; offset: number } | undefined;
  for (let i = 0; i < Math.min(end, text.length); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote.char && text[i - 1] !== '\\') quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) {
      quote = { char: c, offset: i };
    } else if (c === '{' || c === '[') {
      stack.push({ char: c, offset: i });
    } else if ((c === '}' || c === ']') && stack.length > 0) {
      stack.pop();
    }
  }
  return quote ?? stack.at(-1);
}

/** yaml parses nesting by recursion and reports the stack it ran out of as a syntax error. */
export function isNestedTooDeeply(message: string): boolean {
  return message.includes('Maximum call stack');
}
