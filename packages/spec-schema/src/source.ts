// Where every value of a spec came from: a line and column in one of its files (the file and the ones it
// `extends`), or a `--set` argument.
import { isMap, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { cut } from './describe.ts';
import { SpecError, type SpecIssue } from './errors.ts';
import { limitIssues } from './issue-limit.ts';
import { mapKeyProblems } from './map-keys.ts';
import { explainSyntaxError, isNestedTooDeeply } from './syntax-errors.ts';
import { formatPath, type PathKey } from './paths.ts';

export interface Location {
  source: string;
  line?: number;
  column?: number;
}

/** One parsed YAML file, keeping node positions. */
export class SpecFile {
  readonly document: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    // Duplicate keys are found by mapKeyProblems, in linear time.
    this.document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: false });
  }

  /**
   * YAML syntax errors, keys written twice in one map, and reserved keys (`__proto__`). `quoteErrors: false` leaves
   * out yaml's own messages, which may repeat the text: for a base, which may be any file (`extends: /etc/shadow`).
   */
  syntaxIssues({ quoteErrors = true } = {}): SpecIssue[] {
    const syntax = this.document.errors.map((error) => {
      // Where yaml ran out of stack depends on the stack size, so the issue points at that line's start.
      if (isNestedTooDeeply(error.message)) {
        return this.issueAt(
          this.text.lastIndexOf('\n', error.pos[0]) + 1,
          'nested too deeply to read',
          'experiments nest a few levels deep; write this value flatter',
        );
      }
      const { offset, hint } = explainSyntaxError(this.text, error.code, error.pos[0]);
      return this.issueAt(offset, quoteErrors ? firstLine(error.message) : 'not valid YAML here', hint);
    });
    const keys = mapKeyProblems(this.document).map((p) => this.issueAt(p.offset, p.message, p.hint));
    return limitIssues(
      [...syntax, ...keys].sort((a, b) => a.line! - b.line! || a.column! - b.column!),
      this.file,
    );
  }

  /** The document as plain data; an alias bomb (aliases nested until they expand to gigabytes) is refused. */
  toJS(): unknown {
    try {
      return this.document.toJS();
    } catch (error) {
      if (!(error instanceof ReferenceError && /alias count/.test(error.message))) throw error;
      let first: number | undefined;
      visit(this.document, {
        Alias: (_, alias) => {
          first ??= alias.range?.[0];
          return first === undefined ? undefined : visit.BREAK;
        },
      });
      throw new SpecError(
        [
          this.issueAt(
            first ?? 0,
            'these aliases expand to too much data (an alias bomb)',
            'write the values out, or refer to small anchors only',
          ),
        ],
        { cause: error },
      );
    }
  }

  private issueAt(offset: number, message: string, hint: string): SpecIssue {
    const at = this.lines.linePos(offset);
    return { path: '', source: this.file, line: at.line, column: at.col, message, hint };
  }

  /** The deepest prefix of `keys` written in this file, and where; `key` asks for a map key's own position. */
  find(keys: readonly PathKey[], key?: string): { depth: number; location: Location } | undefined {
    for (let n = keys.length; n >= 0; n--) {
      const node = (n === 0 ? this.document.contents : this.document.getIn(keys.slice(0, n), true)) as
        { range?: [number, number, number] } | null | undefined;
      const offset = (n === keys.length && key !== undefined ? keyOffset(node, key) : undefined) ?? node?.range?.[0];
      if (offset === undefined) continue;
      const at = this.lines.linePos(offset);
      return {
        depth: n + (n === keys.length && key !== undefined ? 1 : 0),
        location: { source: this.file, line: at.line, column: at.col },
      };
    }
    return undefined;
  }
}

/** A spec's files, the file itself first and then what it extends, plus the `--set` overrides applied on top. */
export class SpecOrigin {
  /** Override path (formatted) → the `--set` argument that wrote it. */
  private readonly overridden = new Map<string, string>();

  constructor(readonly files: readonly SpecFile[]) {}

  markOverride(keys: readonly PathKey[], argument: string): void {
    this.overridden.set(formatPath(keys), argument);
  }

  isOverridden(keys: readonly PathKey[]): boolean {
    return this.overridden.has(formatPath(keys));
  }

  /** Where the value at `keys` was written: its override, or the file that wrote the deepest part of the path. */
  locate(keys: readonly PathKey[], options: { key?: string } = {}): Location {
    const full = options.key === undefined ? keys : [...keys, options.key];
    for (let n = full.length; n > 0; n--) {
      const argument = this.overridden.get(formatPath(full.slice(0, n)));
      if (argument !== undefined) return { source: `--set ${argument}` };
    }
    let best: { depth: number; location: Location } | undefined;
    for (const file of this.files) {
      const found = file.find(keys, options.key);
      if (found && (!best || found.depth > best.depth)) best = found;
    }
    return best?.location ?? { source: this.files[0]!.file, line: 1, column: 1 };
  }
}

function keyOffset(node: unknown, key: string): number | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}

/** yaml's message without its position (we give ours) and cut: some messages repeat the text they stopped at. */
function firstLine(message: string): string {
  return cut(message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), 120);
}
