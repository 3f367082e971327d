export type { XmlElement, Namespaces, XmlQuery } from './element.ts';
export { xmlQuery } from './element.ts';
export { XmlInputError } from './errors.ts';
export { scanXmlDocuments, type ScanEvent, type ScanOptions } from './scan.ts';
export { bytesInput, fileInput } from './input.ts';
export { parseAmount, decimalString, AmountError, Decimal } from './amount.ts';
export { isKnownCurrency } from './currency.ts';
