// Snapshot source: the agent running in this process (`wsgiwatch top`, `wsgiwatch demo`).

import type { Snapshot } from '../report/snapshot.ts';
import type { SnapshotSource } from './snapshot-source.ts';

export function createInProcessSource(agent: { snapshot(): Snapshot }): SnapshotSource {
  return { label: 'in-process', read: async () => agent.snapshot() };
}
