// Issue #7 fuzzing, "time linear in input", decided statically: scslre (the analyser behind eslint-plugin-regexp's
// no-super-linear-backtracking / no-super-linear-move) proves a regex free of super-linear runtime on inputs that
// repeat one character — the floods of linear-time-stages.ts. Deterministic and clock-free: a proof, not a timing.
// Checked: every regex literal of src/parse, src/config/apache and src/analyse, and every RegExp that
// compileLogFormat / compileErrorLogFormat build for the rich formats, the formats that once backtracked and the
// corpus's formats (test/fixtures/nasty/), and the one per message-table template that uncoded messages are tested on.
// Not covered by scslre: exponential blow-up from ambiguous alternatives (`(\w|\d)+`), which it does not model.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from 'scslre';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/analyse/wsgi/classify-error-record.ts';
import { MESSAGE_TABLE } from '../../src/analyse/wsgi/message-table.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { compileErrorLogFormat } from '../../src/parse/error/compile-error-log-format.ts';
import { findRegexLiterals } from './find-regex-literals.ts';
import { corpus, RICH_ERROR_FORMAT, RICH_FORMATS } from './fuzz-inputs.ts';
import { ADJACENT_FORMATS, ERROR_FORMAT_REGRESSIONS } from './linear-time-stages.ts';

interface Checked {
  source: string;
  flags: string;
  where: string;
}

const ROOT = new URL('../../', import.meta.url).pathname;
const SCANNED = ['src/parse', 'src/config/apache', 'src/analyse'];

/**
 * Reports judged harmless, by `/source/flags` and report type, each with why no input makes it super-linear:
 * - `^(\S+)\s*(.*)$` with the s flag (tokenize-apache-config): `.*` then matches any rest, so no suffix rejects and
 *   nothing backtracks.
 */
const HARMLESS = new Set(['/^(\\S+)\\s*(.*)$/s Trade']);

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function literals(): Checked[] {
  return SCANNED.flatMap(tsFiles).flatMap((file) =>
    findRegexLiterals(readFileSync(join(ROOT, file), 'utf8')).map((r) => ({ ...r, where: `${file}:${r.line}` })),
  );
}

/** The RegExps `compile` constructs (the compilers build them with `new RegExp`, resolved from the global). */
function built(where: string, compile: () => unknown): Checked[] {
  const seen: Checked[] = [];
  const Original = globalThis.RegExp;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args, newTarget) {
      const re = Reflect.construct(target, args, newTarget) as RegExp;
      seen.push({ source: re.source, flags: re.flags, where });
      return re;
    },
  });
  try {
    compile();
  } finally {
    globalThis.RegExp = Original;
  }
  return seen;
}

/** scslre's reports for one regex, as `kind: quantifiers, repeated character`, less the HARMLESS ones. */
function superLinear({ source, flags }: Pick<Checked, 'source' | 'flags'>): string[] {
  return analyse({ source, flags })
    .reports.filter((r) => !HARMLESS.has(`/${source}/${flags} ${r.type}`))
    .map(
      (r) =>
        `${r.type}${r.exponential ? ' (exponential)' : ''}: ${r.type === 'Trade' ? `${r.startQuant.raw} vs ${r.endQuant.raw}` : r.quant.raw}, repeat ${JSON.stringify(r.character.pick)}`,
    );
}

const declared = literals();
/** A corpus format may be one too big to compile: its documented error is that entry's outcome, and no regex is built. */
const attempt = (compile: () => unknown) => () => {
  try {
    compile();
  } catch {}
};
const accessFormats = [...RICH_FORMATS, ...ADJACENT_FORMATS];
const errorFormats = [RICH_ERROR_FORMAT, ...ERROR_FORMAT_REGRESSIONS];
for (const entry of corpus) {
  if (entry.accessFormat !== undefined) accessFormats.push(entry.accessFormat);
  if (entry.errorFormat !== undefined) errorFormats.push(entry.errorFormat);
}
const compiled = [
  ...accessFormats.flatMap((f) =>
    built(
      `LogFormat ${f}`,
      attempt(() => compileLogFormat(f, { engine: 'regex' })),
    ),
  ),
  ...errorFormats.flatMap((f) =>
    built(
      `ErrorLogFormat ${f}`,
      attempt(() => compileErrorLogFormat(f)),
    ),
  ),
  // uncoded mod_wsgi messages are matched against a regex per message-table template
  ...MESSAGE_TABLE.flatMap((t) => built(`message template ${t.text}`, () => compileTemplate(t.text))),
];

describe('no super-linear regex (scslre, static)', () => {
  it('finds the regex literals of the scanned folders, each a valid RegExp', () => {
    expect(declared.length).toBeGreaterThan(80);
    for (const r of declared) expect(() => new RegExp(r.source, r.flags), r.where).not.toThrow();
  });

  it('sees every format compiler build its regexes', () => {
    for (const f of [...RICH_FORMATS, ...ADJACENT_FORMATS])
      expect(
        compiled.some((c) => c.where === `LogFormat ${f}`),
        f,
      ).toBe(true);
    expect(compiled.filter((c) => c.where.startsWith('ErrorLogFormat ')).length).toBeGreaterThanOrEqual(
      2 * (1 + ERROR_FORMAT_REGRESSIONS.length),
    );
    expect(compiled.filter((c) => c.where.startsWith('message template ')).length).toBe(MESSAGE_TABLE.length);
  });

  it.each(SCANNED)('every regex literal in %s', (dir) => {
    const found = declared
      .filter((r) => r.where.startsWith(`${dir}/`))
      .flatMap((r) => superLinear(r).map((why) => `${r.where} /${r.source}/${r.flags} — ${why}`));
    expect(found).toEqual([]);
  });

  it('every regex the LogFormat and ErrorLogFormat compilers and the message table build', () => {
    const found = compiled.flatMap((r) => superLinear(r).map((why) => `${r.where}: ${r.source} — ${why}`));
    expect(found).toEqual([]);
  });

  // The checker catches the shapes the old timed suite caught, so passing above means something.
  it.each([
    ['a run of `/` not at the end (each start position rescans it)', '\\/+$', 'Move'],
    ['two directives with no text between them (every split point)', '^([^ ]*)([^ ]*) x$', 'Trade'],
    ['a number then a lazy rest, not atomic', '^(\\d+|-)([\\s\\S]*?)x$', 'Trade'],
    ['nested quantifiers', '^(a+)+$', 'Self'],
  ])('flags %s', (_what, source, type) => {
    expect(superLinear({ source, flags: '' }).join('\n')).toContain(type);
  });
});

describe('findRegexLiterals', () => {
  it('reads regexes, not division, comments, strings or template text', () => {
    const text = [
      'const a = x / 2 / y; // not /a regex/',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source under test, template included
      "const b = '/not/'.replace(/\\//g, `/${c.split(/,/)[0]}/`);",
      '/* /no/ */ if (/^[/]+$/i.test(s)) return /x/;',
      'const d = (e) / f;',
    ].join('\n');
    expect(findRegexLiterals(text).map((r) => `${r.line} /${r.source}/${r.flags}`)).toEqual([
      '2 /\\//g',
      '2 /,/',
      '3 /^[/]+$/i',
      '3 /x/',
    ]);
  });
});
