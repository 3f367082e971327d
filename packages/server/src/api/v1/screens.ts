import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import * as defs from '../../domain/definitions/index.ts';
import * as screens from '../../domain/screens/index.ts';

/** Saved screens over open receivables: their candidates, and a request started for a selection. */
export function screenRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/screens',
        access: 'writeoff.request',
        summary: 'Saved screens (the newest version of each; run the published one)',
        tags: ['requests'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, {
          items: (await defs.listDefinitions(dbOf(c), c.get('tenant').id, 'screen')).map((d) => ({
            key: d.key,
            version: d.version,
            status: d.status,
            title: (d.document as screens.ScreenDocument).title ?? d.title,
            form: (d.document as screens.ScreenDocument).form,
          })),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/screens/preview',
        access: 'definition.write',
        summary:
          "Preview a draft screen (the designer's): the open receivables (in your data scope) its rule would list now, or the document's problems (creates nothing)",
        tags: ['requests'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['document'],
          properties: { document: { description: 'the screen document (a draft)' } },
        },
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await screens.previewScreen(dbOf(c), actionCtx(c), body.document)),
    )
    .add(
      {
        method: 'get',
        path: '/screens/:key/candidates',
        access: 'writeoff.request',
        summary:
          'Run a published screen: the open receivables (in your data scope) its JSON-Logic rule lists as write-off candidates',
        tags: ['requests'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, await screens.runScreen(dbOf(c), actionCtx(c), c.req.param('key')!)),
    )
    .add(
      {
        method: 'post',
        path: '/screens/:key/start',
        access: 'writeoff.request',
        summary: "Start the screen's form for a selection of its candidates, prefilled (creates nothing)",
        tags: ['requests'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['receivableIds'],
          properties: {
            receivableIds: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              uniqueItems: true,
              items: { type: 'string', format: 'uuid' },
            },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(c, 200, await screens.startFromScreen(dbOf(c), actionCtx(c), c.req.param('key')!, body.receivableIds)),
    );
}
