// Per-(vhost, location) aggregates live in two-level maps keyed by the interned label strings, so the per-line lookup
// builds no concatenated key.

export type LocationMap<T> = Map<string, Map<string, T>>;

/** The entry of `vhost` and `location`, made by `create` (a function built once, not per line) on first use. */
export function locationEntry<T>(
  map: LocationMap<T>,
  vhost: string,
  location: string,
  create: (vhost: string, location: string) => T,
): T {
  let inner = map.get(vhost);
  if (inner === undefined) {
    inner = new Map();
    map.set(vhost, inner);
  }
  let e = inner.get(location);
  if (e === undefined) {
    e = create(vhost, location);
    inner.set(location, e);
  }
  return e;
}
