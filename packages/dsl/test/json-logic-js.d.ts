// Minimal typings for the json-logic-js dev dependency (differential tests and benchmark).
declare module 'json-logic-js' {
  const jsonLogic: {
    apply(rule: unknown, data?: unknown): unknown;
    add_operation(name: string, fn: (...args: never[]) => unknown): void;
    rm_operation(name: string): void;
    truthy(v: unknown): boolean;
  };
  export default jsonLogic;
}
