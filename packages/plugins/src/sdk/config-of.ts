import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/**
 * The type of a connector's config, derived from its `configSchema` (declared `as const`): one source of truth,
 * so the config a connector reads cannot drift from the one the server validates. Defaulted fields stay optional
 * (the connector applies the defaults itself).
 */
export type ConfigOf<S extends JSONSchema> = FromSchema<S, { keepDefaultedPropertiesOptional: true }>;
