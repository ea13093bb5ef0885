/**
 * The emulator's time. By default the wall clock; a test that runs the nodes on a virtual clock
 * installs the same clock here (useEmulatorClock), so task lifecycles, QPS windows, latencies and the
 * request log's times all move with the nodes' waits, and a run's schedule can be asserted exactly.
 */
export interface EmulatorClock {
	now(): number;
	/** Waits `ms` of the clock's time while a request is being answered. */
	sleep(ms: number): Promise<void>;
}

let installed: EmulatorClock | undefined;

/** Drives every emulator in this process by `clock` (undefined: the wall clock again). */
export function useEmulatorClock(clock: EmulatorClock | undefined): void {
	installed = clock;
}

/** Now, in the emulator's time. */
export function emulatorNow(): number {
	return installed ? installed.now() : Date.now();
}

/** Delays that close() can cancel, so no timer outlives the emulator. */
export class Delays {
	private pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	/** A delay in the emulator's time (latencies of the service). */
	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return installed ? installed.sleep(ms) : this.realSleep(ms);
	}

	/**
	 * A delay in real time, whatever clock drives the emulator: a slow answer is there to outlast the
	 * client's Request Timeout, which is n8n's HTTP client's own real timer.
	 */
	realSleep(ms: number): Promise<void> {
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
