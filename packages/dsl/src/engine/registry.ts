import { isOp } from './define-op.ts';
import type { OpDescriptor } from './types.ts';

/** Operations known to one engine. Names are looked up in a Map, never on an object prototype. */
export class OpRegistry {
  readonly #ops = new Map<string, OpDescriptor>();
  #version = 0;

  register(...ops: OpDescriptor[]): this {
    for (const op of ops) {
      if (!isOp(op)) throw new TypeError('register: not an op descriptor (use defineOp)');
      if (this.#ops.has(op.name)) throw new Error(`register: operation "${op.name}" is already registered`);
      this.#ops.set(op.name, op);
      this.#version++;
    }
    return this;
  }

  get(name: string): OpDescriptor | undefined {
    return this.#ops.get(name);
  }

  has(name: string): boolean {
    return this.#ops.has(name);
  }

  list(): OpDescriptor[] {
    return [...this.#ops.values()];
  }

  /** Changes whenever an op is registered; part of the compile cache key. */
  get version(): number {
    return this.#version;
  }
}
