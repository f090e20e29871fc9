import type { TFunction } from 'i18next';
import type { TemplateError, VorlagenLoadError } from '../../../../shared/bescheid/template/index.ts';

/**
 * A template, fee or Vorlagen error in the user's language, from its code and params through
 * the i18n keys `bescheid.templateError.*`. `where` (file, Vorlage and section ids) and the
 * position are names, not prose, so they are shown as they are.
 */
export function templateErrorText(t: TFunction, e: TemplateError): string {
  const fee = e.code === 'fee_not_computable' ? e.params?.fee : undefined;
  let text =
    fee === undefined
      ? t(`bescheid.templateError.${e.code}`)
      : t(`bescheid.templateError.fee.${fee}`, { field: e.params?.field ?? '' });
  if (e.position) text = t('bescheid.templateError.at', { text, line: e.position.line, column: e.position.column });
  return e.where === undefined ? text : t('bescheid.templateError.within', { where: e.where, text });
}

/** The first problem of a failed load of the shipped Textvorlagen, and how many more there are. */
export function loadErrorText(t: TFunction, e: VorlagenLoadError): string {
  const [first, ...rest] = e.issues;
  const text = templateErrorText(t, first ?? e);
  return rest.length === 0 ? text : t('bescheid.templateError.more', { text, count: rest.length });
}
