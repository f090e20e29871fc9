/** German texts of the team feature; team.en.ts has exactly the same keys. */
export const teamDe = {
  title: 'team',
} as const;
