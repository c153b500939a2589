// wsgiwatch_build_info labels: the package version and the git revision (when running from a checkout).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function createBuildInfo(): { version: string; revision: string } {
  let version = 'unknown';
  // src/agent/ in a checkout, dist/ in the bundle: the package.json is two or one level up.
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
      if (pkg.name === 'wsgiwatch') {
        version = pkg.version;
        break;
      }
    } catch {}
  }
  let revision = process.env.WSGIWATCH_REVISION ?? '';
  if (revision === '') {
    try {
      revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: new URL('.', import.meta.url),
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 2000,
      })
        .toString()
        .trim();
    } catch {
      revision = 'unknown';
    }
  }
  return { version, revision };
}
