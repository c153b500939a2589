// An in-memory ConfigFs for tests: paths → file text; directories are implied by the paths.

import picomatch from 'picomatch';
import type { ConfigFs } from '../../../src/config/apache/config-fs.ts';

export function memoryFs(files: Record<string, string>, unreadable: string[] = []): ConfigFs {
  const paths = Object.keys(files);
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/') || '/');
  }
  const fail = (code: string, path: string) => Object.assign(new Error(`${code}: ${path}`), { code });
  return {
    readFile(path) {
      if (unreadable.includes(path)) throw fail('EACCES', path);
      if (dirs.has(path)) throw fail('EISDIR', path);
      const text = files[path];
      if (text === undefined) throw fail('ENOENT', path);
      return text;
    },
    listDir(path) {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = new Set<string>();
      for (const p of [...paths, ...dirs]) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
      return [...names];
    },
    isDirectory: (path) => dirs.has(path.replace(/\/+$/, '') || '/'),
    glob(pattern) {
      const isMatch = picomatch(pattern, { dot: false });
      return [...paths, ...dirs].filter((p) => isMatch(p));
    },
  };
}
