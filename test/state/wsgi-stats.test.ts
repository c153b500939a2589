import { describe, expect, it } from 'vitest';
import type { WsgiEvent } from '../../src/analyse/wsgi/wsgi-event.ts';
import { createWsgiStats } from '../../src/state/wsgi-stats.ts';

const event = (kind: string, level: string, message: string): WsgiEvent => ({ kind, level, message });

describe('createWsgiStats', () => {
  it('counts by kind and level, keeps the newest events and counts the ones the ring drops', () => {
    const stats = createWsgiStats(2);
    for (const n of [1, 2, 3]) stats.record(event('daemon-died', 'info', `died ${n}`));
    stats.record(event('other', 'crit', 'mod_wsgi (pid=1): Something new.'));
    expect(stats.byKindLevel()).toEqual(
      new Map([
        ['daemon-died\u0000info', 3],
        ['other\u0000crit', 1],
      ]),
    );
    expect(stats.recent().map((e) => e.message)).toEqual(['died 3', 'mod_wsgi (pid=1): Something new.']);
    expect(stats.recentDropped()).toBe(2);
  });

  it('samples the distinct messages of kind other with their level and count, bounded', () => {
    const stats = createWsgiStats();
    for (let i = 0; i < 30; i++) stats.record(event('other', 'error', `mod_wsgi (pid=1): Unknown ${i % 25}.`));
    stats.record(event('other', 'bogus', 'mod_wsgi (pid=1): Unknown 0.'));
    const samples = stats.otherSamples();
    expect(samples).toHaveLength(20);
    expect(samples[0]).toEqual({ level: 'error', message: 'mod_wsgi (pid=1): Unknown 0.', count: 3 });
    expect(stats.byKind()).toEqual({ other: 31 });
  });
});
