// The hot path for formats whose fields all end plainly: one generated function that scans and converts a line.
// Why generated: a loop calling a different converter per field is a megamorphic call each time; unrolled straight-line
// code keeps every call site monomorphic (measured ~1.5× faster). Safety: the source holds only generated identifiers
// and integers; every string that comes from the LogFormat (literals, delimiters) is passed in as an argument.

import type { ParseFailureReason } from '../parse-failure.ts';
import type { AccessRecord } from './access-record.ts';
import type { FieldEnd } from './build-line-matcher.ts';
import type { LogFormatToken } from './tokenize-log-format.ts';

/** Same contract as the converters in compile-log-format.ts: store s[a, b) or return a failure reason. */
export type FieldApply = (record: AccessRecord, s: string, a: number, b: number) => ParseFailureReason | undefined;

/** Fills `record` from `line`; returns a failure reason (`format_mismatch` when the line does not fit). */
export type ScanParser = (line: string, record: AccessRecord) => ParseFailureReason | undefined;

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

/** Undefined when some field needs the regex engine, or when code generation is disabled. */
export function generateScanParser(
  tokens: LogFormatToken[],
  ends: FieldEnd[],
  applies: FieldApply[],
  /** Run after all fields with the span of field `finish.field` (the %{…_frac}t added to timeSeconds). */
  finish?: { field: number; run: (record: AccessRecord, line: string, a: number, b: number) => void },
): ScanParser | undefined {
  if (ends.some((e) => e.kind === 'regex')) return undefined;
  const args: unknown[] = [closingQuote];
  const names: string[] = ['closingQuote'];
  const arg = (value: unknown) => {
    names.push(`p${names.length}`);
    args.push(value);
    return names[names.length - 1];
  };
  const count = ends.length;
  let body = 'let pos = 0;\nlet e = 0;\n';
  for (let i = 0; i < count; i += 1) body += `let a${i} = 0;\nlet b${i} = 0;\n`;
  let d = 0;
  for (const t of tokens) {
    if (t.kind === 'literal') {
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
        body += `e = line.indexOf(${arg(end.ch)}, pos);\nif (e < 0) return 'format_mismatch';\n`;
        body += `a${d} = pos;\nb${d} = e;\npos = e;\n`;
        break;
      case 'quoted':
        body += `e = closingQuote(line, pos);\nif (e < 0) return 'format_mismatch';\n`;
        body += `a${d} = pos;\nb${d} = e;\npos = e;\n`;
        break;
      case 'clf':
        body += `if (line.charCodeAt(pos) !== 91) return 'format_mismatch';\ne = line.indexOf(']', pos + 1);\n`;
        body += `if (e < 0) return 'format_mismatch';\na${d} = pos + 1;\nb${d} = e;\npos = e + 1;\n`;
        break;
      default:
        body += `a${d} = pos;\nb${d} = line.length;\npos = line.length;\n`;
    }
    d += 1;
  }
  body += `if (pos !== line.length) return 'format_mismatch';\nlet f;\n`;
  for (let i = 0; i < count; i += 1) {
    body += `f = ${arg(applies[i])}(record, line, a${i}, b${i});\nif (f !== undefined) return f;\n`;
  }
  if (finish !== undefined) body += `${arg(finish.run)}(record, line, a${finish.field}, b${finish.field});\n`;
  body += 'return undefined;\n';
  try {
    const factory = new Function(...names, `return function scanParse(line, record) {\n${body}};`);
    return factory(...args) as ScanParser;
  } catch {
    // code generation disabled (node --disallow-code-generation-from-strings): the regex engine still works
    return undefined;
  }
}
