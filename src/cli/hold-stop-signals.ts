// Stop signals, held from the first one until the process exits (main.ts exits with the command's status). `process.once`
// would drop the listener on the first signal, and the next one would take Node's default action (exit at once) in the
// middle of the positions write: `npm start` forwards SIGINT/SIGTERM to a child that the terminal or `timeout` has
// signalled already, so two arrive together. Like Prometheus, a repeat is reported and ignored; SIGKILL still forces.
// Nothing gives them back: released as the stop ended, the default action was back while the process exited, and the
// forwarded copy arriving that moment late killed an agent that had stopped cleanly (status 143 instead of 0).

export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** Under a dashboard a kill, or the terminal closed (SIGHUP), quits as `q` does. */
export const DASHBOARD_STOP_SIGNALS: readonly StopSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** What signals are taken from: `process`, or an EventEmitter in tests. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
}

export interface StopSignals {
  /** The first stop signal received. */
  readonly first: Promise<StopSignal>;
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
  for (const signal of signals) {
    source.on(signal, () => {
      if (received) onRepeat?.(signal);
      else {
        received = true;
        resolveFirst(signal);
      }
    });
  }
  return { first };
}
