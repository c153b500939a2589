#!/usr/bin/env node
// The installed entry point: the bundled CLI (npm run build), or the TypeScript source through tsx in a checkout.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`wsgiwatch needs Node.js >= 22.12 (this is ${process.version}); run it through npm (npm start) or install Node 24.\n`);
  process.exit(2);
}
try {
  await import('../dist/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/main.js')) throw err;
  await import('tsx/esm');
  await import('../src/cli/main.ts');
}
