import { compile } from '@hexiao/dsl';
import { bucketIndex, type Bucket } from '../aging/index.ts';
import type { RoundingModeName } from '../context.ts';
import { Decimal, dec, roundMoney, ZERO } from '../money/index.ts';
import type { ProvisionPlanDocument, ProvisionStage } from './provision-plan.kind.ts';

/** What a stage's rules read of one receivable (provisionRowSchema). */
export interface ProvisionFacts {
  item: {
    id: string;
    number: string;
    docType: string;
    receivableType: string;
    currency: string;
    amount: string;
    openAmount: string;
    postingDate: string;
    dueDate: string | null;
    daysOverdue: number;
  };
  customer: Record<string, unknown>;
  /** Days from the plan's T0 to the as-of date; null when the receivable has no such date. */
  days: number | null;
  asOf: string;
}

export interface ProvisionLine {
  documentId: string;
  customerId: string | null;
  /** The stage that claimed the receivable; null = no stage did (nothing required). */
  stage: string | null;
  bucket: string | null;
  rate: string;
  openBase: string;
  required: string;
}

type Test = (facts: ProvisionFacts) => boolean;

interface CompiledStage {
  stage: ProvisionStage;
  test: Test;
  overrides: { test: Test; multiplier: Decimal; cap: Decimal }[];
}

export interface CompiledPlan {
  doc: ProvisionPlanDocument;
  stages: CompiledStage[];
  rounding: RoundingModeName;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);

function test(rule: unknown): Test {
  if (rule === undefined) return () => true;
  const run = compile(rule);
  return (facts) => truthy(run(facts));
}

/** Compiles every rule of the plan once: a run over a million receivables evaluates, it never parses. */
export function compilePlan(doc: ProvisionPlanDocument): CompiledPlan {
  return {
    doc,
    rounding: doc.rounding ?? 'half_up',
    stages: doc.stages.map((stage) => ({
      stage,
      test: test(stage.when),
      overrides: (stage.overrides ?? []).map((o) => ({
        test: test(o.when),
        multiplier: dec(o.multiplier),
        cap: dec(o.cap ?? '1'),
      })),
    })),
  };
}

/** Whole days from `from` to `to` (dates as YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** The stage, bucket and rate that apply to a receivable, the first stage whose `when` holds. */
function rateOf(
  plan: CompiledPlan,
  facts: ProvisionFacts,
): { stage: string | null; bucket: string | null; rate: Decimal } {
  for (const c of plan.stages) {
    if (!c.test(facts)) continue;
    const s = c.stage;
    if (s.type === 'exempt') return { stage: s.id, bucket: null, rate: ZERO };
    if (s.type !== 'aging-matrix') return { stage: s.id, bucket: null, rate: dec(s.rate ?? '0') };
    const buckets = s.buckets as Bucket[] & { rate: string }[];
    // a receivable with no T0 date is as old as it gets: it falls in the last bucket
    const b = buckets[facts.days === null ? buckets.length - 1 : bucketIndex(buckets, facts.days)]!;
    let r = dec(b.rate);
    if (s.forwardLooking) r = r.times(s.forwardLooking.multiplier);
    const o = c.overrides.find((x) => x.test(facts));
    if (o) r = Decimal.min(r.times(o.multiplier), o.cap);
    return { stage: s.id, bucket: b.id, rate: Decimal.min(r, 1) };
  }
  return { stage: null, bucket: null, rate: ZERO };
}

/** The allowance one receivable requires: its open base amount at the stage's rate, rounded per the plan. */
export function provideLine(
  plan: CompiledPlan,
  facts: ProvisionFacts,
  r: { documentId: string; customerId: string | null; openBase: string },
  baseCurrency: string,
): ProvisionLine {
  const { stage, bucket, rate } = rateOf(plan, facts);
  const required = roundMoney(dec(r.openBase).times(rate), baseCurrency, plan.rounding);
  return {
    documentId: r.documentId,
    customerId: r.customerId,
    stage,
    bucket,
    rate: rate.toFixed(),
    openBase: dec(r.openBase).toFixed(),
    required: required.toFixed(),
  };
}
