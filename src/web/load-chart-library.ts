// Reads the charting library (uPlot, MIT) from its package, to inline into the page: the page loads nothing else.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PageAssets } from './render-html-report.ts';

let cached: PageAssets | undefined;

export function loadChartLibrary(): PageAssets {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = {
      chartScript: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      chartStyle: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return cached;
}
