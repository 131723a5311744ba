// The command line checked before a command runs, so a typo is a user error that names the option, suggests the
// closest one and shows the command's usage, never cac's own error (which would read as a bug in tfyaml).
import type { CAC, Command } from 'cac';
import { didYouMean } from '@tfyaml/spec-schema';
import { UsageError } from './errors.ts';

type Parsed = Pick<CAC, 'name' | 'commands' | 'globalCommand' | 'args' | 'options' | 'matchedCommand'>;

/** Throws a UsageError for an unknown command or option, a missing argument or value, or an argument too many. */
export function checkUsage(cli: Parsed): void {
  const command = cli.matchedCommand;
  if (!command) return checkNoCommand(cli);
  checkOptions(cli, command);
  const usage = usageOf(cli, command);
  const required = command.args.filter((arg) => arg.required);
  if (cli.args.length < required.length) {
    const missing = required
      .slice(cli.args.length)
      .map((arg) => `<${arg.value}>`)
      .join(' ');
    throw new UsageError(`${command.name} needs ${missing}`, usage, `e.g. ${cli.name} ${command.rawName}`);
  }
  const empty = cli.args.findIndex((arg) => arg === '');
  if (empty >= 0 && empty < command.args.length) {
    throw new UsageError(
      `${command.name}: <${command.args[empty]!.value}> is empty`,
      usage,
      `e.g. ${cli.name} ${command.rawName}`,
    );
  }
  const takes = command.args.length;
  if (cli.args.length > takes) {
    const extra = cli.args
      .slice(takes)
      .map((arg) => `"${arg}"`)
      .join(', ');
    throw new UsageError(
      `${command.name} takes ${takes} argument${takes === 1 ? '' : 's'}; unexpected ${extra}`,
      usage,
      'quote a path with spaces; options start with --',
    );
  }
}

/** mri reads `--out 2024` as a number; every command expects text. */
export function valuesAsText(cli: Pick<CAC, 'args' | 'options'>): void {
  const text = (value: unknown) => (typeof value === 'number' ? String(value) : value);
  cli.args.forEach((arg, i) => {
    (cli.args as unknown[])[i] = String(arg);
  });
  for (const [key, value] of Object.entries(cli.options)) {
    if (key !== '--') cli.options[key] = Array.isArray(value) ? value.map(text) : text(value);
  }
}

function checkNoCommand(cli: Parsed): void {
  const [first] = cli.args;
  if (first === undefined) return checkOptions(cli, cli.globalCommand);
  const names = cli.commands.map((c) => c.name);
  const close = didYouMean(String(first), names);
  const hint = close
    ? `did you mean "${close}"?`
    : /\.ya?ml$/.test(String(first))
      ? `to train it: ${cli.name} run ${first}`
      : `commands: ${names.join(', ')}`;
  throw new UsageError(`unknown command "${first}"`, usageOf(cli), hint);
}

function checkOptions(cli: Parsed, command: Command): void {
  const known = [...command.options, ...cli.globalCommand.options];
  for (const [key, value] of Object.entries(cli.options)) {
    if (key === '--') continue;
    const option = known.find((o) => o.names.includes(key.split('.', 1)[0]!));
    if (!option)
      throw unknownOption(
        cli,
        command,
        key,
        known.map((o) => o.name),
      );
    const values = [value].flat();
    const flag = flagOf(option.name);
    // mri reads `--set.x 3` as { x: 3 }: a dotted suffix names no option of ours.
    const nested = values.find((v): v is object => typeof v === 'object' && v !== null);
    if (nested) {
      const example = `${option.rawName.replace(/ .*/, '')} ${Object.keys(nested)[0]}=…`;
      throw new UsageError(
        `${flag}.${Object.keys(nested)[0]} is not an option`,
        usageOf(cli, command),
        `did you mean ${example}?`,
      );
    }
    if (option.required && values.some((v) => typeof v === 'boolean')) {
      const example = `e.g. ${cli.name} ${command.rawName} ${option.rawName}`;
      throw new UsageError(`${flag} needs a value`, usageOf(cli, command), example);
    }
    // An option may be given twice only where its help says so; a second --out would otherwise reach code as a list.
    if (values.length > 1 && !/\(repeatable\b/.test(option.description)) {
      throw new UsageError(`${flag} is given ${values.length} times`, usageOf(cli, command), 'give it once');
    }
  }
}

function unknownOption(cli: Parsed, command: Command, key: string, names: string[]): UsageError {
  const close = didYouMean(key, names);
  const where = command === cli.globalCommand ? cli.name : `${cli.name} ${command.name}`;
  const takes = `${where} takes ${names.map(flagOf).join(', ')}`;
  const hint = close
    ? `did you mean ${flagOf(close)}?`
    : names.includes('set')
      ? `spec values are changed with --set, e.g. --set training.epochs=3; ${takes}`
      : takes;
  return new UsageError(`unknown option ${flagOf(key)} for ${where}`, usageOf(cli, command), hint);
}

/** cac's names are camelCase (`maxEpochs`); the user typed kebab-case (`--max-epochs`). */
function flagOf(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The usage line and options of a command, or the command list: what `--help` prints, in short. */
export function usageOf(cli: Parsed, command?: Command): string {
  const table = (rows: [string, string][]) => {
    const width = Math.max(...rows.map(([name]) => name.length));
    return rows.map(([name, description]) => `  ${name.padEnd(width)}  ${description}`);
  };
  if (!command || command === cli.globalCommand) {
    const commands = table(cli.commands.map((c) => [c.rawName, c.description]));
    const more = `Run ${cli.name} <command> --help for its options.`;
    return [`Usage: ${cli.name} <command> [options]`, 'Commands:', ...commands, more].join('\n');
  }
  const options = [...command.options, ...cli.globalCommand.options.filter((o) => o.name === 'help')];
  const rows = table(options.map((o) => [o.rawName, o.description]));
  return [`Usage: ${cli.name} ${command.rawName} [options]`, 'Options:', ...rows].join('\n');
}
