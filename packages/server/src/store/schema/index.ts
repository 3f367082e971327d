export * from './identity.ts';
export * from './audit.ts';
export * from './definitions.ts';
export * from './customers.ts';
export * from './ledger.ts';
export * from './access.ts';
export * from './imports.ts';
export * from './requests.ts';
