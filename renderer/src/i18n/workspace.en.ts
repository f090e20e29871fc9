import type { Translation } from './de.ts';
import type { workspaceDe } from './workspace.de.ts';

export const workspaceEn: Translation<typeof workspaceDe> = {
  title: 'workspace',
};
