// The `tfyaml` command line. Each command's module is imported only when it runs, so `--help` never loads TensorFlow.
import { cac } from 'cac';
import { reportError } from './report.ts';
import { TFYAML_VERSION } from './version.ts';

export interface RunFlags { set?: string | string[]; backend?: string; out: string }

/** `--set` given once is a string, given twice a list: always a list here. */
export const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

export function createCli() {
  const cli = cac('tfyaml');
  cli.command('run <file>', 'Train the experiment described by a YAML file')
    .option('--set <path=value>', 'Override a spec value, e.g. --set training.epochs=1 (repeatable)')
    .option('--backend <name>', 'auto | tensorflow | wasm | cpu (overrides the spec)')
    .option('--out <dir>', 'Results root: the run goes to <dir>/<name>/<run id>/', { default: 'results' })
    .example('tfyaml run experiments/cifar.yaml --set training.epochs=1')
    .action(async (file: string, flags: RunFlags) => {
      const { runCommand } = await import('./commands/run-command.ts');
      return runCommand(file, flags);
    });
  cli.command('check <file>', 'Validate an experiment and print its model summary, without loading data or training')
    .option('--set <path=value>', 'Override a spec value (repeatable)')
    .action(async (file: string, flags: { set?: string | string[] }) => {
      const { checkCommand } = await import('./commands/check.ts');
      return checkCommand(file, listOf(flags.set));
    });
  cli.command('render <file>', 'Print the resolved spec (extends, defaults and --set applied) as YAML')
    .option('--set <path=value>', 'Override a spec value (repeatable)')
    .action(async (file: string, flags: { set?: string | string[] }) => {
      const { renderCommand } = await import('./commands/render.ts');
      return renderCommand(file, listOf(flags.set));
    });
  cli.help();
  cli.version(TFYAML_VERSION);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  const cli = createCli();
  try {
    cli.parse(argv, { run: false });
    if (!cli.matchedCommand) {
      if (!cli.options['help'] && !cli.options['version']) {
        cli.outputHelp();
        return cli.args.length > 0 ? 1 : 0;
      }
      return 0;
    }
    return (await cli.runMatchedCommand()) as number;
  } catch (error) {
    return reportError(error);
  }
}
