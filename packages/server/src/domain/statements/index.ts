export {
  customerStatement,
  type Statement,
  type StatementInput,
  type StatementLine,
  type StatementSection,
} from './statement.ts';
export { statementPdf } from './pdf.ts';
export { statementWords, statementLabel, type StatementLang } from './words.ts';
