import { useTranslation } from 'react-i18next';
import type { IsoDate } from '../../../../shared/domain/index.ts';
import { participantKey } from '../../../../shared/domain/umlauf.ts';
import { hrefFor } from '../../app/router.ts';
import type { Lang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, localeOf } from '../../i18n/format.ts';
import { BarChart, type ChartCategory } from './BarChart.tsx';
import type { ConsoleData } from './console-data.ts';
import { FIGURES, type ThroughputWeek, type WorkloadRow } from './console-figures.ts';
import { closedWeekRoute, figureRoute, fristDayRoute, receivedWeekRoute } from './console-links.ts';

interface Props {
  data: ConsoleData;
  lang: Lang;
  /** Display name of a user id (also of users no longer in the team). */
  personName: (id: string) => string;
  unitName: (id: string) => string;
}

const dayFormats = new Map<string, { weekday: Intl.DateTimeFormat; short: Intl.DateTimeFormat }>();
function formatsOf(lang: Lang) {
  let f = dayFormats.get(lang);
  if (!f) {
    const locale = localeOf(lang);
    f = {
      weekday: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }),
      short: new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' }),
    };
    dayFormats.set(lang, f);
  }
  return f;
}

const utc = (day: IsoDate) => new Date(`${day}T00:00:00Z`);

/**
 * The team console: workload per person with absences, the Fristen of the next four weeks per
 * working day, throughput per week, and the Freigabe queue with the open Umlauf steps. Every
 * figure is a link to the inbox list it counts (console-links.ts).
 */
export function ConsoleView({ data, lang, personName, unitName }: Props) {
  const { t } = useTranslation();
  const day = { today: data.today, dueSoonTo: data.dueSoonTo };
  const formats = formatsOf(lang);
  const weekdayDate = (d: IsoDate) => `${formats.weekday.format(utc(d))}, ${formatDate(d, lang)}`;
  const who = (r: WorkloadRow) =>
    r.kind === 'queue'
      ? t('team.teamQueue')
      : r.kind === 'former'
        ? t('team.console.workload.former', { name: personName(r.key) })
        : personName(r.key);

  const fristenCategories: ChartCategory<'count'>[] = data.fristen.map((d) => ({
    key: d.day,
    tick: [formats.weekday.format(utc(d.day)), formats.short.format(utc(d.day))],
    name: weekdayDate(d.day),
    values: {
      count: {
        count: d.count,
        href: hrefFor(fristDayRoute(d)),
        label: t('team.console.fristen.bar', { day: weekdayDate(d.day), count: d.count }),
      },
    },
  }));
  const weekName = (w: ThroughputWeek) =>
    t('team.console.throughput.name', {
      week: w.week,
      year: w.year,
      from: formatDate(w.monday, lang),
      to: formatDate(w.sunday, lang),
    });
  const throughputCategories: ChartCategory<'received' | 'closed'>[] = data.throughput.map((w) => ({
    key: w.monday,
    tick: [t('team.console.throughput.tick', { week: w.week }), formats.short.format(utc(w.monday))],
    name: weekName(w),
    values: {
      received: {
        count: w.received,
        href: hrefFor(receivedWeekRoute(w)),
        label: t('team.console.throughput.bar', {
          series: t('team.console.throughput.received'),
          week: w.week,
          year: w.year,
          count: w.received,
        }),
      },
      closed: {
        count: w.closed,
        href: hrefFor(closedWeekRoute(w)),
        label: t('team.console.throughput.bar', {
          series: t('team.console.throughput.closed'),
          week: w.week,
          year: w.year,
          count: w.closed,
        }),
      },
    },
  }));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const age = (days: number | null) =>
    days === null ? '—' : days === 0 ? t('team.console.queue.ageToday') : t('team.console.queue.age', { count: days });

  return (
    <>
      <section className="ap-section" aria-labelledby="console-workload">
        <h2 id="console-workload" className="kern-heading-small">
          {t('team.console.workload.heading')}
        </h2>
        <p className="kern-body kern-body--small">
          {t('team.console.workload.hint', { date: formatDate(data.dueSoonTo, lang) })}
        </p>
        {!data.holidaysKnown && (
          <p className="kern-body kern-body--small" data-testid="console-holidays-unknown">
            {t('team.console.holidaysUnknown')}
          </p>
        )}
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small ap-console__workload" data-testid="console-workload">
            <caption className="kern-sr-only">
              {t('team.console.workload.caption', { date: formatDate(data.today, lang) })}
            </caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col">{t('team.console.workload.person')}</th>
                {FIGURES.map((f) => (
                  <th key={f} scope="col" className="ap-num">
                    {t(`team.console.figure.${f}`)}
                  </th>
                ))}
                <th scope="col">{t('team.console.workload.absence')}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {data.rows.map((r) => (
                <tr key={r.key} className="kern-table__row" data-assignee={r.key}>
                  <th scope="row">{who(r)}</th>
                  {FIGURES.map((f) => (
                    <td key={f} className="ap-num" data-figure={f}>
                      <a
                        className="kern-link"
                        href={hrefFor(figureRoute(f, r.key, day))}
                        aria-label={t('team.console.workload.link', {
                          figure: t(`team.console.figure.${f}`),
                          who: who(r),
                          count: r.figures[f],
                        })}
                      >
                        {r.figures[f]}
                      </a>
                    </td>
                  ))}
                  <td data-figure="absence">
                    {r.kind !== 'member'
                      ? t('team.console.workload.none')
                      : r.absence
                        ? t('team.console.workload.absent', {
                            to: formatDate(r.absence.to, lang),
                            deputy: personName(r.absence.deputyId),
                          })
                        : t('team.console.workload.present')}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="kern-table__row" data-assignee="*">
                <th scope="row">{t('team.console.workload.total')}</th>
                {FIGURES.map((f) => (
                  <td key={f} className="ap-num" data-figure={f}>
                    <a
                      className="kern-link"
                      href={hrefFor(figureRoute(f, undefined, day))}
                      aria-label={t('team.console.workload.link', {
                        figure: t(`team.console.figure.${f}`),
                        who: t('team.console.workload.total'),
                        count: data.total[f],
                      })}
                    >
                      {data.total[f]}
                    </a>
                  </td>
                ))}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="ap-section" aria-labelledby="console-fristen">
        <h2 id="console-fristen" className="kern-heading-small">
          {t('team.console.fristen.heading')}
        </h2>
        <BarChart
          headingId="console-fristen"
          title={t('team.console.fristen.heading')}
          summary={t('team.console.fristen.summary', {
            count: sum(data.fristen.map((d) => d.count)),
            days: data.fristen.length,
          })}
          series={[{ key: 'count', label: t('team.console.fristen.series'), look: 'solid' }]}
          categories={fristenCategories}
          categoryHeader={t('team.console.fristen.day')}
          tableLabel={t('team.console.chart.table')}
          keyboardHint={t('team.console.chart.keyboardHint')}
          testId="console-fristen"
        />
      </section>

      <section className="ap-section" aria-labelledby="console-throughput">
        <h2 id="console-throughput" className="kern-heading-small">
          {t('team.console.throughput.heading')}
        </h2>
        <BarChart
          headingId="console-throughput"
          title={t('team.console.throughput.heading')}
          summary={t('team.console.throughput.summary', {
            received: sum(data.throughput.map((w) => w.received)),
            closed: sum(data.throughput.map((w) => w.closed)),
          })}
          series={[
            { key: 'received', label: t('team.console.throughput.received'), look: 'solid' },
            { key: 'closed', label: t('team.console.throughput.closed'), look: 'hatched' },
          ]}
          categories={throughputCategories}
          categoryHeader={t('team.console.throughput.week')}
          tableLabel={t('team.console.chart.table')}
          keyboardHint={t('team.console.chart.keyboardHint')}
          testId="console-throughput"
        />
      </section>

      <section className="ap-section" aria-labelledby="console-queue">
        <h2 id="console-queue" className="kern-heading-small">
          {t('team.console.queue.heading')}
        </h2>
        <h3 id="console-freigaben" className="kern-body kern-body--bold">
          {t('team.console.queue.freigaben')}
        </h3>
        {data.freigaben.length === 0 ? (
          <p className="kern-body" data-testid="console-freigaben-empty">
            {t('team.console.queue.freigabenEmpty')}
          </p>
        ) : (
          <div className="kern-table-responsive">
            <table
              className="kern-table kern-table--small"
              aria-labelledby="console-freigaben"
              data-testid="console-freigaben"
            >
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col">{t('team.console.queue.aktenzeichen')}</th>
                  <th scope="col">{t('team.console.queue.author')}</th>
                  <th scope="col">{t('team.console.queue.submitted')}</th>
                  <th scope="col">{t('team.console.queue.age')}</th>
                  <th scope="col">{t('team.console.queue.umlauf')}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {data.freigaben.map((f) => (
                  <tr key={f.bescheidId} className="kern-table__row" data-vorgang-id={f.vorgangId}>
                    <th scope="row">
                      <a className="kern-link" href={hrefFor({ name: 'vorgang', id: f.vorgangId })}>
                        {f.aktenzeichen ?? t('team.console.queue.notLocal')}
                      </a>
                    </th>
                    <td>{personName(f.authorId)}</td>
                    <td>{f.submittedAt === null ? '—' : formatDateTime(f.submittedAt, lang, 'Europe/Berlin')}</td>
                    <td>{age(f.ageDays)}</td>
                    <td>{f.umlauf ? t('team.console.queue.stepOf', f.umlauf) : t('team.console.queue.noUmlauf')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 id="console-umlaeufe" className="kern-body kern-body--bold">
          {t('team.console.queue.umlaeufe')}
        </h3>
        {data.umlaufSteps.length === 0 ? (
          <p className="kern-body" data-testid="console-umlaeufe-empty">
            {t('team.console.queue.umlaeufeEmpty')}
          </p>
        ) : (
          <div className="kern-table-responsive">
            <table
              className="kern-table kern-table--small"
              aria-labelledby="console-umlaeufe"
              data-testid="console-umlaeufe"
            >
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col">{t('team.console.queue.aktenzeichen')}</th>
                  <th scope="col">{t('team.console.queue.kind')}</th>
                  <th scope="col">{t('team.console.queue.step')}</th>
                  <th scope="col">{t('team.console.queue.waitingFor')}</th>
                  <th scope="col">{t('team.console.queue.since')}</th>
                  <th scope="col">{t('team.console.queue.age')}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {data.umlaufSteps.map((u) => (
                  <tr key={u.umlaufId} className="kern-table__row" data-vorgang-id={u.vorgangId}>
                    <th scope="row">
                      <a className="kern-link" href={hrefFor({ name: 'vorgang', id: u.vorgangId })}>
                        {u.aktenzeichen ?? t('team.console.queue.notLocal')}
                      </a>
                    </th>
                    <td>{u.own ? t('team.console.queue.own') : t('team.console.queue.forTeam')}</td>
                    <td>
                      {t(u.zurKenntnis ? 'team.console.queue.stepOfKenntnis' : 'team.console.queue.stepOf', {
                        step: u.step,
                        steps: u.steps,
                      })}
                    </td>
                    <td>
                      <ul className="ap-plain-list">
                        {u.waitingFor.map((p) => (
                          <li key={participantKey(p)}>{p.kind === 'org' ? unitName(p.id) : personName(p.id)}</li>
                        ))}
                      </ul>
                    </td>
                    <td>{formatDateTime(u.since, lang, 'Europe/Berlin')}</td>
                    <td>{age(u.ageDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
