import { pollUntilDone, readWaitSettings } from '../../../nodes/shared/poll';
import { CancelledError, pause } from '../../../nodes/shared/wait';
import { VirtualClock } from '../support/virtualClock';

describe('pollUntilDone (virtual time)', () => {
	it('checks within a second of submission, then every interval, and returns the value', async () => {
		const clock = new VirtualClock();
		const checkedAt: number[] = [];
		const waited = await pollUntilDone({
			intervalMs: 5000,
			deadline: 60_000,
			signal: new AbortController().signal,
			clock,
			check: async () => {
				checkedAt.push(clock.now());
				return checkedAt.length < 3 ? { done: false, status: 'PENDING' } : { done: true, value: 'ok' };
			},
		});
		expect(waited).toEqual({ timedOut: false, value: 'ok' });
		expect(checkedAt).toEqual([1000, 6000, 11000]);
	});

	it('never sleeps past the deadline, makes a last check there and reports the last status', async () => {
		const clock = new VirtualClock();
		const checkedAt: number[] = [];
		const waited = await pollUntilDone({
			intervalMs: 100,
			deadline: 350,
			signal: new AbortController().signal,
			clock,
			check: async () => {
				checkedAt.push(clock.now());
				return { done: false, status: 'RUNNING' };
			},
		});
		expect(waited).toEqual({ timedOut: true, status: 'RUNNING' });
		expect(checkedAt).toEqual([100, 200, 300, 350]);
	});

	it('stops when cancelled mid-wait, without another check', async () => {
		const clock = new VirtualClock();
		const controller = new AbortController();
		let checks = 0;
		const polling = pollUntilDone({
			intervalMs: 60_000,
			deadline: 600_000,
			signal: controller.signal,
			clock,
			check: async () => {
				checks++;
				controller.abort(); // the user stops the run while the first answer is read
				return { done: false, status: 'PENDING' };
			},
		});
		await expect(polling).rejects.toBeInstanceOf(CancelledError);
		expect(checks).toBe(1);
	});
});

describe('pause (real time, sliced so a cancel is seen at once)', () => {
	it('returns at once when cancelled mid-wait', async () => {
		const controller = new AbortController();
		const t0 = Date.now();
		const waiting = pause(60_000, controller.signal);
		setImmediate(() => controller.abort());
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		expect(Date.now() - t0).toBeLessThan(1000);
	});

	it('rejects at once when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(pause(10_000, controller.signal)).rejects.toBeInstanceOf(CancelledError);
	});
});

describe('readWaitSettings', () => {
	const pai = { intervalSeconds: 30, timeoutSeconds: 1800 };

	it('uses the family defaults in a workflow run', () => {
		expect(readWaitSettings({}, pai)).toEqual({ pollIntervalMs: 30_000, timeoutMs: 1_800_000, onTimeout: 'error' });
	});

	it('bounds an unset wait for an AI agent and returns the pending work instead of failing', () => {
		expect(readWaitSettings({}, pai, { tool: true })).toEqual({ pollIntervalMs: 5_000, timeoutMs: 60_000, onTimeout: 'output' });
	});

	it('keeps what the user set, also for an agent', () => {
		expect(readWaitSettings({ timeoutSeconds: 300, onTimeout: 'error', pollIntervalSeconds: 10 }, pai, { tool: true })).toEqual({
			pollIntervalMs: 10_000,
			timeoutMs: 300_000,
			onTimeout: 'error',
		});
	});

	it('refuses a value out of range, naming the option and its range', () => {
		expect(() => readWaitSettings({ timeoutSeconds: 0 }, pai)).toThrow('Timeout (Seconds) must be a number of at least 1; it is 0');
	});
});
