import { MAX_DOKUMENT_BYTES } from './dokument.ts';
import { DomainError } from './errors.ts';

/**
 * The document types Amtsplatz accepts, stores and hands to the operating system, with the
 * file extensions (lowercase, without dot) that may carry them; the first is the default.
 * Anything else — executables, scripts, HTML, SVG, macro-enabled Office files — is refused,
 * so a file name can never turn a stored document into something the system runs.
 */
export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'text/plain': ['txt'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

/** The size limit of a Dokument, next to the other file rules for the file-handling callers. */
export { MAX_DOKUMENT_BYTES };

/** Longest sanitized name, in UTF-16 code units; the UTF-8 form also stays within common 255-byte limits. */
export const MAX_FILE_NAME_LENGTH = 180;
const MAX_FILE_NAME_UTF8_BYTES = 255;

/** Used when nothing printable is left of a name. */
const FALLBACK_STEM = 'Dokument';

const EXTENSION_TO_MEDIA_TYPE: ReadonlyMap<string, AllowedMediaType> = new Map(
  Object.entries(ALLOWED_MEDIA_TYPES).flatMap(([type, exts]) =>
    exts.map((ext): [string, AllowedMediaType] => [ext, type as AllowedMediaType]),
  ),
);

/** Every allowed extension, without dot (for save/open dialog filters). */
export const ALLOWED_EXTENSIONS: readonly string[] = [...EXTENSION_TO_MEDIA_TYPE.keys()];

/** Value for an `<input type="file" accept>` that offers exactly the allowed types. */
export const FILE_INPUT_ACCEPT = [...ALLOWED_EXTENSIONS.map((e) => `.${e}`), ...Object.keys(ALLOWED_MEDIA_TYPES)].join(
  ',',
);

export function isAllowedMediaType(mediaType: string): mediaType is AllowedMediaType {
  return Object.hasOwn(ALLOWED_MEDIA_TYPES, mediaType);
}

/** The media type a name's extension stands for, or undefined when the extension is not allowed. */
export function mediaTypeForName(name: string): AllowedMediaType | undefined {
  const ext = splitExtension(name.trim()).ext;
  return ext === undefined ? undefined : EXTENSION_TO_MEDIA_TYPE.get(ext.toLowerCase());
}

// Device names Windows reserves in every folder, also with any extension ("CON.pdf").
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³])$/i;
// Path separators, characters Windows forbids, and control characters become "_".
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f]/g;
// Invisible formatting characters, notably bidi overrides that make "rechnung\u202Efdp.exe"
// display as "rechnungexe.pdf", are dropped.
const INVISIBLE_CHARS = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/**
 * A file name that is safe to show and to write on Windows, macOS and Linux, whose extension
 * matches `mediaType`: a matching extension is kept (lowercased), any other gets the type's
 * default appended ("bericht.exe" as PDF becomes "bericht.exe.pdf", which every system treats
 * as a PDF). Throws DomainError `unsupported_media_type` for a type outside ALLOWED_MEDIA_TYPES.
 */
export function sanitizeFileName(name: string, mediaType: string): string {
  if (!isAllowedMediaType(mediaType)) {
    throw new DomainError('unsupported_media_type', `Media type "${mediaType.slice(0, 127)}" is not allowed`);
  }
  const allowed: readonly string[] = ALLOWED_MEDIA_TYPES[mediaType];
  const cleaned = name
    .normalize('NFC')
    .replace(INVISIBLE_CHARS, '')
    .replace(UNSAFE_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const { stem: rawStem, ext: rawExt } = splitExtension(cleaned);
  const keepExt = rawExt !== undefined && allowed.includes(rawExt.toLowerCase());
  const ext = keepExt ? rawExt.toLowerCase() : (allowed[0] ?? 'bin');
  let stem = tidyStem(keepExt ? rawStem : cleaned);
  if (stem === '') stem = FALLBACK_STEM;
  // Windows decides by the part before the first dot.
  if (WINDOWS_RESERVED.test(stem.split('.')[0]?.trimEnd() ?? '')) stem = `_${stem}`;
  stem = tidyStem(truncate(stem, ext.length + 1));
  return `${stem === '' ? FALLBACK_STEM : stem}.${ext}`;
}

function splitExtension(name: string): { stem: string; ext: string | undefined } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, ext: undefined };
  return { stem: name.slice(0, dot), ext: name.slice(dot + 1) };
}

/** Leading dots would hide the file (or mean ".."); trailing dots and spaces Windows drops silently. */
function tidyStem(stem: string): string {
  return stem.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
}

/** Cuts whole code points until stem + reserved fits both limits. */
function truncate(stem: string, reserved: number): string {
  let length = 0;
  let bytes = 0;
  let out = '';
  for (const ch of stem) {
    const cp = ch.codePointAt(0) ?? 0;
    const chBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (length + ch.length + reserved > MAX_FILE_NAME_LENGTH) break;
    if (bytes + chBytes + reserved > MAX_FILE_NAME_UTF8_BYTES) break;
    length += ch.length;
    bytes += chBytes;
    out += ch;
  }
  return out;
}
