import type { Executor } from '../../store/db.ts';
import { newestPublishedOfKind, tenantSettings } from '../../store/repos/write-offs.ts';
import type { ShortfallPolicy } from './write-off-plan.ts';

export interface WriteOffPolicy {
  shortfall: ShortfallPolicy;
  /** `direct-write-off` plans (small enterprises) post bad debt straight to expense. */
  mode: 'allowance' | 'direct-write-off';
  /** The plan keeps a general allowance (percentage of credit sales) that bad-debt write-offs draw on. */
  generalAllowance: boolean;
  /** Where the policy came from: the published provision plan, the tenant's settings, or the default. */
  source: { kind: 'provision-plan'; key: string; version: number } | { kind: 'tenant-settings' } | { kind: 'default' };
}

const shortfalls: readonly string[] = ['expense', 'allowance-debit-balance'];

/**
 * The write-off policy in force: the published provision plan's `writeOff.shortfall` and `mode` when there
 * is one, else the tenant setting `writeOff.shortfall`, else `expense` (a tenant without a plan carries no
 * allowance worth running into a debit balance).
 */
export async function writeOffPolicy(db: Executor, tenantId: string): Promise<WriteOffPolicy> {
  const plan = await newestPublishedOfKind(db, tenantId, 'provision-plan');
  const doc = (plan?.document ?? {}) as { mode?: string; writeOff?: { shortfall?: string }; salesPercentage?: unknown };
  const generalAllowance = plan !== undefined && doc.salesPercentage !== undefined;
  if (plan && shortfalls.includes(doc.writeOff?.shortfall ?? ''))
    return {
      shortfall: doc.writeOff!.shortfall as ShortfallPolicy,
      mode: doc.mode === 'direct-write-off' ? 'direct-write-off' : 'allowance',
      generalAllowance,
      source: { kind: 'provision-plan', key: plan.key, version: plan.version },
    };
  const settings = (await tenantSettings(db, tenantId)).writeOff as { shortfall?: string } | undefined;
  const mode = doc.mode === 'direct-write-off' ? 'direct-write-off' : 'allowance';
  if (shortfalls.includes(settings?.shortfall ?? ''))
    return {
      shortfall: settings!.shortfall as ShortfallPolicy,
      mode,
      generalAllowance,
      source: { kind: 'tenant-settings' },
    };
  return { shortfall: 'expense', mode, generalAllowance, source: { kind: 'default' } };
}
