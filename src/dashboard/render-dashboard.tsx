// The only caller of ink's render(): alternate screen, ≤ 4 fps, console untouched; resolves when the user quits.

import { render, useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Snapshot } from '../report/snapshot.ts';
import { initialDashboardState, keyToAction, reduceDashboard } from './dashboard-state.ts';
import { DashboardView } from './dashboard-view.tsx';
import type { SnapshotSource } from './snapshot-source.ts';

export interface DashboardOptions {
  source: SnapshotSource;
  /** Snapshot refresh, ms (default 1000: calm, and the agent's rates are per second anyway). */
  refreshMs?: number;
  /** Quit by itself (demo --duration, tests). */
  stopAfterSeconds?: number;
  /**
   * Quit as `q` does when this settles: the caller's stop signals (held until its agent has stopped, so a second signal
   * cannot kill the process mid-write).
   */
  quitWhen?: Promise<unknown>;
  title?: string;
}

export function DashboardApp({ source, refreshMs = 1000 }: Pick<DashboardOptions, 'source' | 'refreshMs'>) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const [state, dispatch] = useReducer(reduceDashboard, undefined, initialDashboardState);
  const [snapshot, setSnapshot] = useState<Snapshot | undefined>();
  const [error, setError] = useState<string | undefined>();
  const paused = useRef(false);
  paused.current = state.paused;

  useEffect(() => {
    let alive = true;
    const tick = () => {
      if (paused.current) return;
      source.read().then(
        (s) => {
          if (!alive) return;
          setSnapshot(s);
          setError(undefined);
        },
        (err) => alive && setError((err as Error).message),
      );
    };
    tick();
    const timer = setInterval(tick, refreshMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [source, refreshMs]);

  useInput((input, key) => {
    // Keys typed faster than a frame can arrive as one chunk ("2\t"): act on each plain character.
    const plain = input.length > 1 && !key.ctrl && !key.meta ? Array.from(input) : [input];
    let s = state;
    for (const c of plain) {
      const action = keyToAction(s, c, plain.length > 1 ? {} : key);
      if (action) {
        s = reduceDashboard(s, action);
        dispatch(action);
      }
    }
  });
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  return (
    <DashboardView
      snapshot={snapshot}
      state={state}
      width={columns || 80}
      height={rows || 24}
      sourceLabel={source.label}
      error={error}
    />
  );
}

/** Runs the dashboard on the terminal until `q` (or stopAfterSeconds). */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  const instance = render(<DashboardApp source={options.source} refreshMs={options.refreshMs} />, {
    alternateScreen: true,
    // ink defaults to non-interactive whenever CI is set (is-in-ci), even on a TTY: it then draws nothing until exit.
    // A dashboard someone opened in a terminal is interactive wherever it runs.
    interactive: Boolean(process.stdout.isTTY),
    maxFps: 4,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  const timer =
    options.stopAfterSeconds !== undefined
      ? setTimeout(() => instance.unmount(), options.stopAfterSeconds * 1000)
      : undefined;
  options.quitWhen?.then(
    () => instance.unmount(),
    () => instance.unmount(),
  );
  try {
    await instance.waitUntilExit();
  } finally {
    if (timer) clearTimeout(timer);
    options.source.close?.();
  }
}
