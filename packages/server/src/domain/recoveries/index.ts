export { planRecovery, recoveryPolicies, type RecoveryPolicy, type RecoveryPlan } from './recovery-plan.ts';
export { recoveryPolicy, type RecoveryPolicyInForce } from './policy.ts';
export { postRecovery, type RecoveryInput, type PostedRecovery } from './post-recovery.ts';
export { recoveryCandidates, type RecoveryCandidate } from './candidates.ts';
