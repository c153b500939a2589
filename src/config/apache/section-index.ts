// <Directory> sections grouped and indexed by path, so a vhost looks only at the sections near its roots.

import type { ConfigNode } from './config-node.ts';
import type { Scoped, Section } from './scope-config-tree.ts';

export interface SectionGroup {
  section: Section;
  directives: Scoped[];
  order: number;
}

export interface PathIndex {
  byPath: Map<string, SectionGroup[]>;
  sorted: string[];
}

/** Directives grouped by their section, sections in first-seen order. */
export function groupBySection(list: Scoped[]): SectionGroup[] {
  const map = new Map<ConfigNode, SectionGroup>();
  for (const s of list) {
    const g = map.get(s.section!.node);
    if (g === undefined) map.set(s.section!.node, { section: s.section!, directives: [s], order: map.size });
    else g.directives.push(s);
  }
  return [...map.values()];
}

export function indexByPath(groups: SectionGroup[]): PathIndex {
  const byPath = new Map<string, SectionGroup[]>();
  for (const g of groups) {
    const p = g.section.dirPath;
    if (p === undefined) continue;
    const list = byPath.get(p);
    if (list === undefined) byPath.set(p, [g]);
    else list.push(g);
  }
  return { byPath, sorted: [...byPath.keys()].sort() };
}

/** Sections whose path is one of `roots`, an ancestor of one, or below one; in config order. */
export function sectionsNear(index: PathIndex, roots: string[]): SectionGroup[] {
  const found = new Set<SectionGroup>();
  for (const root of roots) {
    // Ancestors by testing the config's few section paths against the root, not by cutting the root one segment at a
    // time: that copied and hashed the root once per `/` (O(n²): 230 ms for a 16 KiB `DocumentRoot ////…x`, found by
    // the fuzz suite).
    for (const [p, groups] of index.byPath) {
      if (p === '/' || p === root || (root.startsWith(p) && root.charCodeAt(p.length) === 47))
        for (const g of groups) found.add(g);
    }
    const prefix = root === '/' ? '/' : `${root}/`;
    let lo = 0;
    let hi = index.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < index.sorted.length && index.sorted[i].startsWith(prefix); i++) {
      for (const g of index.byPath.get(index.sorted[i])!) found.add(g);
    }
  }
  return [...found].sort((a, b) => a.order - b.order);
}
