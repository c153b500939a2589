// Where the dashboard's snapshots come from: the in-process agent, a remote agent's JSON API, or Prometheus.

import type { Snapshot } from '../report/snapshot.ts';

export interface SnapshotSource {
  /** A short description for the header (`in-process`, the URL, …). */
  readonly label: string;
  read(): Promise<Snapshot>;
  close?(): void;
}
