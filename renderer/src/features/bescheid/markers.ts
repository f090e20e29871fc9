import { TEXT_FIELDS, type BescheidForm, type TextField } from './form.ts';

/** The `[[path]]` marker rendering leaves for a placeholder without a value (shared/bescheid/template). */
const MARKER = /\[\[([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*)\]\]/g;

export interface MarkerHit {
  readonly field: TextField;
  readonly path: string;
  /** UTF-16 offsets of the whole `[[path]]` in the field's text (for setSelectionRange). */
  readonly start: number;
  readonly end: number;
}

export function markersIn(text: string): { path: string; start: number; end: number }[] {
  return [...text.matchAll(MARKER)].map((m) => ({
    path: m[1] as string,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function fieldText(form: BescheidForm, field: TextField): string {
  return field === 'recipient' || field === 'betreff' || field === 'anrede' ? form[field] : form.sections[field].body;
}

/** Every unresolved placeholder still in the form, field by field in the letter's order. */
export function formMarkers(form: BescheidForm): MarkerHit[] {
  return TEXT_FIELDS.flatMap((field) => markersIn(fieldText(form, field)).map((m) => ({ field, ...m })));
}

export interface Segment {
  readonly text: string;
  /** The placeholder path when this segment is a marker. */
  readonly marker: string | null;
}

/**
 * The text around one marker, cut at word boundaries `radius` characters either side, split
 * into plain text and markers so the view can highlight each marker.
 */
export function snippet(text: string, hit: { start: number; end: number }, radius = 40): Segment[] {
  let from = Math.max(0, hit.start - radius);
  let to = Math.min(text.length, hit.end + radius);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < hit.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space >= hit.end) to = space;
  }
  const part = text.slice(from, to).replace(/\s+/g, ' ');
  const segments = segmentsOf(part);
  return [
    ...(from > 0 ? [{ text: '… ', marker: null }] : []),
    ...segments,
    ...(to < text.length ? [{ text: ' …', marker: null }] : []),
  ];
}

/** A text split into plain runs and markers, in order. */
export function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of markersIn(text)) {
    if (m.start > at) out.push({ text: text.slice(at, m.start), marker: null });
    out.push({ text: text.slice(m.start, m.end), marker: m.path });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marker: null });
  return out;
}
