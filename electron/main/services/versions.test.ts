import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from './versions.ts';

describe('parseVersion', () => {
  it('reads releases, pre-releases and build metadata', () => {
    expect(parseVersion('1.4.2')).toEqual({ major: 1, minor: 4, patch: 2, prerelease: [] });
    expect(parseVersion('2.0.0-beta.3')).toEqual({ major: 2, minor: 0, patch: 0, prerelease: ['beta', 3] });
    expect(parseVersion('1.0.0+build.7')).toEqual({ major: 1, minor: 0, patch: 0, prerelease: [] });
  });

  it.each(['1.2', 'v1.2.3', '01.2.3', '1.2.3-01', '1.2.3-', '1.2.3-beta..1', '1.2.3+', ' 1.2.3', '1.2.3 '])(
    'refuses %j',
    (text) => {
      expect(parseVersion(text)).toBeUndefined();
    },
  );
});

describe('compareVersions', () => {
  it('orders by semver precedence (the example of semver.org, section 11)', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
      '10.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareVersions(ordered[i] ?? '', ordered[j] ?? ''), `${ordered[i]} vs ${ordered[j]}`).toBe(
          Math.sign(i - j),
        );
      }
    }
  });

  it('ignores build metadata and refuses what is not a version', () => {
    expect(compareVersions('1.2.3+a', '1.2.3+b')).toBe(0);
    expect(() => compareVersions('1.2.3', 'latest')).toThrow('not a semantic version: latest');
  });
});
