import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json, dbOf } from '../context.ts';
import * as defs from '../../domain/definitions/index.ts';
import { HexiaoError } from '../../domain/errors.ts';

const draftSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['document'],
  properties: {
    document: { description: "the definition document; validated against its kind's meta-schema" },
    title: { type: 'string', maxLength: 200 },
    note: { type: 'string', maxLength: 2000 },
  },
} as const;

const validateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['document'],
  properties: { document: {} },
} as const;

/** Versions are SQL integers: a larger number names no version (and never reaches the database). */
const maxVersion = 2 ** 31 - 1;

function which(v: string | undefined): number | 'current' | 'draft' {
  if (v === 'current' || v === 'draft') return v;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > maxVersion)
    throw new HexiaoError('not_found', `version ${String(v).slice(0, 20)} does not exist`);
  return n;
}

function kindOf(c: Context<AppEnv>): string {
  const kind = c.req.param('kind');
  if (!kind || !c.get('deps').kinds.get(kind))
    throw new HexiaoError('not_found', `definition kind ${String(kind).slice(0, 60)} does not exist`);
  return kind;
}

export function definitionRoutes(): RouteTable {
  const tenantId = (c: { get(k: 'tenant'): { id: string } }) => c.get('tenant').id;
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/definition-kinds',
        access: 'definition.read',
        summary: 'List definition kinds with their meta-schemas',
        tags: ['definitions'],
        response: { status: 200 },
      },
      (c) =>
        json(c, 200, {
          items: c
            .get('deps')
            .kinds.list()
            .map((k) => ({ kind: k.kind, title: k.title, metaSchema: k.metaSchema })),
        }),
    )
    .add(
      {
        method: 'get',
        path: '/definitions',
        access: 'definition.read',
        summary: 'List definitions (newest version of each); ?kind= filters',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, { items: await defs.listDefinitions(dbOf(c), tenantId(c), c.req.query('kind')) }),
    )
    .add(
      {
        method: 'post',
        path: '/definitions/:kind/validate',
        access: 'definition.read',
        summary:
          'Validate a document without saving it: what publishing it would refuse (errors) and warn about, checked against the tenant’s data',
        tags: ['definitions'],
        body: validateSchema,
        response: { status: 200 },
      },
      async (c, { body }) => {
        const { errors, warnings } = await defs.checkForPublish(
          dbOf(c),
          c.get('deps').kinds,
          actionCtx(c),
          kindOf(c),
          body.document,
        );
        return json(c, 200, { valid: errors.length === 0, errors, warnings });
      },
    )
    .add(
      {
        method: 'get',
        path: '/definitions/:kind/:key',
        access: 'definition.read',
        summary: 'Version history of a definition',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, {
          items: await defs.definitionHistory(dbOf(c), tenantId(c), kindOf(c), c.req.param('key')!),
        }),
    )
    .add(
      {
        method: 'put',
        path: '/definitions/:kind/:key/draft',
        access: 'definition.write',
        summary: 'Create or replace the draft',
        tags: ['definitions'],
        body: draftSchema,
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await defs.saveDraft(domainDeps(c), actionCtx(c), {
            kind: kindOf(c),
            key: c.req.param('key')!,
            ...body,
          }),
        ),
    )
    .add(
      {
        method: 'delete',
        path: '/definitions/:kind/:key/draft',
        access: 'definition.write',
        summary: 'Discard the draft',
        tags: ['definitions'],
        response: { status: 204 },
      },
      async (c) => {
        await defs.discardDraft(domainDeps(c), actionCtx(c), kindOf(c), c.req.param('key')!);
        return c.body(null, 204);
      },
    )
    .add(
      {
        method: 'post',
        path: '/definitions/:kind/:key/publish',
        access: 'definition.publish',
        summary: 'Publish the draft (immutable from now on)',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, await defs.publishDraft(domainDeps(c), actionCtx(c), kindOf(c), c.req.param('key')!)),
    )
    .add(
      {
        method: 'get',
        path: '/definitions/:kind/:key/diff',
        access: 'definition.read',
        summary: 'Diff two versions: ?from=1&to=2',
        tags: ['definitions'],
        query: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
            to: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
          },
        },
        response: { status: 200 },
      },
      async (c) => {
        const from = which(c.req.query('from'));
        const to = which(c.req.query('to'));
        if (typeof from !== 'number' || typeof to !== 'number')
          throw new HexiaoError('invalid_data', 'from and to must be version numbers', { pointer: '/query/from' });
        return json(c, 200, await defs.diffVersions(dbOf(c), tenantId(c), kindOf(c), c.req.param('key')!, from, to));
      },
    )
    .add(
      {
        method: 'get',
        path: '/definitions/:kind/:key/:version',
        access: 'definition.read',
        summary: 'One version (a number, current or draft)',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await defs.getDefinition(dbOf(c), tenantId(c), kindOf(c), c.req.param('key')!, which(c.req.param('version'))),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/definitions/:kind/:key/:version/rollback',
        access: 'definition.publish',
        summary: 'Publish an old version again as a new version',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) => {
        const v = which(c.req.param('version'));
        if (typeof v !== 'number')
          throw new HexiaoError('invalid_data', 'rollback needs a version number', { pointer: '/version' });
        return json(c, 200, await defs.rollbackTo(domainDeps(c), actionCtx(c), kindOf(c), c.req.param('key')!, v));
      },
    )
    .add(
      {
        method: 'post',
        path: '/definitions/:kind/:key/:version/archive',
        access: 'definition.publish',
        summary: 'Archive a published version',
        tags: ['definitions'],
        response: { status: 200 },
      },
      async (c) => {
        const v = which(c.req.param('version'));
        if (typeof v !== 'number')
          throw new HexiaoError('invalid_data', 'archive needs a version number', { pointer: '/version' });
        return json(c, 200, await defs.archiveVersion(domainDeps(c), actionCtx(c), kindOf(c), c.req.param('key')!, v));
      },
    );
}
