import * as repo from '../../store/repos/vouchers.ts';
import type { Executor } from '../deps.ts';
import { numbered } from './types.ts';

/** A stored voucher with its displayed number. */
export type StoredVoucher = repo.StoredVoucher & { voucherNo: string };

export async function readVoucher(
  db: Executor,
  tenantId: string,
  id: string,
  scope?: repo.VoucherFilter['scope'],
): Promise<StoredVoucher | undefined> {
  const v = await repo.getVoucher(db, tenantId, id, scope);
  return v && numbered(v);
}

export async function readVouchers(db: Executor, tenantId: string, f: repo.VoucherFilter): Promise<StoredVoucher[]> {
  return (await repo.listVouchers(db, tenantId, f)).map(numbered);
}
