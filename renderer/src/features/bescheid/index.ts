export { BescheidPane } from './BescheidPane.tsx';
export { FreigabeQueue } from './FreigabeQueue.tsx';
export { useFreigabeCount } from './data.ts';
export { loadLetterAssets } from './preview-client.ts';
export { useAuthority } from './authority.ts';
