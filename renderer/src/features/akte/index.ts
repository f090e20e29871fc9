export { AkteScreen } from './AkteScreen.tsx';
export { AktenScreen } from './AktenScreen.tsx';
export { ZdaSection } from './ZdaSection.tsx';
