export * from './records.ts';
export * from './define-connector.ts';
