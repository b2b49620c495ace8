/**
 * The one place that builds the app: store, catalog, use cases, adapter, bot and server.
 */
import { botFrameworkAuthentication } from './bot-authentication.js';
import type { Config } from './config.js';
import { fixedClock, systemClock, type Clock } from './clock.js';
import type { Logger } from './log.js';
import { openDb, type Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { readCatalogFile } from './catalog/catalog-file.js';
import type { Catalog } from './catalog/model.js';
import { LiveCatalog, type Programme } from './catalog/live-catalog.js';
import { CatalogPublisher } from './organise/publisher.js';
import { CATALOG_ROUTE, MAX_CATALOG_BYTES, registerOrganiserRoutes } from './http/organiser-routes.js';
import { CpdBot } from './teams/bot.js';
import { BotAdapter, makeServer, type AppServer } from './server.js';
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
import { registerCpdRoutes } from './http/cpd-routes.js';
import { registerSessionPages } from './http/session-pages.js';
import { CpdRecord } from './cpd/cpd-record.js';
import { SendPace } from './jobs/send-pace.js';
import { ProactivePacer, type PacerOptions } from './teams/pacing.js';
import { ReminderSettings } from './reminders/reminder-settings.js';
import { AttendanceBook } from './reminders/attendance.js';
import { ReminderPlanner, reminderJobHandlers, type ReminderNotifier } from './reminders/reminder-jobs.js';
import { teamsReminderNotifier } from './teams/reminder-notifier.js';

export interface App extends AppServer {
  db: Db;
  clock: Clock;
  /** The live catalog version (it changes when an organiser publishes, in any instance). */
  catalog(): Catalog;
  programme(): Programme;
  live: LiveCatalog;
  publisher: CatalogPublisher;
  /** Book, cancel, my bookings; the Teams handler passes the officer from the activity. */
  bookings: BookingService;
  /** Where the Teams handler saves each officer's conversation reference for proactive messages. */
  conversationReferences: ConversationReferenceStore;
  /** Runs the outbox (calendar invites, notices); started here, stopped by close(). */
  outbox: OutboxWorker;
  /** Each officer's CPD record: sessions attended and recordings watched. */
  cpd: CpdRecord;
  /** Reminders before sessions, "Did you attend?" after them, and who has stopped reminders. */
  reminders: { planner: ReminderPlanner; settings: ReminderSettings; attendance: AttendanceBook };
  /** Stops background work and closes the store; the caller closes the HTTP server first. */
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  db?: Db;
  notifier?: Notifier;
  reminderNotifier?: ReminderNotifier;
  /** Teams' rate limits as the proactive messages keep them (tests and benchmarks tighten or loosen them). */
  pacing?: PacerOptions;
  calendarGateway?: CalendarGateway;
  /** How often the live catalog checks for a new version without a notification (tests). */
  catalogPollMs?: number;
}

export async function composeApp(config: Config, logger: Logger, overrides: Overrides = {}): Promise<App> {
  const clock = overrides.clock ?? (config.clockNow ? fixedClock(config.clockNow) : systemClock);
  if (config.clockNow) logger.info({ now: clock.now().toISOString() }, 'clock fixed by CLOCK_NOW');
  // Read and check the catalog file before opening the store: a refused file changes nothing, and fails fast.
  await readCatalogFile(config.catalogFile);
  const db = overrides.db ?? (await openDb({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` }) }));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  // Bookings, and the outbox worker that makes their calendar invites and sends notices.
  const conversationReferences = new ConversationReferenceStore(db);
  const cpd = new CpdRecord(db, clock);
  const reminderSettings = new ReminderSettings(db, clock);
  const attendance = new AttendanceBook(db, clock, cpd);
  // Every proactive message, from any process, keeps to Teams' limits for the tenant it goes to.
  const pacer = new ProactivePacer(new SendPace(db), overrides.pacing ?? {});
  let outbox: OutboxWorker | undefined;
  const bookings = new BookingService({
    db,
    clock,
    calendar: config.calendar.mode,
    publicBaseUrl: config.calendar.publicBaseUrl,
    onJobsQueued: () => outbox?.kick(),
    logger,
  });
  const calendarGateway =
    overrides.calendarGateway ??
    (config.calendar.graph ? new GraphCalendar({ baseUrl: config.calendar.graph.baseUrl, credential: graphCredential(config.calendar.graph) }) : undefined);
  // Proactive messages through the adapter built below; the worker only runs after start().
  const sender = { adapter: () => adapter, botAppId: config.bot?.appId ?? '', clock, pacer };
  // The worker's own few connections on a real server: in a storm of presses, its claims and
  // records would otherwise queue behind every turn waiting for the pool, and the invites with them.
  const jobsDb = config.databaseUrl && !overrides.db ? await openDb({ databaseUrl: config.databaseUrl, poolSize: 3 }) : db;
  outbox = new OutboxWorker(
    new OutboxStore(jobsDb, clock),
    {
      ...inviteJobHandlers({
        db: jobsDb,
        calendar: calendarGateway,
        references: conversationReferences,
        notifier: overrides.notifier ?? teamsNotifier(sender),
        view: (row, session) => bookings.view(row, session),
        attendance,
        log: logger,
      }),
      ...reminderJobHandlers({
        db,
        clock,
        notifier: overrides.reminderNotifier ?? teamsReminderNotifier(sender),
        references: conversationReferences,
        settings: reminderSettings,
        view: (row, session) => bookings.view(row, session),
        log: logger,
      }),
    },
    // Invites are requests to Graph, which limits each mailbox (4 at once, kept by the claim), not the
    // app: 64 in flight per process makes a storm's places into events in one round, not four.
    { logger, concurrency: 64 },
  );
  // The catalog lives in the database: CATALOG_FILE seeds it, and is published again only when the file changed.
  let live: LiveCatalog | undefined;
  const publisher = new CatalogPublisher({
    db,
    clock,
    bookings,
    logger,
    onPublished: async () => {
      await live?.refresh();
      outbox?.kick();
    },
  });
  const imported = await publisher.importFile(config.catalogFile);
  live = await LiveCatalog.open(db, { logger, ...(overrides.catalogPollMs ? { pollMs: overrides.catalogPollMs } : {}) });
  const programme = () => live!.current();
  logger.info(
    { file: config.catalogFile, imported: imported.imported, version: programme().version, sessions: programme().catalog.sessions.length },
    imported.imported ? 'catalog file published' : 'catalog loaded (the file has not changed since it was imported)',
  );
  // A session may have gained places while this instance was down: give them to those waiting.
  await bookings.reconcileAll();
  logger.info({ calendar: config.calendar.mode }, 'bookings ready');
  // Each session's reminders and follow-ups, planned for its current time; again whenever the
  // programme changes (in this instance or another). Planning twice plans nothing new.
  const planner = new ReminderPlanner(db, clock);
  logger.info({ jobs: await planner.plan() }, 'reminders planned');
  live.onChange(() => {
    planner
      .plan()
      .then((jobs) => {
        logger.info({ jobs }, 'reminders planned for the new programme');
        outbox?.kick();
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not plan reminders; the next change or start plans them'));
  });

  const adapter = new BotAdapter(botFrameworkAuthentication(config));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    await context
      .sendActivity("Sorry, something went wrong on our side and I couldn't answer that. Please try again in a moment.")
      .catch((sendError: unknown) => logger.warn({ err: sendError }, 'could not tell the user about the failure'));
  };
  const bot = new CpdBot({
    programme,
    clock,
    logger,
    bookings,
    references: conversationReferences,
    welcomes: new WelcomeLedger(db),
    reminders: { settings: reminderSettings, attendance },
    publicBaseUrl: config.calendar.publicBaseUrl,
    cpd,
  });
  const appServer = makeServer({
    adapter,
    bot,
    db,
    logger,
    largeBodyRoutes: [CATALOG_ROUTE],
    largeBodyBytes: MAX_CATALOG_BYTES,
    localMode: !config.bot,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  registerRecordingsRoutes(appServer.server, { db, logger, clock, tabDir: builtTabDir, access: recordingsAccess(config) });
  registerOrganiserRoutes(appServer.server, { db, clock, logger, access: recordingsAccess(config), publisher, programme });
  registerIcsRoutes(appServer.server, { bookings, logger, clock });
  registerCpdRoutes(appServer.server, { db, clock, logger, access: recordingsAccess(config), cpd });
  registerSessionPages(appServer.server, { programme, clock, logger });
  outbox.start();

  return {
    ...appServer,
    db,
    clock,
    catalog: () => programme().catalog,
    programme,
    live,
    publisher,
    bookings,
    conversationReferences,
    outbox,
    cpd,
    reminders: { planner, settings: reminderSettings, attendance },
    close: async () => {
      await live.close();
      await outbox.stop();
      await bookings.settled();
      if (jobsDb !== db) await jobsDb.close();
      if (!overrides.db) await db.close();
    },
  };
}
