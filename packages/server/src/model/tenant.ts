/** The tenant a request or job acts for, as the store reads it. */
export interface TenantCtx {
  id: string;
  slug: string;
  name: string;
  baseCurrency: string;
  timeZone: string;
  roundingMode: RoundingModeName;
}

export type RoundingModeName = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';
