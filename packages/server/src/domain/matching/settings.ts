import type { MatchKey, MatchRule, MatchStage, RuleSetDocument } from './rule-set-schema.ts';
import { compileShape, type CompiledShape } from './reference-shapes.ts';

/** Evidence points (ENGINES.md §1.5), overridable per rule set. */
export const defaultPoints = {
  endToEnd: 70,
  structuredReference: 60,
  documentNumber: 45,
  documentSuffix: 30,
  partyAccount: 30,
  partyName: 20,
  partyFuzzyName: 12,
  amountExact: 25,
  amountTolerance: 15,
  uniqueSubset: 10,
  receiptBeforeDocument: -20,
};
export type Points = typeof defaultPoints;

/** The keys a stage reads when its rule names none. */
const stageKeys: Record<MatchStage, readonly MatchKey[]> = {
  'end-to-end': ['end-to-end'],
  'structured-reference': ['structured-reference'],
  'document-reference': ['document-number', 'order-number', 'contract-number', 'document-suffix'],
  amount: ['amount'],
  tolerance: ['amount'],
  subset: ['amount'],
  allocation: [],
};
const payerKeys: readonly MatchKey[] = ['payer-account', 'tax-id', 'payer-name', 'payer-fuzzy-name'];

export interface ResolvedRule {
  doc: MatchRule;
  name: string;
  stage: MatchStage;
  mode: 'auto' | 'suggest';
  threshold: number;
  keys: ReadonlySet<MatchKey>;
  tolerance: { absolute: string; relative: string; adjustment: 'bank-fee' | 'discount' | 'rebate' | 'rounding' | null };
  daysBefore: number;
  daysAfter: number;
  allocation: 'oldest-due' | 'smallest-first' | 'referenced' | { expression: unknown };
  partial: boolean;
  overpayment: boolean;
  subset: { maxItems: number; maxPick: number; nodeBudget: number };
  crossCurrency: { allowed: boolean; tolerance: string };
}

export interface ResolvedRuleSet {
  rules: ResolvedRule[];
  suggestThreshold: number;
  fuzzy: { threshold: number; margin: number };
  contractField: string | undefined;
  points: Points;
  learnedPayers: readonly { account: string; customerId: string; settlements?: number }[];
  /** Learned reference shapes, compiled (a shape that does not compile was refused at save). */
  learnedShapes: readonly CompiledShape[];
}

/** A rule set with every default filled in, so the engine reads one shape. */
export function resolveRuleSet(doc: RuleSetDocument): ResolvedRuleSet {
  return {
    rules: doc.rules.map((r) => ({
      doc: r,
      name: r.name,
      stage: r.stage,
      mode: r.mode,
      threshold: r.threshold ?? 90,
      keys: new Set<MatchKey>(r.keys ?? [...stageKeys[r.stage], ...payerKeys]),
      tolerance: {
        absolute: r.tolerance?.absolute ?? '0',
        relative: r.tolerance?.relative ?? '0',
        adjustment: r.tolerance?.adjustment ?? null,
      },
      daysBefore: r.dateWindow?.daysBefore ?? 7,
      daysAfter: r.dateWindow?.daysAfter ?? 550,
      allocation: (r.allocation ??
        (r.stage === 'document-reference' ? 'referenced' : 'oldest-due')) as ResolvedRule['allocation'],
      partial: r.partial ?? true,
      overpayment: r.overpayment ?? true,
      subset: {
        maxItems: r.subset?.maxItems ?? 24,
        maxPick: r.subset?.maxPick ?? 4,
        nodeBudget: r.subset?.nodeBudget ?? 200_000,
      },
      crossCurrency: { allowed: r.crossCurrency?.allowed ?? true, tolerance: r.crossCurrency?.tolerance ?? '0.01' },
    })),
    suggestThreshold: doc.suggestThreshold ?? 50,
    fuzzy: { threshold: doc.payer?.fuzzyThreshold ?? 90, margin: doc.payer?.margin ?? 5 },
    contractField: doc.contractField,
    points: { ...defaultPoints, ...(doc.points ?? {}) },
    learnedPayers: doc.learnedPayers ?? [],
    learnedShapes: (doc.learnedReferences ?? []).flatMap((shape) => {
      const c = compileShape(shape);
      return typeof c === 'string' ? [] : [c];
    }),
  };
}
