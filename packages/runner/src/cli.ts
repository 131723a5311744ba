// The `tfyaml` command line. Each command's module is imported only when it runs, so `--help` never loads TensorFlow.
import { cac } from 'cac';
import { loadSpec } from '@tfyaml/spec-schema';
import { overridesOf, listOf, type RunFlags } from './commands/flags.ts';
import { checkOutDir, checkOutFile } from './commands/out-dir.ts';
import { isSweepFolder } from './commands/resume-kind.ts';
import type { WorkerFlags } from './commands/worker.ts';
import { UsageError } from './errors.ts';
import { reportError } from './exit.ts';
import { checkUsage, usageOf, valuesAsText } from './usage-check.ts';
import { TFYAML_VERSION } from './version.ts';

const BACKEND_HELP = 'auto | tensorflow | native | wasm | cpu';

export function createCli() {
  const cli = cac('tfyaml');
  cli
    .command('run [file]', 'Train the experiment described by a YAML file (a file with a sweep: block runs its sweep)')
    .option('--set <path=value>', 'Override a spec value, e.g. --set training.epochs=1 (repeatable)')
    .option('--backend <name>', `${BACKEND_HELP} (overrides the spec)`)
    .option('--out <dir>', 'Results root: the run goes to <dir>/<name>/<run id>/', { default: 'results' })
    .option('--resume <dir>', 'Continue the interrupted run, or sweep, in this folder from its last finished epoch')
    .example('tfyaml run experiments/cifar.yaml --set training.epochs=1')
    .example('tfyaml run --resume results/cifar/20261126-083012')
    .action(async (file: string | undefined, flags: RunFlags) => {
      if (flags.resume !== undefined && !isSweepFolder(flags.resume)) {
        const { resumeCommand } = await import('./commands/run-command.ts');
        return resumeCommand(file, flags.resume, flags);
      }
      if (flags.resume !== undefined) {
        const { sweepCommand } = await import('./sweep/command.ts');
        return sweepCommand(file, flags);
      }
      if (file === undefined)
        throw new UsageError(
          'run needs <file>',
          usageOf(cli, cli.matchedCommand),
          'e.g. tfyaml run experiments/cifar.yaml',
        );
      checkOutDir(flags.out);
      // Loaded once, here: a sweep block decides which command runs, and that command takes the spec as loaded.
      const loaded = loadSpec(file, { overrides: overridesOf(flags) });
      // A single run does not load the sweep scheduler.
      if (loaded.spec.sweep) {
        const { sweepCommand } = await import('./sweep/command.ts');
        return sweepCommand(loaded, flags);
      }
      const { runCommand } = await import('./commands/run-command.ts');
      return runCommand(loaded, flags);
    });
  cli
    .command(
      'sweep [file] [id]',
      "Run the trials of a file's sweep: block in parallel, or continue an interrupted sweep; " +
        'sweep status|pull|cancel <id> for a --distributed one',
    )
    .option('--set <path=value>', 'Override a spec value, e.g. --set sweep.workers=2 (repeatable)')
    .option('--backend <name>', `${BACKEND_HELP} (overrides the spec)`)
    .option('--out <dir>', 'Results root: the sweep goes to <dir>/<name>/<sweep id>/', { default: 'results' })
    .option('--resume <dir>', 'Continue the sweep in this folder: recorded trials are kept, interrupted ones run again')
    .option('--trials <n>', 'With --resume: raise the trial budget to n (a finished sweep runs the trials it lacks)')
    .option('--distributed', 'Store the sweep in Redis and enqueue its trials for tfyaml worker on any machine')
    .option(
      '--queue <url>',
      `The Redis of a distributed sweep: redis://[user:pass@]host:6379 or rediss:// (default $TFYAML_QUEUE)`,
    )
    .example('tfyaml sweep --resume results/cifar-sweep/20261126-083012 --trials 40')
    .action(
      async (
        file: string | undefined,
        id: string | undefined,
        flags: RunFlags & { distributed?: boolean; queue?: string; trials?: string },
      ) => {
        const { distributedSweepCommand, isSweepAction } = await import('./sweep/distributed/command.ts');
        if (flags.distributed || isSweepAction(file)) return distributedSweepCommand(file, id, flags);
        if (id !== undefined)
          throw new UsageError(
            `sweep takes 1 argument; unexpected "${id}"`,
            'tfyaml sweep [file]',
            'quote a path with spaces',
          );
        if (flags.resume === undefined) checkOutDir(flags.out);
        const { sweepCommand } = await import('./sweep/command.ts');
        return sweepCommand(file, flags);
      },
    );
  cli
    .command(
      'worker',
      'Run trials of distributed sweeps from the Redis queue (--queue or $TFYAML_QUEUE), on this machine',
    )
    .option('--slots <n>', 'Trials at a time', { default: '1' })
    .option('--sweep <id>', "Only this sweep's trials")
    .option('--until-empty', 'Exit once no trial is left to run')
    .option('--out <dir>', 'Results root: trials go to <dir>/<name>/<sweep id>/trials/<n>/', { default: 'results' })
    .option('--artifacts <dir>', "Copy each trial's model to this shared folder")
    .option('--lock <seconds>', 'A worker silent this long (killed, stopped) loses its trials to others', {
      default: '30',
    })
    .option('--redis-timeout <seconds>', 'Redis unreachable this long: stop the trials and exit 1', { default: '60s' })
    .option('--queue <url>', 'redis://[user:pass@]host:6379 or rediss:// (default $TFYAML_QUEUE)')
    .example('tfyaml worker --slots 2 --queue redis://10.0.0.5:6379')
    .action(async (flags: WorkerFlags) => {
      const { workerCommand } = await import('./commands/worker.ts');
      return workerCommand(flags);
    });
  cli
    .command(
      'evaluate <run-dir>',
      'Measure a trained run on its test split (or --data), with confusion matrix and predictions',
    )
    .option(
      '--data <path>',
      'Labelled data instead: a csv file, a folder <class>/*.png, or the folder of a named dataset',
    )
    .option('--backend <name>', `${BACKEND_HELP} (default: the run's)`)
    .option('--out <dir>', 'Where metrics.json, confusion.csv and predictions.csv go (default <run-dir>/evaluation)')
    .action(async (dir: string, flags: { data?: string; backend?: string; out?: string }) => {
      if (flags.out !== undefined) checkOutDir(flags.out);
      const { evaluateRun } = await import('./commands/evaluate.ts');
      await evaluateRun(dir, flags);
      return 0;
    });
  cli
    .command('predict <run-dir> <input>', 'Predict with a trained run: a csv file, an image, or a folder of images')
    .option('--backend <name>', `${BACKEND_HELP} (default: the run's)`)
    .option('--out <file>', 'The predictions file (default <run-dir>/predictions.csv)')
    .example('tfyaml predict results/penguins/20261126-083012 new-penguins.csv')
    .action(async (dir: string, input: string, flags: { backend?: string; out?: string }) => {
      if (flags.out !== undefined) checkOutFile(flags.out);
      const { predictRun } = await import('./commands/predict.ts');
      await predictRun(dir, input, flags);
      return 0;
    });
  cli
    .command('check <file>', 'Validate an experiment and print its model summary, without loading data or training')
    .option('--set <path=value>', 'Override a spec value (repeatable)')
    .action(async (file: string, flags: { set?: string | string[] }) => {
      const { checkCommand } = await import('./commands/check.ts');
      return checkCommand(file, listOf(flags.set));
    });
  cli
    .command('render <file>', 'Print the resolved spec (extends, defaults and --set applied) as YAML')
    .option('--set <path=value>', 'Override a spec value (repeatable)')
    .action(async (file: string, flags: { set?: string | string[] }) => {
      const { renderCommand } = await import('./commands/render.ts');
      return renderCommand(file, listOf(flags.set));
    });
  cli
    .command('report <dir>', 'Write report.html for a run or sweep folder: one offline file with charts and tables')
    .option('--format <svg|png>', 'Also write each chart as charts/<name>.svg or .png (repeatable, or svg,png)')
    .example('tfyaml report results/quickstart/20261126-083012 --format svg,png')
    .action(async (dir: string, flags: { format?: string | string[] }) => {
      const { reportCommand } = await import('./report/command.ts');
      return reportCommand(dir, flags);
    });
  cli.help();
  cli.version(TFYAML_VERSION);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  const cli = createCli();
  try {
    cli.parse(argv, { run: false });
    if (cli.options['help'] || cli.options['version']) return 0; // cac printed them
    valuesAsText(cli);
    checkUsage(cli);
    if (!cli.matchedCommand) {
      cli.outputHelp();
      return 0;
    }
    return (await cli.runMatchedCommand()) as number;
  } catch (error) {
    return reportError(error);
  }
}
