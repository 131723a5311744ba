// The flags of `tfyaml run` and `tfyaml sweep` as the CLI hands them to the commands.

export interface RunFlags {
  set?: string | string[];
  backend?: string;
  out: string;
  resume?: string;
}

/** `--set` given once is a string, given twice a list: always a list here. */
export const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

/** --set values, then --backend as one more override: validated and recorded with the spec like any other. */
export function overridesOf(flags: Pick<RunFlags, 'set' | 'backend'>): string[] {
  return [...listOf(flags.set), ...(flags.backend ? [`backend=${flags.backend}`] : [])];
}
