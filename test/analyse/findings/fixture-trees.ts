// The per-rule fixture trees under test/fixtures/apache and the findings each one's `# expect: RULE SUBJECT` comments
// announce (the finding points at the line after the comment; CONFDIR stands for the tree's directory).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../fixtures/apache');

export interface ExpectedFinding {
  rule: string;
  subject: string;
  file: string;
  line: number;
}

export function fixtureTrees(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((d) => statSync(join(FIXTURES_DIR, d)).isDirectory())
    .sort();
}

export function expectedFindings(tree: string): ExpectedFinding[] {
  const dir = join(FIXTURES_DIR, tree);
  const out: ExpectedFinding[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            const m = /^\s*# expect: (\S+) (.+)$/.exec(text);
            if (m !== null) out.push({ rule: m[1], subject: m[2].replace('CONFDIR', dir), file: p, line: i + 2 });
          });
      }
    }
  };
  walk(dir);
  return out;
}
