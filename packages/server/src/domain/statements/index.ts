export {
  customerStatement,
  type Statement,
  type StatementInput,
  type StatementLine,
  type StatementSection,
} from './statement.ts';
