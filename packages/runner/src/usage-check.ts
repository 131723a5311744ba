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
  const required = command.args.filter((arg) => arg.required);
  if (cli.args.length < required.length) {
    const missing = required.slice(cli.args.length).map((arg) => `<${arg.value}>`).join(' ');
    throw new UsageError(`${command.name} needs ${missing}`, usageOf(cli, command), `e.g. ${cli.name} ${command.rawName}`);
  }
  if (cli.args.length > command.args.length) {
    const extra = cli.args.slice(command.args.length).map((arg) => `"${arg}"`).join(', ');
    throw new UsageError(`${command.name} takes ${command.args.length} argument${command.args.length === 1 ? '' : 's'}; unexpected ${extra}`,
      usageOf(cli, command), 'quote a path with spaces; options start with --');
  }
}

/** mri reads `--out 2024` as a number; every command expects text. */
export function valuesAsText(cli: Pick<CAC, 'args' | 'options'>): void {
  cli.args.forEach((arg, i) => { (cli.args as unknown[])[i] = String(arg); });
  for (const [key, value] of Object.entries(cli.options)) {
    if (key !== '--' && typeof value === 'number') cli.options[key] = String(value);
    if (Array.isArray(value) && key !== '--') cli.options[key] = value.map((v) => (typeof v === 'number' ? String(v) : v));
  }
}

function checkNoCommand(cli: Parsed): void {
  const [first] = cli.args;
  const names = cli.commands.map((c) => c.name);
  if (first !== undefined) {
    const close = didYouMean(String(first), names);
    const hint = close ? `did you mean "${close}"?` : /\.ya?ml$/.test(String(first)) ? `to train it: ${cli.name} run ${first}` : `commands: ${names.join(', ')}`;
    throw new UsageError(`unknown command "${first}"`, usageOf(cli), hint);
  }
  checkOptions(cli, cli.globalCommand);
}

function checkOptions(cli: Parsed, command: Command): void {
  const known = [...command.options, ...cli.globalCommand.options];
  for (const [key, value] of Object.entries(cli.options)) {
    if (key === '--') continue;
    const option = known.find((o) => o.names.includes(key.split('.', 1)[0]!));
    if (!option) throw unknownOption(cli, command, key, known.map((o) => o.name));
    const values = [value].flat();
    if (option.required && values.some((v) => typeof v === 'boolean')) {
      throw new UsageError(`${flagOf(option.name)} needs a value`, usageOf(cli, command), `e.g. ${cli.name} ${command.rawName} ${option.rawName}`);
    }
    // An option may be given twice only where its help says so; a second --out would otherwise reach code as a list.
    if (values.length > 1 && !/\(repeatable\b/.test(option.description)) {
      throw new UsageError(`${flagOf(option.name)} is given ${values.length} times`, usageOf(cli, command), 'give it once');
    }
  }
}

function unknownOption(cli: Parsed, command: Command, key: string, names: string[]): UsageError {
  const flag = flagOf(key);
  const close = didYouMean(key, names);
  const where = command === cli.globalCommand ? cli.name : `${cli.name} ${command.name}`;
  const hint = close ? `did you mean ${flagOf(close)}?`
    : names.includes('set') ? `spec values are changed with --set, e.g. --set training.epochs=3; ${where} takes ${names.map(flagOf).join(', ')}`
      : `${where} takes ${names.map(flagOf).join(', ')}`;
  return new UsageError(`unknown option ${flag} for ${where}`, usageOf(cli, command), hint);
}

/** cac's names are camelCase (`maxEpochs`); the user typed kebab-case (`--max-epochs`). */
function flagOf(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The usage line and options of a command, or the command list: what `--help` prints, in short. */
export function usageOf(cli: Parsed, command?: Command): string {
  if (!command || command === cli.globalCommand) {
    const width = Math.max(...cli.commands.map((c) => c.rawName.length));
    return [`Usage: ${cli.name} <command> [options]`, 'Commands:', ...cli.commands.map((c) => `  ${c.rawName.padEnd(width)}  ${c.description}`),
      `Run ${cli.name} <command> --help for its options.`].join('\n');
  }
  const options = [...command.options, ...cli.globalCommand.options.filter((o) => o.name === 'help')];
  const width = Math.max(...options.map((o) => o.rawName.length));
  return [`Usage: ${cli.name} ${command.rawName} [options]`, 'Options:', ...options.map((o) => `  ${o.rawName.padEnd(width)}  ${o.description}`)].join('\n');
}
