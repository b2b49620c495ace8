/**
 * The one place that builds the app: store, catalog, use cases, adapter, bot and server.
 */
import { CloudAdapter } from 'botbuilder';
import { botFrameworkAuthentication } from './bot-authentication.js';
import type { Config } from './config.js';
import { fixedClock, systemClock, type Clock } from './clock.js';
import type { Logger } from './log.js';
import { openDb, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { CatalogStore } from './catalog/catalog-store.js';
import { readCatalogFile } from './catalog/catalog-file.js';
import type { Catalog } from './catalog/model.js';
import type { WhatsOn } from './catalog/whats-on.js';
import { CpdBot } from './teams/bot.js';
import { makeServer, type AppServer } from './server.js';
import { builtTabDir, recordingsAccess, registerRecordingsRoutes } from './http/recordings-routes.js';

export interface App extends AppServer {
  db: Db;
  clock: Clock;
  catalog(): Catalog;
  /** Stops background work and closes the store; the caller closes the HTTP server first. */
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  db?: Db;
}

export async function composeApp(config: Config, logger: Logger, overrides: Overrides = {}): Promise<App> {
  const clock = overrides.clock ?? (config.clockNow ? fixedClock(config.clockNow) : systemClock);
  const db = overrides.db ?? (await openDb({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` }) }));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const store = new CatalogStore(db);
  const fromFile = await readCatalogFile(config.catalogFile);
  await store.replaceWith(fromFile);
  let catalog = await store.load(fromFile.timeZone);
  logger.info({ file: config.catalogFile, sessions: catalog.sessions.length, campaigns: catalog.campaigns.length }, 'catalog loaded');

  const whatsOn: WhatsOn = {
    answer: () => ({ kind: 'not-understood' }),
  };

  const adapter = new CloudAdapter(botFrameworkAuthentication(config));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    await context
      .sendActivity("Sorry, something went wrong on our side and I couldn't answer that. Please try again in a moment.")
      .catch((sendError: unknown) => logger.warn({ err: sendError }, 'could not tell the user about the failure'));
  };
  const bot = new CpdBot({ whatsOn, clock, logger });
  const appServer = makeServer({ adapter, bot, db, logger });
  registerRecordingsRoutes(appServer.server, { db, logger, tabDir: builtTabDir, access: recordingsAccess(config) });

  return {
    ...appServer,
    db,
    clock,
    catalog: () => catalog,
    close: async () => {
      if (!overrides.db) await db.close();
    },
  };
}
