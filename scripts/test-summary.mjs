// Prints vitest's JSON report as one plain closing line: `N passed, N failed, N skipped`.
// Usage: test-summary.mjs REPORT [--check NAME=STATUS ...]; each check (typecheck, lint) counts as one test, so a red
// type check shows in the closing line and not only in the exit code.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !a.includes('=')) ?? '.vitest-results.json';
const checks = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--check' && args[i + 1]) {
    const [name, status] = args[++i].split('=');
    checks.push({ name, ok: status === '0' });
  }
}
const checksPassed = checks.filter((c) => c.ok).length;
const checksFailed = checks.length - checksPassed;
for (const c of checks) if (!c.ok) console.log(`FAILED: ${c.name}`);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`test report ${file} unreadable: ${err.message}`);
  console.log(`${checksPassed} passed, ${checksFailed + 1} failed`);
  process.exit(0);
}
const passed = report.numPassedTests ?? 0;
const failed =
  (report.numFailedTests ?? 0) +
  (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
for (const suite of report.testResults ?? []) {
  for (const t of suite.assertionResults ?? []) {
    if (t.status === 'failed') console.log(`FAILED: ${suite.name.replace(`${process.cwd()}/`, '')} › ${t.fullName}`);
  }
  if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0)
    console.log(`FAILED SUITE: ${suite.name}: ${(suite.message ?? '').split('\n')[0]}`);
}
console.log(`${passed + checksPassed} passed, ${failed + checksFailed} failed${skipped ? `, ${skipped} skipped` : ''}`);
