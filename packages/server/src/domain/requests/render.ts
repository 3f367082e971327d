import type { ActionCtx } from '../context.ts';
import { checkDefinition, listDefinitions, type DefinitionVersion } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid, type FieldError } from '../errors.ts';
import {
  boundAction,
  checkSubmission,
  fieldStates,
  formKind,
  prefillForm,
  publishedForm,
  requiredAttachments,
  type FieldStates,
  type FormDocument,
} from '../forms/index.ts';
import { loadSubject, type Subject } from './subject.ts';
import { requesterOf } from './submit.ts';

/** A form version as a client renders it (react-jsonschema-form): what it submits back is `key@version`. */
export interface RenderedForm {
  ref: string;
  key: string;
  version: number;
  contentHash: string;
  title: FormDocument['title'] | null;
  description: string | null;
  action: string;
  flow: string | null;
  schema: FormDocument['schema'];
  uiSchema: object;
  attachments: NonNullable<FormDocument['attachments']>;
}

export const renderForm = (f: DefinitionVersion<FormDocument>): RenderedForm => ({
  ref: `${f.key}@${f.version}`,
  key: f.key,
  version: f.version,
  contentHash: f.contentHash,
  title: f.document.title ?? null,
  description: f.document.description ?? null,
  action: f.document.action,
  flow: f.document.flow ?? null,
  schema: f.document.schema,
  uiSchema: f.document.uiSchema ?? {},
  attachments: f.document.attachments ?? [],
});

export interface StartedForm extends Subject {
  form: RenderedForm;
  /** The starting values: the selection in the action's subject field, then each prefill rule's result. */
  data: Record<string, unknown>;
  states: FieldStates;
  requiredAttachments: string[];
  notes: string[];
}

/**
 * A new form for a selection of receivables: the current (or named) published version, prefilled from the
 * subject, with the fields its conditions hide and require for those values. Creates nothing.
 */
export async function startForm(
  db: Executor,
  ctx: ActionCtx,
  key: string,
  selection: string[],
  version?: number,
  /** The receipt a settlement override settles the selection with. */
  receiptId?: string,
): Promise<StartedForm> {
  const form = await publishedForm(db, ctx.tenant.id, key, version);
  const action = boundAction(form.document.action)!;
  const source = action.subject;
  if (source && source.kind !== 'receivables' && selection.length > 1)
    throw invalid('/receivableIds', `form ${key} is about one ${source.kind}: select one`);
  const seed: Record<string, unknown> = !source
    ? {}
    : { [source.field]: source.kind === 'receivables' ? selection : selection[0] };
  if (receiptId && source?.kind === 'receivables' && source.receipt) seed[source.receipt] = receiptId;
  const subject = await loadSubject(db, ctx, source, seed);
  if (subject.errors.length)
    throw new HexiaoError(
      'invalid_data',
      `the selection cannot start form ${key}: ${subject.errors.map((e) => e.reason).join('; ')}`,
      {
        errors: subject.errors.map((e) => ({
          pointer:
            source?.kind === 'receivables' && e.pointer === `/data/${source.receipt}`
              ? '/receiptId'
              : e.pointer.replace(/^\/data\/[A-Za-z]+/, '/receivableIds'),
          reason: e.reason,
        })),
      },
    );
  const facts = { customer: subject.customer, subject: subject.subject, requester: requesterOf(ctx) };
  const filled = prefillForm(form.document, facts);
  const data = { ...filled.data, ...(source && selection.length ? seed : {}) };
  return {
    form: renderForm(form),
    customer: subject.customer,
    subject: subject.subject,
    data,
    states: fieldStates(form.document, data, facts),
    requiredAttachments: requiredAttachments(form.document, data, facts),
    notes: filled.notes,
  };
}

/** The forms a requester can fill: the current published version of each. */
export async function listForms(db: Executor, tenantId: string): Promise<RenderedForm[]> {
  const out: RenderedForm[] = [];
  for (const d of await listDefinitions(db, tenantId, 'form')) {
    try {
      out.push(renderForm(await publishedForm(db, tenantId, d.key)));
    } catch (e) {
      if (!(e instanceof HexiaoError) || e.type !== 'not_found') throw e;
    }
  }
  return out;
}

export interface FormPreview {
  /** The draft's own problems (meta-schema and kind checks), pointers into the document. */
  definitionErrors: FieldError[];
  data: Record<string, unknown>;
  /** What filing these values would be refused with by the form alone (the ledger is not asked). */
  errors: FieldError[];
  states: FieldStates;
  requiredAttachments: string[];
  notes: string[];
  customer: Record<string, unknown>;
  subject: Subject['subject'] | null;
}

/**
 * A draft form as a requester would see it, for the designer's live preview: prefilled from an optional
 * selection, with the fields its conditions hide and require for the values typed so far and the
 * errors its schema gives them. Creates nothing; the draft's validator is not kept.
 */
export async function previewForm(
  db: Executor,
  ctx: ActionCtx,
  input: { document: unknown; data?: Record<string, unknown>; receivableIds?: string[] },
): Promise<FormPreview> {
  const definitionErrors = checkDefinition(formKind, input.document);
  const none = { hidden: [], required: [] };
  if (definitionErrors.length)
    return {
      definitionErrors,
      data: input.data ?? {},
      errors: [],
      states: none,
      requiredAttachments: [],
      notes: [],
      customer: {},
      subject: null,
    };
  const doc = input.document as FormDocument;
  const source = boundAction(doc.action)!.subject;
  const ids = input.receivableIds ?? [];
  const seed = source && ids.length ? { [source.field]: source.kind === 'receivables' ? ids : ids[0] } : {};
  const subject = await loadSubject(db, ctx, source, seed);
  const facts = { customer: subject.customer, subject: subject.subject, requester: requesterOf(ctx) };
  const filled = prefillForm(doc, facts);
  const data = { ...filled.data, ...seed, ...(input.data ?? {}) };
  const checked = checkSubmission(doc, null, data, facts);
  return {
    definitionErrors,
    data,
    errors: [...subject.errors, ...checked.errors],
    states: checked.states,
    requiredAttachments: requiredAttachments(doc, data, facts),
    notes: filled.notes,
    customer: subject.customer,
    subject: ids.length ? subject.subject : null,
  };
}
