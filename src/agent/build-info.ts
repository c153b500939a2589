// wsgiwatch_build_info labels: the package version and the git revision (WSGIWATCH_REVISION, or a checkout's HEAD).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.ts';

export function createBuildInfo(env: NodeJS.ProcessEnv = process.env, from = import.meta.url): BuildInfo {
  const revision = env.WSGIWATCH_REVISION ?? '';
  return { version: VERSION, revision: revision !== '' ? revision : checkoutRevision(fileURLToPath(from)) };
}

export interface BuildInfo {
  version: string;
  revision: string;
}

/**
 * HEAD of the wsgiwatch checkout this file runs from, or `unknown`. Only a package root that holds `.git` is asked: an
 * installed copy (node_modules/wsgiwatch, a Docker image's /app) would otherwise report the revision of whatever
 * repository encloses it.
 */
export function checkoutRevision(file: string): string {
  const root = packageRoot(file);
  if (root === undefined || !existsSync(join(root, '.git'))) return 'unknown';
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** The nearest directory above `file` whose package.json names wsgiwatch (src/agent/ in a checkout, dist/ bundled). */
function packageRoot(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    try {
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'wsgiwatch') return dir;
    } catch {
      // An unreadable or malformed package.json is not ours: keep looking up.
    }
    if (dirname(dir) === dir) return undefined;
  }
}
