import type { FieldDef, LocalizedText } from '../../../../shared/domain/index.ts';
import { formatDate, formatMoney, formatNumber, type Lang } from '../../i18n/format.ts';

export type FieldValue = string | number | boolean | null | undefined;

export interface FieldTexts {
  yes: string;
  no: string;
  empty: string;
}

export function localized(text: LocalizedText, lang: Lang): string {
  return text[lang] || text.de;
}

function toNumber(v: string | number): number | null {
  const n = typeof v === 'number' ? v : Number(v.trim());
  return Number.isFinite(n) && !(typeof v === 'string' && v.trim() === '') ? n : null;
}

/**
 * Antragsdaten value as display text, by the field's declared type. Values that do not fit
 * the type are shown as they are (as text, never as markup), so nothing is hidden.
 */
export function formatFieldValue(field: FieldDef, value: FieldValue, lang: Lang, texts: FieldTexts): string {
  if (value === null || value === undefined || value === '') return texts.empty;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? texts.yes : texts.no;
      break;
    case 'money': {
      // Integer euro cents (shared/domain/verfahren.ts), so no float rounding on the way.
      if (typeof value === 'boolean') break;
      const cents = toNumber(value);
      if (cents !== null && Number.isInteger(cents)) return formatMoney(cents / 100, lang);
      break;
    }
    case 'number': {
      if (typeof value === 'boolean') break;
      const n = toNumber(value);
      if (n !== null) return field.unit ? `${formatNumber(n, lang)} ${field.unit}` : formatNumber(n, lang);
      break;
    }
    case 'date':
      if (typeof value === 'string') return formatDate(value, lang);
      break;
    case 'select': {
      const option = field.options?.find((o) => o.value === String(value));
      if (option) return localized(option.label, lang);
      break;
    }
    default:
      break;
  }
  if (typeof value === 'boolean') return value ? texts.yes : texts.no;
  return String(value);
}
