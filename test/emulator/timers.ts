/** Delays that close() can cancel, so no timer outlives the emulator. */
export class Delays {
	private pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const item = {
				timer: setTimeout(() => {
					this.pending.delete(item);
					resolve();
				}, ms),
				resolve,
			};
			this.pending.add(item);
		});
	}

	/** Cancels all delays; their promises stay unresolved (the sockets are destroyed anyway). */
	cancelAll(): void {
		for (const item of this.pending) clearTimeout(item.timer);
		this.pending.clear();
	}
}
