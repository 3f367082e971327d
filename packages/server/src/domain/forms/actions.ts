import type { FormAction } from './form-schema.ts';

/** Where the subject of a request comes from: the receivables it names, one receivable, or a customer. */
export type SubjectSource =
  /** `receipt`: the field naming the receipt that settles them (a settlement override). */
  | { kind: 'receivables'; field: string; receipt?: string }
  | { kind: 'receivable'; field: string }
  | { kind: 'customer'; field: string };

export interface BoundActionSpec {
  name: FormAction;
  /** The name a flow's `onApproved.action` gives it (§2.4: `post-bad-debt-write-off`). */
  flowAction: string;
  title: { zh: string; en: string };
  /** False: a form may bind it, but no approval can perform it yet (a flow naming it is refused at publish). */
  performable: boolean;
  /** The input the action reads: a form bound to it must have these fields (the required ones required). */
  input: { type: 'object'; required: readonly string[]; properties: Record<string, object> };
  subject: SubjectSource | null;
  /** At least one attachment must be with the request (a signed agreement, a court ruling). */
  evidence: boolean;
}

const uuid = { type: 'string', format: 'uuid' };
/** An amount within the ledger's limits (a rule's result included): domain/money/limits.ts. */
const money = { type: 'string', format: 'money' };
const date = { type: 'string', format: 'date' };
const reason = { type: 'string', minLength: 1, maxLength: 200 };
const explanation = { type: 'string', maxLength: 800 };

/** What may absorb the part of the items a receipt does not cover (credit-side adjustments; a rounding one is posted on the credit side). */
export const overrideAdjustmentKinds = ['discount', 'rebate', 'bank-fee', 'rounding'] as const;

const writeOffInput = {
  type: 'object',
  required: ['receivableIds', 'reason'],
  properties: {
    receivableIds: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: uuid },
    amount: money,
    reason,
    explanation,
    postingDate: date,
  },
} as const;

/** The actions forms bind, with the input each reads. */
export const boundActions: readonly BoundActionSpec[] = [
  {
    name: 'bad-debt-write-off',
    flowAction: 'post-bad-debt-write-off',
    title: { zh: '坏账核销', en: 'Bad-debt write-off' },
    performable: true,
    input: writeOffInput,
    subject: { kind: 'receivables', field: 'receivableIds' },
    evidence: false,
  },
  {
    name: 'small-balance-write-off',
    flowAction: 'post-small-balance-write-off',
    title: { zh: '小额尾差核销', en: 'Small-balance write-off' },
    performable: true,
    input: writeOffInput,
    subject: { kind: 'receivables', field: 'receivableIds' },
    evidence: false,
  },
  {
    name: 'debt-transfer',
    flowAction: 'post-debt-transfer',
    title: { zh: '债权转移', en: 'Debt transfer' },
    performable: true,
    input: {
      type: 'object',
      required: ['receivableId', 'reason'],
      properties: {
        receivableId: uuid,
        amount: money,
        toCustomerId: uuid,
        toObjectType: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
        dueDate: date,
        reason,
        explanation,
        postingDate: date,
      },
    },
    subject: { kind: 'receivable', field: 'receivableId' },
    evidence: true,
  },
  {
    name: 'settlement-override',
    flowAction: 'post-settlement-override',
    title: { zh: '核销例外', en: 'Settlement override' },
    performable: true,
    input: {
      type: 'object',
      required: ['receiptId', 'receivableIds', 'adjustmentKind', 'reason'],
      properties: {
        receiptId: uuid,
        receivableIds: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: uuid },
        /** The difference the adjustment absorbs: filled in at submission when left empty. */
        amount: money,
        adjustmentKind: { type: 'string', enum: overrideAdjustmentKinds },
        reason,
        explanation,
        postingDate: date,
      },
    },
    subject: { kind: 'receivables', field: 'receivableIds', receipt: 'receiptId' },
    evidence: false,
  },
  {
    name: 'credit-limit-change',
    flowAction: 'post-credit-limit-change',
    title: { zh: '信用额度变更', en: 'Credit limit change' },
    performable: true,
    input: {
      type: 'object',
      required: ['customerId', 'creditLimit', 'reason'],
      properties: { customerId: uuid, creditLimit: money, reason, explanation },
    },
    subject: { kind: 'customer', field: 'customerId' },
    evidence: false,
  },
];

/** An action by its form name or its flow name (`bad-debt-write-off` or `post-bad-debt-write-off`). */
export function boundAction(name: string): BoundActionSpec | undefined {
  return boundActions.find((a) => a.name === name || a.flowAction === name);
}
