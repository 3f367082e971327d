/** The ACME ERP invoice export (format version 2), as far as this connector reads it. */
export interface AcmeExport {
  acme: { export: string; formatVersion: number; company: AcmeCompany };
  invoices: AcmeInvoice[];
}

export interface AcmeCompany {
  name: string;
  vatId?: string;
  gln?: string;
  iban?: string;
  bic?: string;
}

export interface AcmeInvoice {
  no: string;
  /** INV = invoice, CRN = credit note. */
  kind: 'INV' | 'CRN';
  date: string;
  due?: string;
  currency: string;
  customer: { number: string; name?: string; vatId?: string; gln?: string };
  orderRef?: string;
  terms?: string;
  refersTo?: { no: string; date?: string }[];
  lines: { pos: number; text?: string; qty?: string; unit?: string; price?: string; net: string; vatRate?: string }[];
  vat: { rate: string; base: string; amount: string; category?: string; reason?: string }[];
  totals: { net: string; tax: string; gross: string; paid?: string };
}
