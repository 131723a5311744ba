// Worker threads run TypeScript sources like the CLI does: register tsx, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
