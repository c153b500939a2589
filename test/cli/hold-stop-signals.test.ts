import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { holdStopSignals, type StopSignal } from '../../src/cli/hold-stop-signals.ts';

describe('holdStopSignals', () => {
  it('resolves with the first signal and keeps listening, so a repeat is reported, not fatal', async () => {
    const source = new EventEmitter();
    const repeats: StopSignal[] = [];
    const signals = holdStopSignals({ source, onRepeat: (s) => repeats.push(s) });
    source.emit('SIGTERM');
    source.emit('SIGTERM'); // npm forwarding what the terminal or `timeout` already sent
    source.emit('SIGINT');
    expect(await signals.first).toBe('SIGTERM');
    expect(repeats).toEqual(['SIGTERM', 'SIGINT']);
    // A listener left is what keeps Node from its default action (exit) on the repeat.
    expect(source.listenerCount('SIGTERM')).toBe(1);
    expect(source.listenerCount('SIGINT')).toBe(1);
  });

  it('listens only to the signals asked for', async () => {
    const source = new EventEmitter();
    const signals = holdStopSignals({ source, signals: ['SIGINT'] });
    expect(source.listenerCount('SIGTERM')).toBe(0);
    source.emit('SIGINT');
    expect(await signals.first).toBe('SIGINT');
  });
});
