// The hot path for formats whose fields all end plainly: one generated function that scans and converts a line.
// Why generated: a loop calling a different converter per field is a megamorphic call each time; unrolled straight-line
// code keeps every call site monomorphic (measured ~1.5× faster). Safety: the source holds only generated identifiers,
// record field names (our own, checked to be identifiers) and integers; every string that comes from the LogFormat
// (literals, delimiters) is passed in as an argument.

import type { ParseFailureReason } from '../parse-failure.ts';
import type { AccessRecord } from './access-record.ts';
import type { FieldEnd } from './build-line-matcher.ts';
import type { LogFormatToken } from './tokenize-log-format.ts';

/**
 * Same contract as the converters in compile-log-format.ts: store s[a, b) or return a failure reason. `inline`, when
 * set, says what the converter does in terms the scanner writes out in its own body instead of calling it (`selectAt`
 * ≈ 15 % faster at the median in memory, the agent's pipeline ≈ 5 %: docs/benchmarks.md); the regex engines call it.
 */
export type FieldApply = ((record: AccessRecord, s: string, a: number, b: number) => ParseFailureReason | undefined) & {
  inline?: InlineConversion;
};

/** A converter the scanner can write out: it must do exactly what the converter it describes does. */
export type InlineConversion =
  /** Stores nothing. */
  | { kind: 'skip' }
  /**
   * Unsigned decimal (≤ 16 digits, ≤ 2^53 - 1), divided by `divisor`, stored in every field of `fields`; other text
   * fails with `reason`. `-` stores nothing (`skip`), 0 (`zero`), or fails like any non-digit (`fail`).
   */
  | {
      kind: 'digits';
      fields: readonly string[];
      divisor: number;
      dash: 'skip' | 'zero' | 'fail';
      reason: ParseFailureReason;
    }
  /** `convert(s, a, b)`, NaN failing with `reason`. */
  | { kind: 'number'; field: string; convert: (s: string, a: number, b: number) => number; reason: ParseFailureReason }
  /** `convert(s.slice(a, b))` unless the text is `-`. */
  | { kind: 'text'; field: string; convert: (value: string) => string };

/** Field names go into the generated source: only plain identifiers. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Fills `record` from the line `text[start, end)`; returns a failure reason (`format_mismatch` when the line does not
 * fit). Nothing at or after `end` is part of the line, even where `text` goes on (the tailer's decoded read).
 */
export type ScanParser = (
  text: string,
  record: AccessRecord,
  start: number,
  end: number,
) => ParseFailureReason | undefined;

/** Index of the first `"` at or after `from` not escaped by an odd run of backslashes, or -1. */
export function closingQuote(line: string, from: number): number {
  let q = line.indexOf('"', from);
  while (q >= 0) {
    let k = q - 1;
    while (k >= from && line.charCodeAt(k) === 92) k -= 1;
    if ((q - 1 - k) % 2 === 0) return q;
    q = line.indexOf('"', q + 1);
  }
  return -1;
}

/**
 * A bounded scanner's memory of the searches that ran past a line's end, in the text it last read: per field, the
 * first occurrence of the field's delimiter at or after where that search began (Infinity: none). The lines of one
 * read come in order, so a line that lacks a delimiter does not search the rest of the read again for every following
 * line: scanning a read stays linear in its length. Searches that end inside their line store nothing.
 */
interface SearchMemo {
  text: string | undefined;
  /** End of the last range read: a range starting before it resets the memory. */
  end: number;
  next: Float64Array;
}

/** First `ch` at or after `from` (Infinity: none), through the field's memo slot. */
function nextOf(line: string, ch: string, from: number, end: number, next: Float64Array, slot: number): number {
  let e = next[slot];
  if (e < from) {
    e = line.indexOf(ch, from);
    if (e < 0) e = Number.POSITIVE_INFINITY;
    if (e >= end) next[slot] = e;
  }
  return e;
}

/** closingQuote within line[from, end), its searches through the memo slot; -1 when the quote is not before `end`. */
function closingQuoteBefore(line: string, from: number, end: number, next: Float64Array, slot: number): number {
  let q = nextOf(line, '"', from, end, next, slot);
  while (q < end) {
    let k = q - 1;
    while (k >= from && line.charCodeAt(k) === 92) k -= 1;
    if ((q - 1 - k) % 2 === 0) return q;
    q = nextOf(line, '"', q + 1, end, next, slot);
  }
  return -1;
}

/**
 * The code storing `s`[a, b) as `apply` would (`s`, `a`, `b`: expressions of the generated source; `record`, `f`, `n`
 * and `c` its variables): written out for the converter's `inline` description, else a call to it.
 */
export function writeConversion(
  apply: FieldApply,
  s: string,
  a: string,
  b: string,
  arg: (value: unknown) => string,
): string {
  const inline = apply.inline;
  if (inline === undefined) return `f = ${arg(apply)}(record, ${s}, ${a}, ${b});\nif (f !== undefined) return f;\n`;
  if (inline.kind === 'skip') return '';
  const isDash = `${b} - ${a} === 1 && ${s}.charCodeAt(${a}) === 45`;
  switch (inline.kind) {
    case 'digits': {
      const { fields, divisor, dash } = inline;
      if (!fields.every((f) => IDENTIFIER.test(f)) || !Number.isInteger(divisor) || divisor < 1) {
        throw new Error(`not an inline digits conversion: ${JSON.stringify(inline)}`);
      }
      const reason = arg(inline.reason);
      const value = divisor === 1 ? 'n' : `n / ${divisor}`;
      // digitsAt (compile-log-format.ts): 16 digits at most, exact integers only
      let code = `if (${b} <= ${a} || ${b} - ${a} > 16) return ${reason};\nn = 0;\n`;
      code += `for (let i = ${a}; i < ${b}; i += 1) {\nc = ${s}.charCodeAt(i) - 48;\nif (c < 0 || c > 9) return ${reason};\nn = n * 10 + c;\n}\n`;
      code += `if (n > ${Number.MAX_SAFE_INTEGER}) return ${reason};\n`;
      code += fields.map((f) => `record.${f} = ${value};\n`).join('');
      if (dash === 'fail') return code;
      const onDash = dash === 'zero' ? fields.map((f) => `record.${f} = 0;\n`).join('') : '';
      return `if (${isDash}) {\n${onDash}} else {\n${code}}\n`;
    }
    case 'number': {
      if (!IDENTIFIER.test(inline.field)) throw new Error(`not a field: ${inline.field}`);
      let code = `n = ${arg(inline.convert)}(${s}, ${a}, ${b});\n`;
      code += `if (n !== n) return ${arg(inline.reason)};\nrecord.${inline.field} = n;\n`;
      return code;
    }
    case 'text':
      if (!IDENTIFIER.test(inline.field)) throw new Error(`not a field: ${inline.field}`);
      return `if (!(${isDash})) record.${inline.field} = ${arg(inline.convert)}(${s}.slice(${a}, ${b}));\n`;
  }
}

/**
 * Undefined when some field needs the regex engine, or when code generation is disabled. `bounded`: the line is a range
 * of a longer text (see SearchMemo); otherwise the searches end with the line and need no memory.
 */
export function generateScanParser(
  tokens: LogFormatToken[],
  ends: FieldEnd[],
  applies: FieldApply[],
  /** Run after all fields with the span of field `finish.field` (the %{…_frac}t added to timeSeconds). */
  finish?: { field: number; run: (record: AccessRecord, line: string, a: number, b: number) => void },
  bounded = false,
): ScanParser | undefined {
  if (ends.some((e) => e.kind === 'regex')) return undefined;
  const memo: SearchMemo | undefined = bounded
    ? { text: undefined, end: 0, next: new Float64Array(ends.length) }
    : undefined;
  const args: unknown[] = [closingQuote, closingQuoteBefore, memo];
  const names: string[] = ['closingQuote', 'closingQuoteBefore', 'memo'];
  const arg = (value: unknown) => {
    names.push(`p${names.length}`);
    args.push(value);
    return names[names.length - 1];
  };
  const count = ends.length;
  // nextOf written in place (bounded): a search that ends inside the line touches the memo only to read it
  const search = (ch: string, from: string, slot: number) =>
    `e = nx[${slot}];\nif (e < ${from}) {\ne = line.indexOf(${ch}, ${from});\nif (e < 0) e = Infinity;\nif (e >= end) nx[${slot}] = e;\n}\nif (e >= end) return 'format_mismatch';\n`;
  let body = 'let pos = start;\nlet e = 0;\n';
  if (bounded) {
    // `!==` compares contents for two distinct strings: storing the text each time keeps the next compare to pointers
    body += 'if (line !== memo.text || start < memo.end) memo.next.fill(-1);\nmemo.text = line;\nmemo.end = end;\n';
    body += 'const nx = memo.next;\n';
  }
  for (let i = 0; i < count; i += 1) body += `let a${i} = 0;\nlet b${i} = 0;\n`;
  let d = 0;
  for (const t of tokens) {
    if (t.kind === 'literal') {
      body += `if (pos + ${t.text.length} > end) return 'format_mismatch';\n`;
      if (t.text.length <= 4) {
        for (let k = 0; k < t.text.length; k += 1) {
          body += `if (line.charCodeAt(pos + ${k}) !== ${t.text.charCodeAt(k)}) return 'format_mismatch';\n`;
        }
      } else {
        body += `if (!line.startsWith(${arg(t.text)}, pos)) return 'format_mismatch';\n`;
      }
      body += `pos += ${t.text.length};\n`;
      continue;
    }
    const end = ends[d];
    switch (end.kind) {
      case 'until':
        body += bounded
          ? search(arg(end.ch), 'pos', d)
          : `e = line.indexOf(${arg(end.ch)}, pos);\nif (e < 0) return 'format_mismatch';\n`;
        body += `a${d} = pos;\nb${d} = e;\npos = e;\n`;
        break;
      case 'quoted':
        body += bounded ? `e = closingQuoteBefore(line, pos, end, nx, ${d});\n` : 'e = closingQuote(line, pos);\n';
        body += `if (e < 0) return 'format_mismatch';\n`;
        body += `a${d} = pos;\nb${d} = e;\npos = e;\n`;
        break;
      case 'clf':
        body += `if (pos >= end || line.charCodeAt(pos) !== 91) return 'format_mismatch';\n`;
        body += bounded
          ? search("']'", 'pos + 1', d)
          : `e = line.indexOf(']', pos + 1);\nif (e < 0) return 'format_mismatch';\n`;
        body += `a${d} = pos + 1;\nb${d} = e;\npos = e + 1;\n`;
        break;
      default:
        body += `a${d} = pos;\nb${d} = end;\npos = end;\n`;
    }
    d += 1;
  }
  body += `if (pos !== end) return 'format_mismatch';\nlet f;\nlet n = 0;\nlet c = 0;\n`;
  for (let i = 0; i < count; i += 1) body += writeConversion(applies[i], 'line', `a${i}`, `b${i}`, arg);
  if (finish !== undefined) body += `${arg(finish.run)}(record, line, a${finish.field}, b${finish.field});\n`;
  body += 'return undefined;\n';
  try {
    const factory = new Function(...names, `return function scanParse(line, record, start, end) {\n${body}};`);
    return factory(...args) as ScanParser;
  } catch {
    // code generation disabled (node --disallow-code-generation-from-strings): the regex engine still works
    return undefined;
  }
}
