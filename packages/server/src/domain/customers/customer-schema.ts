import type { FromSchema } from 'json-schema-to-ts';

/** JSON Schemas of customer input: the API validates with them and OpenAPI documents them. */
const bankAccount = {
  type: 'object',
  additionalProperties: false,
  properties: {
    iban: { type: 'string', minLength: 15, maxLength: 42 },
    accountNumber: { type: 'string', minLength: 4, maxLength: 40, pattern: '^[0-9A-Za-z -]+$' },
    bankName: { type: 'string', maxLength: 200 },
    bic: { type: 'string', pattern: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$' },
    holderName: { type: 'string', maxLength: 200 },
  },
} as const;

const core = {
  name: { type: 'string', minLength: 1, maxLength: 300 },
  taxId: { type: 'string', minLength: 2, maxLength: 40 },
  peppolId: {
    type: 'string',
    pattern: '^[0-9]{4}:[^\\s]{1,100}$',
    description: 'scheme:identifier, e.g. 0088:5790000435975',
  },
  gln: { type: 'string', pattern: '^[0-9]{13}$' },
  region: { type: 'string', maxLength: 100 },
  salesOwner: { type: 'string', maxLength: 200, description: 'email of the sales rep who owns the customer' },
  billingEmail: {
    type: 'string',
    format: 'email',
    maxLength: 320,
    description: "the customer's accounts-payable contact: reminders with the customer-email channel go there",
  },
  parentCode: { type: 'string', maxLength: 60, description: 'code of the parent group customer' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  paymentTermsDays: { type: 'integer', minimum: 0, maximum: 3650 },
  creditLimit: { type: 'string', format: 'money' },
  status: { enum: ['active', 'blocked', 'archived'] },
  objectType: { type: 'string', maxLength: 128 },
  custom: { type: 'object' },
} as const;

export const customerCreateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' },
    ...core,
    bankAccounts: { type: 'array', maxItems: 50, items: bankAccount },
  },
} as const;

export const customerUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: core,
} as const;

export const bankAccountSchema = bankAccount;

// what the API and the imports accept, derived from the schemas above (one source of truth)
/** A payer account of a customer. */
export type BankAccountInput = FromSchema<typeof bankAccount>;
export type CustomerInput = FromSchema<typeof customerCreateSchema>;
export type CustomerUpdate = FromSchema<typeof customerUpdateSchema>;

const nullable = <T extends 'string' | 'integer'>(type: T) => ({ type: [type, 'null'] }) as const;

/** A customer as the API returns it: the `Customer` type is derived from this schema (one source of truth). */
export const customerViewSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'code',
    'name',
    'taxId',
    'peppolId',
    'gln',
    'region',
    'salesOwner',
    'billingEmail',
    'parentId',
    'currency',
    'paymentTermsDays',
    'creditLimit',
    'status',
    'objectType',
    'custom',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    code: { type: 'string' },
    name: { type: 'string' },
    taxId: nullable('string'),
    peppolId: nullable('string'),
    gln: nullable('string'),
    region: nullable('string'),
    salesOwner: nullable('string'),
    billingEmail: nullable('string'),
    parentId: { ...nullable('string'), description: 'the parent group customer' },
    currency: nullable('string'),
    paymentTermsDays: nullable('integer'),
    creditLimit: { ...nullable('string'), description: 'a decimal string; null: no limit' },
    status: { type: 'string', description: 'active, blocked or archived' },
    objectType: {
      description: 'the object-type definition version its custom fields were checked against',
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'version'],
          properties: { key: { type: 'string' }, version: { type: 'integer' } },
        },
        { type: 'null' },
      ],
    },
    custom: { type: 'object' },
    bankAccounts: {
      type: 'array',
      description: 'payer accounts (on the customer itself, not in lists)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'iban', 'accountNumber', 'bankName', 'bic', 'holderName', 'status'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          iban: nullable('string'),
          accountNumber: nullable('string'),
          bankName: nullable('string'),
          bic: nullable('string'),
          holderName: nullable('string'),
          status: { type: 'string' },
        },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const customerPageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: customerViewSchema },
    next: { ...nullable('string'), description: 'the code to pass as ?after= for the next page' },
  },
} as const;
