export { VorgangScreen } from './VorgangScreen.tsx';
export { formatFieldValue, localized } from './format-field.ts';
export { fristState, isOverdue, type FristState } from './frist.ts';
