import { describe, expect, it } from 'vitest';
import { LogFormatError } from '../../../src/parse/access/log-format-error.ts';
import { tokenizeLogFormat } from '../../../src/parse/access/tokenize-log-format.ts';

describe('tokenizeLogFormat', () => {
  it('splits literals and directives, keeping directives as written', () => {
    expect(tokenizeLogFormat('%h "%r" %>s')).toEqual([
      {
        kind: 'directive',
        written: '%h',
        letter: 'h',
        arg: '',
        conditions: [],
        negated: false,
        original: undefined,
        column: 1,
      },
      { kind: 'literal', text: ' "' },
      {
        kind: 'directive',
        written: '%r',
        letter: 'r',
        arg: '',
        conditions: [],
        negated: false,
        original: undefined,
        column: 5,
      },
      { kind: 'literal', text: '" ' },
      {
        kind: 'directive',
        written: '%>s',
        letter: 's',
        arg: '',
        conditions: [],
        negated: false,
        original: false,
        column: 9,
      },
    ]);
  });

  it('reads conditions, negation, < and > in any order (parse_log_item)', () => {
    const [d] = tokenizeLogFormat('%!200,304{Referer}i');
    expect(d).toMatchObject({ letter: 'i', arg: 'Referer', conditions: [200, 304], negated: true });
    const [e] = tokenizeLogFormat('%{X}400,501<i');
    expect(e).toMatchObject({ letter: 'i', arg: 'X', conditions: [400, 501], negated: false, original: true });
  });

  it('reads the three-letter ^FB, ^ti, ^to handlers', () => {
    expect(
      tokenizeLogFormat('%^FB %{a}^ti %{b}^to')
        .filter((t) => t.kind === 'directive')
        .map((t) => t.letter),
    ).toEqual(['^FB', '^ti', '^to']);
  });

  it('applies the format escapes \\n \\t \\r \\\\ and %%, keeping other backslashes', () => {
    expect(tokenizeLogFormat('a\\tb\\nc\\rd\\\\e\\qf 100%%')).toEqual([
      { kind: 'literal', text: 'a\tb\nc\rd\\e\\qf 100%' },
    ]);
  });

  it('allows `%` and spaces inside {…} (strftime arguments)', () => {
    const [d] = tokenizeLogFormat('%{%d/%b/%Y %T}t');
    expect(d).toMatchObject({ letter: 't', arg: '%d/%b/%Y %T', written: '%{%d/%b/%Y %T}t' });
  });

  it('throws LogFormatError naming the directive and its 1-based column', () => {
    const err = (f: string) => {
      try {
        tokenizeLogFormat(f);
      } catch (e) {
        expect(e).toBeInstanceOf(LogFormatError);
        return [(e as LogFormatError).directive, (e as LogFormatError).column, (e as Error).message];
      }
      throw new Error('no error');
    };
    expect(err('%h %l %u %t \\"%r\\" %Z')).toEqual(['%Z', 20, 'unknown LogFormat directive "%Z" at column 20']);
    expect(err('%{x}Q')).toEqual(['%{x}Q', 1, 'unknown LogFormat directive "%{x}Q" at column 1']);
    expect(err('%^XY')).toEqual(['%^XY', 1, 'unknown LogFormat directive "%^XY" at column 1']);
    expect(err('ab %400')).toEqual(['%400', 4, 'unterminated LogFormat directive "%400" at column 4']);
    expect(err('%')).toEqual(['%', 1, 'unterminated LogFormat directive "%" at column 1']);
    expect(err('%{open')).toEqual(['%{open', 1, 'unterminated LogFormat directive "%{open" at column 1']);
  });
});
