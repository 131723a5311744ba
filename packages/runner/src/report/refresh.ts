// The report written as a side effect (end of a run, after each sweep trial): a report that cannot be written is a
// warning, never a failed run. Imported lazily, so a run loads ECharts only when it has something to draw.

export async function refreshReport(dir: string, warn: (message: string) => void): Promise<void> {
  try {
    const { writeReport } = await import('./write.ts');
    writeReport(dir);
  } catch (error) {
    warn(`⚠ report.html not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
