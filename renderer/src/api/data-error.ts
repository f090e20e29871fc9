import type { ErrorCode } from '../../../shared/domain/index.ts';
import type { ApiError } from './http.ts';

/**
 * `offline`: the server could not be reached and nothing local could stand in (a document that
 * is not cached, a journal never fetched). Translate it like the shared codes (`errors.offline`).
 */
export type DataErrorCode = ErrorCode | 'offline';

/** A failed read of server data, as the UI gets it: an AppError that may also say "offline". */
export interface DataError {
  code: DataErrorCode;
  message: string;
}

/** The UI-facing form of a failed call: transport failures become `offline` or `internal`. */
export function toDataError(e: ApiError): DataError {
  switch (e.code) {
    case 'network':
      return { code: 'offline', message: e.message };
    case 'aborted':
    case 'invalid_response':
      return { code: 'internal', message: e.message };
    default:
      return { code: e.code, message: e.message };
  }
}
