import type { RoundingMode } from '@hexiao/dsl';

/** The tenant a request or job acts for, as the store reads it. */
export interface TenantCtx {
  id: string;
  slug: string;
  name: string;
  baseCurrency: string;
  timeZone: string;
  roundingMode: RoundingModeName;
}

/** A tenant's money rounding mode: the rules language's vocabulary (`half_up`, `half_even`, `ceiling`…), one for all packages. */
export type RoundingModeName = RoundingMode;
