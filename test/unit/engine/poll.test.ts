import { pollUntilDone, readWaitSettings } from '../../../nodes/shared/work/poll';
import { BATCH_PACE, TASK_PACE, TaskTimeEstimator } from '../../../nodes/shared/work/taskTimes';
import { CancelledError, realClock } from '../../../nodes/shared/core/time';
import { VirtualClock } from '../support/virtualClock';

describe('pollUntilDone (virtual time)', () => {
	it('without a learned task time, checks within a second of submission, then backs off by a quarter of the running time', async () => {
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
		expect(checkedAt).toEqual([1000, 1250, 1562.5]);
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

describe('realTime: pause on the wall clock (n8n sleep, sliced so a cancel is seen at once)', () => {
	it('returns at once when cancelled mid-wait', async () => {
		const controller = new AbortController();
		const t0 = Date.now();
		const waiting = realClock.pause(60_000, controller.signal);
		setImmediate(() => controller.abort());
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		expect(Date.now() - t0).toBeLessThan(1000);
	});

	it('rejects at once when already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(realClock.pause(10_000, controller.signal)).rejects.toBeInstanceOf(CancelledError);
	});
});

describe('readWaitSettings', () => {
	const pai = { intervalSeconds: 30, timeoutSeconds: 1800 };

	it('uses the family defaults in a workflow run', () => {
		expect(readWaitSettings({}, pai)).toEqual({ pollIntervalMs: 30_000, timeoutMs: 1_800_000, onTimeout: 'error' });
	});

	it('bounds an unset wait for an AI agent and returns the pending work instead of failing', () => {
		expect(readWaitSettings({}, pai, { tool: true })).toEqual({ pollIntervalMs: 5_000, timeoutMs: 60_000, onTimeout: 'output', forAgent: true });
	});

	it('keeps what the user set, also for an agent', () => {
		expect(readWaitSettings({ timeoutSeconds: 300, onTimeout: 'error', pollIntervalSeconds: 10 }, pai, { tool: true })).toEqual({
			pollIntervalMs: 10_000,
			timeoutMs: 300_000,
			onTimeout: 'error',
			forAgent: true,
		});
	});

	it('refuses a value out of range, naming the option and its range', () => {
		expect(() => readWaitSettings({ timeoutSeconds: 0 }, pai)).toThrow('Timeout (Seconds) must be a number of at least 1; it is 0');
	});
});

describe('pollUntilDone with a learned task time (virtual time)', () => {
	/** Work that takes `taskMs` from its submission: runs `count` waits started `gapMs` apart. */
	async function runTasks(times: TaskTimeEstimator, clock: VirtualClock, count: number, taskMs: number, gapMs = 100, intervalMs = 5000) {
		const checks: number[] = [];
		await Promise.all(
			Array.from({ length: count }, async (_, index) => {
				await clock.pause(index * gapMs);
				const submittedAt = clock.now();
				let made = 0;
				await pollUntilDone({
					intervalMs,
					deadline: submittedAt + 600_000,
					signal: new AbortController().signal,
					clock,
					times,
					check: async () => {
						made++;
						return clock.now() - submittedAt >= taskMs ? { done: true, value: index } : { done: false, status: 'RUNNING' };
					},
				});
				checks.push(made);
			}),
		);
		return checks.reduce((sum, made) => sum + made, 0) / count;
	}

	it('learns a 3 s task time within a few tasks, then almost every first check finds the task done', async () => {
		const clock = new VirtualClock();
		const times = new TaskTimeEstimator();
		const first = await runTasks(times, clock, 40, 3000);
		// Tasks submitted before anything was known pay a few early checks between them, not each.
		expect(first).toBeLessThan(1.5);
		// The estimate probes just under the task time and is pushed back by the first early check.
		expect(times.firstCheckMs).toBeGreaterThan(3000 * 0.85);
		expect(times.firstCheckMs).toBeLessThan(3000 * 1.25);
		const later = await runTasks(times, clock, 200, 3000);
		expect(later).toBeLessThanOrEqual(1.06);
		expect(times.firstCheckMs).toBeGreaterThan(3000 * 0.85);
		expect(times.firstCheckMs).toBeLessThan(3000 * 1.25);
	});

	it('checks a long task with back-off, never further apart than the poll interval', async () => {
		const clock = new VirtualClock();
		const checkedAt: number[] = [];
		await pollUntilDone({
			intervalMs: 5000,
			deadline: 600_000,
			signal: new AbortController().signal,
			clock,
			times: new TaskTimeEstimator(),
			check: async () => {
				checkedAt.push(clock.now());
				return clock.now() >= 60_000 ? { done: true, value: 'ok' } : { done: false, status: 'RUNNING' };
			},
		});
		const gaps = checkedAt.slice(1).map((at, i) => at - checkedAt[i]);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(5000);
		expect(gaps[1]).toBeGreaterThan(gaps[0]); // backing off
		expect(checkedAt.length).toBeLessThan(20);
		expect(checkedAt[checkedAt.length - 1]).toBeLessThanOrEqual(65_000);
	});

	it('moves a sleeping first check later when another task shows the work takes longer', async () => {
		const clock = new VirtualClock();
		const times = new TaskTimeEstimator();
		times.recordDone(2000, true);
		const checkedAt: number[] = [];
		const waiting = pollUntilDone({
			intervalMs: 30_000,
			deadline: 600_000,
			signal: new AbortController().signal,
			clock,
			times,
			check: async () => {
				checkedAt.push(clock.now());
				return { done: true, value: 'ok' };
			},
		});
		await clock.pause(1000);
		times.recordRunning(2000, true); // meanwhile another task was still running at its first check
		await waiting;
		expect(checkedAt).toEqual([2400]);
	});
});

describe('batch waits before anything is learned (virtual time)', () => {
	/** Batches whose jobs take `jobMs`, submitted `gapMs` apart, waited for with one estimator: when each was seen done, after its submission. */
	async function waitBatches(times: TaskTimeEstimator, clock: VirtualClock, jobMs: number, count = 1, gapMs = 500) {
		const seenDoneAfter: number[] = [];
		const checkedAt: number[][] = [];
		await Promise.all(
			Array.from({ length: count }, async (_, index) => {
				await clock.pause(index * gapMs);
				const submittedAt = clock.now();
				const own: number[] = [];
				checkedAt[index] = own;
				await pollUntilDone({
					intervalMs: 30_000, // PAI's default Poll Interval
					deadline: submittedAt + 1_800_000,
					signal: new AbortController().signal,
					clock,
					times,
					check: async () => {
						own.push(clock.now() - submittedAt);
						return clock.now() - submittedAt >= jobMs ? { done: true, value: index } : { done: false, status: 'running' };
					},
				});
				seenDoneAfter[index] = clock.now() - submittedAt;
			}),
		);
		return { seenDoneAfter, checkedAt };
	}

	it.each([1500, 4000, 7700, 10_000, 45_000, 120_000])('sees a batch of %i ms done within 10 %% of its running time (or 0.5 s), checks never further apart than the Poll Interval', async (jobMs) => {
		const clock = new VirtualClock();
		const { seenDoneAfter, checkedAt } = await waitBatches(new TaskTimeEstimator(undefined, BATCH_PACE), clock, jobMs);
		expect(seenDoneAfter[0]).toBeGreaterThanOrEqual(jobMs);
		expect(seenDoneAfter[0]).toBeLessThanOrEqual(Math.max(jobMs * 1.1, jobMs + 500));
		const gaps = checkedAt[0].slice(1).map((at, i) => at - checkedAt[0][i]);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
	});

	it('the pace of single tasks would see the same batch up to half its running time late', async () => {
		const clock = new VirtualClock();
		const { seenDoneAfter } = await waitBatches(new TaskTimeEstimator(undefined, TASK_PACE), clock, 7700);
		expect(seenDoneAfter[0]).toBeGreaterThan(7700 * 1.4);
	});

	it('several batches of one run: the first one teaches the others, which are each checked about once', async () => {
		const clock = new VirtualClock();
		const times = new TaskTimeEstimator(undefined, BATCH_PACE);
		const { seenDoneAfter, checkedAt } = await waitBatches(times, clock, 10_000, 3);
		for (const after of seenDoneAfter) expect(after).toBeLessThanOrEqual(10_000 * 1.1);
		expect(checkedAt[0].length).toBeLessThanOrEqual(20);
		expect(checkedAt[1]).toHaveLength(1);
		expect(checkedAt[2]).toHaveLength(1);
	});
});
