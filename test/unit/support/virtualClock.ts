import type { Clock } from '../../../nodes/shared/core/time';
import { CancelledError } from '../../../nodes/shared/core/time';

/**
 * A clock whose time moves only when every waiter is asleep: the earliest timer fires next and time
 * jumps to it. Waits take no real time and every run is the same.
 */
export class VirtualClock implements Clock {
	private time = 0;

	private timers: Array<{ at: number; order: number; wake: () => void }> = [];

	private order = 0;

	private scheduled = false;

	now(): number {
		return this.time;
	}

	pause(ms: number, signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) return Promise.reject(new CancelledError());
		return new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.timers = this.timers.filter((t) => t !== timer);
				reject(new CancelledError());
			};
			// A fired timer lets go of the signal, so a long wait does not pile up listeners on it.
			const wake = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			const timer = { at: this.time + Math.max(0, ms), order: this.order++, wake };
			this.timers.push(timer);
			signal?.addEventListener('abort', onAbort, { once: true });
			this.schedule();
		});
	}

	/** Fires the earliest timer once the current turn of work has settled. */
	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => {
			this.scheduled = false;
			if (this.timers.length === 0) return;
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const next = this.timers.shift()!;
			this.time = Math.max(this.time, next.at);
			next.wake();
			if (this.timers.length > 0) this.schedule();
		});
	}
}
