// The regex literals of a TypeScript source, for the static ReDoS check (redos.fuzz.test.ts). A small tokenizer, not a
// parser: it skips comments, strings and template text (recursing into `${…}`), and reads a `/` as a regex when the
// token before it cannot end an expression — the rule JavaScript's grammar makes, good for code biome formatted.

export interface RegexLiteral {
  source: string;
  flags: string;
  /** 1-based line of the opening `/`. */
  line: number;
}

const IDENT = /[\w$]/;
// After these keywords an expression starts, so `/` opens a regex; after any other word it divides.
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

export function findRegexLiterals(text: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  let i = 0;
  let line = 1;
  // What the last significant token was: 'value' (an expression may have ended: `/` divides) or 'operator'.
  let last: 'value' | 'operator' = 'operator';
  // One entry per open `{`: true when it opened a template's `${`, so its `}` resumes the template text.
  const braces: boolean[] = [];

  const advance = (to: number) => {
    for (; i < to; i++) if (text[i] === '\n') line++;
  };
  /** Skips template text from i (just after a backtick or a `}`) to the closing backtick or a `${`. */
  const templateText = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') advance(i + 2);
      else if (c === '`') {
        advance(i + 1);
        last = 'value';
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        advance(i + 2);
        braces.push(true);
        last = 'operator';
        return;
      } else advance(i + 1);
    }
  };

  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') advance(text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i));
    else if (c === '/' && next === '*') advance(text.indexOf('*/', i + 2) + 2);
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      advance(j + 1);
      last = 'value';
    } else if (c === '`') {
      advance(i + 1);
      templateText();
    } else if (c === '{') {
      braces.push(false);
      advance(i + 1);
      last = 'operator';
    } else if (c === '}') {
      advance(i + 1);
      if (braces.pop() === true) templateText();
      else last = 'operator'; // a block's end; an object literal's `}` before `/` does not occur in our code
    } else if (c === '/' && last === 'operator') {
      const start = i;
      const startLine = line;
      let j = i + 1;
      let inClass = false;
      while (j < text.length && (inClass || text[j] !== '/')) {
        if (text[j] === '\n') throw new Error(`unterminated regex literal at line ${startLine}`);
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      let k = j + 1;
      while (k < text.length && /[a-z]/.test(text[k])) k++;
      found.push({ source: text.slice(start + 1, j), flags: text.slice(j + 1, k), line: startLine });
      advance(k);
      last = 'value';
    } else if (IDENT.test(c)) {
      let j = i;
      while (j < text.length && IDENT.test(text[j])) j++;
      last = KEYWORDS_BEFORE_EXPRESSION.has(text.slice(i, j)) ? 'operator' : 'value';
      advance(j);
    } else if (c === ')' || c === ']') {
      last = 'value'; // `if (x) /re/` does not occur in our code; `(a) / b` does
      advance(i + 1);
    } else if (/\s/.test(c)) advance(i + 1);
    else {
      // `x++ / 2` does not occur in our code: every other punctuator leaves an expression to start
      last = 'operator';
      advance(i + 1);
    }
  }
  return found;
}
