import { describe, expect, it } from 'vitest';
import { INBOX_VIEWS } from './inbox-index.ts';
import {
  filtersOf,
  initialInboxUiState,
  positionOf,
  rememberActive,
  rememberFilters,
  rememberScroll,
} from './ui-state.ts';

describe('inbox UI state (kept by the Shell while a Vorgang is open)', () => {
  it('starts every view, including the new ones, at the top without an active row', () => {
    const s = initialInboxUiState();
    for (const view of INBOX_VIEWS) {
      expect(positionOf(s, view)).toEqual({ scrollTop: 0, activeId: null, returning: false });
    }
    expect(filtersOf(s)).toEqual({ status: 'open', verfahrenId: null, text: '' });
  });

  it('gives each view back its scroll position and active row after opening and closing a Vorgang', () => {
    const s = initialInboxUiState();
    // In every view: scroll, activate a row (opening it), then the screen unmounts.
    INBOX_VIEWS.forEach((view, i) => {
      rememberScroll(s, view, 480 + i);
      rememberActive(s, view, `id-${view}`);
    });
    // Coming back to each view, it shows where it was, and the focus goes back to the grid.
    INBOX_VIEWS.forEach((view, i) => {
      expect(positionOf(s, view)).toEqual({ scrollTop: 480 + i, activeId: `id-${view}`, returning: true });
    });
  });

  it('keeps the search text and filters for all views', () => {
    const s = initialInboxUiState();
    rememberFilters(s, { status: 'wartet', verfahrenId: 'bewohnerparken', text: 'Müller' });
    expect(filtersOf(s)).toEqual({ status: 'wartet', verfahrenId: 'bewohnerparken', text: 'Müller' });
  });

  it('each state is its own: a new login starts fresh', () => {
    const a = initialInboxUiState();
    rememberScroll(a, 'wiedervorlagen', 100);
    expect(positionOf(initialInboxUiState(), 'wiedervorlagen').scrollTop).toBe(0);
  });
});
