// How config/apache reads files: node:fs at the I/O edge (load-apache-config), an in-memory map in tests.

export interface ConfigFs {
  /** Throws an error with `code` ENOENT / EACCES / EISDIR like node:fs. */
  readFile(path: string): string;
  listDir(path: string): string[];
  isDirectory(path: string): boolean;
  /** Absolute paths matching a glob pattern (`*`, `?`, `[…]`), any order. */
  glob(pattern: string): string[];
}
