// Acceptance #1: a real Apache (Debian apache2 + mod_wsgi 4.9.4) with RATE_LIMIT at 1000 KiB/s on a daemon location, a
// static location and an AddOutputFilterByType location the app never matches. wsgiwatch, tailing the live logs, must call
// them throttled (the real ≈ 0.35), conforming and ineffective; `analyse` on the same logs must agree.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { analyseLogs } from '../../src/cli/commands/analyse.ts';
import { createLogger } from '../../src/log.ts';
import type { LocationSnapshot } from '../../src/report/snapshot.ts';
import { type ApacheLab, LAB_PATHS, startApacheLab } from '../support/lab/apache-lab.ts';

const PORT = 18210;
const KiB = 1024;

describe.skipIf(process.env.WSGIWATCH_SKIP_LAB === '1')('rate-limit conformance against a real Apache', () => {
  let lab: ApacheLab | undefined;
  let agent: Agent | undefined;
  let stateDir: string | undefined;

  beforeAll(async () => {
    lab = await startApacheLab({ port: PORT, rateKiB: 1000 });
    stateDir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-e2e-rl-'));
    agent = createAgent({
      apacheConfig: lab.configFile,
      listenAddress: false,
      fromBeginning: true,
      positionsFile: path.join(stateDir, 'positions.json'),
      pollIntervalMs: 100,
      configCheckIntervalMs: 0,
      logger: createLogger({ level: 'silent', quiet: true }),
    });
    await agent.start();
  });

  afterAll(async () => {
    await agent?.stop();
    await lab?.stop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('reports the daemon location throttled, static conforming and the by-type location ineffective', async () => {
    const l = lab as ApacheLab;
    // Load the script in the daemon first: the first response would otherwise include Python start-up.
    expect((await l.request(`${LAB_PATHS.daemon}/pid`)).status).toBe(200);
    expect((await l.request(`${LAB_PATHS.byType}/pid`)).status).toBe(200);

    const sequential = async (paths: string[]) => {
      const out = [];
      for (const p of paths) out.push(await l.request(p, { timeoutMs: 20_000 }));
      return out;
    };
    const bytes = (n: number) => `/bytes?n=${n}`;
    const [statics, daemons, byType] = await Promise.all([
      sequential(['256k', '512k', '1024k', '4096k', '1024k', '512k'].map((f) => `${LAB_PATHS.static}/${f}.bin`)),
      sequential([256, 512, 1024, 1024, 512, 256].map((k) => `${LAB_PATHS.daemon}${bytes(k * KiB)}`)),
      sequential([1024, 1024, 4096, 1024, 256, 1024].map((k) => `${LAB_PATHS.byType}${bytes(k * KiB)}`)),
    ]);
    for (const r of [...statics, ...daemons, ...byType]) expect(r).toMatchObject({ status: 200 });
    // What the client saw: 1 MiB at 1000 KiB/s is 1.0 s static but ≈ 3 s through a 4.9.4 daemon.
    expect(statics[2].seconds).toBeGreaterThan(0.9);
    expect(daemons[2].seconds).toBeGreaterThan(2);

    const want = { '/app': 'throttled', '/static': 'conforming', '/bytype': 'ineffective' } as const;
    const a = agent as Agent;
    let live: LocationSnapshot[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      live = a.snapshot().locations.filter((x) => x.location in want);
      if (live.length === 3 && live.every((x) => x.samples >= 6)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const by = (loc: string) => live.find((x) => x.location === loc);
    expect(by('/app')).toMatchObject({ verdict: 'throttled', samples: 6, rateKiBps: 1000, daemonGroup: 'app' });
    expect(by('/app')?.medianRatio).toBeGreaterThan(0.2);
    expect(by('/app')?.medianRatio).toBeLessThan(0.5);
    expect(by('/app')?.explanation).toContain('4.9.4');
    expect(by('/static')).toMatchObject({ verdict: 'conforming', samples: 6 });
    expect(by('/bytype')).toMatchObject({ verdict: 'ineffective', samples: 6 });
    expect(by('/bytype')?.explanation).toContain('image/png');

    // The offline mode reads the same files and must agree.
    const report = await analyseLogs({ apacheConfig: l.configFile, accessLogs: [], errorLogs: [] });
    const offline = (loc: string) => report.locations.find((x) => x.location === loc);
    expect(offline('/app')).toMatchObject({ verdict: 'throttled', samples: 6 });
    expect(offline('/static')).toMatchObject({ verdict: 'conforming', samples: 6 });
    expect(offline('/bytype')).toMatchObject({ verdict: 'ineffective', samples: 6 });
    expect(report.versions.modWsgi).toBe('4.9.4');
  });
});
