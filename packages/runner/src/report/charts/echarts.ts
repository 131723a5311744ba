// ECharts from its single-file CommonJS bundle. The ESM entry loads some 700 modules: 1.2 s in plain Node here and
// 2.4 s under tsx, paid by every run that writes its report; the bundle loads in a fifth of that. Same library, same
// SSR renderer.
import { createRequire } from 'node:module';

export const echarts = createRequire(import.meta.url)('echarts') as typeof import('echarts');
