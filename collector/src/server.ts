/**
 * Running the collector: open (and migrate) the database, listen, and on SIGTERM / SIGINT stop taking
 * requests, finish the transactions in flight, close the database.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { Db } from './db.js';
import { openCollectorDb } from './open.js';
import type { Settings } from './settings.js';

export interface Running {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export async function startServer(settings: Settings, log: (line: string) => void = (l) => console.error(l)): Promise<Running> {
  // A database that takes no connection: the pool gives up within CANDOR_DB_TIMEOUT (the request gets its 503), not when the OS does.
  const db = await openCollectorDb(settings, settings.dbTimeoutMs);
  const { app, writer } = createApp(db, settings, log);
  const server = await new Promise<Server>((ok) => {
    const s = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host }, () => ok(s as Server));
  });
  server.keepAliveTimeout = 65e3;
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    db,
    close: () =>
      (closing ||= (async () => {
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeIdleConnections?.();
        });
        await writer.idle();
        await db.close();
      })()),
  };
}
