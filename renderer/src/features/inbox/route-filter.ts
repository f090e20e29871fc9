import { isoDate } from '../../../../shared/domain/index.ts';
import { isStatusFilter, type DayRange, type InboxFilter, type StatusFilter } from './inbox-index.ts';

/**
 * What a link adds to an inbox view (the team console's drill-downs): a narrowing of the list
 * and the status the filter starts with. Encoded as the query of the hash route,
 * `#/inbox/team?assignee=u-1&frist=2026-05-04..2026-05-08&parked=1&status=all`.
 */
export interface InboxLink {
  filter?: InboxFilter;
  status?: StatusFilter;
}

const RANGE_PARAMS = ['frist', 'received', 'updated'] as const;

function parseRange(text: string | null): DayRange | undefined {
  if (text === null) return undefined;
  const [from, to, ...rest] = text.split('..');
  if (from === undefined || to === undefined || rest.length > 0) return undefined;
  if (!isoDate.safeParse(from).success || !isoDate.safeParse(to).success || to < from) return undefined;
  return { from, to };
}

/**
 * The link parts of a route's query. A malformed part is left out (the view then shows more,
 * and the filter note says what applies); unknown parameters are ignored.
 */
export function parseInboxLink(params: URLSearchParams): InboxLink {
  const filter: InboxFilter = {};
  const assignee = params.get('assignee');
  if (assignee !== null && assignee.length <= 64) filter.assignee = assignee;
  for (const name of RANGE_PARAMS) {
    const range = parseRange(params.get(name));
    if (range) filter[name] = range;
  }
  if (params.get('parked') === '1') filter.withParked = true;
  const status = params.get('status');
  const link: InboxLink = {};
  if (Object.keys(filter).length > 0) link.filter = filter;
  if (status !== null && isStatusFilter(status)) link.status = status;
  return link;
}

/** The query string of a link ('' for none), in a fixed order so equal links give equal routes. */
export function inboxLinkQuery(link: InboxLink): string {
  const params = new URLSearchParams();
  const f = link.filter;
  if (f?.assignee !== undefined) params.set('assignee', f.assignee);
  for (const name of RANGE_PARAMS) {
    const range = f?.[name];
    if (range) params.set(name, `${range.from}..${range.to}`);
  }
  if (f?.withParked === true) params.set('parked', '1');
  if (link.status !== undefined) params.set('status', link.status);
  return params.toString();
}
