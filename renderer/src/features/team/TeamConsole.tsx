import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, holidaySet, type IsoDate } from '../../../../shared/domain/index.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { useWorkspace } from '../../app/workspace.ts';
import type { AmtsplatzDb } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import '../../styles/console.css';
import { useAuthority } from '../bescheid/index.ts';
import { colleaguesOf } from './absences.ts';
import { consoleData, type ConsoleData, type QueueRows } from './console-data.ts';
import type { FigureDay } from './console-figures.ts';
import { ConsoleView } from './ConsoleView.tsx';
import { teamCountersFor } from './team-counters.ts';
import { useAbsences } from './use-absences.ts';

/** The queue's rows and the org units' names (Umlauf participants). */
type QueueView = QueueRows & { units: ReadonlyMap<string, string> };

const NO_QUEUE: QueueView = {
  submitted: [],
  umlaeufe: [],
  aktenzeichen: new Map(),
  units: new Map(),
};

/**
 * The few rows behind the queue section, through their indexes: the team's submitted Bescheide
 * ([orgUnitId+state]) and the running Umläufe (state), with their Vorgänge' Aktenzeichen.
 */
async function readQueueRows(db: AmtsplatzDb, orgUnitId: string): Promise<QueueView> {
  const [submitted, umlaeufe, units] = await Promise.all([
    db.bescheide.where('[orgUnitId+state]').equals([orgUnitId, 'eingereicht']).toArray(),
    db.umlaeufe.where('state').equals('laufend').toArray(),
    db.orgUnits.toArray(),
  ]);
  const ids = [...new Set([...submitted.map((b) => b.vorgangId), ...umlaeufe.map((u) => u.vorgangId)])];
  const rows = await db.vorgaenge.bulkGet(ids);
  const aktenzeichen = new Map<string, string>();
  for (const r of rows) if (r) aktenzeichen.set(r.id, r.aktenzeichen);
  return { submitted, umlaeufe, aktenzeichen, units: new Map(units.map((u) => [u.id, u.name])) };
}

/** Working days skip the public holidays of the authority's Land (known once the sync fetched the authority). */
function useFigureDay(db: AmtsplatzDb, today: IsoDate): FigureDay & { known: boolean } {
  const authority = useAuthority(db);
  const land = authority.kind === 'ready' ? authority.authority.behoerde.land : null;
  return useMemo(() => {
    const year = Number(today.slice(0, 4));
    // The Fristen window and "due soon" reach into the next year in December.
    return land === null
      ? { today, holidays: new Set<IsoDate>(), known: false }
      : { today, holidays: holidaySet(land, year, year + 1), known: true };
  }, [land, today]);
}

/**
 * The team lead's console (#/team). Its figures come from counters over the inbox's in-memory
 * index (team-counters.ts), so it works offline and follows every sync and every reassignment
 * at the cost of the changed rows.
 */
export function TeamConsole() {
  const { t } = useTranslation();
  const { session, source } = useWorkspace();
  const isLead = hasRole(session.user, 'lead');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(`${t('team.console.title')} – ${t('app.name')}`);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  useSyncExternalStore(source.subscribe, source.getSnapshot);
  const ready = source.isReady();

  return (
    <div className="ap-page ap-console" data-testid="team-console" data-ready={isLead && ready ? '' : undefined}>
      <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
        {t('team.console.title')}
      </h1>
      {!isLead ? (
        <p className="kern-body" data-testid="team-console-not-lead">
          {t('team.console.notLead')}
        </p>
      ) : !ready ? (
        <p className="kern-body" role="status">
          {t('team.console.loading')}
        </p>
      ) : (
        <>
          <p className="kern-body">{t('team.console.intro')}</p>
          <LeadConsole />
        </>
      )}
    </div>
  );
}

/** The figures, once the inbox index has loaded: the counters are made (or found) for this index. */
function LeadConsole() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session, db, source, lookups, today } = useWorkspace();
  const user = session.user;
  const live = useMemo(() => teamCountersFor(source.index, user.orgUnitId), [source, user.orgUnitId]);
  const revision = useSyncExternalStore(live.subscribe, live.getSnapshot);
  const figureDay = useFigureDay(db, today);
  const absences = useAbsences(db);
  const members = useMemo(() => colleaguesOf(lookups.users.values(), user.orgUnitId), [lookups.users, user]);
  const queue = useLiveQuery(() => readQueueRows(db, user.orgUnitId), [db, user.orgUnitId], NO_QUEUE);

  const data = useMemo<ConsoleData>(() => {
    void revision; // the counters are one mutable object; the revision says when they changed
    return consoleData(live.counters, { members, absences, day: figureDay, queue, orgUnitId: user.orgUnitId });
  }, [revision, live, members, absences, figureDay, queue, user.orgUnitId]);

  const personName = (id: string) => lookups.users.get(id)?.displayName ?? t('user.unknown');
  const unitName = (id: string) => queue.units.get(id) ?? t('team.console.queue.unit', { id });
  return <ConsoleView data={data} lang={lang} personName={personName} unitName={unitName} />;
}
