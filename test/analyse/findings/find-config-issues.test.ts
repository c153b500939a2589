import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigIssues } from '../../../src/analyse/findings/find-config-issues.ts';
import { loadApacheConfig } from '../../../src/config/apache/load-apache-config.ts';
import { expectedFindings, FIXTURES_DIR, fixtureTrees } from './fixture-trees.ts';

const ruleTrees = fixtureTrees().filter((t) => !t.startsWith('broken-'));
/** The mod_wsgi version each tree is checked against. */
const versionOf = (tree: string) => (tree === 'mod-wsgi-before-6.0.2-with-ratelimit' ? '4.9.4' : '6.0.5');
/** Debian's mod_wsgi 4.9.4 refuses response-flush-delay (a 6.0.2 option): apache2 -t cannot accept these trees. */
const NEEDS_602 = new Set(['flush-delay-zero-with-ratelimit', 'flush-delay-too-long']);
const hasApache = existsSync('/usr/sbin/apache2') && existsSync('/usr/lib/apache2/modules/mod_wsgi.so');

describe('findConfigIssues on the fixture trees', () => {
  it('has one tree per rule plus a clean one, and the per-vhost LogLevel pair', () => {
    expect(ruleTrees).toContain('clean');
    expect(ruleTrees).toContain('loglevel-hides-wsgi-info-in-vhost');
    expect(ruleTrees).toContain('loglevel-shows-wsgi-info-in-every-vhost');
    expect(ruleTrees.length).toBe(16);
  });

  for (const tree of ruleTrees) {
    it(`${tree}: finds exactly the announced findings`, () => {
      const { model, errors } = loadApacheConfig(join(FIXTURES_DIR, tree, 'apache2.conf'));
      expect(errors).toEqual([]);
      const findings = findConfigIssues(model, { modWsgiVersion: versionOf(tree) });
      const got = findings.map((f) => ({ rule: f.rule, subject: f.subject, file: f.file, line: f.line }));
      expect(got).toEqual(expectedFindings(tree));
      if (tree === 'clean') expect(findings).toEqual([]);
      // A tree is named after its rule (`loglevel-hides-wsgi-info-in-vhost` tests `loglevel-hides-wsgi-info`).
      else expect(got.every((f) => tree.startsWith(f.rule))).toBe(true);
      for (const f of findings) {
        expect(f.message).toMatch(/\.$/);
        expect(f.fix.length).toBeGreaterThan(10);
      }
    });
  }

  it('restrict-embedded-toggled is an error before 6.0.2, info on 6.0.2+, a warning when the version is unknown', () => {
    const { model } = loadApacheConfig(join(FIXTURES_DIR, 'restrict-embedded-toggled', 'apache2.conf'));
    const severity = (v?: string) =>
      findConfigIssues(model, { modWsgiVersion: v }).find((f) => f.rule === 'restrict-embedded-toggled')?.severity;
    expect(severity('4.9.4')).toBe('error');
    expect(severity('6.0.2')).toBe('info');
    expect(severity(undefined)).toBe('warning');
  });

  it('small-response-buffer-with-ratelimit calls 65536 the old default', () => {
    const { model } = loadApacheConfig(join(FIXTURES_DIR, 'small-response-buffer-with-ratelimit', 'apache2.conf'));
    const [f] = findConfigIssues(model, { modWsgiVersion: '6.0.5' });
    expect(f.message).toContain('65536, the pre-6.0.2 default');
  });

  it('without a version, says it is unknown (info) for a daemon behind RATE_LIMIT', () => {
    const { model } = loadApacheConfig(join(FIXTURES_DIR, 'mod-wsgi-before-6.0.2-with-ratelimit', 'apache2.conf'));
    expect(findConfigIssues(model).map((f) => [f.rule, f.severity, f.subject])).toEqual([
      ['mod-wsgi-version-unknown', 'info', 'app'],
    ]);
  });

  it('treats response-flush-delay as proof of mod_wsgi >= 6.0.2 when no version is given', () => {
    const { model } = loadApacheConfig(join(FIXTURES_DIR, 'flush-delay-too-long', 'apache2.conf'));
    const rules = findConfigIssues(model).map((f) => f.rule);
    expect(rules).not.toContain('mod-wsgi-before-6.0.2-with-ratelimit');
    expect(rules).not.toContain('mod-wsgi-version-unknown');
  });
});

describe.skipIf(!hasApache)('apache2 -t agrees with the fixture trees', () => {
  for (const tree of fixtureTrees()) {
    const broken = tree.startsWith('broken-');
    const title = NEEDS_602.has(tree)
      ? `${tree}: rejected by Debian's mod_wsgi 4.9.4 only for the 6.0.2 option response-flush-delay`
      : `${tree}: apache2 -t ${broken ? 'rejects' : 'accepts'} it`;
    it(title, () => {
      const dir = mkdtempSync(join(tmpdir(), 'wsgiwatch-d-'));
      try {
        cpSync(join(FIXTURES_DIR, tree), dir, { recursive: true });
        mkdirSync(join(dir, 'logs'), { recursive: true });
        const r = spawnSync('/usr/sbin/apache2', ['-t', '-d', dir, '-f', 'apache2.conf'], {
          encoding: 'utf8',
          timeout: 20_000,
        });
        const output = `${r.stdout}${r.stderr}`;
        if (NEEDS_602.has(tree)) {
          expect(output).toContain('Invalid option to WSGI daemon process definition.');
        } else if (broken) {
          expect(r.status).not.toBe(0);
          // Ours names the same file:line as Apache's innermost "Syntax error on line N of FILE".
          const ours = loadApacheConfig(join(dir, 'apache2.conf')).errors.map((e) => `${e.file}:${e.line}`);
          const theirs = [...output.matchAll(/on line (\d+) of ([^:]+):/g)].map((m) => `${m[2]}:${m[1]}`).at(-1);
          if (tree !== 'broken-include-loop') expect(ours).toContain(theirs);
          else expect(ours.length).toBeGreaterThan(0);
        } else {
          expect(output).toContain('Syntax OK');
          expect(r.status).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('loglevel-hides-wsgi-info per vhost', () => {
  it('names the vhost, its own ErrorLog and the LogLevel line that hides wsgi:info', () => {
    const tree = join(FIXTURES_DIR, 'loglevel-hides-wsgi-info-in-vhost');
    const { model } = loadApacheConfig(join(tree, 'apache2.conf'));
    const [f] = findConfigIssues(model, { modWsgiVersion: '4.9.4' });
    expect(f).toMatchObject({ severity: 'warning', subject: 'app.example.test', file: join(tree, 'sites/app.conf') });
    expect(f.message).toContain('In vhost app.example.test');
    expect(f.message).toContain(`ErrorLog ${join(tree, 'logs/app-error.log')}`);
    expect(f.message).toContain("`LogLevel warn` replaces the server's per-module levels");
    expect(f.fix).toContain('LogLevel warn wsgi:info');
  });
});
