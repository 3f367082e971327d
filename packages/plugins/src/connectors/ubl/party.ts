import type { BankAccountRef, Party } from '@hexiao/plugins/sdk';
import { xmlQuery, type XmlElement } from '../xml-dom/index.ts';
import { ublNamespaces } from './namespaces.ts';

const q = xmlQuery(ublNamespaces);
/** Peppol ICD 0088 is GS1 GLN; older UBL (e.g. the OASIS Order example) writes schemeID="GLN". */
const GLN_SCHEMES = new Set(['0088', 'GLN']);

const withScheme = (el: XmlElement | undefined): string | undefined => {
  const value = el?.text.trim();
  if (!value) return undefined;
  const scheme = el!.attrs.schemeID?.trim();
  return scheme ? `${scheme}:${value}` : value;
};

/** Maps a UBL cac:Party (also used by orders-ubl): names, endpoint, tax / legal ids, GLN, address. */
export function mapUblParty(party: XmlElement | undefined): Party {
  if (!party) return {};
  const endpoint = q.one(party, 'cbc:EndpointID');
  const identifications = q.all(party, 'cac:PartyIdentification/cbc:ID');
  const legal = q.all(party, 'cac:PartyLegalEntity/cbc:CompanyID');
  const taxSchemes = q.all(party, 'cac:PartyTaxScheme');
  const vat = taxSchemes.find((t) => q.text(t, 'cac:TaxScheme/cbc:ID')?.toUpperCase() === 'VAT') ?? taxSchemes[0];
  const glnOf = (els: (XmlElement | undefined)[]) =>
    els.find((e) => GLN_SCHEMES.has(e?.attrs.schemeID?.trim() ?? '') && e!.text.trim())?.text.trim();
  const ids = [...identifications, ...legal].map(withScheme).filter((x): x is string => !!x);
  const address = q.one(party, 'cac:PostalAddress') ?? q.one(party, 'cac:Address');
  const lines = address
    ? [
        ...q.texts(address, 'cbc:StreetName'),
        ...q.texts(address, 'cbc:AdditionalStreetName'),
        ...q.texts(address, 'cac:AddressLine/cbc:Line'),
      ]
    : [];
  return {
    name: q.text(party, 'cac:PartyName/cbc:Name') ?? q.text(party, 'cac:PartyLegalEntity/cbc:RegistrationName'),
    taxId: q.text(vat, 'cbc:CompanyID'),
    legalId: legal[0]?.text.trim() || undefined,
    endpointId: withScheme(endpoint),
    gln: glnOf([endpoint, ...identifications, ...legal]),
    ids: ids.length ? [...new Set(ids)] : undefined,
    address: address
      ? {
          lines: lines.length ? lines : undefined,
          city: q.text(address, 'cbc:CityName'),
          postalCode: q.text(address, 'cbc:PostalZone'),
          countryCode: q.text(address, 'cac:Country/cbc:IdentificationCode'),
        }
      : undefined,
  };
}

const ibanLike = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
const bicLike = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** The payment service provider id is kept only when it is a BIC (Peppol allows other ids there). */
export const bicOrUndefined = (id: string | undefined) =>
  id && bicLike.test(id.replace(/\s+/g, '')) ? id.replace(/\s+/g, '') : undefined;

/** A UBL cac:PayeeFinancialAccount as a bank account reference (IBAN when it looks like one). */
export function mapUblAccount(account: XmlElement): BankAccountRef | undefined {
  const id = q.text(account, 'cbc:ID')?.replace(/\s+/g, '');
  if (!id) return undefined;
  return {
    ...(ibanLike.test(id) ? { iban: id } : { number: id }),
    bic: bicOrUndefined(q.text(account, 'cac:FinancialInstitutionBranch/cbc:ID')),
    name: q.text(account, 'cbc:Name'),
  };
}
