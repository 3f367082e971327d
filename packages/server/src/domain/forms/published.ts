import type { Executor } from '../deps.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import { HexiaoError } from '../errors.ts';
import type { FormDocument } from './form-schema.ts';

/** `key` or `key@version`, as a submission and a flow's `subject.form` name a form. */
export function parseFormRef(ref: string, pointer = '/form'): { key: string; version?: number } {
  const m = /^([a-z0-9][a-z0-9._-]{0,127})(?:@([1-9][0-9]{0,8}))?$/.exec(ref);
  if (!m) throw new HexiaoError('invalid_data', 'must be a form key, or key@version', { pointer });
  return { key: m[1]!, ...(m[2] ? { version: Number(m[2]) } : {}) };
}

/**
 * A published form version: the exact one named, or the current one. A version that is a draft or was
 * archived is refused (409): a submission is checked against the version it was rendered from, and only a
 * published version may take submissions.
 */
export async function publishedForm(
  db: Executor,
  tenantId: string,
  key: string,
  version?: number,
): Promise<DefinitionVersion<FormDocument>> {
  const v = await getDefinition<FormDocument>(db, tenantId, 'form', key, version ?? 'current');
  if (v.status !== 'published')
    throw new HexiaoError(
      'unexpected_state',
      `form ${key} v${v.version} is ${v.status === 'draft' ? 'a draft' : 'archived'}: it takes no submissions; reload the form`,
      { pointer: '/form' },
    );
  return v;
}
