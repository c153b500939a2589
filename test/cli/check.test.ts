import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/commands/check.ts';
import { UserError } from '../../src/user-error.ts';
import { FIXTURES_DIR } from '../analyse/findings/fixture-trees.ts';

function check(apacheConfig: string, format: 'text' | 'json' = 'text', modWsgiVersion = '6.0.5') {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = runCheck(
      { apacheConfig, modWsgiVersion, format },
      {
        stdout: (s) => {
          stdout += s;
        },
      },
    );
  } catch (err) {
    // main() prints a UserError's message and exits 2.
    if (!(err instanceof UserError)) throw err;
    stderr += `${err.message}\n`;
    code = 2;
  }
  return { code, stdout, stderr };
}

const tree = (name: string) => join(FIXTURES_DIR, name, 'apache2.conf');

describe('runCheck', () => {
  it('exits 0 with no findings on the clean tree', () => {
    const r = check(tree('clean'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no findings');
    expect(r.stderr).toBe('');
  });

  it('exits 1 and prints findings grouped by severity with file:line', () => {
    const r = check(tree('mod-wsgi-before-6.0.2-with-ratelimit'), 'text', '4.9.4');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ERROR \(1\)$/m);
    expect(r.stdout).toContain(
      `${join(FIXTURES_DIR, 'mod-wsgi-before-6.0.2-with-ratelimit', 'sites', 'app.conf')}:4  [mod-wsgi-before-6.0.2-with-ratelimit]  app`,
    );
  });

  it('leads with the flush-delay banner: group, value, the rate-limited location, the recommendation', () => {
    const r = check(tree('flush-delay-zero-with-ratelimit'));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      '! response-flush-delay=0 on daemon group app serves /downloads (not measured) under RATE_LIMIT · recommended: remove it (default 5 ms)',
    );
    expect(check(tree('small-response-buffer-with-ratelimit')).stdout).toMatch(
      /^! response-buffer-size=\d+ on daemon group/,
    );
    expect(check(tree('clean')).stdout).not.toContain('! ');
  });

  it('prints JSON findings and the model', () => {
    const r = check(tree('invalid-rate-limit'), 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.findings[0])).toEqual(['rule', 'severity', 'subject', 'file', 'line', 'message', 'fix']);
    expect(json.findings[0]).toMatchObject({ rule: 'invalid-rate-limit', subject: 'app.example.test /downloads' });
    expect(json.model.rateLimits[0]).toMatchObject({ rateRaw: '2100000' });
  });

  it('exits 0 when only info findings remain', () => {
    const r = check(tree('restrict-embedded-toggled'), 'text', '6.0.2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INFO \(1\)$/m);
  });

  for (const [name, fileLine, message] of [
    ['broken-missing-include', 'broken-missing-include/apache2.conf:5', 'No such file or directory'],
    ['broken-include-loop', 'broken-include-loop/conf/b.conf:2', 'Include loop'],
    [
      'broken-unterminated-section',
      'broken-unterminated-section/apache2.conf:9',
      'Expected </Location> but saw </VirtualHost>',
    ],
    ['broken-unknown-directive', 'broken-unknown-directive/apache2.conf:6', "Invalid command 'SetOutputFiltre'"],
    [
      'broken-process-group-not-configured',
      'broken-process-group-not-configured/apache2.conf:3',
      'WSGI process group not yet configured.',
    ],
  ]) {
    it(`${name}: exit 2 with file:line, no stack trace`, () => {
      const r = check(tree(name));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${FIXTURES_DIR}/${fileLine}: `);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('an unreadable config (a directory here: tests run as root, which reads any file) exits 2 with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-d-'));
    try {
      const r = check(dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir}: Is a directory`);
      // An included directory is read file by file (here: none), not opened as a file.
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'httpd.conf'), 'Include sub\n');
      expect(check(join(dir, 'httpd.conf')).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
