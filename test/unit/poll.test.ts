import { pollUntilDone } from '../../nodes/shared/poll';
import { CancelledError, pause } from '../../nodes/shared/wait';

describe('pollUntilDone', () => {
	it('checks until done and returns the value', async () => {
		let checks = 0;
		const value = await pollUntilDone({
			intervalMs: 20,
			deadline: Date.now() + 5000,
			signal: new AbortController().signal,
			check: async () => (++checks < 3 ? { done: false, status: 'PENDING' } : { done: true, value: 'ok' }),
		});
		expect(value).toEqual({ timedOut: false, value: 'ok' });
		expect(checks).toBe(3);
	});

	it('makes a last check at the deadline and reports the last status', async () => {
		const t0 = Date.now();
		let checks = 0;
		const polling = pollUntilDone({
			intervalMs: 100,
			deadline: t0 + 350,
			signal: new AbortController().signal,
			check: async () => {
				checks++;
				return { done: false, status: 'PENDING' };
			},
		});
		await expect(polling).resolves.toEqual({ timedOut: true, status: 'PENDING' });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(340);
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(checks).toBeGreaterThanOrEqual(3);
	});

	it('stops promptly when cancelled mid-wait', async () => {
		const controller = new AbortController();
		const t0 = Date.now();
		const polling = pollUntilDone({
			intervalMs: 60_000,
			deadline: Date.now() + 600_000,
			signal: controller.signal,
			check: async () => ({ done: false, status: 'PENDING' }),
		});
		setTimeout(() => controller.abort(), 1200);
		await expect(polling).rejects.toBeInstanceOf(CancelledError);
		expect(Date.now() - t0).toBeLessThan(1500);
	});
});

describe('pause', () => {
	it('waits the given time', async () => {
		const t0 = Date.now();
		await pause(120);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
	});

	it('rejects at once when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(pause(10_000, controller.signal)).rejects.toBeInstanceOf(CancelledError);
	});
});
