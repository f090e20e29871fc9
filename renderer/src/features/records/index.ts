export { AussonderungScreen } from './AussonderungScreen.tsx';
