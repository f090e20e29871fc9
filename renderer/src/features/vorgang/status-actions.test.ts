import { describe, expect, it } from 'vitest';
import { VORGANG_STATUSES } from '../../../../shared/domain/index.ts';
import { statusActionsFor } from './status-actions.ts';

describe('statusActionsFor', () => {
  it('offers no Zur Freigabe button: a Vorgang gets there only with a submitted Bescheid', () => {
    expect(statusActionsFor('entscheidungsreif')).toEqual({
      buttons: ['in_bearbeitung'],
      requestNachforderung: false,
      endNachforderung: false,
    });
    for (const s of VORGANG_STATUSES) expect(statusActionsFor(s).buttons).not.toContain('zur_freigabe');
  });

  it('offers per status exactly the manual steps and the Nachforderung where the table has them', () => {
    const offered = Object.fromEntries(VORGANG_STATUSES.map((s) => [s, statusActionsFor(s)]));
    expect(offered).toEqual({
      eingegangen: { buttons: ['in_bearbeitung'], requestNachforderung: false, endNachforderung: false },
      in_bearbeitung: { buttons: ['entscheidungsreif'], requestNachforderung: true, endNachforderung: false },
      wartet: { buttons: [], requestNachforderung: false, endNachforderung: true },
      entscheidungsreif: { buttons: ['in_bearbeitung'], requestNachforderung: false, endNachforderung: false },
      zur_freigabe: { buttons: [], requestNachforderung: false, endNachforderung: false },
      freigegeben: { buttons: [], requestNachforderung: false, endNachforderung: false },
      zurueckgegeben: {
        buttons: ['entscheidungsreif', 'in_bearbeitung'],
        requestNachforderung: false,
        endNachforderung: false,
      },
      bescheid_erstellt: { buttons: [], requestNachforderung: false, endNachforderung: false },
      versandt: { buttons: [], requestNachforderung: false, endNachforderung: false },
      abgeschlossen: { buttons: [], requestNachforderung: false, endNachforderung: false },
      abgegeben: { buttons: [], requestNachforderung: false, endNachforderung: false },
    });
  });
});
