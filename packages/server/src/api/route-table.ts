import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { AppEnv } from './env.ts';
import { check, escapePointer } from '../schema/ajv.ts';
import { jsonInputProblem, textProblem } from '../schema/json-bounds.ts';
import { HexiaoError } from '../domain/errors.ts';
import { requirePermission, type Access } from './middleware/require-permission.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { derivedResponseSchema } from './derived-response-schemas.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type { Access };

export interface RouteSpec {
  method: Method;
  /** Hono path relative to the table's mount point, e.g. `/customers/:id`. */
  path: string;
  access: Access;
  summary: string;
  tags?: string[];
  /**
   * JSON Schema of the JSON body, declared `as const`: the request is refused with pointers when it does not
   * conform, and the handler's body type is derived from it (BodyOf).
   */
  body?: Exclude<JSONSchema, boolean>;
  /** A request without a body (no Content-Type, nothing sent) is taken as `{}`. */
  bodyOptional?: boolean;
  /** JSON Schema of the query string (all values strings). */
  query?: object;
  /**
   * Status and JSON Schema of the success response, for OpenAPI and the run-time check in tests. Without a
   * schema, the one derived from the handler's answer type is used (derived-response-schemas.ts).
   */
  response?: { status: number; schema?: Exclude<JSONSchema, boolean>; description?: string; contentType?: string };
  /**
   * True when the route honours Idempotency-Key; `required` when it creates money records (documents,
   * settlements, reversals, rates): a request without the key is refused with 428, as a retry could post twice.
   */
  idempotent?: boolean | 'required';
  /**
   * How the route treats the actor's data scope when it returns or changes customer-linked rows:
   * `customer` — it applies the scope (lists filter, an id outside it is not found); `unscoped-only` — it
   * cannot filter by customer (exports, import reports, users, the audit log), so an actor with a data scope
   * is refused. Absent: the route touches no customer-linked rows. The cross-scope test, generated from the
   * route list, checks every route against what it declares.
   */
  dataScope?: 'customer' | 'unscoped-only';
  /** Requests per client address and window (login, token and upload routes). */
  rateLimit?: { limit: number; windowMs: number };
}

export interface Input<B = unknown> {
  body: B;
  query: Record<string, string>;
}

type Handler<B> = (c: Context<AppEnv>, input: Input<B>) => Response | Promise<Response>;

/**
 * The body a route's handler gets: the type of its body schema (declared `as const`), so the handler cannot
 * read a field the validator did not check, nor the validator let through what the handler does not expect.
 */
export type BodyOf<S extends RouteSpec> = S extends { body: infer Schema }
  ? Schema extends JSONSchema
    ? FromSchema<Schema>
    : never
  : undefined;

/**
 * A resource's routes with their declarations: access, schemas, summary. Mounted into the app, listed
 * in OpenAPI, and checked by the route-permission test (no route without a declared access).
 */
export class RouteTable {
  readonly app = new Hono<AppEnv>();
  readonly specs: RouteSpec[] = [];

  constructor(readonly prefix = '') {}

  add<const S extends RouteSpec>(declared: S, handler: Handler<BodyOf<S>>): this {
    const derived =
      declared.response && !declared.response.schema
        ? derivedResponseSchema(declared.method, declared.path)
        : undefined;
    const spec: S = derived ? { ...declared, response: { ...declared.response, schema: derived } } : declared;
    this.specs.push(spec);
    const permit = requirePermission(spec.access, spec.dataScope === 'unscoped-only');
    const limiter = spec.rateLimit ? rateLimit({ name: `${spec.method} ${spec.path}`, ...spec.rateLimit }) : undefined;
    const checked: MiddlewareHandler<AppEnv> = limiter
      ? (c, next) => limiter(c, () => permit(c, next) as Promise<void>)
      : permit;
    // the route's template names it in metrics (ids in paths would make a series per record)
    const guard: MiddlewareHandler<AppEnv> = (c, next) => {
      c.set('route', spec.path);
      return checked(c, next);
    };
    this.app.on(spec.method.toUpperCase(), spec.path, guard, async (c) => {
      refuseUnstorableText(c.req.param() as Record<string, string>, '/path');
      const query = c.req.query();
      refuseUnstorableText(query, '/query');
      if (spec.query) {
        const errors = check(spec.query, query);
        if (errors.length)
          throw new HexiaoError('invalid_data', 'query string is invalid', {
            errors: errors.map((e) => ({ ...e, pointer: `/query${e.pointer === '/' ? '' : e.pointer}` })),
          });
      }
      if (spec.idempotent === 'required' && !c.req.header('idempotency-key'))
        throw new HexiaoError(
          'idempotency_key_required',
          `${spec.method.toUpperCase()} ${spec.path} creates money records and needs an Idempotency-Key header (any unique string per intended request), so that a retry cannot post twice`,
          { pointer: '/headers/idempotency-key' },
        );
      let body: unknown = undefined;
      if (spec.body) {
        const absent = spec.bodyOptional && !c.req.header('content-type') && (await c.req.text()) === '';
        body = absent ? {} : await readJson(c);
        const errors = check(spec.body, body);
        if (errors.length)
          throw new HexiaoError(
            'invalid_data',
            `request body is invalid: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
            { errors },
          );
      }
      const res = await handler(c, { body: body as BodyOf<S>, query });
      if (c.get('checkResponses')) await checkResponse(spec, res);
      return res;
    });
    return this;
  }
}

/** A JSON success response must match the route's declared response schema, field by field. */
async function checkResponse(spec: RouteSpec, res: Response): Promise<void> {
  const schema = spec.response?.schema;
  if (!schema || res.status !== spec.response!.status) return;
  if (!/^application\/json\b/i.test(res.headers.get('content-type') ?? '')) return;
  const errors = check(schema, await res.clone().json());
  if (errors.length)
    throw new HexiaoError(
      'response_invalid',
      `${spec.method.toUpperCase()} ${spec.path} answered a body its response schema refuses: ${errors
        .map((e) => `${e.pointer} ${e.reason}`)
        .join('; ')}`,
      { errors },
    );
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type))
    throw new HexiaoError('invalid_data', 'the request body must be JSON (Content-Type: application/json)', {
      pointer: '/',
    });
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HexiaoError('invalid_data', `malformed JSON: ${(e as Error).message}`, { pointer: '/' });
  }
  const problem = jsonInputProblem(value);
  if (problem)
    throw new HexiaoError('invalid_data', `request body: ${problem.pointer} ${problem.reason}`, { errors: [problem] });
  return value;
}

/** Path and query values that no column could hold (NUL, lone surrogates) are refused before any handler runs. */
function refuseUnstorableText(values: Record<string, string>, base: string): void {
  for (const [name, value] of Object.entries(values)) {
    const reason = textProblem(name) ?? textProblem(value);
    if (reason)
      throw new HexiaoError('invalid_data', `${base}/${name} ${reason}`, { pointer: `${base}/${escapePointer(name)}` });
  }
}
