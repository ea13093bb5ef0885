/**
 * Engine-tier tests run on a virtual clock: the nodes' clock (nodes/shared/core/time), the emulator's
 * task lifecycles, latencies, QPS windows and request log, and the harness's cancel timer all read one
 * VirtualClock, so a run's schedule is the same on every machine and a wait of a minute takes none.
 * HTTP exchanges and pending file or DNS work hold it, so time only jumps when every waiter sleeps.
 *
 * A test whose name contains "realTime" (its own or a describe's) runs on the wall clock: those prove
 * the real primitive (n8n's sleep, a cancel that stops a real wait, a real Retry-After).
 */
import { installClock, realClock } from '../../../nodes/shared/core/time';
import { useEmulatorClock } from '../../emulator/timers';
import { VirtualClock } from '../../unit/support/virtualClock';
import { holdHttpFor } from './httpHold';

/** A time later than any earlier test's virtual time, so pacing state left in the process has lapsed. */
let lastTime = 0;
let current: VirtualClock | undefined;

export const REAL_TIME = /\brealTime\b/;

/** The virtual clock of the running test (undefined in a realTime test). */
export function virtualClock(): VirtualClock | undefined {
	return current;
}

beforeEach(() => {
	if (REAL_TIME.test(expect.getState().currentTestName ?? '')) return;
	const clock = new VirtualClock({ start: Math.max(Date.now(), lastTime + 60_000), settleTurns: 3, watchIo: true, wakeTogether: true });
	current = clock;
	installClock(clock);
	useEmulatorClock({ now: () => clock.now(), sleep: (ms) => clock.sleepWhileHeld(ms) });
	holdHttpFor(clock);
});

afterEach(() => {
	if (current) lastTime = current.now();
	current = undefined;
	installClock(realClock);
	useEmulatorClock(undefined);
	holdHttpFor(undefined);
});
