import { RouteTable } from '../route-table.ts';
import { dbOf, json } from '../context.ts';
import { HexiaoError } from '../../domain/errors.ts';
import {
  explainRuleOn,
  ruleLanguage,
  ruleSubjects,
  subjectDataSchema,
  validateRuleFor,
  type RuleSubject,
} from '../../domain/rules/index.ts';
import type { DataSchema } from '@hexiao/dsl';

const subjectProp = { enum: [...ruleSubjects], description: 'what the rule reads; its data schema types var paths' };

const validateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rule'],
  properties: {
    rule: { description: 'the JSON-Logic rule' },
    subject: subjectProp,
    schema: { type: 'object', description: 'a JSON Schema of the data instead of a subject' },
  },
} as const;

const explainBody = {
  type: 'object',
  additionalProperties: false,
  required: ['rule', 'data'],
  properties: {
    rule: { description: 'the JSON-Logic rule' },
    data: { description: 'the data the rule reads' },
    maxTraceNodes: { type: 'integer', minimum: 1, maximum: 5000 },
  },
} as const;

function subjectOf(v: string | undefined): RuleSubject {
  if (!(ruleSubjects as readonly string[]).includes(v ?? ''))
    throw new HexiaoError('not_found', `rule subject ${String(v).slice(0, 40)} does not exist`);
  return v as RuleSubject;
}

/** The rules language for editors: operations with docs, typed subject schemas, validate and explain. */
export function ruleRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/rules/language',
        access: 'definition.read',
        summary: 'The rule document JSON Schema (every operation with arity, docs and example) and the subjects',
        tags: ['rules'],
        response: { status: 200 },
      },
      (c) => json(c, 200, ruleLanguage()),
    )
    .add(
      {
        method: 'get',
        path: '/rules/subjects/:subject/schema',
        access: 'definition.read',
        summary: "The data schema a rule over this subject reads, with the tenant's custom fields",
        tags: ['rules'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await subjectDataSchema(dbOf(c), c.get('tenant').id, subjectOf(c.req.param('subject')))),
    )
    .add(
      {
        method: 'post',
        path: '/rules/validate',
        access: 'definition.read',
        summary: 'Diagnostics of a rule (JSON pointers), var paths typed by a subject or a schema; nothing is saved',
        tags: ['rules'],
        body: validateBody,
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await validateRuleFor(dbOf(c), c.get('tenant').id, body)),
    )
    .add(
      {
        method: 'post',
        path: '/rules/explain',
        access: 'definition.read',
        summary: 'Run a rule over data: its result and the explain trace tree; nothing is saved',
        tags: ['rules'],
        body: explainBody,
        response: { status: 200 },
      },
      (c, { body }) => json(c, 200, explainRuleOn(body)),
    );
}
