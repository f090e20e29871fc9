import { BRIDGE_KEY } from '../../../shared/contracts/ipc/index.ts';
import { createDesktopPlatform, type AmtsplatzBridge } from './desktop.ts';
import type { Platform } from './types.ts';
import { createWebPlatform } from './web.ts';

export type {
  NotificationPermissionState,
  OpenFileResult,
  PickedFile,
  Platform,
  PlatformAppInfo,
  PlatformFile,
  SaveFileResult,
  WiedervorlageItem,
} from './types.ts';

interface HostGlobals {
  [BRIDGE_KEY]?: unknown;
  location: { origin: string };
}

function isBridge(x: unknown): x is AmtsplatzBridge {
  if (typeof x !== 'object' || x === null) return false;
  const { invoke, on } = x as { invoke?: unknown; on?: unknown };
  return typeof invoke === 'function' && typeof on === 'function';
}

/**
 * Picks the implementation once, at startup: the Electron preload exposes `amtsplatz`,
 * a plain browser does not. This is the only place that reads the bridge global.
 */
export function selectPlatform(host: HostGlobals): Platform {
  const bridge = host[BRIDGE_KEY];
  return isBridge(bridge) ? createDesktopPlatform(bridge) : createWebPlatform(host.location.origin);
}
