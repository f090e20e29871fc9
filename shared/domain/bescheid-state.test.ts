import { describe, expect, it } from 'vitest';
import { BESCHEID_STATES } from './bescheid.ts';
import {
  BESCHEID_COMMANDS,
  BESCHEID_EDGES,
  BESCHEID_INITIAL_STATE,
  bescheidStatesFor,
  bescheidTransition,
  canBescheidTransition,
} from './bescheid-state.ts';
import { DomainError } from './errors.ts';
import { VORGANG_EDGES } from './status.ts';

/** The whole table, edge by edge: adding or removing an edge must change this list. */
const EXPECTED_EDGES = [
  'entwurf → entwurf via saveBescheid',
  'entwurf → eingereicht via submitBescheid',
  'eingereicht → freigegeben via approveBescheid',
  'eingereicht → zurueckgegeben via returnBescheid',
  'eingereicht → zurueckgegeben via mitzeichnen',
  'eingereicht → entwurf via saveBescheid',
  'zurueckgegeben → entwurf via saveBescheid',
  'freigegeben → entwurf via saveBescheid',
  'zurueckgegeben → eingereicht via submitBescheid',
  'freigegeben → gesiegelt via sealBescheid',
];

describe('Bescheid state machine', () => {
  it('has exactly the documented edges, each owned by one command', () => {
    const edges = BESCHEID_EDGES.map((e) => `${e.from} → ${e.to} via ${e.via}`);
    expect([...edges].sort()).toEqual([...EXPECTED_EDGES].sort());
    expect(new Set(edges).size).toBe(edges.length);
  });

  it('answers canBescheidTransition exactly for the listed edges', () => {
    for (const from of BESCHEID_STATES) {
      for (const to of BESCHEID_STATES) {
        for (const via of BESCHEID_COMMANDS) {
          expect(canBescheidTransition(from, to, via), `${from} → ${to} via ${via}`).toBe(
            EXPECTED_EDGES.includes(`${from} → ${to} via ${via}`),
          );
        }
      }
    }
  });

  it('starts as a draft, ends sealed, and never leaves the seal', () => {
    expect(BESCHEID_INITIAL_STATE).toBe('entwurf');
    expect(BESCHEID_EDGES.filter((e) => e.from === 'gesiegelt')).toEqual([]);
    expect(bescheidStatesFor('submitBescheid')).toEqual(['entwurf', 'zurueckgegeben']);
    expect(bescheidStatesFor('saveBescheid')).toEqual(['entwurf', 'eingereicht', 'zurueckgegeben', 'freigegeben']);
  });

  it('moves the Bescheid with the commands that move the Vorgang through the Freigabe', () => {
    for (const via of ['submitBescheid', 'approveBescheid', 'returnBescheid', 'sealBescheid'] as const) {
      expect(
        VORGANG_EDGES.some((e) => e.via === via),
        via,
      ).toBe(true);
    }
  });

  it('sets a state only along an edge of the named command', () => {
    const b = { id: 'b', state: 'eingereicht' as const };
    expect(bescheidTransition(b, 'freigegeben', 'approveBescheid')).toEqual({ id: 'b', state: 'freigegeben' });
    expect(() => bescheidTransition(b, 'gesiegelt', 'sealBescheid')).toThrow(DomainError);
    expect(() => bescheidTransition({ state: 'gesiegelt' as const }, 'entwurf', 'saveBescheid')).toThrow(
      expect.objectContaining({ code: 'invalid_transition' }),
    );
  });
});
