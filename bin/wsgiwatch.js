#!/usr/bin/env node
// The installed entry point: the bundled CLI (npm run build), or the TypeScript source through tsx in a checkout.
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`wsgiwatch needs Node.js >= 22.12 (this is ${process.version}); run it through npm (npm start) or install Node 24.\n`);
  process.exit(2);
}

// V8 heap flags per command. `run` is a sidecar: a 1 MiB young generation and a 64 MiB old one keep its peak RSS at
// 20,000 lines/s near 80 MiB instead of 110 (V8 otherwise lets garbage pile up to a much larger limit before a full
// collection), at the same CPU; its state is bounded by construction (≈ 10 MiB of heap). Measured in
// bench/sidecar-cost.ts. `analyse` holds ≈ 8 MiB of live heap whatever the input, but V8 doubles its young generation
// as it goes (16 → 32 → 64 MiB over 5 M lines) and, under its default 4 GiB limit, lets garbage grow the old one to 4×
// the live heap: 8 MiB semi-spaces and a 1 GiB old generation (ample) hold its peak RSS flat, ≈ 90 MiB on 1 M and on
// 5 M lines instead of 104 and 131 in one thread, ≈ 145 instead of 175 in two, at the same CPU. Measured in
// bench/analyse-memory.ts and bench/analyse-jobs.ts (which start it so). The process re-executes itself with the flags
// (same pid, so systemd, Docker and signals see one process) unless the user set heap flags already.
const ANALYSE_V8_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=1024'];
const V8_FLAGS = {
  run: ['--max-semi-space-size=1', '--max-old-space-size=64'],
  analyse: ANALYSE_V8_FLAGS,
  analyze: ANALYSE_V8_FLAGS,
};
const flags = Object.hasOwn(V8_FLAGS, process.argv[2]) ? V8_FLAGS[process.argv[2]] : undefined;
const userHeapFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((f) =>
  /^--max-(semi|old)-space-size/.test(f),
);
if (flags !== undefined && !userHeapFlags && typeof process.execve === 'function') {
  const script = fileURLToPath(import.meta.url);
  process.execve(
    process.execPath,
    [process.execPath, ...flags, ...process.execArgv, script, ...process.argv.slice(2)],
    process.env,
  );
}

try {
  await import('../dist/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/main.js')) throw err;
  await import('tsx/esm');
  await import('../src/cli/main.ts');
}
