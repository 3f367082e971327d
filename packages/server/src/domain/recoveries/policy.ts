import type { Executor } from '../deps.ts';
import { newestPublishedOfKind, tenantSettings } from '../../store/repos/write-offs.ts';
import { recoveryPolicies, type RecoveryPolicy } from './recovery-plan.ts';

export interface RecoveryPolicyInForce {
  policy: RecoveryPolicy;
  /** Where the policy came from: the published provision plan, the tenant's settings, the default, or the request. */
  source:
    | { kind: 'provision-plan'; key: string; version: number }
    | { kind: 'tenant-settings' }
    | { kind: 'default' }
    | { kind: 'request' };
}

const isPolicy = (p: unknown): p is RecoveryPolicy => recoveryPolicies.includes(p as RecoveryPolicy);

/**
 * The recovery policy in force: the published provision plan's `recovery.policy`, else the tenant setting
 * `recovery.policy`, else `income` under a direct-write-off plan (it carries no allowance to reinstate
 * against) and `reinstate` otherwise.
 */
export async function recoveryPolicy(db: Executor, tenantId: string): Promise<RecoveryPolicyInForce> {
  const plan = await newestPublishedOfKind(db, tenantId, 'provision-plan');
  const doc = (plan?.document ?? {}) as { mode?: string; recovery?: { policy?: string } };
  const planned = doc.recovery?.policy;
  if (plan && isPolicy(planned))
    return { policy: planned, source: { kind: 'provision-plan', key: plan.key, version: plan.version } };
  const set = ((await tenantSettings(db, tenantId)).recovery as { policy?: string } | undefined)?.policy;
  if (isPolicy(set)) return { policy: set, source: { kind: 'tenant-settings' } };
  return { policy: doc.mode === 'direct-write-off' ? 'income' : 'reinstate', source: { kind: 'default' } };
}
