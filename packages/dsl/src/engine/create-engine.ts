import { builtinOps } from '../ops/index.ts';
import { EngineCore, type EngineOptions } from './engine.ts';

export type Engine = EngineCore;

/** Build an engine with its own operation registry (built-in ops unless `options.ops` is given). */
export function createEngine(options: EngineOptions = {}): Engine {
  const engine = new EngineCore(options);
  engine.ops.register(...(options.ops ?? builtinOps()));
  return engine;
}
