import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  OPEN_STATUSES,
  STATUS_COMMANDS,
  VORGANG_EDGES,
  VORGANG_STATUSES,
  allowedNextStatuses,
  assertTransition,
  canTransition,
  manualNextStatuses,
  transition,
} from './status.ts';

/** The whole table, edge by edge: adding or removing an edge must change this list. */
const EXPECTED_EDGES = [
  'eingegangen → in_bearbeitung via changeStatus',
  'in_bearbeitung → entscheidungsreif via changeStatus',
  'in_bearbeitung → wartet via requestNachforderung',
  'wartet → in_bearbeitung via changeStatus',
  'wartet → in_bearbeitung via receiveNachreichung',
  'entscheidungsreif → in_bearbeitung via changeStatus',
  'entscheidungsreif → zur_freigabe via submitBescheid',
  'zur_freigabe → freigegeben via approveBescheid',
  'zur_freigabe → zurueckgegeben via returnBescheid',
  'zur_freigabe → entscheidungsreif via saveBescheid',
  'freigegeben → entscheidungsreif via saveBescheid',
  'zurueckgegeben → entscheidungsreif via saveBescheid',
  'zurueckgegeben → entscheidungsreif via changeStatus',
  'zurueckgegeben → in_bearbeitung via changeStatus',
  'freigegeben → bescheid_erstellt via sealBescheid',
  'bescheid_erstellt → versandt via recordDispatch',
  'versandt → abgeschlossen via verfuegeZda',
  'eingegangen → abgeschlossen via verfuegeZda',
  'in_bearbeitung → abgeschlossen via verfuegeZda',
  'wartet → abgeschlossen via verfuegeZda',
  'entscheidungsreif → abgeschlossen via verfuegeZda',
  'zurueckgegeben → abgeschlossen via verfuegeZda',
  'abgeschlossen → in_bearbeitung via wiederaufnehmen',
  'zur_freigabe → zurueckgegeben via mitzeichnen',
  'eingegangen → abgegeben via abgebenAnBehoerde',
  'in_bearbeitung → abgegeben via abgebenAnBehoerde',
  'wartet → abgegeben via abgebenAnBehoerde',
  'entscheidungsreif → abgegeben via abgebenAnBehoerde',
  'zurueckgegeben → abgegeben via abgebenAnBehoerde',
];

describe('Vorgang status machine', () => {
  it('has exactly the documented edges, each owned by one command', () => {
    const edges = VORGANG_EDGES.map((e) => `${e.from} → ${e.to} via ${e.via}`);
    expect([...edges].sort()).toEqual([...EXPECTED_EDGES].sort());
    expect(new Set(edges).size).toBe(edges.length);
  });

  it('answers canTransition exactly for the listed edges', () => {
    for (const from of VORGANG_STATUSES) {
      for (const to of VORGANG_STATUSES) {
        for (const via of STATUS_COMMANDS) {
          expect(canTransition(from, to, via), `${from} → ${to} via ${via}`).toBe(
            EXPECTED_EDGES.includes(`${from} → ${to} via ${via}`),
          );
        }
      }
    }
  });

  it('gives every command an edge and every status a way on', () => {
    for (const via of STATUS_COMMANDS)
      expect(
        VORGANG_EDGES.some((e) => e.via === via),
        via,
      ).toBe(true);
    // abgegeben is the one end: the Vorgang leaves the authority.
    for (const s of VORGANG_STATUSES) expect(allowedNextStatuses(s).length > 0, s).toBe(s !== 'abgegeben');
  });

  it('hands a Vorgang to another authority only through abgebenAnBehoerde, never with a Bescheid in flight, and for good', () => {
    expect(VORGANG_EDGES.filter((e) => e.to === 'abgegeben').every((e) => e.via === 'abgebenAnBehoerde')).toBe(true);
    for (const s of ['zur_freigabe', 'freigegeben', 'bescheid_erstellt', 'versandt', 'abgeschlossen'] as const) {
      expect(canTransition(s, 'abgegeben', 'abgebenAnBehoerde'), s).toBe(false);
    }
    expect(allowedNextStatuses('abgegeben')).toEqual([]);
    expect(OPEN_STATUSES).not.toContain('abgegeben');
  });

  it('reaches zur_freigabe only by submitting a Bescheid, never by the status buttons', () => {
    expect(manualNextStatuses('entscheidungsreif')).toEqual(['in_bearbeitung']);
    expect(canTransition('entscheidungsreif', 'zur_freigabe', 'changeStatus')).toBe(false);
    expect(VORGANG_EDGES.filter((e) => e.to === 'zur_freigabe').map((e) => e.via)).toEqual(['submitBescheid']);
  });

  it('offers the status buttons only the manual edges', () => {
    const manual = Object.fromEntries(VORGANG_STATUSES.map((s) => [s, manualNextStatuses(s)]));
    expect(manual).toEqual({
      eingegangen: ['in_bearbeitung'],
      in_bearbeitung: ['entscheidungsreif'],
      wartet: ['in_bearbeitung'],
      entscheidungsreif: ['in_bearbeitung'],
      zur_freigabe: [],
      freigegeben: [],
      zurueckgegeben: ['entscheidungsreif', 'in_bearbeitung'],
      bescheid_erstellt: [],
      versandt: [],
      abgeschlossen: [],
      abgegeben: [],
    });
  });

  it('concludes (z.d.A.) only through verfuegeZda, never with a Bescheid in flight, and reopens only through wiederaufnehmen', () => {
    expect(VORGANG_EDGES.filter((e) => e.to === 'abgeschlossen').every((e) => e.via === 'verfuegeZda')).toBe(true);
    for (const s of ['zur_freigabe', 'freigegeben', 'bescheid_erstellt'] as const) {
      expect(canTransition(s, 'abgeschlossen', 'verfuegeZda'), s).toBe(false);
    }
    expect(allowedNextStatuses('abgeschlossen')).toEqual(['in_bearbeitung']);
    expect(VORGANG_EDGES.filter((e) => e.from === 'abgeschlossen').map((e) => e.via)).toEqual(['wiederaufnehmen']);
  });

  it('sets a status only along an edge of the named command', () => {
    const v = { id: 'x', status: 'entscheidungsreif' as const };
    expect(transition(v, 'zur_freigabe', 'submitBescheid')).toEqual({ id: 'x', status: 'zur_freigabe' });
    expect(() => transition(v, 'zur_freigabe', 'changeStatus')).toThrow(DomainError);
    expect(() => assertTransition('eingegangen', 'versandt', 'changeStatus')).toThrow(
      expect.objectContaining({
        code: 'invalid_transition',
        message: 'Status change eingegangen → versandt is not allowed',
      }),
    );
    expect(v.status).toBe('entscheidungsreif');
  });
});
