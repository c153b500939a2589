import { describe, expect, it } from 'vitest';
import { formatConfigError } from '../../../src/config/apache/config-error.ts';

describe('formatConfigError', () => {
  it('names file:line, or only the file when nothing included it (line 0)', () => {
    expect(formatConfigError({ file: '/etc/apache2/sites/a.conf', line: 12, message: 'Invalid command' })).toBe(
      '/etc/apache2/sites/a.conf:12: Invalid command',
    );
    expect(
      formatConfigError({
        file: '/nonexistent.conf',
        line: 0,
        message: 'Could not open configuration file /nonexistent.conf: No such file or directory',
      }),
    ).toBe('/nonexistent.conf: Could not open configuration file /nonexistent.conf: No such file or directory');
  });
});
