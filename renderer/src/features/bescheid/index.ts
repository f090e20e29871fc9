export { BescheidPane } from './BescheidPane.tsx';
export { FreigabeQueue } from './FreigabeQueue.tsx';
export { useFreigabeCount } from './data.ts';
