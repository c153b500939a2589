// URL prefixes as httpd compares them for <Location> and aliases.

import { trimTrailingSlashes } from './trim-trailing-slashes.ts';

/** httpd's <Location> prefix test (server/request.c ap_location_walk): a segment boundary must follow the prefix. */
export function prefixMatches(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  return prefix.endsWith('/') || path.length === prefix.length || path[prefix.length] === '/';
}

/** A prefix as httpd matches it: slashes merged (MergeSlashes On), `''` is `/`. */
export function normalisePrefix(p: string): string {
  const merged = p.replace(/\/{2,}/g, '/');
  return merged === '' ? '/' : merged;
}

/** `base` + `/` + `rest`, with one slash between them. */
export function joinUrl(base: string, rest: string): string {
  return `${trimTrailingSlashes(base)}/${rest.replace(/^\/+/, '')}`;
}
