import { isCurrency } from '@hexiao/plugins/sdk';

/** ISO 4217 check shared by the document connectors: the SDK's list (sdk/currencies.ts). */
export const isKnownCurrency = (code: string | undefined): code is string => isCurrency(code);
