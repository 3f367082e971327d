import type { CodegenOutcome } from './codegen.ts';

/** A rule that kept its closures because code generation failed (see `EngineOptions.onCodegenFallback`). */
export interface CodegenFallback {
  /** Content hash of the rule (`compile(rule).hash`). */
  readonly hash: string;
  /** `generate`: building the source threw (a bug); `new-function`: the platform refused or rejected it (CSP, syntax). */
  readonly stage: 'generate' | 'new-function';
  readonly message: string;
  readonly error: unknown;
}

/** Per-engine counts of code generation outcomes and the listeners told about fallbacks. */
export class CodegenReport {
  #generated = 0;
  #notNeeded = 0;
  #fallbacks = 0;
  readonly #listeners = new Set<(event: CodegenFallback) => void>();

  listen(listener: (event: CodegenFallback) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): { readonly generated: number; readonly notNeeded: number; readonly fallbacks: number } {
    return { generated: this.#generated, notNeeded: this.#notNeeded, fallbacks: this.#fallbacks };
  }

  record(outcome: CodegenOutcome, hash: string): void {
    if (outcome.kind === 'generated') this.#generated++;
    else if (outcome.kind === 'not-needed') this.#notNeeded++;
    else {
      this.#fallbacks++;
      const { stage, error } = outcome;
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      for (const listener of this.#listeners) {
        try {
          listener({ hash, stage, message, error });
        } catch {
          // a failing listener must not fail the compile
        }
      }
    }
  }
}
