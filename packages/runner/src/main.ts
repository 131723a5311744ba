import { main } from './cli.ts';
import { reportError } from './exit.ts';
import { asDiskError } from './results/disk-error.ts';

const code = await main(process.argv);
// `tfyaml render exp.yaml > file` on a full disk: stdout's write fails without throwing, and the exit below would
// come before its error event, so the lost output would end in exit 0. Other stdout errors (EPIPE) stay quiet.
const lost = asDiskError(process.stdout.errored, 'standard output');
process.exit(lost ? reportError(lost) : code);
