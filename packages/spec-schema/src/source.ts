// A parsed experiment file that remembers where every value came from: a line and column in the file, or a `--set`.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { SpecIssue } from './errors.ts';
import { formatPath, type PathKey } from './paths.ts';

export interface Location { source: string; line?: number; column?: number }

export class SpecSource {
  readonly document: Document;
  private readonly lines = new LineCounter();
  /** Override path (formatted) → the `--set` argument that wrote it. */
  private readonly overridden = new Map<string, string>();

  constructor(readonly file: string, text: string) {
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  syntaxIssues(): SpecIssue[] {
    return this.document.errors.map((error) => {
      const at = this.lines.linePos(error.pos[0]);
      return { path: '', source: this.file, line: at.line, column: at.col, message: firstLine(error.message),
        hint: 'fix the YAML syntax at this position (indentation, a missing ":" or an unclosed quote or bracket)' };
    });
  }

  markOverride(keys: readonly PathKey[], argument: string): void {
    this.overridden.set(formatPath(keys), argument);
  }

  /** Where the value at `keys` was written; falls back to its nearest written ancestor. */
  locate(keys: readonly PathKey[], options: { key?: string } = {}): Location {
    for (let n = keys.length; n >= 0; n--) {
      const override = this.overridden.get(formatPath(keys.slice(0, n)));
      if (override !== undefined) return { source: `--set ${override}` };
      const node = this.document.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const offset = (n === keys.length && options.key !== undefined ? keyOffset(node, options.key) : undefined)
        ?? node?.range?.[0];
      if (offset !== undefined) {
        const at = this.lines.linePos(offset);
        return { source: this.file, line: at.line, column: at.col };
      }
    }
    return { source: this.file, line: 1, column: 1 };
  }

  /** The number of items of the list at `keys`, or undefined when that is not a list. */
  listLength(keys: readonly PathKey[]): number | undefined {
    const node = keys.length === 0 ? this.document.contents : this.document.getIn(keys, true);
    return isSeq(node) ? node.items.length : undefined;
  }
}

function keyOffset(node: unknown, key: string): number | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
