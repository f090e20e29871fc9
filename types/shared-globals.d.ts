/**
 * The Web APIs that shared/ uses and every runtime has (browsers, Node, Electron), which
 * `lib: ["ES2023"]` does not declare. Only tsconfig.shared.json includes this file: the other
 * runtimes get the full declarations from DOM or Node types.
 */
declare const performance: { now(): number };

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
