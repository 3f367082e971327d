import type { FromSchema } from 'json-schema-to-ts';

/**
 * The `flow` definition kind's meta-schema (ENGINES.md §2.4): the one source of the document's shape. The
 * TypeScript types below are derived from it, and `schemas/flow.schema.json` (for the designer) is this
 * object written out (a test keeps them equal). JSON-Logic members are `{}` here: the DSL checks them.
 */
export const flowMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://hexiao.dev/schemas/flow.schema.json',
  title: 'Approval flow',
  description:
    'Steps assigned to roles, users or expressions; switch and parallel routing by JSON-Logic; any/all/quorum decisions.',
  type: 'object',
  required: ['subject', 'start', 'steps'],
  additionalProperties: false,
  properties: {
    kind: { const: 'flow' },
    id: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 1 },
    title: { $ref: '#/$defs/text' },
    description: { type: 'string', maxLength: 2000 },
    subject: {
      type: 'object',
      required: ['form'],
      additionalProperties: false,
      properties: {
        form: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9._-]{0,127}(@[1-9][0-9]{0,8})?$',
          description: 'the bound form: key, or key@version to pin the version the guards were written against',
        },
        object: { type: 'string', maxLength: 128 },
      },
    },
    policies: {
      type: 'object',
      additionalProperties: false,
      properties: {
        initiatorMayApprove: { type: 'boolean', default: false },
        oneDecisionPerUser: { type: 'boolean', default: true },
        withdraw: { enum: ['before-first-decision', 'never'], default: 'before-first-decision' },
        delegation: {
          type: 'object',
          additionalProperties: false,
          properties: { allowed: { type: 'boolean' }, maxDepth: { const: 1 } },
        },
        onEmptyAssignees: { enum: ['escalate', 'skip', 'fail'], default: 'fail' },
        calendar: { type: 'string', maxLength: 64, description: 'business-day calendar for due times (cn-workdays)' },
      },
    },
    start: { $ref: '#/$defs/stepId' },
    steps: {
      type: 'object',
      minProperties: 1,
      maxProperties: 200,
      propertyNames: { $ref: '#/$defs/stepId' },
      additionalProperties: { $ref: '#/$defs/step' },
    },
    onApproved: {
      type: 'object',
      required: ['action'],
      additionalProperties: false,
      properties: {
        action: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
        idempotency: { const: 'instance' },
        input: { type: 'object', additionalProperties: {}, description: 'JSON-Logic per input field' },
      },
    },
    onRejected: {
      type: 'object',
      additionalProperties: false,
      properties: { notify: { type: 'array', maxItems: 20, items: { $ref: '#/$defs/recipient' } } },
    },
  },
  $defs: {
    stepId: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
    target: { type: 'string', pattern: '^([A-Za-z][A-Za-z0-9_-]{0,63}|\\$approved|\\$rejected|\\$join)$' },
    recipient: { type: 'string', pattern: '^(\\$initiator|role:[a-z0-9][a-z0-9-]{0,63})$' },
    text: {
      anyOf: [
        { type: 'string', maxLength: 200 },
        {
          type: 'object',
          additionalProperties: false,
          properties: { zh: { type: 'string', maxLength: 200 }, en: { type: 'string', maxLength: 200 } },
        },
      ],
    },
    duration: {
      type: 'string',
      pattern:
        '^P(?!$)([0-9]{1,4}Y)?([0-9]{1,4}M)?([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$',
      description: 'ISO 8601 duration (days count business days when the flow names a calendar)',
    },
    assignee: {
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: {
        role: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
        orgUnit: { description: 'JSON-Logic: only holders of the role in this org unit (user attribute orgUnit)' },
        user: { description: 'a user id or e-mail, or JSON-Logic yielding one or a list' },
        expression: { description: 'JSON-Logic yielding user ids or e-mails (e.g. the customer sales owner)' },
      },
    },
    assignees: { type: 'array', minItems: 1, maxItems: 20, items: { $ref: '#/$defs/assignee' } },
    approveStep: {
      type: 'object',
      required: ['type', 'assignees', 'next'],
      additionalProperties: false,
      properties: {
        type: { const: 'approve' },
        title: { $ref: '#/$defs/text' },
        assignees: { $ref: '#/$defs/assignees' },
        resolve: { enum: ['first-non-empty', 'all'], default: 'all' },
        decision: {
          type: 'object',
          required: ['mode'],
          additionalProperties: false,
          properties: {
            mode: { enum: ['any', 'all', 'quorum'] },
            min: { type: 'integer', minimum: 1, maximum: 100 },
            ratio: { type: 'string', pattern: '^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$' },
            rejectOn: { enum: ['first', 'impossible'] },
          },
        },
        order: { enum: ['parallel', 'sequential'], default: 'parallel' },
        actions: {
          type: 'array',
          uniqueItems: true,
          items: { enum: ['approve', 'reject', 'return', 'delegate', 'add-signer', 'comment'] },
        },
        returnTo: { type: 'array', uniqueItems: true, maxItems: 20, items: { type: 'string', maxLength: 64 } },
        requires: {
          type: 'array',
          uniqueItems: true,
          maxItems: 20,
          items: { type: 'string', pattern: '^attachment:[a-z0-9][a-z0-9-]{0,63}$' },
        },
        due: {
          type: 'object',
          required: ['after'],
          additionalProperties: false,
          properties: {
            after: { $ref: '#/$defs/duration' },
            remind: { $ref: '#/$defs/duration' },
            escalate: {
              type: 'object',
              required: ['after', 'add'],
              additionalProperties: false,
              properties: { after: { $ref: '#/$defs/duration' }, add: { $ref: '#/$defs/assignees' } },
            },
          },
        },
        next: { $ref: '#/$defs/target' },
      },
    },
    switchStep: {
      type: 'object',
      required: ['type', 'cases', 'default'],
      additionalProperties: false,
      properties: {
        type: { const: 'switch' },
        title: { $ref: '#/$defs/text' },
        cases: {
          type: 'array',
          minItems: 1,
          maxItems: 50,
          items: {
            type: 'object',
            required: ['when', 'to'],
            additionalProperties: false,
            properties: { when: {}, to: { $ref: '#/$defs/target' } },
          },
        },
        default: { $ref: '#/$defs/target' },
      },
    },
    parallelStep: {
      type: 'object',
      required: ['type', 'branches', 'next'],
      additionalProperties: false,
      properties: {
        type: { const: 'parallel' },
        title: { $ref: '#/$defs/text' },
        join: { const: 'all' },
        branches: {
          type: 'object',
          minProperties: 1,
          maxProperties: 20,
          propertyNames: { $ref: '#/$defs/stepId' },
          additionalProperties: {
            type: 'object',
            required: ['start'],
            additionalProperties: false,
            properties: { start: { $ref: '#/$defs/stepId' }, when: {} },
          },
        },
        next: { $ref: '#/$defs/target' },
      },
    },
    step: {
      type: 'object',
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: [{ $ref: '#/$defs/approveStep' }, { $ref: '#/$defs/switchStep' }, { $ref: '#/$defs/parallelStep' }],
    },
  },
} as const;

export type FlowDocument = FromSchema<typeof flowMetaSchema, { keepDefaultedPropertiesOptional: true }>;
export type FlowStep = FlowDocument['steps'][string];
export type ApproveStep = Extract<FlowStep, { type: 'approve' }>;
export type SwitchStep = Extract<FlowStep, { type: 'switch' }>;
export type ParallelStep = Extract<FlowStep, { type: 'parallel' }>;
export type AssigneeSource = ApproveStep['assignees'][number];
export type LocalText = NonNullable<FlowDocument['title']>;

/** Where a path ends, or returns to a join. */
export const terminals = { approved: '$approved', rejected: '$rejected', join: '$join' } as const;
export const initiator = '$initiator';
