// bin/wsgiwatch.js starts each command with its V8 heap flags by re-executing itself (same pid), and leaves the
// user's own heap flags alone.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.join(import.meta.dirname, '..', '..', 'bin', 'wsgiwatch.js');
/** Prints the V8 flags the process ended up with, and its pid, as it exits. */
const HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("@flags "+process.pid+" "+JSON.stringify(process.execArgv.filter((f)=>f.startsWith("--max-")))+"\\n"))`;

function flagsOf(nodeFlags: string[], args: string[]): { flags: string[] } {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', HOOK, BIN, ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const m = /@flags (\d+) (.*)/.exec(r.stderr);
  expect(m).not.toBeNull();
  // Re-executed in place: the process that started is the one that ran.
  expect(Number(m?.[1])).toBe(r.pid);
  return { flags: JSON.parse(m?.[2] ?? '[]') };
}

describe('bin/wsgiwatch.js', () => {
  it('starts analyse with 8 MiB semi-spaces and a 1 GiB old generation', () => {
    expect(flagsOf([], ['analyse', '--help']).flags).toEqual(['--max-semi-space-size=8', '--max-old-space-size=1024']);
    expect(flagsOf([], ['analyze', '--help']).flags).toEqual(['--max-semi-space-size=8', '--max-old-space-size=1024']);
  });

  it('starts run with the sidecar heap, other commands with V8 defaults', () => {
    expect(flagsOf([], ['run', '--help']).flags).toEqual(['--max-semi-space-size=1', '--max-old-space-size=64']);
    expect(flagsOf([], ['check', '--help']).flags).toEqual([]);
  });

  it("keeps the user's heap flags", () => {
    expect(flagsOf(['--max-old-space-size=300'], ['analyse', '--help']).flags).toEqual(['--max-old-space-size=300']);
  });
});
