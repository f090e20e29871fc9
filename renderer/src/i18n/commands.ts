import type { TFunction } from 'i18next';
import { commandJournal, type MutationName, type ServerCommandName } from '../../../shared/mutators/index.ts';

/**
 * A command (a client mutator or a command the server runs on its own) in words. Every
 * declared command has a label; only a name no declaration knows reads as unknown.
 */
export function commandLabel(name: string, t: TFunction): string {
  if (commandJournal(name) === undefined) return t('mutations.unknown', { name });
  return t(`mutations.${name as MutationName | ServerCommandName}`);
}
