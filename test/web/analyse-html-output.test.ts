import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyse } from '../../src/cli/commands/analyse.ts';
import { UserError } from '../../src/user-error.ts';

const LINE =
  '[Mon Nov 23 20:38:03.583778 2026] [core:notice] [pid 1:tid 1] AH00052: child pid 2 exit signal Segmentation fault (11)';

describe('analyse --format html --output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-html-output-'));
  writeFileSync(join(dir, 'error.log'), `${LINE}\n`);
  const options = { accessLogs: [], errorLogs: [join(dir, 'error.log')], format: 'html' as const };

  it('writes one page to the file and nothing to stdout', async () => {
    const out: string[] = [];
    const file = join(dir, 'report.html');
    const code = await runAnalyse(
      { ...options, output: file },
      { stdout: (s) => out.push(s), stderr: (s) => out.push(s) },
    );
    expect(code).toBe(0);
    expect(out).toEqual([]);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('"child-crash":1');
  });

  it('names the file it cannot write, as a UserError (exit 2 in src/cli/main.ts)', async () => {
    const file = join(dir, 'missing', 'report.html');
    const run = runAnalyse({ ...options, output: file }, { stdout: () => {}, stderr: () => {} });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(`analyse: cannot write ${file}: ENOENT`);
  });
});
