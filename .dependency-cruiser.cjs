// The stage order of src/, checked by dependency-cruiser in `npm run lint`: a module imports its own floor or a lower
// one, never a higher one, and no import goes round in a circle. Type-only imports count: a type two floors need lives
// on the lower one.
//
// Parsed with swc: dependency-cruiser reads TypeScript through the `typescript` package's API only up to 6.x and from
// 7.1, and this project compiles with the native 7.0 (which has no such API).

/** Lowest first. Each entry: a name and the folders (under src/) on that floor. */
const FLOORS = [
  // Files at the top of src/ (log.ts): no stage; they may import only each other.
  { name: 'base', paths: ['[^/]+[.]tsx?$'] },
  { name: 'sources', paths: ['sources/'] },
  // The Apache config is read like a log format is: pure text to a model the analysis reads.
  { name: 'parse', paths: ['parse/', 'config/'] },
  { name: 'analyse', paths: ['analyse/'] },
  { name: 'state', paths: ['state/'] },
  // The engine (config model, matcher, pipeline, state, findings), its batch driver, and the report model built from it.
  { name: 'engine', paths: ['pipeline/', 'engine/', 'report/'] },
  // The views of the report and of the aggregates (the HTTP edge in metrics/ serves the web page; the fleet view
  // queries metrics/' family names): one floor, held to no cycles like every other.
  { name: 'views', paths: ['metrics/', 'api/', 'dashboard/', 'web/'] },
  // The live driver (tailer → engine → HTTP) and the demo's log writer: composed by the commands.
  { name: 'drivers', paths: ['agent/', 'demo/'] },
  { name: 'cli', paths: ['cli/'] },
];

const floorPattern = (floor) => `^src/(${floor.paths.join('|')})`;

const upward = FLOORS.flatMap((floor, i) =>
  FLOORS.slice(i + 1).map((higher) => ({
    name: `${floor.name}-not-to-${higher.name}`,
    comment: `src/${floor.paths.join(', src/')} sits below src/${higher.paths.join(', src/')}: imports point down the stages (docs/architecture.md).`,
    severity: 'error',
    from: { path: floorPattern(floor) },
    to: { path: floorPattern(higher) },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules that import each other (directly or round a circle) cannot be read or tested one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-test-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    ...upward,
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
