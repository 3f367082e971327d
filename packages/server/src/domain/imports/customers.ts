import type { CustomerRecord } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import { check } from '../../schema/ajv.ts';
import type { ActionCtx } from '../context.ts';
import {
  createCustomers,
  customerCreateSchema,
  customersByCodes,
  getCustomer,
  normaliseBankAccount,
  payerAccountKey,
  requestBankAccountChange,
  updateCustomer,
  type CustomerInput,
  type CustomerUpdate,
  type KnownCustomer,
} from '../customers/index.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { actorPermissions } from '../identity/index.ts';
import type { ReportTally } from './report.ts';

export interface ReadCustomer {
  record: CustomerRecord;
  fileId: string;
  file: string;
}

interface Candidate extends ReadCustomer {
  input: CustomerInput;
}

const fields = ['name', 'taxId', 'region', 'salesOwner', 'billingEmail', 'currency', 'paymentTermsDays'] as const;

/** The record as the customers context takes it; bad values are refused with the customers' own pointers. */
function inputOf(r: CustomerRecord): { input?: CustomerInput; reason?: string } {
  const input: CustomerInput = { code: r.code, name: r.name };
  for (const f of [...fields, 'parentCode'] as const)
    if (r[f] !== undefined) (input as unknown as Record<string, unknown>)[f] = r[f];
  if (r.bankAccounts?.length)
    input.bankAccounts = r.bankAccounts.map((a) => (a.iban ? { iban: a.iban } : { accountNumber: a.number ?? '' }));
  const errors = check(customerCreateSchema, input);
  if (errors.length) return { reason: errors.map((e) => `${e.pointer} ${e.reason}`).join('; ') };
  try {
    input.bankAccounts = input.bankAccounts?.map((a, i) => normaliseBankAccount(a, `/bankAccounts/${i}`, ''));
  } catch (e) {
    if (!(e instanceof HexiaoError)) throw e;
    return { reason: e.message.replace(/^: /, '') };
  }
  return { input };
}

/**
 * Customers from a customer master: new codes are created (parents before their subsidiaries), known codes
 * updated through the audited update for the fields the file gives. Payer accounts of a new customer are active
 * when the importer may change bank accounts, else each waits for a second person; an account new to an
 * existing customer always goes through the two-person bank-account change. A row the customers context refuses
 * is a rejection naming its line; the rest are imported.
 */
export async function importCustomers(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  items: ReadCustomer[],
  tally: ReportTally,
): Promise<void> {
  if (!items.length) return;
  const granted = actorPermissions(ctx.actor);
  if (!granted.has('customer.write'))
    throw new HexiaoError('not_allowed', 'importing customers needs the customer.write permission');
  const accountsActive = granted.has('bank-account.write');
  const db = tx as Db;
  const inner = { ...deps, db };
  const summary = (tally.report.customers ??= {
    created: 0,
    updated: 0,
    unchanged: 0,
    bankAccountsActive: 0,
    bankAccountChangesPending: 0,
  });
  const refuse = (c: ReadCustomer, reason: string) =>
    tally.refuseRead({ file: c.file, position: c.record.position, reason: `customer ${c.record.code}: ${reason}` });

  const valid = new Map<string, Candidate>();
  for (const c of items) {
    const { input, reason } = inputOf(c.record);
    if (!input) refuse(c, reason!);
    else if (valid.has(input.code)) refuse(c, `repeats customer ${input.code} of ${valid.get(input.code)!.file}`);
    else valid.set(input.code, { ...c, input });
  }
  const known = await customersByCodes(db, ctx.tenant.id, [
    ...valid.keys(),
    ...[...valid.values()].flatMap((c) => (c.input.parentCode ? [c.input.parentCode] : [])),
  ]);
  const byId = new Map([...known.values()].map((k) => [k.id, k]));
  await dropBadParents(db, ctx, valid, known, byId, refuse);

  // new customers, parents first
  const fresh = order([...valid.values()].filter((c) => !known.has(c.input.code)));
  const created: { candidate: Candidate; id: string }[] = [];
  const createOne = (c: Candidate) => ({ ...c.input, ...(accountsActive ? {} : { bankAccounts: undefined }) });
  for (let i = 0; i < fresh.length; i += 1000) {
    const chunk = fresh.slice(i, i + 1000);
    try {
      const done = await createCustomers(inner, ctx, chunk.map(createOne));
      done.forEach((d, k) => created.push({ candidate: chunk[k]!, id: d.id }));
      continue;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
    }
    const failed = new Set<string>();
    for (const c of chunk) {
      if (c.input.parentCode && failed.has(c.input.parentCode)) {
        failed.add(c.input.code);
        refuse(c, `its parent ${c.input.parentCode} was rejected`);
        continue;
      }
      try {
        const [d] = await createCustomers(inner, ctx, [createOne(c)]);
        created.push({ candidate: c, id: d!.id });
      } catch (e) {
        if (!(e instanceof HexiaoError)) throw e;
        failed.add(c.input.code);
        refuse(c, e.message);
      }
    }
  }
  for (const { candidate, id } of created) {
    summary.created++;
    tally.createdRecord();
    const accounts = candidate.input.bankAccounts ?? [];
    if (accountsActive) summary.bankAccountsActive += accounts.length;
    else
      for (const account of accounts) {
        await requestBankAccountChange(inner, ctx, id, { action: 'add', account });
        summary.bankAccountChangesPending++;
      }
  }

  // known customers: the fields the file gives, through the audited update; new payer accounts wait for a second person
  for (const c of valid.values()) {
    const before = known.get(c.input.code);
    if (!before) continue;
    const patch = changes(c.input, before, known);
    const have = new Set(
      [...(before.bankAccounts ?? []).filter((a) => a.status !== 'removed'), ...before.pendingAccounts].map(
        payerAccountKey,
      ),
    );
    const added = (c.input.bankAccounts ?? []).filter((a) => !have.has(payerAccountKey(a)));
    try {
      if (Object.keys(patch).length) await updateCustomer(inner, ctx, before.id, patch);
      for (const account of added) await requestBankAccountChange(inner, ctx, before.id, { action: 'add', account });
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
      refuse(c, e.message);
      continue;
    }
    summary.bankAccountChangesPending += added.length;
    if (Object.keys(patch).length || added.length) {
      summary.updated++;
      tally.createdRecord();
    } else summary.unchanged++;
  }
}

/** The fields the record gives that differ from the stored customer (an empty cell keeps the stored value). */
function changes(input: CustomerInput, before: KnownCustomer, known: Map<string, KnownCustomer>): CustomerUpdate {
  const patch: CustomerUpdate = {};
  for (const f of fields)
    if (input[f] !== undefined && input[f] !== before[f]) (patch as Record<string, unknown>)[f] = input[f];
  if (input.parentCode && known.get(input.parentCode)?.id !== before.parentId) patch.parentCode = input.parentCode;
  return patch;
}

/**
 * Refuses a row whose parent is neither on file nor in the import (nor imported, when its own row was refused),
 * or whose parent would make a cycle with the stored groups and the rest of the file.
 */
async function dropBadParents(
  db: Executor,
  ctx: ActionCtx,
  valid: Map<string, Candidate>,
  known: Map<string, KnownCustomer>,
  byId: Map<string, KnownCustomer>,
  refuse: (c: ReadCustomer, reason: string) => void,
): Promise<void> {
  const dropOrphans = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const c of valid.values()) {
        const p = c.input.parentCode;
        if (!p || valid.has(p) || known.has(p)) continue;
        refuse(c, `parent ${p} is not a customer (neither on file nor a good row of this import)`);
        valid.delete(c.input.code);
        changed = true;
      }
    }
  };
  dropOrphans();
  const parentOf = async (code: string): Promise<string | undefined> => {
    const row = valid.get(code);
    if (row?.input.parentCode) return row.input.parentCode;
    const k = known.get(code);
    if (!k?.parentId) return undefined;
    let parent = byId.get(k.parentId);
    if (!parent) {
      const p = await getCustomer(db, ctx.tenant.id, k.parentId);
      parent = { ...p, pendingAccounts: [] };
      byId.set(p.id, parent);
      known.set(p.code, parent);
    }
    return parent.code;
  };
  for (const c of [...valid.values()]) {
    if (!c.input.parentCode) continue;
    const path = [c.input.code];
    for (let next = await parentOf(c.input.code); next && path.length <= 100; next = await parentOf(next)) {
      path.push(next);
      if (next !== c.input.code) continue;
      refuse(c, `parent ${c.input.parentCode} would make a cycle (${path.join(' → ')})`);
      valid.delete(c.input.code);
      break;
    }
  }
  dropOrphans();
}

/** New customers with every parent that is also new before its subsidiaries. */
function order(fresh: Candidate[]): Candidate[] {
  const byCode = new Map(fresh.map((c) => [c.input.code, c]));
  const out: Candidate[] = [];
  const placed = new Set<string>();
  const place = (c: Candidate) => {
    if (placed.has(c.input.code)) return;
    placed.add(c.input.code);
    const parent = c.input.parentCode ? byCode.get(c.input.parentCode) : undefined;
    if (parent) place(parent);
    out.push(c);
  };
  fresh.forEach(place);
  return out;
}
