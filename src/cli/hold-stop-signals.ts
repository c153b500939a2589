// Stop signals, held from the first one until the caller has finished stopping. `process.once` would drop the listener
// on the first signal, and the next one would take Node's default action (exit at once) in the middle of the positions
// write: `npm start` forwards SIGINT/SIGTERM to a child that the terminal or `timeout` has signalled already, so two
// arrive together. Like Prometheus, a repeat is reported and ignored; SIGKILL still forces. The CLI's commands hold
// them until main.ts exits: released as the stop ends, the default action is back while the process exits, and the
// forwarded copy arriving that moment late killed an agent that had stopped cleanly (status 143 instead of 0).

export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** Under a dashboard a kill, or the terminal closed (SIGHUP), quits as `q` does. */
export const DASHBOARD_STOP_SIGNALS: readonly StopSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** What signals are taken from: `process`, or an EventEmitter in tests. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
}

export interface StopSignals {
  /** The first stop signal received. */
  readonly first: Promise<StopSignal>;
  /** Stops listening: from now on a signal has its default effect again (for a caller that goes on running). */
  release(): void;
}

export interface HoldStopSignalsOptions {
  signals?: readonly StopSignal[];
  /** A signal after the first (while stopping). */
  onRepeat?: (signal: StopSignal) => void;
  source?: SignalSource;
}

export function holdStopSignals(options: HoldStopSignalsOptions = {}): StopSignals {
  const { signals = ['SIGTERM', 'SIGINT'], onRepeat, source = process } = options;
  let received = false;
  let resolveFirst!: (signal: StopSignal) => void;
  const first = new Promise<StopSignal>((resolve) => {
    resolveFirst = resolve;
  });
  const listeners = signals.map((signal) => {
    const listener = () => {
      if (received) onRepeat?.(signal);
      else {
        received = true;
        resolveFirst(signal);
      }
    };
    source.on(signal, listener);
    return [signal, listener] as const;
  });
  let released = false;
  return {
    first,
    release() {
      if (released) return;
      released = true;
      for (const [signal, listener] of listeners) source.off(signal, listener);
    },
  };
}
