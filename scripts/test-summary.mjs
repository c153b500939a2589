// Prints vitest's JSON report as one plain closing line: `N passed, N failed, N skipped`.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`test report ${file} unreadable: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
for (const suite of report.testResults ?? []) {
  for (const t of suite.assertionResults ?? []) {
    if (t.status === 'failed') console.log(`FAILED: ${suite.name.replace(process.cwd() + '/', '')} › ${t.fullName}`);
  }
  if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) console.log(`FAILED SUITE: ${suite.name}: ${(suite.message ?? '').split('\n')[0]}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
