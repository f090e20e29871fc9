import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/domain/index.ts';

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The translated text of an error that came back as a value: a shared error code, one of the
 * data layer's "no server" codes (worded by the feature, which knows what is missing), else
 * internal.
 */
export function useErrorText(
  offlineKey: 'workspace.common.offline' | 'bescheid.common.offline',
  offlineCodes: readonly string[],
): (error: { code: string }) => string {
  const { t } = useTranslation();
  return useCallback(
    (error) =>
      isErrorCode(error.code)
        ? t(`errors.${error.code}`)
        : offlineCodes.includes(error.code)
          ? t(offlineKey)
          : t('errors.internal'),
    [t, offlineKey, offlineCodes],
  );
}
