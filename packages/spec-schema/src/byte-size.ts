// Memory sizes as people write them: "8GB", "512 MiB", "1.5tb", or a plain number of bytes.

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The schema's pattern for a size with a unit; `parseByteSize` reads what it accepts. */
export const BYTE_SIZE_PATTERN = '^[0-9]+(\\.[0-9]+)?\\s*([kKmMgGtT][iI]?)?[bB]$';

/** Bytes in `size`: a number is bytes already; a string must match BYTE_SIZE_PATTERN (the schema checked it). */
export function parseByteSize(size: number | string): number {
  if (typeof size === 'number') return size;
  const match = /^([0-9.]+)\s*(\w+)$/.exec(size);
  const unit = UNITS[match?.[2]?.toLowerCase() ?? ''];
  if (!match || unit === undefined) throw new Error(`parseByteSize: "${size}" does not match BYTE_SIZE_PATTERN`);
  return Math.round(Number(match[1]) * unit);
}

/** `12.3 GB`: three significant digits, decimal units, as disks and `free -h --si` show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) [value, unit] = [value / 1000, unit + 1];
  return `${unit === 0 ? value : Number(value.toPrecision(3))} ${units[unit]}`;
}
