import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Input, Label, TextField, Tree, TreeItem, TreeItemContent } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { applicantName } from '../../../../shared/domain/index.ts';
import { SelectField } from '../../app/SelectField.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { getMeta } from '../../db/index.ts';
import '../../styles/akte.css';
import { currentLang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import { localized } from '../vorgang/index.ts';
import { AktenSearch } from './AktenSearch.tsx';
import {
  AKTE_FILTER_STATUSES,
  aktenYears,
  aktenplanTree,
  ancestorsOf,
  filedUnder,
  filterAkten,
  NO_AKTE_FILTER,
  type AkteFilter,
  type AkteFilterStatus,
  type AkteListRow,
  type AktenplanNode,
} from './akte-view.ts';

const ALL_YEARS = 'all';

/**
 * The Akten view: the Aktenplan as a tree (arrow keys move and open, Enter or Space selects),
 * the Akten under the selected Einheit with filters, each opening its Akte. Computed from the
 * synced data only, so it works offline.
 */
export function AktenScreen() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, today } = useWorkspace();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(`${t('akte.title')} – ${t('app.name')}`);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);

  const plan = useLiveQuery(() => getMeta(db, 'aktenplan'), [db]);
  const akten = useLiveQuery(() => db.akten.toArray(), [db], []);
  const vorgaenge = useLiveQuery(
    async () =>
      new Map((await db.vorgaenge.bulkGet(akten.map((a) => a.vorgangId))).flatMap((v) => (v ? [[v.id, v]] : []))),
    [db, akten],
  );
  const einheiten = useMemo(() => plan?.einheiten ?? [], [plan]);
  const tree = useMemo(() => aktenplanTree(einheiten), [einheiten]);
  const firstWithAkten = einheiten.find(
    (e) => e.aufbewahrungsfristJahre !== null && akten.some((a) => a.kennzeichen === e.kennzeichen),
  );
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked ?? firstWithAkten?.kennzeichen ?? einheiten[0]?.kennzeichen ?? null;
  const [filter, setFilter] = useState<AkteFilter>(NO_AKTE_FILTER);

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of einheiten) m.set(e.kennzeichen, akten.filter((a) => filedUnder(a, e.kennzeichen)).length);
    return m;
  }, [einheiten, akten]);
  const rows: AkteListRow[] = useMemo(() => {
    if (selected === null) return [];
    const under = akten.filter((a) => filedUnder(a, selected));
    return filterAkten(
      under.map((akte) => {
        const v = vorgaenge?.get(akte.vorgangId);
        return { akte, applicant: v ? applicantName(v.applicant) : '' };
      }),
      filter,
      today,
    );
  }, [akten, vorgaenge, selected, filter, today]);
  const years = useMemo(() => aktenYears(akten), [akten]);
  const selectedEinheit = einheiten.find((e) => e.kennzeichen === selected);
  const expanded = useMemo(() => (selected ? ancestorsOf(einheiten, selected) : []), [einheiten, selected]);

  const renderNode = (n: AktenplanNode) => {
    const title = localized(n.einheit.titel, lang);
    const count = counts.get(n.einheit.kennzeichen) ?? 0;
    return (
      <TreeItem
        key={n.einheit.kennzeichen}
        id={n.einheit.kennzeichen}
        textValue={`${n.einheit.kennzeichen} ${title}`}
        className="ap-tree__item"
        style={({ level }) => ({ paddingInlineStart: `${(level - 1) * 1.25}rem` })}
        data-testid="aktenplan-item"
        data-kennzeichen={n.einheit.kennzeichen}
      >
        <TreeItemContent>
          {({ hasChildItems }) => (
            <div className="ap-tree__row">
              {hasChildItems ? (
                <Button slot="chevron" className="ap-tree__chevron" aria-label={t('akte.tree.toggle')}>
                  <span aria-hidden="true">▸</span>
                </Button>
              ) : (
                <span className="ap-tree__spacer" aria-hidden="true" />
              )}
              <span className="ap-tree__key">{n.einheit.kennzeichen}</span>
              <span className="ap-tree__title">{title}</span>
              <span className="ap-tree__count">{t('akte.tree.count', { count })}</span>
            </div>
          )}
        </TreeItemContent>
        {n.children.map(renderNode)}
      </TreeItem>
    );
  };

  return (
    <div className="ap-akten" data-testid="akten-screen">
      <h1 className="kern-heading-large" ref={headingRef} tabIndex={-1}>
        {t('akte.title')}
      </h1>
      <p className="kern-body">{t('akte.intro')}</p>
      <AktenSearch />
      <div className="ap-akten__layout">
        <div className="ap-akten__tree">
          {tree.length > 0 && (
            <Tree
              aria-label={t('akte.tree.label')}
              selectionMode="single"
              disallowEmptySelection
              selectedKeys={selected ? [selected] : []}
              onSelectionChange={(keys) => {
                if (keys === 'all') return;
                const [key] = [...keys];
                if (typeof key === 'string') setPicked(key);
              }}
              defaultExpandedKeys={expanded}
              className="ap-tree"
              data-testid="aktenplan-tree"
            >
              {tree.map(renderNode)}
            </Tree>
          )}
        </div>
        <section className="ap-akten__list" aria-labelledby="akten-list-heading">
          <h2 id="akten-list-heading" className="kern-heading-medium">
            {t('akte.list.heading', {
              einheit: selectedEinheit
                ? `${selectedEinheit.kennzeichen} ${localized(selectedEinheit.titel, lang)}`
                : '',
            })}
          </h2>
          <fieldset className="ap-akten__filter">
            <legend className="kern-label">{t('akte.filter.legend')}</legend>
            <SelectField
              label={t('akte.filter.year')}
              value={filter.year === null ? ALL_YEARS : String(filter.year)}
              onChange={(k) => setFilter({ ...filter, year: k === ALL_YEARS ? null : Number(k) })}
              options={[
                { value: ALL_YEARS, label: t('akte.filter.allYears') },
                ...years.map((y) => ({ value: String(y), label: String(y) })),
              ]}
              testId="akten-filter-year"
            />
            <SelectField
              label={t('akte.filter.status')}
              value={filter.status}
              onChange={(k) => setFilter({ ...filter, status: k as AkteFilterStatus })}
              options={AKTE_FILTER_STATUSES.map((s) => ({ value: s, label: t(`akte.filter.statuses.${s}`) }))}
              testId="akten-filter-status"
            />
            <TextField
              className="kern-form-input"
              value={filter.applicant}
              onChange={(applicant) => setFilter({ ...filter, applicant })}
            >
              <Label className="kern-label">{t('akte.filter.applicant')}</Label>
              <Input className="kern-form-input__input" data-testid="akten-filter-applicant" />
            </TextField>
          </fieldset>
          {rows.length === 0 ? (
            <p className="kern-body" data-testid="akten-none">
              {t('akte.list.none')}
            </p>
          ) : (
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--small" data-testid="akten-table">
                <caption className="kern-sr-only">{t('akte.list.caption')}</caption>
                <thead className="kern-table__header">
                  <tr className="kern-table__row">
                    <th scope="col">{t('akte.list.aktenzeichen')}</th>
                    <th scope="col">{t('akte.list.applicant')}</th>
                    <th scope="col">{t('akte.list.opened')}</th>
                    <th scope="col">{t('akte.list.status')}</th>
                    <th scope="col">{t('akte.list.retention')}</th>
                  </tr>
                </thead>
                <tbody className="kern-table__body">
                  {rows.map(({ akte, applicant }) => (
                    <tr key={akte.id} className="kern-table__row" data-testid="akte-row" data-akte-id={akte.id}>
                      <th scope="row" className="kern-table__cell">
                        <a className="kern-link" href={hrefFor({ name: 'akte', id: akte.id })}>
                          {akte.aktenzeichen}
                        </a>
                      </th>
                      <td className="kern-table__cell">{applicant}</td>
                      <td className="kern-table__cell">{formatDate(akte.eroeffnetAm, lang)}</td>
                      <td className="kern-table__cell">
                        {akte.status === 'zda' && akte.abschluss
                          ? t('akte.status.zda', { date: formatDate(akte.abschluss.am, lang) })
                          : t('akte.status.laufend')}
                      </td>
                      <td className="kern-table__cell">
                        {akte.status !== 'zda'
                          ? '–'
                          : akte.aufbewahrungBis
                            ? formatDate(akte.aufbewahrungBis, lang)
                            : t('akte.retentionUnknown')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
