import { afterAll } from 'vitest';
import { getDefaultEngine, type CodegenFallback } from '../../packages/dsl/src/index.ts';

/**
 * Run before every test file (vitest setupFiles): a rule that the default engine — the one the server and
 * the rules language's functions use — compiles to closures because code generation failed fails the file,
 * naming the rule's hash and why. Engines a test builds itself (e.g. to provoke a fallback) are not watched.
 */
const fallbacks: CodegenFallback[] = [];
const stop = getDefaultEngine().onCodegenFallback((e) => fallbacks.push(e));

afterAll(() => {
  stop();
  if (fallbacks.length)
    throw new Error(
      `code generation fell back to closures for ${fallbacks.length} rule(s) of this file: ` +
        fallbacks.map((e) => `${e.hash} (${e.stage}: ${e.message})`).join('; '),
    );
});
