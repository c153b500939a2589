#!/usr/bin/env node
// The installed entry point: the bundled CLI (npm run build), or the TypeScript source through tsx in a checkout.
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`wsgiwatch needs Node.js >= 22.12 (this is ${process.version}); run it through npm (npm start) or install Node 24.\n`);
  process.exit(2);
}

// `run` is a sidecar: a small heap. A 1 MiB young generation and a 64 MiB old one keep its peak RSS at 20,000 lines/s
// near 80 MiB instead of 110 (V8 otherwise lets garbage pile up to a much larger limit before a full collection),
// at the same CPU; its state is bounded by construction (≈ 10 MiB of heap). Measured in bench/sidecar-cost.ts.
// Other commands (`analyse` reads whole archives) keep V8's defaults. The process re-executes itself with the flags
// (same pid, so systemd, Docker and signals see one process) unless the user set heap flags already.
const RUN_V8_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=64'];
const userHeapFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((f) =>
  /^--max-(semi|old)-space-size/.test(f),
);
if (process.argv[2] === 'run' && !userHeapFlags && typeof process.execve === 'function') {
  const script = fileURLToPath(import.meta.url);
  process.execve(
    process.execPath,
    [process.execPath, ...RUN_V8_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)],
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
