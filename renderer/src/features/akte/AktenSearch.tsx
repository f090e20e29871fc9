import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  MAX_SEARCH_CHARS,
  MIN_SEARCH_CHARS,
  type NotSearchable,
  type SearchHit,
} from '../../../../shared/contracts/http/search.ts';
import { ERROR_CODES, type ErrorCode } from '../../../../shared/domain/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { hrefFor } from '../../app/router.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { useSyncStatus } from '../../sync/index.ts';
import { searchApi } from './search-api.ts';
import {
  appendHits,
  hitKey,
  IDLE,
  notSearchableLines,
  searchAnnouncement,
  searchInputProblem,
  type SearchState,
} from './search-view.ts';
import './search.css';

const PAGE = 20;
const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The full-text search of the Akten view (docs/search.md): the Antragsdaten and the text of
 * every filed document in the user's scope, searched on the server. Online only — the synced
 * data holds no document text — and said so when offline. Results are a list of links to the
 * Akten with a snippet whose matches are <mark> elements built from the server's segments,
 * never from HTML; a polite live region announces the count.
 */
export function AktenSearch() {
  const { t } = useTranslation();
  const { session, db } = useWorkspace();
  const sync = useSyncStatus(db);
  const offline = sync.state === 'offline';
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'tooShort' | 'tooLong' | null>(null);
  const [state, setState] = useState<SearchState>(IDLE);
  const running = useRef<AbortController | null>(null);
  const headingId = useId();
  const inputId = useId();
  useEffect(() => () => running.current?.abort(), []);

  /** Asks for the page after `shown`; `counted` carries the first page's notSearchable along. */
  const run = async (q: string, shown: readonly SearchHit[], counted: NotSearchable | null) => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    setState({ status: 'loading', q, hits: shown });
    const r = await searchApi(session).call('search', {
      body: { q, limit: PAGE, offset: shown.length },
      signal: abort.signal,
    });
    if (abort.signal.aborted) return;
    if (!r.ok) {
      setState(r.error.code === 'network' ? { status: 'offline' } : { status: 'failed', code: r.error.code });
      return;
    }
    setState({
      status: 'done',
      q,
      hits: appendHits(shown, r.value.hits),
      hasMore: r.value.hasMore,
      // Counted with the first page only.
      notSearchable: r.value.notSearchable ?? counted,
    });
  };

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const found = searchInputProblem(text);
    setProblem(found);
    if (found || offline) return;
    void run(text.trim(), [], null);
  };

  const announced = searchAnnouncement(offline ? { status: 'offline' } : state);
  const hits = state.status === 'done' || state.status === 'loading' ? state.hits : [];
  const lines = state.status === 'done' ? notSearchableLines(state.notSearchable) : [];

  return (
    <section className="ap-search" aria-labelledby={headingId} data-testid="akten-search">
      <h2 id={headingId} className="kern-heading-medium">
        {t('akte.search.heading')}
      </h2>
      <form role="search" aria-labelledby={headingId} className="ap-search__form" onSubmit={submit} noValidate>
        <div className={`kern-form-input ap-search__field${problem ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={inputId}>
            {t('akte.search.label')}
          </label>
          <input
            id={inputId}
            type="search"
            className="kern-form-input__input"
            autoComplete="off"
            value={text}
            disabled={offline}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-problem` : `${inputId}-hint`}
            onChange={(e) => {
              setText(e.target.value);
              if (problem) setProblem(null);
            }}
            data-testid="akten-search-input"
          />
          {problem ? (
            <p className="kern-error" id={`${inputId}-problem`} data-testid="akten-search-problem">
              {t(`akte.search.${problem}`, { min: MIN_SEARCH_CHARS, max: MAX_SEARCH_CHARS })}
            </p>
          ) : (
            <p className="kern-hint" id={`${inputId}-hint`}>
              {t('akte.search.hint')}
            </p>
          )}
        </div>
        <Button
          type="submit"
          className="kern-btn kern-btn--primary"
          isDisabled={offline || state.status === 'loading'}
          data-testid="akten-search-submit"
        >
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">{t('akte.search.submit')}</span>
        </Button>
      </form>
      <p role="status" aria-atomic="true" className="ap-search__status" data-testid="akten-search-status">
        {announced ? t(`akte.search.${announced.key}`, { count: announced.count }) : ''}
      </p>
      {state.status === 'failed' && (
        <Alert kind="danger" testId="akten-search-failed">
          {t('akte.search.failed', {
            reason: isErrorCode(state.code) ? t(`errors.${state.code}`) : t('errors.internal'),
          })}
        </Alert>
      )}
      {hits.length > 0 && (
        <ol className="ap-search__hits" aria-label={t('akte.search.resultsLabel')} data-testid="akten-search-hits">
          {hits.map((h) => (
            <Hit key={hitKey(h)} hit={h} />
          ))}
        </ol>
      )}
      {state.status === 'done' && state.hasMore && (
        <Button
          className="kern-btn kern-btn--secondary"
          onPress={() => void run(state.q, state.hits, state.notSearchable)}
          data-testid="akten-search-more"
        >
          <span className="kern-label">{t('akte.search.more')}</span>
        </Button>
      )}
      {lines.length > 0 && (
        <div className="ap-search__gaps" data-testid="akten-search-gaps">
          <p className="kern-body">{t('akte.search.notSearchable.intro')}</p>
          <ul>
            {lines.map((l) => (
              <li key={l.key} className="kern-body" data-kind={l.key}>
                {t(`akte.search.notSearchable.${l.key}`, { count: l.count })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const where =
    hit.dokument === null
      ? t('akte.search.source.antragsdaten')
      : [
          t('akte.search.source.dokument', { name: hit.dokument.name }),
          hit.dokument.seite === null ? null : t('akte.search.source.seite', { seite: hit.dokument.seite }),
          hit.dokument.method === 'ocr' ? t('akte.search.source.ocr') : null,
        ]
          .filter((x) => x !== null)
          .join(' · ');
  return (
    <li className="ap-search__hit" data-testid="akten-search-hit" data-vorgang-id={hit.vorgangId}>
      <a className="kern-link ap-search__link" href={hrefFor({ name: 'akte', id: hit.vorgangId })}>
        {hit.aktenzeichen}
      </a>
      <span className="ap-search__who">{hit.applicant}</span>
      <span className="ap-search__where">{where}</span>
      <p className="ap-search__snippet" data-testid="akten-search-snippet">
        {hit.snippet.map((s, i) =>
          s.mark ? (
            // The segments never change order within a hit: their index is their identity.
            <mark key={i}>{s.text}</mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
    </li>
  );
}
