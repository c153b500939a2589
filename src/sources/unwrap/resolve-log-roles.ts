// The files to follow and each one's role: a file or glob named for both logs (a container log holding Apache's
// access and error lines) is followed once, and its lines go to both parsers.

import picomatch from 'picomatch';
import type { LogKind, LogLine } from '../log-line.ts';
import type { LogRole } from './log-wrapper.ts';

export interface LogRoles {
  /** One per path, in the order first named; a path named for both logs keeps its first kind. */
  sources: { path: string; log: LogKind }[];
  /** The role of the file a line came from: `both` when its path or glob was named for both logs. */
  roleOf: (line: LogLine) => LogRole;
}

export function resolveLogRoles(named: readonly { path: string; log: LogKind }[]): LogRoles {
  const byPath = new Map<string, { log: LogKind; role: LogRole }>();
  for (const { path, log } of named) {
    const seen = byPath.get(path);
    if (seen === undefined) byPath.set(path, { log, role: log });
    else if (seen.log !== log) seen.role = 'both';
  }
  const both = [...byPath].filter(([, s]) => s.role === 'both').map(([path]) => path);
  const matchers = both.map((p) => picomatch(p));
  return {
    sources: [...byPath].map(([path, s]) => ({ path, log: s.log })),
    roleOf: (line) =>
      both.length > 0 && (both.includes(line.path) || matchers.some((m) => m(line.path))) ? 'both' : line.log,
  };
}
