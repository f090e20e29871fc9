import { describe, expect, it } from 'vitest';
import { historyStateWithPane, paneFromHistoryState } from './pane-state.ts';

describe('pane in the history state', () => {
  it('starts with the Antragsdaten and reads back what was stored', () => {
    expect(paneFromHistoryState(null)).toBe('antragsdaten');
    expect(paneFromHistoryState({ amtsplatzVorgangPane: 'bogus' })).toBe('antragsdaten');
    expect(paneFromHistoryState(historyStateWithPane(null, 'journal'))).toBe('journal');
  });

  it('keeps what others stored in the entry', () => {
    expect(historyStateWithPane({ scroll: 12 }, 'dokumente')).toEqual({
      scroll: 12,
      amtsplatzVorgangPane: 'dokumente',
    });
  });
});
