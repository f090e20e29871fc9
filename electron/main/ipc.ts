import { z } from 'zod';
import { DomainError, type ErrorCode } from '../../shared/domain/errors.ts';
import {
  IPC_PREFIX,
  channelName,
  eventChannelName,
  ipcChannels,
  ipcContract,
  ipcEvents,
  type IpcChannel,
  type IpcEvent,
  type IpcEventPayload,
  type IpcInput,
  type IpcOutput,
  type IpcResult,
} from '../../shared/contracts/ipc/index.ts';
import { isAppUrl } from './services/app-origin.ts';

/** One implementation per contract entry; the mapped type makes a missing one a type error. */
export type IpcServices = {
  [C in IpcChannel]: (input: IpcInput<C>) => IpcOutput<C> | Promise<IpcOutput<C>>;
};

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<IpcResult<unknown>>): void;
}

export type IpcLogger = (message: string) => void;

const failure = (code: ErrorCode, message: string): IpcResult<never> => ({ ok: false, error: { code, message } });

/**
 * Answers one invoke: checks channel, sender and input, runs the service and validates what
 * it returns. Never throws, so a renderer always gets an envelope and never a raw Error
 * (whose message Electron would forward verbatim).
 */
export function createIpcDispatcher(services: IpcServices, log: IpcLogger = console.error) {
  return async (channel: string, event: InvokeEvent, input: unknown): Promise<IpcResult<unknown>> => {
    const name = channel.startsWith(IPC_PREFIX) ? channel.slice(IPC_PREFIX.length) : undefined;
    if (name === undefined || !isIpcChannel(name)) return failure('bad_request', `Unknown IPC channel "${channel}"`);

    // Only the app's own top-level document may call main; not iframes, not other origins.
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null || !isAppUrl(frame.url)) {
      log(`[ipc] ${channel}: rejected call from an untrusted frame`);
      return failure('forbidden', 'IPC calls are only accepted from the application window');
    }
    return dispatch(name, input);
  };

  async function dispatch(name: IpcChannel, input: unknown): Promise<IpcResult<unknown>> {
    const contract = ipcContract[name];
    const parsedInput = contract.input.safeParse(input);
    if (!parsedInput.success) {
      return failure('validation_failed', `Invalid input for ${name}: ${z.prettifyError(parsedInput.error)}`);
    }
    let value: unknown;
    try {
      // TypeScript does not correlate ipcContract[name] with services[name]; the schema just
      // checked that the input is exactly what this service takes.
      const service = services[name] as (input: unknown) => unknown;
      value = await service(parsedInput.data);
    } catch (error) {
      if (error instanceof DomainError) return failure(error.code, error.message);
      log(`[ipc] ${name} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      return failure('internal', `${name} failed`);
    }
    // Strips fields the contract does not declare, so a service cannot leak them by accident.
    const parsedOutput = contract.output.safeParse(value);
    if (!parsedOutput.success) {
      log(`[ipc] ${name} returned a value that does not match its contract`);
      return failure('internal', `${name} failed`);
    }
    return { ok: true, value: parsedOutput.data };
  }
}

/** Registers one handler per contract entry on Electron's ipcMain. */
export function registerIpcHandlers(ipcMain: IpcMainLike, services: IpcServices, log?: IpcLogger): void {
  const dispatch = createIpcDispatcher(services, log);
  for (const channel of ipcChannels) {
    const name = channelName(channel);
    ipcMain.handle(name, (event, input) => dispatch(name, event, input));
  }
}

function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(ipcContract, name);
}

/** The part of Electron's WebContents that events go through. */
export interface EventSink {
  send(channel: string, payload: unknown): void;
}

/**
 * Sends a contract event to the renderer. The payload is checked like a service answer, so
 * only declared fields leave main; a payload that breaks the contract is logged and dropped.
 */
export function sendIpcEvent<E extends IpcEvent>(
  target: EventSink,
  event: E,
  payload: IpcEventPayload<E>,
  log: IpcLogger = console.error,
): boolean {
  const parsed = ipcEvents[event].safeParse(payload);
  if (!parsed.success) {
    log(`[ipc] event ${event} dropped: payload does not match its contract`);
    return false;
  }
  target.send(eventChannelName(event), parsed.data);
  return true;
}
