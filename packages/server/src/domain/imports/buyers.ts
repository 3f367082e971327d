import { createHash } from 'node:crypto';
import type { Party } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import { findCustomersByIds } from '../../store/repos/imports.ts';
import type { ActionCtx } from '../context.ts';
import { createCustomers, type CustomerInput } from '../customers/index.ts';
import type { DomainDeps } from '../deps.ts';

export const norm = (s?: string) => s?.replace(/[\s.-]/g, '').toUpperCase() || undefined;
const peppol = (p: Party) => (p.endpointId && /^[0-9]{4}:\S{1,100}$/.test(p.endpointId) ? p.endpointId : undefined);
const gln = (p: Party) => (p.gln && /^[0-9]{13}$/.test(p.gln) ? p.gln : undefined);
export const partyIds = (p: Party) =>
  [p.taxId, p.legalId, ...(p.ids ?? []).map((x) => x.split(':').pop())].map(norm).filter((x): x is string => !!x);

/** The customer code an import gives a buyer it creates, so the next import finds it again. */
const identityOf = (p: Party) => norm(p.taxId) ?? peppol(p) ?? gln(p) ?? partyIds(p)[0] ?? norm(p.name);
const codeOf = (ident: string) => `IMP-${createHash('sha256').update(ident).digest('hex').slice(0, 12).toUpperCase()}`;

/** A buyer found, one to create if its document is accepted, or the reason it has none. */
export type BuyerResolution = { id: string } | { create: CustomerInput } | { reason: string };

/**
 * Finds the buyers of a batch of documents in one query (tax id, then Peppol endpoint id, then GLN, then
 * the code an earlier import created them under). A missing buyer is not created here: it is created with
 * its document (createBuyers, in the document's savepoint), so a document the ledger refuses leaves no customer.
 */
export async function findBuyers(
  ctx: ActionCtx,
  tx: Executor,
  parties: Party[],
  create: boolean,
): Promise<BuyerResolution[]> {
  const idents = parties.map(identityOf);
  const found = await findCustomersByIds(tx, ctx.tenant.id, {
    taxIds: [...new Set(parties.map((p) => norm(p.taxId)).filter((x): x is string => !!x))],
    peppolIds: [...new Set(parties.map(peppol).filter((x): x is string => !!x))],
    glns: [...new Set(parties.map(gln).filter((x): x is string => !!x))],
    codes: [...new Set(idents.filter((x): x is string => !!x).map(codeOf))],
  });
  const by = (f: (r: (typeof found)[number]) => string | null) =>
    new Map(found.filter((r) => f(r)).map((r) => [f(r)!, r.id] as const));
  const [byTax, byPeppol, byGln, byCode] = [
    by((r) => r.tax),
    by((r) => r.peppol_id),
    by((r) => r.gln),
    by((r) => r.code),
  ];
  const lookup = (p: Party, ident: string) =>
    (norm(p.taxId) && byTax.get(norm(p.taxId)!)) ||
    (peppol(p) && byPeppol.get(peppol(p)!)) ||
    (gln(p) && byGln.get(gln(p)!)) ||
    byCode.get(codeOf(ident));
  return parties.map((p, i): BuyerResolution => {
    const ident = idents[i];
    if (!ident) return { reason: 'buyer has no tax id, Peppol endpoint id, GLN or name to find it by' };
    const id = lookup(p, ident);
    if (id) return { id };
    if (!create)
      return {
        reason: `buyer ${p.name ?? ident} is not a customer (tax id ${p.taxId ?? '-'}, endpoint ${p.endpointId ?? '-'}, GLN ${p.gln ?? '-'}) and the connector-config says unknownBuyer: reject`,
      };
    const taxId = p.taxId && p.taxId.trim().length >= 2 ? p.taxId.trim().slice(0, 40) : undefined;
    return {
      create: {
        code: codeOf(ident),
        name: (p.name ?? ident).slice(0, 300),
        ...(taxId ? { taxId } : {}),
        ...(peppol(p) ? { peppolId: peppol(p) } : {}),
        ...(gln(p) ? { gln: gln(p) } : {}),
      },
    };
  });
}

/**
 * Creates the buyers a set of documents needs and returns every needed buyer's id by customer code;
 * `known` holds buyers created earlier in the import (in savepoints that held), which are not created again.
 */
export async function createBuyers(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  wanted: CustomerInput[],
  known: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const todo = new Map(wanted.filter((c) => !known.has(c.code)).map((c) => [c.code, c] as const));
  const made = todo.size ? await createCustomers({ ...deps, db: tx as Db }, ctx, [...todo.values()]) : [];
  return new Map(made.map((c) => [c.code, c.id] as const));
}
