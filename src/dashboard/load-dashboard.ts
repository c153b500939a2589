// The dashboard's entry for the CLI: ink and React take ~0.4 s to load, so they are imported when a dashboard is drawn,
// not by every command (`run`, `check` and `analyse` start that much sooner).

import type { DashboardOptions } from './render-dashboard.tsx';

/** Runs the dashboard on the terminal until `q` (or stopAfterSeconds). */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  const { runDashboard: run } = await import('./render-dashboard.tsx');
  await run(options);
}
