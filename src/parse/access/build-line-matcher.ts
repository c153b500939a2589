// Splits a line into each directive's text with one anchored, backtracking-free regex (the fallback engine).
import type { DirectiveRole } from './classify-directive.ts';
import type { LogFormatDirective, LogFormatToken } from './tokenize-log-format.ts';

/**
 * How one field ends. `until`: at the first `ch` (the next literal's first character, i.e. `[^ch]*`);
 * `quoted`: at the first unescaped `"` (ap_escape_logitem escapes every `"` inside); `rest`: end of line;
 * `clf`: `[…]` of %t; `regex`: needs the regex engine (strftime, IPv6 before `:`, directives with no text between).
 */
export type FieldEnd =
  | { kind: 'until'; ch: string }
  | { kind: 'quoted' }
  | { kind: 'rest' }
  | { kind: 'clf' }
  | { kind: 'regex'; source: string };

/** Directive i's raw text is capture i + 1 (inside the brackets for %t); null when the line does not fit. */
export type LineMatcher = (line: string) => RegExpExecArray | null;

export interface BuiltMatcher {
  match: LineMatcher;
  regex: RegExp;
  /** How each field ends: the generated scanner uses these when none needs the regex. */
  ends: FieldEnd[];
  regexSource: string;
}

// Unrolled loop: linear, no backtracking; a quoted item never holds a raw `"`.
const QUOTED = '([^"\\\\]*(?:\\\\[\\s\\S][^"\\\\]*)*)';

const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, '\\$&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function nextLiteralChar(tokens: LogFormatToken[], from: number): string | undefined {
  for (let k = from; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.kind === 'literal') return t.text[0];
  }
  return undefined;
}

/** Decides how each directive's text ends, from its shape and its neighbours. */
export function planFieldEnds(tokens: LogFormatToken[], roleOf: Map<LogFormatDirective, DirectiveRole>): FieldEnd[] {
  const ends: FieldEnd[] = [];
  let afterIpColon = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k];
    if (t.kind === 'literal') continue;
    const role = roleOf.get(t)!;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const wasAfterIpColon = afterIpColon;
    afterIpColon = false;
    if (role.shape === 'clfTime') ends.push({ kind: 'clf' });
    else if (role.shape === 'strftime') ends.push({ kind: 'regex', source: `(${role.strftime!.pattern})` });
    else if (t.letter === 'q' && prev?.kind === 'directive') {
      // %U%q: the query starts with `?` or is empty, so the split after %U is forced (no quadratic give-and-take)
      const stop = nextLiteralChar(tokens, k + 1);
      const rest = stop === undefined ? '[\\s\\S]*' : `[^${escapeClass(stop)}]*`;
      ends.push({ kind: 'regex', source: `(\\?${rest}|)` });
    } else if (next === undefined) ends.push({ kind: 'rest' });
    else if (next.kind === 'literal') {
      const c = next.text[0];
      if (prev?.kind === 'literal' && prev.text.endsWith('"') && c === '"') ends.push({ kind: 'quoted' });
      else if (role.shape === 'ip' && c === ':') {
        // IPv6 holds `:`: take the non-space run and let the regex settle on its last `:`
        ends.push({ kind: 'regex', source: '([^ ]*)' });
        afterIpColon = true;
      } else if (wasAfterIpColon && role.shape === 'number') ends.push({ kind: 'regex', source: '(\\d+|-)' });
      else ends.push({ kind: 'until', ch: c });
    } else {
      // directly followed by another directive: this one's shape decides, else stop lazily before the next literal
      const stop = nextLiteralChar(tokens, k + 1);
      const stopClass = stop === undefined ? '' : escapeClass(stop);
      let source: string;
      if (role.shape === 'number') source = '(\\d+|-)';
      else if (role.shape === 'connectionStatus') source = '([X+-])';
      else if (next.letter === 'q') source = `([^?${stopClass}]*)`;
      else source = stop === undefined ? '([\\s\\S]*?)' : `([^${stopClass}]*?)`;
      ends.push({ kind: 'regex', source });
    }
  }
  return ends;
}

/** A lazy "anything up to the next literal" capture: what two directives with no text between them get. */
const LAZY_GENERIC = /^\(\[(?:\^[^\]]*|\\s\\S)\]\*\?\)$/;
const NUMBER = '(\\d+|-)';
let atomicGroups = 0;

/** Does `next` accept every character `end` can capture (so giving `end` fewer characters never helps)? */
function widerThan(end: string, next: FieldEnd): boolean {
  if (next.kind === 'rest') return true;
  if (end === NUMBER)
    return next.kind === 'until' ? !/[\d-]/.test(next.ch) : LAZY_GENERIC.test(next.kind === 'regex' ? next.source : '');
  const cls = end.slice(1, -3); // `[^x]` or `[\s\S]`
  if (next.kind === 'until') return cls === `[^${escapeClass(next.ch)}]`;
  return next.kind === 'regex' && (next.source === end || next.source === '([\\s\\S]*?)');
}

/**
 * A field followed, with no text between, by one that accepts at least the same characters (`%r%<s`, `%>s%{X}i`):
 * the split the regex tries first is the one that matches if any does, so an atomic group — `(?=(?<a>x))\k<a>`, JS
 * has no possessive quantifiers — gives the same captures and stops it from trying every split point on lines that do
 * not fit (O(n^k) for k such fields; found by the fuzz suite).
 */
function atomicWhenFollowedByWider(end: FieldEnd, next: FieldEnd | undefined): string | undefined {
  if (end.kind !== 'regex' || next === undefined) return undefined;
  if (end.source !== NUMBER && !LAZY_GENERIC.test(end.source)) return undefined;
  if (!widerThan(end.source, next)) return undefined;
  const name = `a${++atomicGroups}`;
  return `(?=(?<${name}>${end.source.slice(1, -1)}))\\k<${name}>`;
}

function regexSourceOf(tokens: LogFormatToken[], ends: FieldEnd[]): string {
  let pattern = '^';
  let d = 0;
  for (const t of tokens) {
    if (t.kind === 'literal') {
      pattern += escapeRe(t.text);
      continue;
    }
    const end = ends[d];
    d += 1;
    switch (end.kind) {
      case 'until':
        pattern += `([^${escapeClass(end.ch)}]*)`;
        break;
      case 'quoted':
        pattern += QUOTED;
        break;
      case 'rest':
        pattern += '([\\s\\S]*)';
        break;
      case 'clf':
        pattern += '\\[([^\\]]*)\\]';
        break;
      case 'regex':
        pattern += atomicWhenFollowedByWider(end, ends[d]) ?? end.source;
        break;
    }
  }
  return `${pattern}$`;
}

/** Builds the regex matcher for a tokenized format (the scanner for plain formats is generate-scan-parser.ts). */
export function buildLineMatcher(
  tokens: LogFormatToken[],
  roleOf: Map<LogFormatDirective, DirectiveRole>,
): BuiltMatcher {
  const ends = planFieldEnds(tokens, roleOf);
  const regexSource = regexSourceOf(tokens, ends);
  const re = new RegExp(regexSource);
  const match: LineMatcher = (line) => re.exec(line);
  return { match, regex: re, ends, regexSource };
}
