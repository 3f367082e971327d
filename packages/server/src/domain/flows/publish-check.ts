import type { DataSchema } from '@hexiao/dsl';
import type { PublishCheck, PublishEnv } from '../definitions/index.ts';
import { getDefinition } from '../definitions/index.ts';
import { isHexiaoError, type FieldError } from '../errors.ts';
import { todayIn } from '../ledger/index.ts';
import * as requests from '../requests/index.ts';
import { customFieldSchemas } from '../rules/index.ts';
import type { FlowDocument } from './flow-schema.ts';
import { loadDirectory } from './people.ts';
import { checkFlow } from './validate-flow.ts';

/** The bound form's published version (`key@version` or the current one), or null when there is none. */
async function boundForm(env: PublishEnv, ref: string) {
  const [key, version] = ref.split('@');
  try {
    const v = await getDefinition<requests.FormDocument>(
      env.db,
      env.tenantId,
      'form',
      key!,
      version ? Number(version) : 'current',
    );
    return v.status === 'published' ? v : null;
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found') return null;
    throw e;
  }
}

/**
 * What publishing a flow checks against the tenant beyond the document alone: guards, assignee expressions
 * and the onApproved input read only fields of the bound form (and its customer, subject and requester);
 * `requires` names attachments the form declares; onApproved performs the form's own action, which the
 * segregation policy forbids its requester to approve; a quorum fits the approvers today's people can
 * give; a role nobody holds today, or a form not published yet, is a warning.
 */
export async function publishCheckFlow(doc: FlowDocument, env: PublishEnv): Promise<PublishCheck> {
  const form = await boundForm(env, doc.subject.form);
  const directory = await loadDirectory(env.db, env.tenantId, todayIn(env.timeZone));
  const performable = requests.boundActions.filter((a) => a.performable);
  const extra: FieldError[] = [];
  const warnings: FieldError[] = [];
  let dataSchema: DataSchema | undefined;
  if (!form)
    warnings.push({
      pointer: '/subject/form',
      reason: `form ${doc.subject.form} has no published version: guards are not checked against its fields yet`,
    });
  else {
    const custom = (await customFieldSchemas(env.db, env.tenantId)).customer as
      { properties?: Record<string, object> } | undefined;
    dataSchema = requests.flowDataSchema(form.document, custom?.properties) as DataSchema;
    const action = requests.boundAction(form.document.action)!;
    if (doc.onApproved && doc.onApproved.action !== action.flowAction && doc.onApproved.action !== action.name)
      extra.push({
        pointer: '/onApproved/action',
        reason: `form ${form.key} is bound to ${action.name}: the flow must perform ${action.flowAction}`,
      });
    if (doc.policies?.initiatorMayApprove === true)
      extra.push({
        pointer: '/policies/initiatorMayApprove',
        reason: `the segregation policy forbids the requester of a ${action.name} to approve it`,
      });
  }
  const checked = checkFlow(doc, {
    dataSchema,
    attachmentLabels: form ? (form.document.attachments ?? []).map((a) => a.label) : undefined,
    directory,
    actions: performable.flatMap((a) => [a.flowAction, a.name]),
  });
  return { errors: [...checked.errors, ...extra], warnings: [...warnings, ...checked.warnings] };
}
