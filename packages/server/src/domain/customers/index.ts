export {
  createCustomers,
  updateCustomer,
  getCustomer,
  listCustomers,
  toCustomer,
  actorScope,
  type Customer,
} from './use-cases.ts';
export {
  customerCreateSchema,
  customerViewSchema,
  customerPageSchema,
  customerUpdateSchema,
  bankAccountSchema,
  type CustomerInput,
  type CustomerUpdate,
} from './customer-schema.ts';
export {
  requestBankAccountChange,
  decideBankAccountChange,
  listBankAccountChanges,
  type BankAccountChange,
} from './bank-account-changes.ts';
export { normaliseBankAccount } from './bank-account.ts';
export { customersByCodes, customerRefsByCodes, payerAccountKey, type KnownCustomer } from './lookup.ts';
