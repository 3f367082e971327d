import type { Logger } from 'pino';
import type { Database } from '../store/db.ts';
import type { ServerConfig } from '../config/config.ts';

/** What the API layer needs from the process: passed in, never read from globals. */
export interface AppDeps {
  database: Database;
  config: ServerConfig;
  logger: Logger;
}
