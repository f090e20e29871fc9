import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildApp } from './app.ts';
import { writeTransaction } from './db/write.ts';
import { type ConnectorUrl, describeDatabase, parseConfig, type ServerConfig, USAGE } from './config.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { PRIVATE_UMASK } from './db/private-dir.ts';
import { seedDemo } from './demo/seed.ts';
import { resolveAuthority } from './modules/bescheid/authority.ts';
import { openSealService } from './modules/bescheid/seal-service.ts';
import { BlobStore } from './modules/blobs/store.ts';
import { jobOptionsFromEnv } from './modules/jobs/index.ts';
import { loadVerfahren } from './modules/verfahren/load.ts';
import { assertVerfahrenFiled, loadAktenplan } from './modules/akte/aktenplan.ts';
import { settleRetention } from './modules/akte/store.ts';
import { dropDirConnector, type DmsConnector } from './modules/akte/dms.ts';
import { httpConnector } from './modules/akte/http-connector.ts';

async function openDatabase(config: ServerConfig): Promise<Database> {
  if (config.database.kind === 'postgres') return openPostgres({ url: config.database.url });
  await mkdir(config.database.dataDir, { recursive: true });
  return openPglite({ dataDir: config.database.dataDir });
}

async function start(config: ServerConfig): Promise<void> {
  // Everything the server writes (database, blobs, demo PKI) is for its own account only.
  process.umask(PRIVATE_UMASK);
  const verfahren = await loadVerfahren();
  const aktenplan = await loadAktenplan();
  assertVerfahrenFiled(verfahren, aktenplan);
  const db = await openDatabase(config);
  await migrate(db);
  const blobs = await BlobStore.open(config.blobDir);
  // Refuses to start on an invalid --behoerde file or an incomplete seal configuration rather
  // than fail at the first Bescheid.
  const authority = await resolveAuthority({ demo: config.demo, behoerde: config.seal.behoerde });
  const seal = await openSealService({
    demo: config.demo,
    ...config.seal,
    authority,
    demoPkiDir: join(config.database.kind === 'pglite' ? config.database.dataDir : dirname(config.blobDir), 'pki'),
  });

  if (config.demo) {
    const result = await seedDemo(db, {
      count: config.demoCount,
      antraege: config.demoAntraege,
      now: new Date(),
      verfahren,
      blobs,
      land: config.land,
    });
    console.log(
      result.seeded
        ? `Demo data: seeded ${result.users} accounts (password "demo") and ${result.vorgaenge} Vorgänge in ${result.ms} ms`
        : 'Demo data: database is not empty, nothing seeded',
    );
  } else {
    const [demo] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE is_demo');
    if (demo && demo.n > 0) console.warn(`Note: ${demo.n} demo accounts exist but cannot log in without --demo`);
  }

  const settled = await writeTransaction(db, (tx) => settleRetention(tx, aktenplan));
  if (settled > 0) console.log(`E-Akte: fixed the retention of ${settled} Akten closed without one`);

  if (db.kind === 'pglite') {
    // PGlite has no autovacuum: without statistics the planner ignores the (org_unit_id,
    // change_seq) indexes and each pull page scans the whole org unit (docs/operations.md).
    await db.exec('ANALYZE');
  }

  const app = await buildApp({
    db,
    blobs,
    verfahren,
    aktenplan,
    demoMode: config.demo,
    corsOrigins: config.corsOrigins,
    sessionTtlMs: config.sessionTtlMinutes * 60_000,
    trustProxy: config.trustProxy,
    seal,
    authority,
    dms: connectorOf(config.dmsDir, config.dmsUrl),
    abgabe: connectorOf(config.abgabeDir, config.abgabeUrl),
    archiv: connectorOf(config.archivDir, config.archivUrl),
    logger: { level: config.logLevel },
    jobs: jobOptionsFromEnv(process.env) ?? {},
    ...(config.webRoot === undefined ? {} : { webRoot: config.webRoot }),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`Received ${signal} again, exiting immediately`);
      process.exit(1);
    }
    stopping = true;
    app
      .close()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(
            `amtsplatz-server: error during shutdown: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Amtsplatz server listening on http://${host}:${port} (${describeDatabase(config.database)})`);
  if (authority) console.log(`Authority: ${authority.behoerde.name} (Land ${authority.behoerde.land})`);
  else console.log('No authority configured: clients cannot draft Bescheide (see --behoerde)');
  const where = (dir: string | undefined, url: ConnectorUrl | undefined) => dir ?? url?.url;
  const dmsAt = where(config.dmsDir, config.dmsUrl);
  const abgabeAt = where(config.abgabeDir, config.abgabeUrl);
  const archivAt = where(config.archivDir, config.archivUrl);
  if (dmsAt !== undefined) console.log(`E-Akte: closed Akten are filed into the DMS at ${dmsAt}`);
  if (abgabeAt !== undefined) console.log(`E-Akte: Abgaben to other authorities go to ${abgabeAt}`);
  if (archivAt !== undefined) console.log(`E-Akte: the Aussonderung offers Akten to the archive at ${archivAt}`);
  if (seal) console.log(`Bescheide are sealed for ${seal.authority.behoerde.name} (PAdES ${seal.level})`);
  else console.log('No seal configured: approved Bescheide stay unsealed (see --seal-key)');
}

const parsed = parseConfig(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  console.log(USAGE);
} else if (parsed.kind === 'error') {
  console.error(`amtsplatz-server: ${parsed.message}\nRun with --help for the options.`);
  process.exit(2);
} else {
  start(parsed.config).catch((error: unknown) => {
    console.error(`amtsplatz-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** The drop directory or the HTTP connector the configuration names, if any. */
function connectorOf(dir: string | undefined, url: ConnectorUrl | undefined): DmsConnector | undefined {
  if (url !== undefined) return httpConnector(url.url, { token: url.token });
  return dir === undefined ? undefined : dropDirConnector(dir);
}
