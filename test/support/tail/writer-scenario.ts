// The rotation scenarios the rotating writer plays, and which path a reader must follow for each.

import { join } from 'node:path';

export type RotationScenario =
  | 'rename' // logrotate `create`: access.log → access.log.1, new access.log, late lines to the old fd (graceful)
  | 'copytruncate' // copy to access.log.1, truncate in place; the writer's O_APPEND fd writes at the new end
  | 'copytruncate-nocopy' // truncate in place with no copy left behind: what was not read yet is lost
  | 'delete' // unlink + recreate, late lines to the deleted file's fd
  | 'rotatelogs' // a new access.NNNN.log per period (followed by glob)
  | 'symlink' // access.log is a symlink, swapped atomically to a new target
  | 'external' // something else rotates (real logrotate): when access.log is renamed away, lateLines more to the old
  // fd, then reopen the path — what Apache's graceful restart does
  | 'none';

export interface WriterConfig {
  dir: string;
  scenario: RotationScenario;
  /** Sequence number of the first line (a restarted writer continues). */
  firstSeq: number;
  lines: number;
  linesPerSecond: number;
  /** Rotations, evenly spaced over the run. */
  rotations: number;
  /** Lines still written to the old file after a rename/delete/symlink rotation (a graceful restart's old children). */
  lateLines: number;
  /** Largest random partial write, in bytes. */
  maxChunkBytes: number;
  seed: number;
}

/** The path (or glob) a reader follows for the scenario. */
export function followedPath(scenario: RotationScenario, dir: string): string {
  return scenario === 'rotatelogs' ? join(dir, 'access.*.log') : join(dir, 'access.log');
}
