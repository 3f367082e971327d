import type { Context } from 'hono';
import { join } from 'node:path';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, domainDeps, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import { receiveUpload } from './imports.ts';
import { HexiaoError, invalid } from '../../domain/errors.ts';
import * as requests from '../../domain/requests/index.ts';
import * as flows from '../../domain/flows/index.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const formRef = {
  type: 'string',
  maxLength: 140,
  description: 'key@version as rendered, or key for the current version',
} as const;

const submitBody = {
  type: 'object',
  additionalProperties: false,
  required: ['form', 'data'],
  properties: {
    form: formRef,
    data: { type: 'object', description: "the form's fields, checked against the form version's JSON Schema" },
    attachments: { type: 'array', maxItems: 50, uniqueItems: true, items: uuid },
  },
} as const;

const selectionBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { type: 'integer', minimum: 1 },
    receivableIds: { type: 'array', maxItems: 1000, uniqueItems: true, items: uuid },
    customerId: { ...uuid, description: 'the subject of a form about a customer (a credit limit change)' },
    receiptId: { ...uuid, description: 'the receipt a settlement override settles the receivables with' },
  },
} as const;

/** What attachment use-cases need: the cap and allow-list from the config, and where the bytes go. */
function attachmentDeps(c: Context<AppEnv>, db = dbOf(c)): requests.AttachmentDeps {
  const { config, database } = c.get('deps');
  return {
    ...domainDeps(c),
    db,
    attachments: {
      policy: { maxBytes: config.maxAttachmentBytes, types: config.attachmentTypes },
      store:
        database.kind === 'postgres'
          ? { kind: 'database' }
          : { kind: 'folder', dir: join(config.dataDir, 'attachments') },
    },
  };
}

/** A multipart upload (file + label) kept as an attachment, to a request or waiting for its submission. */
async function upload(c: Context<AppEnv>, requestId?: string): Promise<Response> {
  const { config } = c.get('deps');
  // the multipart envelope may exceed the file by its headers and label; the file itself is capped exactly
  const received = await receiveUpload(c, config.maxAttachmentBytes, 'HEXIAO_MAX_ATTACHMENT');
  try {
    if (!received.file) throw invalid('/file', 'is required: one file part');
    const label = received.fields.label;
    if (label === undefined) throw invalid('/label', 'is required: what the evidence is (e.g. bankruptcy-notice)');
    const a = await requests.addAttachment(attachmentDeps(c), actionCtx(c), {
      file: { name: received.file.name, path: received.file.path, contentType: received.file.type },
      label,
      requestId,
    });
    return json(c, 201, a);
  } finally {
    received.cleanup();
  }
}

/** Forms to fill, requests filed from them, and their evidence. */
export function requestRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/forms',
        access: 'writeoff.request',
        summary: 'Forms a request can be filed with: the current published version of each',
        tags: ['requests'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, { items: await requests.listForms(dbOf(c), c.get('tenant').id) }),
    )
    .add(
      {
        method: 'post',
        path: '/forms/:key/start',
        access: 'writeoff.request',
        summary:
          'A new form for a selection of receivables: the published version to render, prefilled from the subject, with the fields its conditions hide and require (creates nothing)',
        tags: ['requests'],
        body: selectionBody,
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await requests.startForm(
            dbOf(c),
            actionCtx(c),
            c.req.param('key')!,
            body.customerId ? [body.customerId] : (body.receivableIds ?? []),
            body.version,
            body.receiptId,
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/forms/preview',
        access: 'definition.write',
        summary:
          "Preview a draft form (the designer's): prefilled for an optional selection, the fields its conditions hide and require for the values given, and its schema's errors (creates nothing)",
        tags: ['requests'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['document'],
          properties: {
            document: { description: 'the form document (a draft)' },
            data: { type: 'object' },
            receivableIds: { type: 'array', maxItems: 100, uniqueItems: true, items: uuid },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await requests.previewForm(dbOf(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'post',
        path: '/requests/check',
        access: 'writeoff.request',
        summary:
          'Check a submission as filing it would, writing nothing: the errors, and the fields the conditions hide and require',
        tags: ['requests'],
        body: submitBody,
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await requests.checkRequest(domainDeps(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'post',
        path: '/requests',
        access: 'writeoff.request',
        summary:
          'File a request: a form submission checked against the exact published version it was rendered from, its subject snapshotted',
        tags: ['requests'],
        body: submitBody,
        response: { status: 201 },
        idempotent: true,
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /requests', body, async (db) => {
          const deps = { ...domainDeps(c), db };
          const request = await requests.submitRequest(deps, actionCtx(c), body);
          // the form's flow starts in the same transaction: a request that cannot be routed is not filed
          const approval = await flows.startInstance(deps, actionCtx(c), request);
          return { status: 201, body: { ...request, approval } };
        }),
    )
    .add(
      {
        method: 'get',
        path: '/requests',
        access: 'authenticated',
        summary:
          "Requests, newest first: a requester's own; approvers and auditors those of customers in their scope (?mine, ?customerId, ?form, ?before, ?limit)",
        tags: ['requests'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            mine: { enum: ['true', 'false'] },
            customerId: uuid,
            form: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
            before: { type: 'string', format: 'date-time' },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await requests.listRequests(dbOf(c), actionCtx(c), {
            mine: query.mine === 'true',
            customerId: query.customerId,
            formKey: query.form,
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 200),
          }),
        }),
    )
    .add(
      {
        method: 'get',
        path: '/requests/:id',
        access: 'authenticated',
        summary: 'One request: its submission, subject snapshot, attachments and what its action posted',
        tags: ['requests'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await requests.getRequest(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'request'))),
    )
    .add(
      {
        method: 'post',
        path: '/requests/:id/attachments',
        access: 'authenticated',
        summary:
          'Attach evidence to a request (multipart: file, label) — its requester, or an approver who sees it; sha-256, size cap and content-type allow-list',
        tags: ['requests'],
        response: { status: 201 },
      },
      async (c) => upload(c, uuidParam(c.req.param('id'), 'request')),
    )
    .add(
      {
        method: 'post',
        path: '/attachments',
        access: 'writeoff.request',
        summary: 'Upload evidence before filing the request that names it (multipart: file, label)',
        tags: ['requests'],
        response: { status: 201 },
      },
      async (c) => upload(c),
    )
    .add(
      {
        method: 'get',
        path: '/attachments/:id/content',
        access: 'authenticated',
        summary: "An attachment's bytes, to whoever sees its request",
        tags: ['requests'],
        response: { status: 200, contentType: 'application/octet-stream' },
      },
      async (c) => {
        const { attachment, bytes } = await requests.attachmentContent(
          attachmentDeps(c),
          actionCtx(c),
          uuidParam(c.req.param('id'), 'attachment'),
        );
        if (!bytes.length) throw new HexiaoError('not_found', `attachment ${attachment.id} has no content`);
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': attachment.contentType,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
          'x-content-sha256': attachment.sha256,
        });
      },
    );
}
