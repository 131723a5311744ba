import { main } from './cli.ts';

process.exit(await main(process.argv));
