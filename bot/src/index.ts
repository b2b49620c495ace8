/**
 * Starts the app: read the settings, check the port is free, build it, listen, and shut down
 * gracefully on SIGTERM/SIGINT (stop accepting, let turns in progress finish, close the store).
 * A setting that cannot work (a bad value, a port in use) stops it with exit code 2 and a sentence
 * naming it, before the store is opened.
 */
import net from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { composeApp } from './composition.js';
import { CatalogFileError } from './catalog/catalog-file.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Before the store: a second copy started by mistake must not open (or create) the data folder.
  const portProblem = config.port === 0 ? undefined : await cannotListen(config.port, config.host);
  if (portProblem) {
    process.stderr.write(`${portProblem}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  let app;
  try {
    app = await composeApp(config, logger);
  } catch (error) {
    if (error instanceof CatalogFileError) {
      process.stderr.write(`The catalog file was refused; nothing was changed.\n${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { server } = app;
  // Taken between the check and now: close the store cleanly and say so.
  server.server.once('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`${listenProblem(error, config.port, config.host)}\n`);
    void app.close().finally(() => process.exit(2));
  });
  server.listen(config.port, config.host, () => {
    const mode = config.bot ? 'Bot Framework authentication on' : 'local mode: no authentication, loopback only';
    logger.info({ url: `http://${config.host}:${config.port}`, mode }, 'listening');
    if (!config.bot) process.stdout.write(`CPD bot listening on http://${config.host}:${config.port}/api/messages (${mode})\n`);
  });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    const deadline = Date.now() + 10_000;
    while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Why host:port cannot be listened on, or undefined when it can (checked by listening briefly). */
function cannotListen(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(listenProblem(error, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string {
  if (error.code === 'EADDRINUSE') {
    return `Port ${port} is already in use on ${host}, so the app cannot listen there. Is the app already running? Stop it (\`ss -ltnp | grep :${port}\` shows what has the port), or set PORT to another port.`;
  }
  if (error.code === 'EACCES') return `Port ${port} needs privileges this process does not have: set PORT to a port from 1024 up.`;
  return `The app cannot listen on ${host}:${port} (${error.code ?? error.message}): check PORT.`;
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
