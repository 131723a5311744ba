// `tfyaml report <run-or-sweep-dir> [--format svg|png]`: (re)writes report.html and, if asked, each chart as a file.
import { join } from 'node:path';
import { RunError } from '../errors.ts';
import { CHART_FORMATS, type ChartFormat } from './chart-files.ts';
import { writeReport } from './write.ts';

export interface ReportFlags {
  format?: string | string[];
}

export function reportCommand(dir: string, flags: ReportFlags): number {
  const written = writeReport(dir, { formats: parseFormats(flags.format) });
  process.stdout.write(`${written.kind} report: ${written.path} (${(written.bytes / 1024).toFixed(0)} KiB)\n`);
  if (written.charts.length) process.stdout.write(`${written.charts.length} chart files in ${join(dir, 'charts')}/\n`);
  return 0;
}

/** `--format svg`, `--format svg,png` or `--format svg --format png`. */
export function parseFormats(value: string | string[] | undefined): ChartFormat[] {
  const names = [value ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  const unknown = names.filter((n) => !(CHART_FORMATS as readonly string[]).includes(n));
  if (unknown.length)
    throw new RunError(
      `--format ${unknown.join(',')}: unknown chart format`,
      `use ${CHART_FORMATS.join(' or ')}, e.g. --format svg,png`,
    );
  return [...new Set(names)] as ChartFormat[];
}
