import { describe, expect, it } from 'vitest';
import { clearSession, loadSession, saveSession, type KeyValueStorage, type StoredSession } from './session-store.ts';

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const session: StoredSession = {
  serverUrl: 'http://127.0.0.1:8099',
  token: 'tok_0123456789abcdefghijklmnop',
  expiresAt: '2026-11-23T18:00:00.000Z',
  user: { id: 'u-1', username: 'anna', displayName: 'Anna Schäfer', roles: ['clerk'], orgUnitId: 'oe-1' },
  orgUnit: { id: 'oe-1', name: 'Bürgerservice – Team 1' },
};

describe('session store', () => {
  it('round-trips a session until it expires', () => {
    const s = memory();
    saveSession(s, session);
    expect(loadSession(s, new Date('2026-11-23T10:00:00Z'))).toEqual(session);
    expect(loadSession(s, new Date('2026-11-23T18:00:00Z'))).toBeNull();
    expect(s.map.size).toBe(0);
  });

  it('drops malformed content instead of using it', () => {
    const s = memory();
    s.setItem('amtsplatz.session', '{"token":"short"}');
    expect(loadSession(s)).toBeNull();
    s.setItem('amtsplatz.session', 'not json');
    expect(loadSession(s)).toBeNull();
    expect(s.map.size).toBe(0);
  });

  it('clears the session', () => {
    const s = memory();
    saveSession(s, session);
    clearSession(s);
    expect(loadSession(s, new Date('2026-11-23T10:00:00Z'))).toBeNull();
  });
});
