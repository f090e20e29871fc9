export { DEMO_AUTHORITY, authoritySchema, loadAuthority, resolveAuthority, type Authority } from './authority.ts';
export { checkSealKeyMaterial, resolveSealKeys, type SealKeyFiles, type SealKeyMaterial } from './keys.ts';
export { registerAuthorityRoute, registerBescheidRoutes } from './routes.ts';
export {
  SEAL_ACTOR,
  createSealService,
  loadLetterAssets,
  openSealService,
  sealedFileName,
  type OpenSealServiceOptions,
  type SealDeps,
  type SealOutcome,
  type SealService,
} from './seal-service.ts';
export { getBescheid, touchBescheid, vorgangIdOfBescheid, writeBescheid } from './store.ts';
