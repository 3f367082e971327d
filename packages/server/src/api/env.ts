import type { Actor, TenantCtx } from '../domain/context.ts';
import type { AppDeps } from './deps.ts';
import type { Db } from '../domain/deps.ts';
import type { Metrics } from './metrics.ts';

/** Context variables every handler can read; typed once for the whole app. */
export interface AppVariables {
  deps: AppDeps;
  requestId: string;
  tenant: TenantCtx;
  actor: Actor;
  /** Session id when authenticated by cookie (CSRF checks need it). */
  sessionId?: string;
  /** The request's database: a transaction bound to the tenant (see middleware/tenant-scope.ts). */
  db: Db;
  /** Set while the request's transaction is open (authentication opens it; tenantScope then has nothing to do). */
  requestTransaction?: boolean;
  /** This app's Prometheus series (see metrics.ts). */
  metrics: Metrics;
  /** The matched route's template, e.g. `/jobs/:id` (metrics label). */
  route?: string;
  /** Work to do once the request's transaction has committed (a stored job handed to its queue). */
  afterCommit: (() => Promise<void>)[];
  /** Validate each JSON success response against its route's response schema (tests, development). */
  checkResponses?: boolean;
}

export type AppEnv = { Variables: AppVariables };
