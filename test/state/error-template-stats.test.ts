import { describe, expect, it } from 'vitest';
import { createErrorTemplateStats } from '../../src/state/error-template-stats.ts';

describe('createErrorTemplateStats', () => {
  it('groups by module, level and template with counts, first and last seen and the first sample', () => {
    const s = createErrorTemplateStats();
    s.record({ timeSeconds: 20, module: 'core', level: 'error', message: 'File does not exist: /a/1.png' });
    s.record({ timeSeconds: 10, module: 'core', level: 'error', message: 'File does not exist: /b/2.png' });
    s.record({ timeSeconds: 15, module: 'ssl', level: 'warn', message: 'File does not exist: /c' });
    s.record({ message: 'raw stderr 12' });
    const d = s.data();
    expect(d.lines).toBe(4);
    expect(d.templates[0]).toEqual({
      template: 'File does not exist: <path>',
      module: 'core',
      level: 'error',
      count: 2,
      firstSeconds: 10,
      lastSeconds: 20,
      sample: 'File does not exist: /a/1.png',
    });
    expect(d.templates.map((t) => t.count)).toEqual([2, 1, 1]);
  });

  it('counts lines past the template cap without grouping them', () => {
    const s = createErrorTemplateStats({ maxTemplates: 2 });
    for (const m of ['a', 'b', 'c', 'a']) s.record({ message: m });
    expect(s.data()).toMatchObject({ lines: 4, ungrouped: 1 });
    expect(s.data().templates.map((t) => [t.template, t.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
