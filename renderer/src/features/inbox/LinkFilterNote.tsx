import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../app/router.ts';
import type { Lang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import '../../styles/console.css';
import type { DayRange, InboxFilter, InboxView } from './inbox-index.ts';

interface Props {
  view: InboxView;
  filter: InboxFilter;
  lang: Lang;
  personName: (id: string) => string;
  /** The lead came from the team console: offer the way back. */
  fromConsole: boolean;
}

/** Says what a link narrowed the view to, with the way to the whole view (and back to the console). */
export function LinkFilterNote({ view, filter, lang, personName, fromConsole }: Props) {
  const { t } = useTranslation();
  const range = (r: DayRange) => ({ from: formatDate(r.from, lang), to: formatDate(r.to, lang) });
  const parts: string[] = [];
  if (filter.assignee !== undefined) {
    const name = filter.assignee === '' ? t('team.teamQueue') : personName(filter.assignee);
    parts.push(t('team.linkFilter.assignee', { name }));
  }
  if (filter.frist) parts.push(t('team.linkFilter.frist', range(filter.frist)));
  if (filter.received) parts.push(t('team.linkFilter.received', range(filter.received)));
  if (filter.updated) parts.push(t('team.linkFilter.updated', range(filter.updated)));
  if (filter.withParked === true) parts.push(t('team.linkFilter.withParked'));
  return (
    <div className="ap-link-filter kern-body" data-testid="inbox-link-filter">
      <span className="kern-body--bold">{t('team.linkFilter.label')}:</span>
      <ul>
        {parts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <a className="kern-link" href={hrefFor({ name: 'inbox', view })}>
        {t('team.linkFilter.clear')}
      </a>
      {fromConsole && (
        <a className="kern-link" href={hrefFor({ name: 'team' })}>
          {t('team.linkFilter.back')}
        </a>
      )}
    </div>
  );
}
