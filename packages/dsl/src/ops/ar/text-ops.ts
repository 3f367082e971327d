import { defineOp } from '../../engine/define-op.ts';
import type { RuntimeContext } from '../../engine/runtime.ts';
import { RuleError } from '../../errors.ts';
import { toText } from './readers.ts';
import { normalizeText } from './text/normalize.ts';
import { re2For } from './text/regex.ts';
import { nameSimilarity } from './text/similarity.ts';

function text(v: unknown, rt: RuntimeContext, at: string): string {
  return rt.checkString(toText(v), at);
}

export const normalizeOp = defineOp({
  name: 'normalize',
  arity: { min: 1, max: 1 },
  lazy: false,
  pure: true,
  signature: { params: ['string'], result: 'string' },
  doc: {
    summary:
      'Normalise text: full-width to half-width (NFKC, incl. full-width digits), lower case, punctuation to spaces, whitespace collapsed.',
    example: { rule: { normalize: 'ＡＣＭＥ（上海）Co.,Ltd. １２３' }, result: 'acme 上海 co ltd 123' },
  },
  evaluate: (args, rt, at) => normalizeText(text(args[0], rt, at)),
});

function textTest(
  name: string,
  test: (h: string, n: string) => boolean,
  doc: { summary: string; example: { rule: unknown; result: unknown } },
) {
  return defineOp({
    name,
    arity: { min: 2, max: 3 },
    lazy: false,
    pure: true,
    signature: { params: ['string', 'string', 'boolean'], result: 'boolean' },
    doc,
    evaluate(args, rt, at) {
      let h = text(args[0], rt, at);
      let n = text(args[1], rt, at);
      if (args[2] === true) {
        h = normalizeText(h);
        n = normalizeText(n);
      }
      return test(h, n);
    },
  });
}

export const containsOp = textTest('contains', (h, n) => h.includes(n), {
  summary: 'Substring test; pass true as the third argument to compare normalised text.',
  example: { rule: { contains: ['Payment ＩＮＶ－００４２ thanks', 'inv 0042', true] }, result: true },
});
export const startsWithOp = textTest('starts_with', (h, n) => h.startsWith(n), {
  summary: 'Prefix test; pass true as the third argument to compare normalised text.',
  example: { rule: { starts_with: [{ var: 'iban' }, 'DE'] }, result: false },
});

export const regexMatchOp = defineOp({
  name: 'regex_match',
  arity: { min: 2, max: 3 },
  lazy: false,
  pure: true,
  signature: { params: ['string', 'string', 'string'], result: 'boolean' },
  doc: {
    summary:
      'True when the RE2 pattern matches anywhere in the text (linear time; no backreferences or lookaround). Flags: "i", "s", "m".',
    example: { rule: { regex_match: ['Ref: INV-2025-0042', 'inv-\\d{4}-\\d+', 'i'] }, result: true },
  },
  evaluate: (args, rt, at) => re2For(rt, args[1], args[2], at).test(text(args[0], rt, at)),
});

export const extractRefsOp = defineOp({
  name: 'extract_refs',
  arity: { min: 2, max: 3 },
  lazy: false,
  pure: true,
  signature: { params: ['string', 'any', 'string'], result: 'array' },
  doc: {
    summary:
      'Pull references (invoice / order numbers) out of free remittance text: every match of the RE2 pattern(s), the first capture group when there is one, de-duplicated in order.',
    example: {
      rule: { extract_refs: ['PAY INV-1001, inv-1002 and INV-1001 PO 77', 'INV-(\\d+)', 'i'] },
      result: ['1001', '1002'],
    },
  },
  evaluate(args, rt, at) {
    const s = text(args[0], rt, at);
    const patterns = Array.isArray(args[1]) ? args[1] : [args[1]];
    const out: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i];
      const re = re2For(rt, p, args[2], at);
      const m = re.matcher(s);
      const group = re.groupCount() > 0 ? 1 : 0;
      while (m.find()) {
        rt.tick(at);
        const v = m.group(group);
        if (v !== null && v !== '' && !seen.has(v)) {
          seen.add(v);
          out.push(v);
          if (out.length > rt.limits.maxArrayLength)
            throw new RuleError('limit_iterations', at, 'extract_refs: too many references');
        }
      }
    }
    return out;
  },
});

export const similarityOp = defineOp({
  name: 'similarity',
  arity: { min: 2, max: 2 },
  lazy: false,
  pure: true,
  signature: { params: ['string', 'string'], result: 'number' },
  doc: {
    summary:
      'Payer-name similarity 0..1: normalised, legal suffixes stripped (Co., Ltd, GmbH, Inc., 有限公司, 股份有限公司 …), Jaro-Winkler over Latin tokens, character bigrams for CJK.',
    example: { rule: { similarity: ['ACME Trading Co., Ltd.', 'Acme Trading Limited'] }, result: 1 },
  },
  evaluate: (args, rt, at) => nameSimilarity(text(args[0], rt, at), text(args[1], rt, at)),
});
