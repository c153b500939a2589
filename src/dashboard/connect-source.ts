// Snapshot source `--connect URL`: a running agent's JSON API (a sidecar watched from a laptop).

import type { Snapshot } from '../report/snapshot.ts';
import type { SnapshotSource } from './snapshot-source.ts';

export function createConnectSource(baseUrl: string, fetchImpl: typeof fetch = fetch): SnapshotSource {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/snapshot`;
  return {
    label: baseUrl,
    async read() {
      const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return (await res.json()) as Snapshot;
    },
  };
}
