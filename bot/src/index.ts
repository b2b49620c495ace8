/**
 * Starts the app: read the settings, build it, listen, and shut down gracefully on SIGTERM/SIGINT
 * (stop accepting, let turns in progress finish, close the store).
 */
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

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
