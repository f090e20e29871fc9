export { AbsencesScreen } from './AbsencesScreen.tsx';
export { TeamConsole } from './TeamConsole.tsx';
export { colleaguesOf } from './absences.ts';
export { useAbsences, useDeputyFor } from './use-absences.ts';
