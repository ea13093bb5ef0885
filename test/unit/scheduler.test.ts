import { RequestBudget } from '../../nodes/shared/scheduler';
import { CancelledError } from '../../nodes/shared/wait';

describe('RequestBudget', () => {
	it('spaces request starts to the QPS limit', async () => {
		const budget = new RequestBudget(20, 100);
		const starts: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				const release = await budget.acquire();
				starts.push(Date.now() - t0);
				release();
			}),
		);
		starts.sort((a, b) => a - b);
		// 10 starts at 20/s span at least 9 × 50 ms
		expect(starts[9] - starts[0]).toBeGreaterThanOrEqual(430);
		expect(starts[9]).toBeLessThan(1500);
	});

	it('bounds the requests in flight', async () => {
		const budget = new RequestBudget(1000, 2);
		let inFlight = 0;
		let peak = 0;
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				const release = await budget.acquire();
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				release();
			}),
		);
		expect(peak).toBe(2);
	});

	it('holds everyone off after a 429', async () => {
		const budget = new RequestBudget(100, 10);
		budget.holdOff(300);
		const t0 = Date.now();
		(await budget.acquire())();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
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
		let now = 0;
		const budget = new RequestBudget(10, 5, () => now);
		budget.holdOff(0);
		expect(budget.rate).toBe(5);
		budget.holdOff(0); // same burst
		expect(budget.rate).toBe(5);
		now += 1000;
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
		let now = 0;
		const budget = new RequestBudget(1, 1, () => now);
		for (let i = 0; i < 20; i++) {
			now += 1000;
			budget.holdOff(0);
		}
		expect(budget.rate).toBeGreaterThan(0.1);
	});
});
