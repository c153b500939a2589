import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/analyse/findings/finding.ts';
import { formatFlushDelayBanner } from '../../../src/analyse/findings/format-flush-delay-banner.ts';

const finding = (rule: string, subject: string, message = ''): Finding => ({
  rule,
  severity: 'warning',
  subject,
  message,
  fix: '',
});
const downloads = {
  vhost: 'shop.example',
  location: '/downloads',
  daemonGroup: 'shop',
  flushDelayMs: 0,
  rateKiBps: 1000,
};

describe('formatFlushDelayBanner', () => {
  it('red when a location is measured throttled: group, value, location with ratio, recommendation', () => {
    const [b] = formatFlushDelayBanner(
      [finding('flush-delay-zero-with-ratelimit', 'shop')],
      [
        { ...downloads, verdict: 'throttled', medianRatio: 0.29 },
        { vhost: 'shop.example', location: '/static' },
      ],
    );
    expect(b).toEqual({
      text: 'response-flush-delay=0 on daemon group shop throttles /downloads (ratio 0.29) · recommended: remove it (default 5 ms)',
      tone: 'bad',
    });
  });

  it('yellow when nothing is measured yet; `check` (no verdict) says not measured', () => {
    const [live] = formatFlushDelayBanner(
      [finding('flush-delay-zero-with-ratelimit', 'shop')],
      [{ ...downloads, verdict: 'insufficient-data' }],
    );
    expect(live.tone).toBe('warn');
    expect(live.text).toContain('serves /downloads (not measured yet) under RATE_LIMIT');
    const [check] = formatFlushDelayBanner(
      [finding('flush-delay-zero-with-ratelimit', 'shop')],
      [{ vhost: 'shop.example', location: '/downloads', daemonGroup: 'shop', rateKiBps: 1000 }],
      [{ name: 'shop', responseFlushDelayMs: 0 }],
    );
    expect(check.text).toBe(
      'response-flush-delay=0 on daemon group shop serves /downloads (not measured) under RATE_LIMIT · recommended: remove it (default 5 ms)',
    );
  });

  it('response-buffer-size: the value from the daemon, else from the finding message', () => {
    const f = finding(
      'small-response-buffer-with-ratelimit',
      'shop',
      'Daemon group shop sets response-buffer-size=65536 …',
    );
    expect(formatFlushDelayBanner([f], [downloads])[0].text).toMatch(
      /^response-buffer-size=65536 on daemon group shop .* recommended: remove it \(default 8388608\)$/,
    );
    expect(formatFlushDelayBanner([f], [downloads], [{ name: 'shop', responseBufferSize: 32768 }])[0].text).toMatch(
      /^response-buffer-size=32768 /,
    );
  });

  it('nothing for other findings; one banner per group and option; throttled first', () => {
    expect(formatFlushDelayBanner([finding('invalid-rate-limit', 'x')], [])).toEqual([]);
    const banners = formatFlushDelayBanner(
      [
        finding('flush-delay-too-long', 'slow', 'Daemon group slow waits 500 ms before flushing'),
        finding('flush-delay-zero-with-ratelimit', 'shop'),
        finding('flush-delay-zero-with-ratelimit', 'shop'),
      ],
      [{ ...downloads, verdict: 'throttled', medianRatio: 0.3 }],
    );
    expect(banners.map((b) => b.tone)).toEqual(['bad', 'warn']);
    expect(banners[1].text).toBe(
      'response-flush-delay=500 on daemon group slow serves no rate-limited location · recommended: 200 ms or less (default 5 ms)',
    );
  });
});
