// Documents: upload and download of a 20 MB PDF through the Amtsplatz API (hash check, atomic
// store, access check) against a plain node:http server that only streams the same bytes to and
// from a file, in the same run. Both run on this machine over loopback, so the ratio is the
// cost of the API's own work per byte, not of a network.
import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PDFDocument } from 'pdf-lib';
import { summarize } from '../lib/stats.ts';

export interface BlobBench {
  sizeBytes: number;
  runs: number;
  apiUploadMs: number;
  apiDownloadMs: number;
  plainUploadMs: number;
  plainDownloadMs: number;
}

/** A real PDF of about `size` bytes: one page and an embedded file of random (incompressible) bytes. */
async function pdfOfSize(size: number): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(randomBytes(size - 2048), 'messdaten.bin', { mimeType: 'application/octet-stream' });
  // A copy on a plain ArrayBuffer, as Blob wants it.
  return (await doc.save()).slice();
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

function plainServer(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = join(dir, 'blob');
    if (req.method === 'PUT') {
      pipeline(req, createWriteStream(file)).then(
        () => res.writeHead(200).end('{}'),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

async function json(res: Response, what: string): Promise<unknown> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** `api` is the Amtsplatz server's base URL; the demo clerk logs in and attaches the PDF to one of her Vorgänge. */
export async function benchBlobs(api: string, username: string, password: string, runs = 5): Promise<BlobBench> {
  const size = 20 * 1024 * 1024;
  const login = (await json(
    await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }),
    'login',
  )) as { token: string; user: { id: string } };
  const auth = { authorization: `Bearer ${login.token}` };
  const clientId = randomUUID();
  const page = (await json(
    await fetch(`${api}/api/sync/pull?clientId=${clientId}&limit=2000`, { headers: auth }),
    'pull',
  )) as { changes: { entity: string; value: { id: string; assigneeId?: string | null; status?: string } }[] };
  const mine = page.changes.find(
    (c) => c.entity === 'vorgang' && c.value.assigneeId === login.user.id && c.value.status === 'in_bearbeitung',
  );
  if (!mine) throw new Error(`${username} has no Vorgang in_bearbeitung in the first pull page`);

  const dir = mkdtempSync(join(tmpdir(), 'amtsplatz-bench-blob-'));
  const plain = await plainServer(dir);
  const times = { apiUp: [] as number[], apiDown: [] as number[], plainUp: [] as number[], plainDown: [] as number[] };
  try {
    for (let i = 0; i <= runs; i++) {
      const pdf = await pdfOfSize(size);
      const hash = sha256(pdf);
      const body = new Blob([pdf], { type: 'application/octet-stream' });
      const [, apiUp] = await timed(async () =>
        json(
          await fetch(`${api}/api/blobs?sha256=${hash}`, {
            method: 'PUT',
            headers: { ...auth, 'content-type': 'application/octet-stream' },
            body,
          }),
          'upload',
        ),
      );
      // Downloads need a Dokument of the org unit that references the bytes.
      const pushed = (await json(
        await fetch(`${api}/api/sync/push`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            clientId,
            mutations: [
              {
                seq: i + 1,
                name: 'addDokument',
                clientTime: new Date().toISOString(),
                args: {
                  vorgangId: mine.value.id,
                  dokumentId: randomUUID(),
                  name: `Messdaten-${i}.pdf`,
                  mediaType: 'application/pdf',
                  size: pdf.length,
                  sha256: hash,
                },
              },
            ],
          }),
        }),
        'push',
      )) as { results: { status: string; error?: { message: string } }[] };
      if (pushed.results[0]?.status !== 'applied') throw new Error(`addDokument: ${JSON.stringify(pushed.results)}`);
      const [downloaded, apiDown] = await timed(async () => {
        const res = await fetch(`${api}/api/blobs?sha256=${hash}`, { headers: auth });
        if (!res.ok) throw new Error(`download: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      });
      if (sha256(downloaded) !== hash) throw new Error('download: hash mismatch');

      const [, plainUp] = await timed(async () =>
        json(await fetch(`${plain.url}/blob`, { method: 'PUT', body }), 'plain upload'),
      );
      const [plainBytes, plainDown] = await timed(
        async () => new Uint8Array(await (await fetch(`${plain.url}/blob`)).arrayBuffer()),
      );
      if (plainBytes.length !== pdf.length) throw new Error('plain download: length mismatch');
      if (i === 0) continue; // warm-up
      times.apiUp.push(apiUp);
      times.apiDown.push(apiDown);
      times.plainUp.push(plainUp);
      times.plainDown.push(plainDown);
    }
  } finally {
    plain.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    sizeBytes: size,
    runs,
    apiUploadMs: summarize(times.apiUp).median,
    apiDownloadMs: summarize(times.apiDown).median,
    plainUploadMs: summarize(times.plainUp).median,
    plainDownloadMs: summarize(times.plainDown).median,
  };
}
