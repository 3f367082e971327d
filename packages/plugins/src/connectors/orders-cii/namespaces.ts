/** Order-X (FNFE-MPE / FeRD) = UN/CEFACT SCRDM CCBDA "CIO" order message. */
export const ORDERX_RSM_NS = 'urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100';
/** Order-X uses the D20B-era `:128` RAM/UDT namespaces; the invoice-era `:100` ones are accepted too. */
export const ramVersions = ['128', '100'] as const;

export const orderxNamespaces = (version: string) => ({
  rsm: ORDERX_RSM_NS,
  ram: `urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:${version}`,
  udt: `urn:un:unece:uncefact:data:standard:UnqualifiedDataType:${version}`,
  qdt: `urn:un:unece:uncefact:data:standard:QualifiedDataType:${version}`,
});
