import {
  ALLOWED_MEDIA_TYPES,
  MAX_DOKUMENT_BYTES,
  isAllowedMediaType,
  mediaTypeForName,
  sanitizeFileName,
  type AllowedMediaType,
} from '../../../../shared/domain/file-names.ts';
import { formatNumber, type Lang } from '../../i18n/format.ts';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/**
 * A size as people read it in file managers: 1024-based, one decimal from KB on, e.g. "1,5 MB".
 * The limit (50 × 1024 × 1024 bytes) then reads "50 MB", as the hint says.
 */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${formatNumber(rounded, lang)} ${UNITS[unit] ?? 'B'}`;
}

/** First and last eight hex digits: enough to compare by eye, short enough for a table. */
export function shortHash(sha256: string): string {
  return sha256.length <= 20 ? sha256 : `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;
}

/** "PDF", "DOCX", …: the default extension of an allowed type, else the media type itself. */
export function mediaTypeLabel(mediaType: string): string {
  return isAllowedMediaType(mediaType) ? ALLOWED_MEDIA_TYPES[mediaType][0].toUpperCase() : mediaType;
}

export type UploadCheck =
  { ok: true; name: string; mediaType: AllowedMediaType } | { ok: false; reason: 'type' | 'size' | 'empty' };

/**
 * Whether a chosen file may become a Dokument, before any byte is read or stored: an allowed
 * type (by extension; the browser's own guess varies by system), not empty, within the limit.
 * The data layer and the server check again.
 */
export function checkUpload(file: { name: string; size: number }): UploadCheck {
  const mediaType = mediaTypeForName(file.name);
  if (mediaType === undefined) return { ok: false, reason: 'type' };
  if (file.size <= 0) return { ok: false, reason: 'empty' };
  if (file.size > MAX_DOKUMENT_BYTES) return { ok: false, reason: 'size' };
  return { ok: true, name: sanitizeFileName(file.name, mediaType), mediaType };
}

export type PreviewKind = 'pdf' | 'image';

/**
 * What the workspace previews itself. Only these types ever become blob: URLs in the page: a
 * blob: URL has the app's origin, so a type the browser would run (HTML, SVG) must never get one.
 */
export function previewKind(mediaType: string): PreviewKind | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  return null;
}

/** The extensions the upload accepts, for the hint ("PDF, PNG, …"). */
export const ALLOWED_TYPE_LABELS: string = Object.keys(ALLOWED_MEDIA_TYPES).map(mediaTypeLabel).join(', ');
