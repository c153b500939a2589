import { describe, expect, it } from 'vitest';
import { splitRequestLine } from '../../../src/parse/access/split-request-line.ts';

describe('splitRequestLine', () => {
  it('splits method, path, query and protocol', () => {
    expect(splitRequestLine('GET /rlvar/bytes?1048576 HTTP/1.1')).toEqual({
      method: 'GET',
      urlPath: '/rlvar/bytes',
      query: '?1048576',
      protocol: 'HTTP/1.1',
    });
    expect(splitRequestLine('OPTIONS * HTTP/1.1')).toEqual({
      method: 'OPTIONS',
      urlPath: '*',
      query: '',
      protocol: 'HTTP/1.1',
    });
    expect(splitRequestLine('GET http://h/p?q HTTP/1.0')).toMatchObject({ urlPath: 'http://h/p', query: '?q' });
  });

  it('is lenient with malformed lines', () => {
    expect(splitRequestLine('GET /a b HTTP/1.1')).toMatchObject({ urlPath: '/a b', protocol: 'HTTP/1.1' });
    expect(splitRequestLine('GET /')).toEqual({ method: 'GET', urlPath: '/', query: '' });
    expect(splitRequestLine('GET / junk')).toEqual({ method: 'GET', urlPath: '/ junk', query: '' });
    expect(splitRequestLine('-')).toBeUndefined();
    expect(splitRequestLine('\\x16\\x03\\x01')).toBeUndefined();
    expect(splitRequestLine(' /x')).toBeUndefined();
    expect(splitRequestLine('xx GET /p?q HTTP/1.1 yy', 3, 20)).toEqual({
      method: 'GET',
      urlPath: '/p',
      query: '?q',
      protocol: 'HTTP/1.1',
    });
  });
});
