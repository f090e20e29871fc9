import { describe, expect, it } from 'vitest';
import { parseStartArgs, UsageError } from './start-args.ts';

describe('parseStartArgs', () => {
  it('defaults to port 8080, building, desktop mode', () => {
    expect(parseStartArgs([], {})).toEqual({ port: 8080, build: true, web: false, dataDir: 'var/demo' });
  });

  it('reads flags, with --port taking precedence over AMTSPLATZ_PORT', () => {
    expect(
      parseStartArgs(['--port', '9090', '--no-build', '--web', '--data', '/tmp/d'], { AMTSPLATZ_PORT: '1' }),
    ).toEqual({ port: 9090, build: false, web: true, dataDir: '/tmp/d' });
    expect(parseStartArgs([], { AMTSPLATZ_PORT: '8181' }).port).toBe(8181);
  });

  it('rejects bad ports and unknown flags with a usage error', () => {
    for (const argv of [['--port', 'abc'], ['--port', '0'], ['--port', '70000'], ['--port', '80.5'], ['--fast']]) {
      expect(() => parseStartArgs(argv, {}), argv.join(' ')).toThrow(UsageError);
    }
  });
});
