import type { Logger } from 'pino';
import type { Database } from '../domain/deps.ts';
import type { DefinitionKinds } from '../domain/definitions/index.ts';
import type { LoadedPlugins } from '../plugins/loader.ts';
import type { ServerConfig } from '../config/config.ts';
import type { JobService } from '../domain/jobs/index.ts';
import type { RateCounters } from '../domain/throttle/index.ts';

/** What the API layer needs from the process: built once at start-up and passed in, never read from globals. */
export interface AppDeps {
  database: Database;
  config: ServerConfig;
  logger: Logger;
  /** The definition kinds the server knows (startup/definition-kinds.ts). */
  kinds: DefinitionKinds;
  /** Connector plugins loaded at start-up (built-ins, the plugins folder, npm packages), with their problems. */
  plugins: LoadedPlugins;
  /** The jobs of this process: pg-boss on a shared PostgreSQL, in-process otherwise. */
  jobs: JobService;
  /** Rate limits and the failed-login budget: in memory for one process, in PostgreSQL for several. */
  counters: RateCounters;
  /** An embedded server's hand-off secret (domain/identity/handoff.ts): `hexiao` commands send it work. */
  handoffSecret?: string;
}
