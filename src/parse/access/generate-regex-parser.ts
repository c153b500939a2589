// For formats the scanner cannot take: one regex exec, then the converters written out or called in straight lines.
// Same safety rule as generate-scan-parser.ts: identifiers, our own field names and integers in the generated source.

import type { ParseFailureReason } from '../parse-failure.ts';
import type { AccessRecord } from './access-record.ts';
import { type FieldApply, writeConversion } from './generate-scan-parser.ts';

/** Fills `record` from the whole `line`; returns a failure reason. */
export type RegexParser = (line: string, record: AccessRecord) => ParseFailureReason | undefined;

/** Undefined when code generation is disabled (the caller then loops over the converters). */
export function generateRegexParser(
  re: RegExp,
  applies: FieldApply[],
  finish?: { field: number; run: (record: AccessRecord, line: string, a: number, b: number) => void },
): RegexParser | undefined {
  const names = ['re'];
  const args: unknown[] = [re];
  const arg = (value: unknown) => {
    names.push(`p${names.length}`);
    args.push(value);
    return names[names.length - 1];
  };
  let body =
    "const m = re.exec(line);\nif (m === null) return 'format_mismatch';\nlet v;\nlet f;\nlet n = 0;\nlet c = 0;\n";
  applies.forEach((apply, i) => {
    // every group is mandatory, so each capture is a string
    const code = writeConversion(apply, 'v', '0', 'v.length', arg);
    if (code !== '') body += `v = m[${i + 1}];\n${code}`;
  });
  if (finish !== undefined) body += `v = m[${finish.field + 1}];\n${arg(finish.run)}(record, v, 0, v.length);\n`;
  body += 'return undefined;\n';
  try {
    const factory = new Function(...names, `return function regexParse(line, record) {\n${body}};`);
    return factory(...args) as RegexParser;
  } catch {
    return undefined;
  }
}
