// The CLI's edges in a child process: `--version` from package.json (from source and from the esbuild bundle, outside
// npm so no npm_package_version helps), and every user error as one line with exit 2.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../e2e/real-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: { build: string };
};
const { npm_package_version: _npmVersion, ...ENV } = process.env;

function cli(args: string[], cwd = ROOT, entry: readonly string[] = CLI_ARGS) {
  const r = spawnSync(process.execPath, [...entry, ...args], { cwd, env: ENV, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('wsgiwatch CLI', () => {
  // Under the checkout's node_modules: the bundle keeps packages external and resolves them from there.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'node_modules/.cache/wsgiwatch-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('--version prints the package.json version', () => {
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: `${PKG.version}\n` });
  });

  it('--version from the esbuild bundle, run from another directory', () => {
    const build = PKG.scripts.build.replace('--outdir=dist', `--outdir=${out}`);
    const b = spawnSync('sh', ['-c', `npx ${build}`], { cwd: ROOT, encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    expect(cli(['--version'], tmpdir(), [join(out, 'main.js')])).toMatchObject({ code: 0, stdout: `${PKG.version}\n` });
  });

  it('analyse --jobs 2 from the bundle (its worker is an entry point of its own): the JSON of --jobs 1', () => {
    const logs = mkdtempSync(join(tmpdir(), 'wsgiwatch-bundle-jobs-'));
    try {
      const line = (i: number) =>
        `10.0.0.${i % 250} - - [23/Nov/2026:20:00:${String(i % 60).padStart(2, '0')} +0000] "GET /d/${i} HTTP/1.1" ${i % 9 === 0 ? 500 : 200} ${1000 * i}`;
      const lines = (from: number) => `${Array.from({ length: 500 }, (_, k) => line(from + k)).join('\n')}\n`;
      writeFileSync(join(logs, 'access.log.2.gz'), gzipSync(lines(0)));
      writeFileSync(join(logs, 'access.log.1'), lines(500));
      writeFileSync(join(logs, 'access.log'), lines(1000));
      const args = (jobs: number) => [
        'analyse',
        '--access-log',
        join(logs, 'access.log'),
        '--access-log-format',
        'common',
        '--location',
        '/d=100',
        '--format',
        'json',
        '--jobs',
        String(jobs),
      ];
      const one = cli(args(1), tmpdir(), [join(out, 'main.js')]);
      const two = cli(args(2), tmpdir(), [join(out, 'main.js')]);
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      expect(JSON.parse(one.stdout).files.map((f: { lines: number }) => f.lines)).toEqual([500, 500, 500]);
      expect(two.stdout).toBe(one.stdout);
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });

  it.each([
    [['run', '--location', 'downloads'], 'invalid --location "downloads"'],
    [['check', '--apache-config', '/nonexistent/apache2.conf'], '/nonexistent/apache2.conf'],
    [['run', '--access-log', '/tmp/x.log', '--access-log-format', '%Z'], '%Z'],
    [['frobnicate', '--x'], ''],
  ])('%j: exit 2, a message, no stack', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
