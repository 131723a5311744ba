// Numbers and durations as people read them in a report.

/** Four significant digits, no trailing zeros, exponent only for very small or large values: 0.8123, 1.2e-5. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)
    ? value.toExponential(2)
    : String(Number(value.toPrecision(4)));
}

/** 0.4 s, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** 1796, 1,234,567: parameter counts. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? '' : value.toLocaleString('en-US');
}
