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
import { createWhatsOn } from './catalog/understanding/index.js';
import { CpdBot } from './teams/bot.js';
import { makeServer, type AppServer } from './server.js';
import { builtTabDir, recordingsAccess, registerRecordingsRoutes } from './http/recordings-routes.js';
import { BookingService } from './bookings/booking-service.js';
import { ConversationReferenceStore } from './bookings/conversation-references.js';
import { inviteJobHandlers, type Notifier } from './bookings/invite-jobs.js';
import { teamsNotifier } from './teams/notifier.js';
import { WelcomeLedger } from './teams/welcomes.js';
import type { CalendarGateway } from './calendar/calendar-gateway.js';
import { GraphCalendar, graphCredential } from './calendar/graph-calendar.js';
import { OutboxStore } from './jobs/outbox-store.js';
import { OutboxWorker } from './jobs/outbox-worker.js';
import { registerIcsRoutes } from './http/ics-routes.js';

export interface App extends AppServer {
  db: Db;
  clock: Clock;
  catalog(): Catalog;
  /** Book, cancel, my bookings; the Teams handler passes the officer from the activity. */
  bookings: BookingService;
  /** Where the Teams handler saves each officer's conversation reference for proactive messages. */
  conversationReferences: ConversationReferenceStore;
  /** Runs the outbox (calendar invites, notices); started here, stopped by close(). */
  outbox: OutboxWorker;
  /** Stops background work and closes the store; the caller closes the HTTP server first. */
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  db?: Db;
  notifier?: Notifier;
  calendarGateway?: CalendarGateway;
}

export async function composeApp(config: Config, logger: Logger, overrides: Overrides = {}): Promise<App> {
  const clock = overrides.clock ?? (config.clockNow ? fixedClock(config.clockNow) : systemClock);
  if (config.clockNow) logger.info({ now: clock.now().toISOString() }, 'clock fixed by CLOCK_NOW');
  // Read and check the catalog before opening the store: a refused file changes nothing, and fails fast.
  const fromFile = await readCatalogFile(config.catalogFile);
  const db = overrides.db ?? (await openDb({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` }) }));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const store = new CatalogStore(db);
  await store.replaceWith(fromFile);
  let catalog = await store.load(fromFile.timeZone);
  logger.info({ file: config.catalogFile, sessions: catalog.sessions.length, campaigns: catalog.campaigns.length }, 'catalog loaded');

  // Bookings, and the outbox worker that makes their calendar invites and sends notices.
  const conversationReferences = new ConversationReferenceStore(db);
  let outbox: OutboxWorker | undefined;
  const bookings = new BookingService({
    db, clock, calendar: config.calendar.mode, publicBaseUrl: config.calendar.publicBaseUrl, onJobsQueued: () => outbox?.kick(),
  });
  const calendarGateway = overrides.calendarGateway
    ?? (config.calendar.graph ? new GraphCalendar({ baseUrl: config.calendar.graph.baseUrl, credential: graphCredential(config.calendar.graph) }) : undefined);
  outbox = new OutboxWorker(
    new OutboxStore(db),
    inviteJobHandlers({
      db, calendar: calendarGateway, references: conversationReferences,
      // Proactive messages through the adapter built below; the worker only runs after start().
      notifier: overrides.notifier ?? teamsNotifier({ adapter: () => adapter, botAppId: config.bot?.appId ?? '', clock }),
      view: (row, session) => bookings.view(row, session), log: logger,
    }),
    { logger },
  );
  // A reload may have raised capacities: give the new places to those waiting.
  await bookings.reconcileAll();
  logger.info({ calendar: config.calendar.mode }, 'bookings ready');

  // Built once from the loaded catalog: answering then only looks things up.
  const whatsOn: WhatsOn = createWhatsOn(catalog);

  const adapter = new CloudAdapter(botFrameworkAuthentication(config));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    await context
      .sendActivity("Sorry, something went wrong on our side and I couldn't answer that. Please try again in a moment.")
      .catch((sendError: unknown) => logger.warn({ err: sendError }, 'could not tell the user about the failure'));
  };
  const bot = new CpdBot({
    whatsOn, catalog: () => catalog, clock, logger, bookings, references: conversationReferences, welcomes: new WelcomeLedger(db),
  });
  const appServer = makeServer({ adapter, bot, db, logger });
  registerRecordingsRoutes(appServer.server, { db, logger, clock, tabDir: builtTabDir, access: recordingsAccess(config) });
  registerIcsRoutes(appServer.server, { bookings, logger });
  outbox.start();

  return {
    ...appServer,
    db,
    clock,
    catalog: () => catalog,
    bookings,
    conversationReferences,
    outbox,
    close: async () => {
      await outbox.stop();
      if (!overrides.db) await db.close();
    },
  };
}
