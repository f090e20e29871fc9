import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_DOKUMENT_BYTES } from '../../domain/file-names.ts';
import { channelName, documentBytes, eventChannelName, ipcChannels, ipcEventNames, pickedFile } from './index.ts';

describe('IPC contract', () => {
  it('names invoke and event channels under one prefix without overlap', () => {
    const invokes = ipcChannels.map(channelName);
    const events = ipcEventNames.map(eventChannelName);
    expect(invokes).toContain('amtsplatz:file.save');
    expect(events).toEqual(['amtsplatz:event:open-vorgang']);
    expect(invokes.filter((c) => events.includes(c))).toEqual([]);
  });

  it('accepts Uint8Arrays from any realm (contextBridge hands over another realm’s) and nothing else', () => {
    const foreign: unknown = runInNewContext('new Uint8Array([1, 2, 3])');
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(documentBytes.safeParse(foreign).success).toBe(true);
    expect(documentBytes.safeParse(Buffer.from('x')).success).toBe(true);
    for (const bad of [
      [1, 2],
      new Uint8ClampedArray(2),
      new DataView(new ArrayBuffer(2)),
      new ArrayBuffer(2),
      'AQID',
      null,
    ]) {
      expect(documentBytes.safeParse(bad).success).toBe(false);
    }
  });

  it('caps documents at the document size limit', () => {
    expect(documentBytes.safeParse(new Uint8Array(MAX_DOKUMENT_BYTES)).success).toBe(true);
    expect(documentBytes.safeParse(new Uint8Array(MAX_DOKUMENT_BYTES + 1)).success).toBe(false);
  });

  it('lets only allow-listed media types out of a pick', () => {
    const file = { name: 'a.pdf', mediaType: 'application/pdf', bytes: new Uint8Array(1) };
    expect(pickedFile.safeParse(file).success).toBe(true);
    expect(pickedFile.safeParse({ ...file, mediaType: 'application/x-msdownload' }).success).toBe(false);
  });
});
