export { compileModel } from './compile.ts';
export type { CompiledModel, CompileTarget } from './compile.ts';
export { createOptimizer, learningRateOf } from './optimizer.ts';
export { summarizeModel } from './summary.ts';
export type { LayerSummary } from './summary.ts';
export { ModelError } from './errors.ts';
