// wsgiwatch_build_info labels: the package version and the git revision (when running from a checkout).

import { execFileSync } from 'node:child_process';
import { VERSION } from '../version.ts';

export function createBuildInfo(): { version: string; revision: string } {
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
  return { version: VERSION, revision };
}
