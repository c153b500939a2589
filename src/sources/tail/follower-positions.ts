// What a follower tells the positions file and the glob scan: each file it holds or finished, with its offset.

import type { FileIdentity } from './file-identity.ts';
import type { FollowerState } from './follower-state.ts';
import type { PositionEntry } from './positions-file.ts';
import type { ResumePoint } from './tail-types.ts';

function entry(source: string, path: string, id: FileIdentity, offset: number, rotated: boolean): PositionEntry {
  return {
    source,
    path,
    dev: id.dev,
    ino: id.ino,
    fingerprint: id.fingerprint.toString('base64'),
    offset,
    ...(rotated ? { rotated: true } : {}),
  };
}

/** Entries for the positions file: the current file (or the one closed while quiet, or not opened yet), then rotated. */
export function followerPositions(state: FollowerState, source: string): PositionEntry[] {
  const { path, current, idle, resume } = state;
  const entries: PositionEntry[] = [];
  // The committed offset: just after the last line handed on, where a restart resumes.
  if (current) entries.push(entry(source, path, current.id, current.splitter.committedOffset(), false));
  else if (idle) entries.push(entry(source, path, idle.id, idle.readTo, false));
  // Not opened yet (missing since we started): keep what the positions file said.
  else if (resume) entries.push(entry(source, path, resume.id, resume.offset, false));
  for (const of of state.draining) entries.push(entry(source, path, of.id, of.splitter.committedOffset(), true));
  for (const point of state.pendingRotated) entries.push(entry(source, path, point.id, point.offset, true));
  return entries;
}

/** Files this follower holds (current, draining, closed while quiet: `held`) or finished, with their offsets. */
export function followerKnownFiles(state: FollowerState): { point: ResumePoint; held: boolean }[] {
  const files = state.finished.map((point) => ({ point, held: false }));
  if (state.current)
    files.push({ point: { id: state.current.id, offset: state.current.splitter.offset() }, held: true });
  if (state.idle) files.push({ point: { id: state.idle.id, offset: state.idle.readTo }, held: true });
  for (const of of state.draining) files.push({ point: { id: of.id, offset: of.splitter.offset() }, held: true });
  return files;
}
