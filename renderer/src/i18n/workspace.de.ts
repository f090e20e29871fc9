/** German texts of the workspace feature; workspace.en.ts has exactly the same keys. */
export const workspaceDe = {
  title: 'workspace',
} as const;
