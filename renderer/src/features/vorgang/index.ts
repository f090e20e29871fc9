export { VorgangScreen } from './VorgangScreen.tsx';
export { formatFieldValue, localized } from './format-field.ts';
export { fristState, isOverdue, type FristState } from './frist.ts';
export { DokumentTable } from './DokumentePane.tsx';
export { FeedbackRegion, useErrorText, type Feedback, type RunMutation } from './feedback.tsx';
