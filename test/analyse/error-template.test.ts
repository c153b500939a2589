import { describe, expect, it } from 'vitest';
import { errorTemplate } from '../../src/analyse/error-template.ts';

describe('errorTemplate', () => {
  it('masks numbers, ids, paths and addresses but keeps message codes', () => {
    expect(errorTemplate('AH01630: client denied by server configuration: /srv/www/private/a.txt')).toBe(
      'AH01630: client denied by server configuration: <path>',
    );
    expect(
      errorTemplate(
        '(104)Connection reset by peer: [client 198.51.100.7:51234] AH01084: pass request body failed to 10.0.0.1:8000',
      ),
    ).toBe('(<n>)Connection reset by peer: [client <ip>] AH01084: pass request body failed to <ip>');
    expect(errorTemplate('File does not exist: /var/www/favicon.ico, referer: http://x.example/a?b=1')).toBe(
      'File does not exist: <path>, referer: <url>',
    );
    expect(
      errorTemplate(
        'id 7f3a9c2e1b4d5f60 user 42 from 2001:db8::1 and [::1]:8080 req 123e4567-e89b-12d3-a456-426614174000',
      ),
    ).toBe('id <id> user <n> from <ip> and <ip> req <id>');
    expect(errorTemplate('WSGI0210 at 0x7ffd1234 took 3.5s')).toBe('WSGI0210 at <hex> took <n>s');
  });

  it('groups lines that differ only in their variable parts', () => {
    const a = errorTemplate('[client 198.51.100.7:51234] File does not exist: /srv/a/1.png');
    const b = errorTemplate('[client 203.0.113.9:40000] File does not exist: /srv/b/2.png');
    expect(a).toBe(b);
  });

  it('leaves markup as characters (the page shows it as text) and bounds the length', () => {
    expect(errorTemplate('<script>alert(1)</script>')).toBe('<script>alert(<n>)</script>');
    expect(errorTemplate('x'.repeat(5000)).length).toBeLessThanOrEqual(301);
  });
});
