/**
 * Runs `task` on every item, at most `limit` at a time, in order, and returns one promise per item. A rejection is
 * kept for whoever awaits that item's promise, not reported as unhandled while earlier items are still awaited.
 */
export function runPooled<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  const settlers: { resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  const promises = items.map(() => new Promise<R>((resolve, reject) => settlers.push({ resolve, reject })));
  for (const promise of promises) promise.catch(() => undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        settlers[i]!.resolve(await task(items[i]!));
      } catch (error) {
        settlers[i]!.reject(error);
      }
    }
  };
  for (let w = 0; w < Math.min(limit, items.length); w++) void worker();
  return promises;
}
