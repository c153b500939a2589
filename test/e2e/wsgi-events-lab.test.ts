// Acceptance #2: against a real Apache with mod_wsgi 4.9.4, a daemon exception, a socket-timeout, a SIGKILLed daemon and
// the `WSGIRestrictEmbedded On` + `Off` child crash (AH00052) are each counted under the right kind, the exception once.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createAgent } from '../../src/agent/create-agent.ts';
import { createLogger } from '../../src/log.ts';
import { type ApacheLab, LAB_PATHS, startApacheLab } from '../support/lab/apache-lab.ts';

const PORT = 18220;

describe.skipIf(process.env.WSGIWATCH_SKIP_LAB === '1')('mod_wsgi events against a real Apache', () => {
  let lab: ApacheLab | undefined;
  let agent: Agent | undefined;
  let stateDir: string | undefined;

  beforeAll(async () => {
    lab = await startApacheLab({ port: PORT, restrictEmbedded: ['On', 'Off'], socketTimeoutSeconds: 2 });
    stateDir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-e2e-ev-'));
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

  it('counts exception, header timeout, killed daemon and child crash under their kinds', async () => {
    const l = lab as ApacheLab;
    expect((await l.request(`${LAB_PATHS.daemon}/boom?tag=e2e`)).status).toBe(500);
    const timedOut = await l.request(`${LAB_PATHS.socketTimeout}/sleep?s=4`, { timeoutMs: 10_000 });
    expect(timedOut.status).toBe(504);

    const killed = await l.killDaemon('app');
    expect(killed).toHaveLength(1);
    await l.waitForLog('error', /Process 'app' terminated by signal 9/);

    // 4.9.4 with WSGIRestrictEmbedded On then Off: children start without Python, an embedded request kills the child.
    const crashed = await l.request(`${LAB_PATHS.embedded}/pid`, { timeoutMs: 10_000 });
    expect(crashed.status).toBe(0);
    await l.waitForLog('error', /AH00052: child pid \d+ exit signal Segmentation fault/);

    const a = agent as Agent;
    const kinds = () => a.snapshot().wsgi.byKind;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const k = kinds();
      if (k.exception >= 1 && k['header-timeout'] >= 1 && k['daemon-died'] >= 1 && k['child-crash'] >= 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let the traceback grouper close any group still open (it waits for a quiet error log).
    await new Promise((r) => setTimeout(r, 1500));
    const k = kinds();
    expect(k.exception).toBe(1);
    expect(k['header-timeout']).toBe(1);
    expect(k['daemon-died']).toBe(1);
    expect(k['daemon-signal']).toBe(1);
    expect(k['child-crash']).toBeGreaterThanOrEqual(1);
    // Every line the real 4.9.4 logged (info included) is in the message table: nothing fell through to `other`.
    expect(
      a
        .snapshot()
        .wsgi.recent.filter((e) => e.kind === 'other')
        .map((e) => e.message),
    ).toEqual([]);
    expect(k.other ?? 0).toBe(0);

    const recent = a.snapshot().wsgi.recent;
    const exception = recent.find((e) => e.kind === 'exception');
    expect(exception?.exception?.type).toBe('RuntimeError');
    expect(exception?.exception?.message).toContain('deliberate failure (e2e)');
    expect(recent.find((e) => e.kind === 'header-timeout')?.processGroup).toBe('st');
    expect(recent.find((e) => e.kind === 'daemon-died')?.processGroup).toBe('app');
  });
});
