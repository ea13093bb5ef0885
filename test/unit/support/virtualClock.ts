import type { Clock } from '../../../nodes/shared/core/time';
import { CancelledError } from '../../../nodes/shared/core/time';

export interface VirtualClockOptions {
	/** Time at creation (ms); 0 by default. Engine runs start at the wall clock's now, so dates read sensibly. */
	start?: number;
	/**
	 * Turns of the event loop that must pass with nothing held (and, when `watchIo`, no file or DNS
	 * request pending) before time jumps. One is enough when every waiter is in memory.
	 */
	settleTurns?: number;
	/** Also wait for pending file-system, DNS and connect requests of the process before time jumps. */
	watchIo?: boolean;
	/**
	 * Wake every timer due at the same time together, as the wall clock would, instead of one per turn:
	 * with HTTP holding the clock, one per turn would send their requests one after another.
	 */
	wakeTogether?: boolean;
}

interface Timer {
	at: number;
	order: number;
	wake: () => void;
	cancel: () => void;
	signal?: AbortSignal;
}

/** Active requests of the process that are work in progress, not idle handles (sockets, servers, timers). */
const BUSY_RESOURCE = /^(FSReq|GetAddrInfo|GetNameInfo|TCPConnectWrap|PipeConnectWrap|Zlib|ShutdownWrap)/;

/**
 * A clock whose time moves only when every waiter is asleep: the earliest timer fires next and time
 * jumps to it. Waits take no real time and every run is the same. Work that runs outside the clock
 * (an HTTP exchange in flight) holds it (hold()), so time does not jump while an answer is on its way.
 */
export class VirtualClock implements Clock {
	private time: number;

	private timers: Timer[] = [];

	private bySignal = new WeakMap<AbortSignal, Set<Timer>>();

	private order = 0;

	private scheduled = false;

	private holds = 0;

	private readonly settleTurns: number;

	private readonly watchIo: boolean;

	private readonly wakeTogether: boolean;

	constructor(options: VirtualClockOptions = {}) {
		this.time = options.start ?? 0;
		this.settleTurns = Math.max(1, options.settleTurns ?? 1);
		this.watchIo = options.watchIo ?? false;
		this.wakeTogether = options.wakeTogether ?? false;
	}

	now(): number {
		return this.time;
	}

	pause(ms: number, signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) return Promise.reject(new CancelledError());
		return new Promise<void>((resolve, reject) => {
			const timer = { at: this.time + Math.max(0, ms), order: this.order++, wake: resolve, cancel: () => reject(new CancelledError()), signal };
			this.timers.push(timer);
			if (signal) this.waitersOf(signal).add(timer);
			this.schedule();
		});
	}

	/**
	 * The timers waiting under one signal. One abort listener per signal however many waits share it
	 * (hundreds of items sleep on one execution's signal), and a fired timer leaves the set.
	 */
	private waitersOf(signal: AbortSignal): Set<Timer> {
		let waiters = this.bySignal.get(signal);
		if (!waiters) {
			const set = new Set<Timer>();
			waiters = set;
			this.bySignal.set(signal, set);
			signal.addEventListener(
				'abort',
				() => {
					this.timers = this.timers.filter((t) => !set.has(t));
					for (const timer of set) timer.cancel();
					set.clear();
				},
				{ once: true },
			);
		}
		return waiters;
	}

	/** Keeps time still until the returned release is called (once; later calls do nothing). */
	hold(): () => void {
		this.holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.holds--;
			if (this.holds === 0) this.schedule();
		};
	}

	/**
	 * Waits `ms` from inside held work (the emulator answering a request the client holds the clock
	 * for): the hold is set aside while it sleeps, so time can reach its end.
	 */
	async sleepWhileHeld(ms: number): Promise<void> {
		this.holds--;
		try {
			await this.pause(ms);
		} finally {
			this.holds++;
		}
	}

	/** Pending timers (a test can see that nothing is left waiting). */
	get pending(): number {
		return this.timers.length;
	}

	private settled(): boolean {
		if (this.holds > 0) return false;
		if (!this.watchIo) return true;
		return !process.getActiveResourcesInfo().some((name) => BUSY_RESOURCE.test(name));
	}

	/** Fires the earliest timer once the current turn of work has settled. */
	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		let quiet = 0;
		const turn = () => {
			if (this.timers.length === 0) {
				this.scheduled = false;
				return;
			}
			if (!this.settled()) {
				// Held: the release schedules again. Busy with I/O: look again shortly.
				quiet = 0;
				if (this.holds > 0) this.scheduled = false;
				else setTimeout(turn, 1);
				return;
			}
			if (++quiet < this.settleTurns) {
				setImmediate(turn);
				return;
			}
			this.scheduled = false;
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const at = this.timers[0].at;
			const due = this.wakeTogether ? this.timers.filter((t) => t.at === at) : [this.timers[0]];
			this.timers = this.timers.slice(due.length);
			this.time = Math.max(this.time, at);
			for (const next of due) {
				if (next.signal) this.bySignal.get(next.signal)?.delete(next);
				next.wake();
			}
			if (this.timers.length > 0) this.schedule();
		};
		setImmediate(turn);
	}
}
