export { parseCamt, countCamtEntries, camtConfigSchema, type CamtConfig } from './parse-camt.ts';
export { checkNamespace, camtMessages, supportedVersions, type CamtMessage } from './namespace.ts';
export { mapEntry, type LineDraft } from './entry.ts';
