import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutRevision, createBuildInfo } from '../../src/agent/build-info.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A git repository (the user's app) with wsgiwatch installed inside it, as npm lays it out. */
function appWithInstalledWsgiwatch(): { app: string; bundle: string } {
  const app = mkdtempSync(join(tmpdir(), 'build-info-'));
  dirs.push(app);
  execFileSync('git', ['init', '-q', app]);
  const pkg = join(app, 'node_modules', 'wsgiwatch');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'wsgiwatch', version: '0.1.0' }));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'the-app' }));
  return { app, bundle: join(pkg, 'dist', 'main.js') };
}

describe('createBuildInfo', () => {
  it('takes WSGIWATCH_REVISION first', () => {
    expect(createBuildInfo({ WSGIWATCH_REVISION: 'abc1234' }).revision).toBe('abc1234');
  });

  it('reads the checkout it runs from', () => {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(createBuildInfo({}).revision).toBe(head);
  });

  it('says unknown for an installed copy, not the revision of the repository around it', () => {
    const { bundle } = appWithInstalledWsgiwatch();
    expect(checkoutRevision(bundle)).toBe('unknown');
    expect(createBuildInfo({}, pathToFileURL(bundle).href).revision).toBe('unknown');
  });

  it('says unknown outside any wsgiwatch package', () => {
    expect(checkoutRevision(join(tmpdir(), 'nowhere', 'main.js'))).toBe('unknown');
  });
});
