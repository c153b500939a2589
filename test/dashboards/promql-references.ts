// What a PromQL expression needs from the scrape: the metric names it reads and the label names it selects or groups
// by. A small tokenizer, enough for our own dashboard and rules (not a PromQL parser): strings are skipped, `{…}` gives
// selector labels, `by|without|on|ignoring (…)` grouping labels, and any other identifier not followed by `(` that is not
// a keyword or a duration is a metric name.

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

export interface PromqlReferences {
  metrics: Set<string>;
  /** Labels named in a selector, per metric. */
  selectorLabels: Map<string, Set<string>>;
  /** Labels named in by/without/on/ignoring clauses. */
  groupingLabels: Set<string>;
}

export function promqlReferences(expr: string): PromqlReferences {
  const metrics = new Set<string>();
  const selectorLabels = new Map<string, Set<string>>();
  const groupingLabels = new Set<string>();
  let i = 0;
  let lastMetric: string | undefined;
  const ident = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = expr.indexOf(c, i + 1);
      i = end < 0 ? expr.length : end + 1;
      continue;
    }
    if (c === '{') {
      // The closing brace is the first one outside a quoted matcher value.
      let end = i + 1;
      while (end < expr.length && expr[end] !== '}') {
        if (expr[end] === '"') {
          end++;
          while (end < expr.length && expr[end] !== '"') end += expr[end] === '\\' ? 2 : 1;
        }
        end++;
      }
      const body = expr.slice(i + 1, end).replace(/"(?:[^"\\]|\\.)*"/g, '""');
      const labels = [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]);
      const owner = lastMetric ?? '__name_less__';
      const set = selectorLabels.get(owner) ?? new Set<string>();
      for (const l of labels) set.add(l);
      selectorLabels.set(owner, set);
      i = end + 1;
      continue;
    }
    if (c === '[') {
      i = expr.indexOf(']', i) + 1; // range or subquery duration
      continue;
    }
    ident.lastIndex = i;
    const m = ident.exec(expr);
    if (m === null || (i > 0 && /[0-9.]/.test(expr[i - 1]))) {
      i++;
      continue;
    }
    const word = m[0];
    i += word.length;
    const rest = expr.slice(i).trimStart();
    if (['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(word) && rest.startsWith('(')) {
      const open = expr.indexOf('(', i);
      const close = expr.indexOf(')', open);
      for (const l of expr.slice(open + 1, close).split(',')) if (l.trim() !== '') groupingLabels.add(l.trim());
      i = close + 1;
      continue;
    }
    // A function call, or an aggregation written `sum by (…) (…)`.
    if (rest.startsWith('(') || /^(by|without)\s*\(/.test(rest) || KEYWORDS.has(word.toLowerCase())) {
      lastMetric = undefined;
      continue;
    }
    metrics.add(word);
    lastMetric = word;
  }
  return { metrics, selectorLabels, groupingLabels };
}

/** A histogram's (or summary's) sample name folded to its family: `x_bucket`, `x_sum`, `x_count` → `x`. */
export function metricFamily(name: string, histograms: ReadonlySet<string>): string {
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  return m !== null && histograms.has(m[1]) ? m[1] : name;
}

export interface ScrapedFamilies {
  /** Family name → label names present on any of its samples (`le`/`quantile` included for histograms/summaries). */
  labels: Map<string, Set<string>>;
  /** Families declared `# TYPE … histogram` or `summary`: their samples carry a `_bucket`/`_sum`/`_count` suffix. */
  histograms: Set<string>;
}

/** Metric families and their label names, from Prometheus text exposition. */
export function scrapeLabels(body: string): ScrapedFamilies {
  const histograms = new Set<string>();
  for (const m of body.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (histogram|summary)$/gm)) histograms.add(m[1]);
  const labels = new Map<string, Set<string>>();
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s/.exec(line);
    if (m === null) continue;
    const family = metricFamily(m[1], histograms);
    const set = labels.get(family) ?? new Set<string>();
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) set.add(l[1]);
    labels.set(family, set);
  }
  return { labels, histograms };
}
