// Paths from the config without their trailing `/`s. A loop, not `replace(/\/+$/, '')`: that regex restarts at every
// `/` of a long run that is not at the end (`////…/x`) and so costs O(n²) (found by the fuzz suite: 10 s on a 64 KiB
// ServerRoot line).

/** `p` without its trailing slashes (`/srv//` → `/srv`, `///` → ``). */
export function trimTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--; // '/'
  return end === p.length ? p : p.slice(0, end);
}

/** A directory path from the config without its trailing slashes, `/` itself kept. */
export function trimDirectoryPath(p: string): string {
  return p.length > 1 ? trimTrailingSlashes(p) : p;
}
