// A sweep trial's process runs TypeScript sources like the CLI does: register tsx, then load the trial.
import { register } from 'tsx/esm/api';

// Without the sweep nobody records this trial (a resumed sweep runs it again), so end with it. Registered before
// the slow imports: a sweep killed while this process starts up must not leave it training on its own.
process.on('disconnect', () => process.exit(1));
register();
await import('./trial-main.ts');
