import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp.ts';

const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('buildCsp', () => {
  it('allows connections to the app and to the configured server origin only', () => {
    const csp = buildCsp('https://amtsplatz.kommune.example/api/base?x=1');
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'https://amtsplatz.kommune.example']);
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline or eval’d code', () => {
    expect(buildCsp('http://127.0.0.1:8080')).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('refuses a server address that is not a URL', () => {
    expect(() => buildCsp("x; script-src 'unsafe-inline'")).toThrow();
  });
});
