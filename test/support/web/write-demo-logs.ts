// The demo scenario's logs and Apache config in a temp dir, for a fixed span (deterministic: seed and start fixed).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoPaths, writeDemoApacheConfig } from '../../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoStartupLines } from '../../../src/demo/demo-scenario.ts';
import { appendDemoLines } from '../../../src/demo/run-demo-writer.ts';

/** 2026-11-28 02:00:00 UTC. */
export const DEMO_START_SECONDS = 1795831200;

export function writeDemoLogs(spanSeconds = 1800, extra?: (paths: DemoPaths) => void): DemoPaths {
  const paths = writeDemoApacheConfig(mkdtempSync(join(tmpdir(), 'wsgiwatch-html-')));
  appendDemoLines(paths, demoStartupLines(DEMO_START_SECONDS));
  const step = 300;
  for (let t = DEMO_START_SECONDS; t < DEMO_START_SECONDS + spanSeconds; t += step) {
    appendDemoLines(paths, demoLinesBetween(1, t, Math.min(t + step, DEMO_START_SECONDS + spanSeconds)));
  }
  extra?.(paths);
  return paths;
}
