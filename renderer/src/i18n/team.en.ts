import type { Translation } from './de.ts';
import type { teamDe } from './team.de.ts';

export const teamEn: Translation<typeof teamDe> = {
  title: 'team',
};
