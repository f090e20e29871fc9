import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, BarGroup } from '@visx/shape';
import { useId, useRef, useState, type KeyboardEvent } from 'react';

/** One series of bars; `hatched` draws it striped, so the series differ by more than colour. */
export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  look: 'solid' | 'hatched';
}

/** What one bar shows and where it leads. */
export interface ChartValue {
  count: number;
  href: string;
  /** The bar's accessible name, e.g. "Di., 07.04.2026: 9 Fristen". */
  label: string;
}

export interface ChartCategory<K extends string> {
  key: string;
  /** The axis label, one or two short lines. */
  tick: readonly string[];
  /** The category's full name (the data table's row header). */
  name: string;
  values: Record<K, ChartValue>;
}

interface Props<K extends string> {
  /** The id of the heading that names the chart (figure, SVG group and table are labelled by it). */
  headingId: string;
  title: string;
  /** One or two sentences with the totals: what a glance at the chart tells. */
  summary: string;
  series: readonly ChartSeries<K>[];
  categories: readonly ChartCategory<K>[];
  /** Texts: the data table's first column, the disclosure for the table, the keyboard hint. */
  categoryHeader: string;
  tableLabel: string;
  keyboardHint: string;
  testId: string;
}

const WIDTH = 720;
const HEIGHT = 250;
const MARGIN = { top: 22, right: 8, bottom: 42, left: 40 };
const INNER_W = WIDTH - MARGIN.left - MARGIN.right;
const INNER_H = HEIGHT - MARGIN.top - MARGIN.bottom;

type Datum = Record<string, number | string>;

/**
 * A bar chart (one or more series) built from visx scales and bar groups, made for the
 * keyboard and screen readers (ADR 0009): the SVG is a group of links, one per bar, named by
 * its value; one tab stop, the arrow keys (and Home/End) move between the bars, Enter opens
 * what a bar counts. Axis, grid and value labels are decoration (aria-hidden). Below it, the
 * same figures as a data table of links, behind a disclosure.
 */
export function BarChart<K extends string>(p: Props<K>) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const titleId = p.headingId;
  const summaryId = `${uid}-summary`;
  const hintId = `${uid}-hint`;
  const hatchId = `${uid}-hatch`;
  const keys = p.series.map((s) => s.key);
  const bars = p.categories.flatMap((c) => keys.map((k) => ({ category: c, key: k, value: c.values[k] })));
  const [active, setActive] = useState(0);
  // The table is built when it is opened: closed, nobody can reach it, and it would double the DOM.
  const [tableOpen, setTableOpen] = useState(false);
  const current = Math.min(active, bars.length - 1);
  const refs = useRef<({ focus(): void } | null)[]>([]);

  const max = Math.max(1, ...bars.map((b) => b.value.count));
  const x0 = scaleBand<string>({ domain: p.categories.map((c) => c.key), range: [0, INNER_W], padding: 0.2 });
  const x1 = scaleBand<K>({ domain: keys, range: [0, x0.bandwidth()], padding: keys.length > 1 ? 0.08 : 0 });
  const y = scaleLinear<number>({ domain: [0, max], range: [INNER_H, 0], nice: true });
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t));
  const data: Datum[] = p.categories.map((c) => {
    const d: Datum = { category: c.key };
    for (const k of keys) d[k] = c.values[k].count;
    return d;
  });
  const look = new Map(p.series.map((s) => [s.key, s.look]));

  const move = (e: KeyboardEvent<SVGSVGElement>) => {
    const last = bars.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? Math.min(last, current + 1)
        : e.key === 'ArrowLeft'
          ? Math.max(0, current - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    refs.current[to]?.focus();
  };

  return (
    <figure className="ap-chart" aria-labelledby={titleId} data-testid={p.testId}>
      <figcaption id={summaryId} className="kern-body kern-body--small ap-chart__caption">
        {p.summary}
      </figcaption>
      {p.series.length > 1 && (
        <ul className="ap-chart__legend" aria-hidden="true">
          {p.series.map((s) => (
            <li key={s.key}>
              <svg width="14" height="14" className="ap-chart__swatch">
                <rect
                  width="14"
                  height="14"
                  className={`ap-chart__bar ap-chart__bar--${s.look}`}
                  {...(s.look === 'hatched' ? { fill: `url(#${hatchId})` } : {})}
                />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <svg
        className="ap-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={`${summaryId} ${hintId}`}
        onKeyDown={move}
      >
        <defs>
          <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="ap-chart__hatch-bg" />
            <rect width="3" height="6" className="ap-chart__hatch-line" />
          </pattern>
        </defs>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g aria-hidden="true" className="ap-chart__grid">
            {ticks.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x1={0} x2={INNER_W} />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {t}
                </text>
              </g>
            ))}
          </g>
          <BarGroup<Datum, K>
            data={data}
            keys={keys}
            height={INNER_H}
            x0={(d) => String(d['category'])}
            x0Scale={x0}
            x1Scale={x1}
            yScale={y}
            color={() => ''}
          >
            {(groups) =>
              groups.map((g) => {
                const category = p.categories[g.index];
                if (!category) return null;
                return (
                  <g key={category.key} transform={`translate(${g.x0},0)`}>
                    {g.bars.map((b) => {
                      const i = g.index * keys.length + keys.indexOf(b.key);
                      const v = category.values[b.key];
                      const hatched = look.get(b.key) === 'hatched';
                      return (
                        <a
                          key={b.key}
                          href={v.href}
                          aria-label={v.label}
                          tabIndex={i === current ? 0 : -1}
                          className="ap-chart__link"
                          ref={(el) => {
                            refs.current[i] = el;
                          }}
                          onFocus={() => setActive(i)}
                          data-testid="chart-bar"
                          data-category={category.key}
                          data-series={b.key}
                        >
                          {/* The whole column is the target, also for a bar of 0. */}
                          <rect x={b.x} y={0} width={b.width} height={INNER_H} className="ap-chart__hit" />
                          <Bar
                            x={b.x}
                            y={b.y}
                            width={b.width}
                            height={Math.max(0, b.height)}
                            className={`ap-chart__bar ap-chart__bar--${hatched ? 'hatched' : 'solid'}`}
                            {...(hatched ? { fill: `url(#${hatchId})` } : {})}
                          />
                          <text
                            x={b.x + b.width / 2}
                            y={b.y - 4}
                            textAnchor="middle"
                            className="ap-chart__value"
                            aria-hidden="true"
                          >
                            {v.count}
                          </text>
                        </a>
                      );
                    })}
                  </g>
                );
              })
            }
          </BarGroup>
          <g aria-hidden="true" className="ap-chart__axis" transform={`translate(0,${INNER_H})`}>
            <line x1={0} x2={INNER_W} />
            {p.categories.map((c) => (
              <text key={c.key} x={(x0(c.key) ?? 0) + x0.bandwidth() / 2} y={14} textAnchor="middle">
                {c.tick.map((line, i) => (
                  <tspan key={line} x={(x0(c.key) ?? 0) + x0.bandwidth() / 2} dy={i === 0 ? 0 : 13}>
                    {line}
                  </tspan>
                ))}
              </text>
            ))}
          </g>
        </g>
      </svg>
      <p id={hintId} className="kern-hint ap-chart__hint">
        {p.keyboardHint}
      </p>
      <details
        className="ap-chart__table"
        onToggle={(e) => {
          setTableOpen(e.currentTarget.open);
        }}
      >
        <summary className="kern-link">{p.tableLabel}</summary>
        {tableOpen && (
          <div className="kern-table-responsive">
            <table className="kern-table kern-table--small" data-testid={`${p.testId}-table`}>
              <caption className="kern-sr-only">{p.title}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col">{p.categoryHeader}</th>
                  {p.series.map((s) => (
                    <th key={s.key} scope="col" className="ap-num">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {p.categories.map((c) => (
                  <tr key={c.key} className="kern-table__row">
                    <th scope="row">{c.name}</th>
                    {p.series.map((s) => (
                      <td key={s.key} className="ap-num" data-category={c.key} data-series={s.key}>
                        <a className="kern-link" href={c.values[s.key].href} aria-label={c.values[s.key].label}>
                          {c.values[s.key].count}
                        </a>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </figure>
  );
}
