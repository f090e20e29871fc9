import { BRIDGE_KEY } from '../../../shared/contracts/ipc/index.ts';
import { createDesktopPlatform, type AmtsplatzBridge } from './desktop.ts';
import type { Platform } from './types.ts';
import { createWebPlatform } from './web.ts';

export type { Platform, PlatformAppInfo } from './types.ts';

interface HostGlobals {
  [BRIDGE_KEY]?: unknown;
  location: { origin: string };
}

function isBridge(x: unknown): x is AmtsplatzBridge {
  return typeof x === 'object' && x !== null && typeof (x as { invoke?: unknown }).invoke === 'function';
}

/**
 * Picks the implementation once, at startup: the Electron preload exposes `amtsplatz`,
 * a plain browser does not. This is the only place that reads the bridge global.
 */
export function selectPlatform(host: HostGlobals): Platform {
  const bridge = host[BRIDGE_KEY];
  return isBridge(bridge) ? createDesktopPlatform(bridge) : createWebPlatform(host.location.origin);
}
