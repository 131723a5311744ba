// Loaded with `node --import` in front of the CLI by the hostile corpus: writes the process' peak resident memory
// (kB, threads included) to $TFYAML_PEAK_RSS_FILE when it exits. Child processes do not inherit the variable, so a
// sweep's trials cannot overwrite the number (their own memory is not counted).
import { writeFileSync } from 'node:fs';

const file = process.env.TFYAML_PEAK_RSS_FILE;
delete process.env.TFYAML_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
