import { describe, expect, it } from 'vitest';
import { allowedTransferSeconds } from '../../src/analyse/throughput/allowed-transfer-seconds.ts';
import { DEMO_LOG_FORMAT } from '../../src/demo/demo-apache-config.ts';
import { demoLinesBetween, demoLinesInSecond, demoStartupLines } from '../../src/demo/demo-scenario.ts';
import { compileLogFormat } from '../../src/parse/access/compile-log-format.ts';
import { parseErrorLine } from '../../src/parse/error/parse-error-line.ts';

const T0 = 1795487000; // 2026-11-24T02:23:20Z

describe('demo scenario', () => {
  const lines = demoLinesBetween(1, T0, T0 + 60);
  const access = lines.filter((l) => l.log === 'access');
  const parse = compileLogFormat(DEMO_LOG_FORMAT);
  // biome-ignore lint/suspicious/noExplicitAny: record fields are read by name
  const records = access.map((l) => parse.parse(l.text) as any);

  it('is deterministic per (seed, second) and consecutive windows neither repeat nor skip', () => {
    expect(demoLinesBetween(1, T0, T0 + 60)).toEqual(lines);
    expect([...demoLinesBetween(1, T0, T0 + 25), ...demoLinesBetween(1, T0 + 25, T0 + 60)]).toEqual(lines);
    expect(demoLinesInSecond(2, T0)).not.toEqual(demoLinesInSecond(1, T0));
  });

  it('writes access lines the real parser reads with the demo LogFormat', () => {
    expect(records.every((r) => r.ok !== false)).toBe(true);
    expect(access.length).toBeGreaterThan(600);
  });

  it('writes error lines the real parser reads, with the startup versions, WSGI0210, AH00052 and a traceback', () => {
    const errors = [...demoStartupLines(T0), ...lines.filter((l) => l.log === 'error')];
    for (const e of errors)
      expect(parseErrorLine(e.text, { utcOffsetMinutes: 0 })).toMatchObject({ ok: true, prefixed: true });
    const text = errors.map((e) => e.text).join('\n');
    expect(text).toMatch(/AH00489: Apache\/2\.4\.71 \(Debian\) mod_wsgi\/6\.0\.5 Python\/3\.11/);
    expect(text).toContain('AH00052: child pid');
    expect(text).toContain('Traceback (most recent call last):');
  });

  it('pairs every WSGI0210 with a 500 access line from the same client ip:port', () => {
    const w = lines.filter((l) => l.text.includes('WSGI0210'));
    expect(w.length).toBeGreaterThanOrEqual(4);
    for (const e of w) {
      const [, ip, port] = /\[client ([\d.]+):(\d+)\]/.exec(e.text) ?? [];
      expect(
        access.some((a) => a.text.startsWith(`${ip} `) && / 500 /.test(a.text) && a.text.includes(` + ${port} `)),
      ).toBe(true);
    }
  });

  it('/downloads follows formula (B) (≈ 0.3 of the allowed rate), /static formula (A) (≈ 1)', () => {
    const ratio = (prefix: string) =>
      access
        .filter((a) => a.text.includes(`"GET ${prefix}`))
        .map((a) => {
          const m = / 200 \d+ (\d+) (\d+) /.exec(a.text) ?? [];
          return allowedTransferSeconds(Number(m[1]), 1000, 0) / (Number(m[2]) / 1e6);
        });
    for (const r of ratio('/downloads')) expect(r > 0.25 && r < 0.36, String(r)).toBe(true);
    for (const r of ratio('/static')) expect(r > 0.9 && r <= 1.0, String(r)).toBe(true);
    expect(ratio('/downloads').length).toBeGreaterThan(20);
  });
});
