import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode, RefObject } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  applicantName,
  type VerfahrenDef,
  type Vorgang,
  type VorgangPruefliste,
} from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import type { NoteRow } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { BescheidPane } from '../bescheid/index.ts';
import { AntragsdatenView } from './AntragsdatenView.tsx';
import { useDokumente } from './data.ts';
import { DokumentePane } from './DokumentePane.tsx';
import { JournalPane } from './JournalPane.tsx';
import { NotesSection } from './NotesSection.tsx';
import { isPane, PANES, type Pane } from './pane-state.ts';
import { PrueflistePane } from './PrueflistePane.tsx';

const NO_NOTES: NoteRow[] = [];

/**
 * The panes of the workspace as tabs: arrow keys move between tabs, Tab moves into the panel.
 * Tab names carry counts (documents, notes, open Prüfliste items) so the state shows without
 * opening each pane.
 */
export function VorgangPanes(p: {
  v: Vorgang;
  def: VerfahrenDef | undefined;
  pruefliste: VorgangPruefliste | undefined;
  mayWork: boolean;
  pane: Pane;
  onPane: (pane: Pane) => void;
  tabsRef: RefObject<HTMLDivElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db } = useWorkspace();
  const { v } = p;
  const dokumente = useDokumente(db, v.id);
  const notes = useLiveQuery(
    () => db.notes.where('[vorgangId+createdAt]').between([v.id, Dexie.minKey], [v.id, Dexie.maxKey]).toArray(),
    [db, v.id],
    NO_NOTES,
  );
  const liveNotes = notes.filter((n) => n.deletedAt === null).length;
  const c = p.pruefliste?.completeness;
  const openCount = c ? c.missing.length + c.unexplainedFailures.length : 0;

  const labels: Record<Pane, string> = {
    antragsdaten: t('workspace.tabs.antragsdaten'),
    dokumente: t('workspace.tabs.withCount', { label: t('workspace.tabs.dokumente'), count: dokumente.length }),
    pruefliste:
      c === undefined
        ? t('workspace.tabs.pruefliste')
        : c.complete
          ? t('workspace.tabs.prueflisteComplete', { label: t('workspace.tabs.pruefliste') })
          : t('workspace.tabs.prueflisteOpen', { label: t('workspace.tabs.pruefliste'), count: openCount }),
    bescheid: t('workspace.tabs.bescheid'),
    notizen: t('workspace.tabs.withCount', { label: t('workspace.tabs.notizen'), count: liveNotes }),
    journal: t('workspace.tabs.journal'),
  };
  const panels: Record<Pane, ReactNode> = {
    antragsdaten: (
      <>
        <ApplicantSection v={v} />
        <AntragsdatenView v={v} def={p.def} lang={lang} />
      </>
    ),
    dokumente: <DokumentePane v={v} mayWork={p.mayWork} dokumente={dokumente} />,
    pruefliste: <PrueflistePane v={v} def={p.def} pruefliste={p.pruefliste} mayWork={p.mayWork} />,
    bescheid: <BescheidPane vorgang={v} mayWork={p.mayWork} />,
    notizen: <NotesSection vorgangId={v.id} notes={notes} />,
    journal: <JournalPane v={v} def={p.def} dokumente={dokumente} />,
  };

  return (
    <Tabs
      className="ap-tabs"
      selectedKey={p.pane}
      onSelectionChange={(key) => {
        if (isPane(key)) p.onPane(key);
      }}
    >
      <div ref={p.tabsRef}>
        <TabList aria-label={t('workspace.tabs.label')} className="ap-tabs__list">
          {PANES.map((pane) => (
            <Tab key={pane} id={pane} className="ap-tabs__tab" data-testid={`tab-${pane}`}>
              {labels[pane]}
            </Tab>
          ))}
        </TabList>
      </div>
      {PANES.map((pane) => (
        <TabPanel key={pane} id={pane} className="ap-tabs__panel" data-testid={`pane-${pane}`}>
          {panels[pane]}
        </TabPanel>
      ))}
    </Tabs>
  );
}

function ApplicantSection({ v }: { v: Vorgang }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="vg-applicant" className="ap-section">
      <h2 id="vg-applicant" className="kern-heading-medium">
        {t('vorgang.applicant')}
      </h2>
      <dl className="kern-description-list">
        <Row label={t('vorgang.name')}>{applicantName(v.applicant)}</Row>
        <Row label={t('vorgang.address')}>
          {[v.applicant.street, `${v.applicant.postalCode} ${v.applicant.city}`.trim()].filter(Boolean).join(', ')}
        </Row>
        {v.applicant.email && <Row label={t('vorgang.email')}>{v.applicant.email}</Row>}
      </dl>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
