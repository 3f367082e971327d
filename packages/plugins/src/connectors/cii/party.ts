import type { BankAccountRef, Party } from '@hexiao/plugins/sdk';
import { xmlQuery, type Namespaces, type XmlElement } from '../xml-dom/index.ts';
import { bicOrUndefined } from '../ubl/party.ts';

const GLN_SCHEME = '0088';

const withScheme = (el: XmlElement): string | undefined => {
  const value = el.text.trim();
  if (!value) return undefined;
  const scheme = el.attrs.schemeID?.trim();
  return scheme ? `${scheme}:${value}` : value;
};

/**
 * Maps a UN/CEFACT trade party (ram:SellerTradeParty, ram:BuyerTradeParty…): the same shape in CII invoices
 * and in Order-X orders, so the namespace map is a parameter (`ram` must be bound).
 */
export function ciiPartyMapper(ns: Namespaces) {
  const q = xmlQuery(ns);
  return function mapCiiParty(party: XmlElement | undefined): Party {
    if (!party) return {};
    const registrations = q.all(party, 'ram:SpecifiedTaxRegistration/ram:ID');
    const vat = registrations.find((r) => r.attrs.schemeID?.trim() === 'VA') ?? registrations[0];
    const legal = q.all(party, 'ram:SpecifiedLegalOrganization/ram:ID');
    const globalIds = q.all(party, 'ram:GlobalID');
    const uris = q.all(party, 'ram:URIUniversalCommunication/ram:URIID');
    const endpoint = uris.find((u) => u.attrs.schemeID?.trim() !== 'EM') ?? uris[0];
    const gln = [...globalIds, ...legal, ...uris].find((e) => e.attrs.schemeID?.trim() === GLN_SCHEME && e.text.trim());
    const ids = [...q.all(party, 'ram:ID'), ...globalIds, ...legal, ...registrations.filter((r) => r !== vat)]
      .map(withScheme)
      .filter((x): x is string => !!x);
    const address = q.one(party, 'ram:PostalTradeAddress');
    const lines = address
      ? [...q.texts(address, 'ram:LineOne'), ...q.texts(address, 'ram:LineTwo'), ...q.texts(address, 'ram:LineThree')]
      : [];
    return {
      name: q.text(party, 'ram:Name') ?? q.text(party, 'ram:SpecifiedLegalOrganization/ram:TradingBusinessName'),
      taxId: vat?.text.trim() || undefined,
      legalId: legal[0]?.text.trim() || undefined,
      endpointId: endpoint ? withScheme(endpoint) : undefined,
      gln: gln?.text.trim(),
      ids: ids.length ? [...new Set(ids)] : undefined,
      address: address
        ? {
            lines: lines.length ? lines : undefined,
            city: q.text(address, 'ram:CityName'),
            postalCode: q.text(address, 'ram:PostcodeCode'),
            countryCode: q.text(address, 'ram:CountryID'),
          }
        : undefined,
    };
  };
}

/** A ram:PayeePartyCreditorFinancialAccount (+ the means' institution) as a bank account reference. */
export function ciiAccountMapper(ns: Namespaces) {
  const q = xmlQuery(ns);
  return function mapCiiAccount(means: XmlElement): BankAccountRef | undefined {
    const account = q.one(means, 'ram:PayeePartyCreditorFinancialAccount');
    const iban = q.text(account, 'ram:IBANID')?.replace(/\s+/g, '');
    const number = q.text(account, 'ram:ProprietaryID')?.replace(/\s+/g, '');
    if (!iban && !number) return undefined;
    return {
      ...(iban ? { iban } : { number }),
      bic: bicOrUndefined(q.text(means, 'ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID')),
      name: q.text(account, 'ram:AccountName'),
    };
  };
}
