// Runs work items with at most `slots` at once, in order of start; an item that must run alone waits for the others
// to end and holds every slot while it runs.

export interface PoolOptions<T> {
  slots: number;
  alone(item: T): boolean;
  /** Checked before each start: once true, nothing more starts. */
  stopped(): boolean;
}

export async function runPool<T>(
  items: readonly T[],
  options: PoolOptions<T>,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  const slots = Math.max(1, options.slots);
  let failure: { error: unknown } | undefined;
  for (const [index, item] of items.entries()) {
    const alone = options.alone(item);
    while (running.size >= (alone ? 1 : slots)) await Promise.race(running);
    if (failure || options.stopped()) break;
    const started: Promise<void> = work(item, index)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(started));
    running.add(started);
    if (alone) await started;
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
