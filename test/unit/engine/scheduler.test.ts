import { RequestBudget } from '../../../nodes/shared/scheduler';
import { CancelledError } from '../../../nodes/shared/wait';
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

describe('RequestBudget adapting to 429s', () => {
	it('halves its rate on a 429 (once per second), climbs quickly to just under the throttled rate, then probes slowly', () => {
		const now = { value: 0 };
		const budget = new RequestBudget(10, 5, manualClock(now));
		budget.holdOff(0);
		expect(budget.rate).toBe(5);
		budget.holdOff(0); // same burst
		expect(budget.rate).toBe(5);
		now.value += 1000;
		budget.holdOff(0);
		expect(budget.rate).toBe(2.5);
		for (let i = 0; i < 10; i++) budget.recordSuccess();
		expect(budget.rate).toBeCloseTo(4.5); // 0.9 × the rate that was throttled, in ten steps
		for (let i = 0; i < 10; i++) budget.recordSuccess();
		expect(budget.rate).toBeCloseTo(4.7); // then a tenth of the step
		for (let i = 0; i < 1000; i++) budget.recordSuccess();
		expect(budget.rate).toBe(10); // never above the configured limit
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
