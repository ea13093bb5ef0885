import { RequestBudget } from '../../../nodes/shared/scheduler/requestBudget';
import { CancelledError } from '../../../nodes/shared/core/time';
import { VirtualClock } from '../support/virtualClock';

/** A clock for the adaptation tests: time moves only when the test says so. */
const manualClock = (now: { value: number }) => ({ now: () => now.value, pause: async () => undefined });

describe('RequestBudget', () => {
	it('spaces request starts to the QPS limit', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(20, 100, clock);
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				const release = await budget.acquire();
				starts.push(clock.now());
				release();
			}),
		);
		// 20/s with the 5% margin: one start every 52.5 ms, the first at once.
		expect(starts).toEqual(Array.from({ length: 10 }, (_, i) => i * 52.5));
	});

	describe('on a busy event loop (every timer fires 8 ms late)', () => {
		const lateClock = () => {
			const clock = new VirtualClock();
			return { now: () => clock.now(), pause: async (ms: number, signal?: AbortSignal) => await clock.pause(ms + 8, signal) };
		};
		const startsOf = async (qps: number, count: number) => {
			const clock = lateClock();
			const budget = new RequestBudget(qps, 1000, clock);
			const starts: number[] = [];
			await Promise.all(
				Array.from({ length: count }, async () => {
					const release = await budget.acquire();
					starts.push(clock.now());
					release();
				}),
			);
			return starts.sort((a, b) => a - b);
		};

		it('catches up the slots the late timers missed, so a high rate is still reached', async () => {
			const starts = await startsOf(1000, 500);
			// 500 slots of 1.05 ms: 524 ms on time; one grant per late timer would take over 2 s.
			expect(starts[starts.length - 1]).toBeLessThan(600);
		});

		it('still never puts more than the quota into any second at a low rate', async () => {
			const starts = await startsOf(10, 60);
			for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1000);
		});
	});

	it('bounds the requests in flight', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(1000, 2, clock);
		let inFlight = 0;
		let peak = 0;
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				const release = await budget.acquire();
				inFlight++;
				peak = Math.max(peak, inFlight);
				await clock.pause(10); // each request takes 10 ms
				inFlight--;
				release();
			}),
		);
		expect(peak).toBe(2);
		// Two at a time, 10 ms each: the eighth request ends after four rounds.
		expect(clock.now()).toBeGreaterThanOrEqual(40);
	});

	it('holds everyone off after a 429', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(100, 10, clock);
		budget.holdOff(300);
		(await budget.acquire())();
		expect(clock.now()).toBe(300);
	});

	it('gives up waiting when cancelled, without leaking permits', async () => {
		const budget = new RequestBudget(100, 1);
		const held = await budget.acquire();
		const controller = new AbortController();
		const waiting = budget.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		held();
		const again = await budget.acquire();
		again();
		expect(budget.pending).toBe(0);
	});

	it('rejects nonsense limits', () => {
		expect(() => new RequestBudget(0, 1)).toThrow(RangeError);
		expect(() => new RequestBudget(1, 0)).toThrow(RangeError);
	});
});

describe('RequestBudget priority', () => {
	it('gives waiting submissions the next slots before waiting status checks', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(10, 100, clock);
		const order: string[] = [];
		const take = async (name: string, priority: 'submit' | 'check') => {
			const release = await budget.acquire(undefined, priority);
			order.push(name);
			release();
		};
		await Promise.all([take('check 1', 'check'), take('check 2', 'check'), take('submit 1', 'submit'), take('check 3', 'check'), take('submit 2', 'submit')]);
		// The first slot went out at once; every later one to a submission while one waited.
		expect(order).toEqual(['check 1', 'submit 1', 'submit 2', 'check 2', 'check 3']);
	});
});

describe('RequestBudget adapting to 429s', () => {
	it('with nothing measured yet, halves its rate on a 429 (once per second) and climbs quickly back to just under the refused rate', () => {
		const now = { value: 0 };
		const budget = new RequestBudget(10, 5, manualClock(now));
		budget.holdOff(0);
		expect(budget.rate).toBe(5);
		budget.holdOff(0); // same burst
		expect(budget.rate).toBe(5);
		for (let i = 0; i < 20; i++) budget.recordSuccess();
		expect(budget.rate).toBeCloseTo(9); // 0.9 × the rate that was refused, in steps of a fiftieth of the limit
		for (let i = 0; i < 10; i++) budget.recordSuccess();
		expect(budget.rate).toBeLessThan(9.3); // then probing slowly
		for (let i = 0; i < 10_000; i++) budget.recordSuccess();
		expect(budget.rate).toBe(10); // never above the configured limit
	});

	it('settles just under the rate the service accepted in the last second, and probes upward slowly from there', () => {
		const now = { value: 0 };
		const budget = new RequestBudget(10, 5, manualClock(now));
		for (let i = 0; i < 30; i++) {
			now.value += 100;
			budget.recordSuccess(); // ten a second while the account allowed more
		}
		now.value = 5000;
		for (let i = 0; i < 3; i++) {
			now.value += 300;
			budget.recordSuccess(); // now the service takes three a second
		}
		budget.holdOff(1000);
		// Slots are spaced 5% under the rate: this rate sends 95% of the three requests a second accepted.
		expect(budget.rate).toBeCloseTo(3 * 1.05 * 0.95);
		for (let i = 0; i < 100; i++) budget.recordSuccess();
		expect(budget.rate).toBeLessThan(3 * 1.05); // half a minute of answers later, still under the quota
	});

	it('reads a lone 429 while the service took about all the rate sends as jitter: the rate stays, a second one within half a minute settles it', () => {
		const now = { value: 0 };
		const budget = new RequestBudget(10, 5, manualClock(now));
		const answerFor = (ms: number) => {
			for (const end = now.value + ms; now.value < end; ) {
				now.value += 105; // the budget's own spacing at 10/s
				budget.recordSuccess();
			}
		};
		answerFor(5000);
		budget.holdOff(1000);
		expect(budget.rate).toBe(10);
		answerFor(10_000);
		budget.holdOff(1000);
		// The same rate refused again: it is the quota; settle just under what was accepted (9 or 10 in the last second).
		expect(budget.rate).toBeLessThan(10);
		expect(budget.rate).toBeGreaterThan(8.5);
	});

	it('never drops below a floor', () => {
		const now = { value: 0 };
		const budget = new RequestBudget(1, 1, manualClock(now));
		for (let i = 0; i < 20; i++) {
			now.value += 1000;
			budget.holdOff(0);
		}
		expect(budget.rate).toBeGreaterThan(0.1);
	});
});

describe('RequestBudget against a service whose real quota is a third of the assumed one (virtual time)', () => {
	it('sends 400 requests within 1.15x of the 3/s bound, with few 429s and nothing lost', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(10, 10, clock);
		const admitted: number[] = [];
		let refused = 0;
		/** The service: at most 3 admitted requests in any sliding second; a refusal says Retry-After 1 s. */
		const service = () => {
			const now = clock.now();
			if (admitted.filter((at) => now - at < 1000).length >= 3) return false;
			admitted.push(now);
			return true;
		};
		let sent = 0;
		const worker = async () => {
			while (sent < 400) {
				sent++;
				for (;;) {
					const release = await budget.acquire();
					await clock.pause(20); // the request's round trip
					const ok = service();
					release();
					if (ok) {
						budget.recordSuccess();
						break;
					}
					refused++;
					budget.holdOff(1000);
					await clock.pause(1000);
				}
			}
		};
		await Promise.all(Array.from({ length: 10 }, worker));
		expect(admitted).toHaveLength(400);
		expect(clock.now()).toBeLessThan((400 / 3) * 1000 * 1.15);
		expect(refused / (400 + refused)).toBeLessThan(0.03);
	});
});
