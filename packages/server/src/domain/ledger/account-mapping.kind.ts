import { createRequire } from 'node:module';
import type { FieldError } from '../errors.ts';
import { defineDefinitionKind } from '../definitions/index.ts';

const require = createRequire(import.meta.url);
const metaSchema = require('../../../schemas/account-mapping.schema.json') as object;

export interface AccountMappingDocument {
  accounts: { code: string; name: string; type?: string; role?: string }[];
  rules: {
    documentType: string;
    receivableType?: string;
    debit?: string;
    credit?: string;
    lines?: { account?: string }[];
  }[];
}

export const accountMappingKind = defineDefinitionKind<AccountMappingDocument>({
  kind: 'account-mapping',
  title: 'Account mapping',
  metaSchema,
  validate(doc) {
    const errors: FieldError[] = [];
    const codes = new Set<string>();
    doc.accounts.forEach((a, i) => {
      if (codes.has(a.code)) errors.push({ pointer: `/accounts/${i}/code`, reason: `duplicates account ${a.code}` });
      codes.add(a.code);
    });
    const seen = new Set<string>();
    doc.rules.forEach((r, i) => {
      const key = `${r.documentType}|${r.receivableType ?? '*'}`;
      if (seen.has(key))
        errors.push({ pointer: `/rules/${i}`, reason: `repeats the rule for ${key.replace('|', ' × ')}` });
      seen.add(key);
      for (const side of ['debit', 'credit'] as const) {
        const code = r[side];
        if (code !== undefined && !codes.has(code))
          errors.push({ pointer: `/rules/${i}/${side}`, reason: `names account ${code}, which is not in /accounts` });
      }
      (r.lines ?? []).forEach((l, j) => {
        if (l.account !== undefined && !codes.has(l.account))
          errors.push({
            pointer: `/rules/${i}/lines/${j}/account`,
            reason: `names account ${l.account}, which is not in /accounts`,
          });
      });
    });
    return errors;
  },
});
