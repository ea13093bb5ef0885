import { BudgetRegistry, budgetKey } from '../../../nodes/shared/scheduler/budgetRegistry';
import { BUDGET_IDLE_DROP_MS } from '../../../nodes/shared/core/constants';
import { VirtualClock } from '../support/virtualClock';

const account = { credentialId: 'cred-1', family: 'aiSearch', baseUrl: 'https://a.example', workspacePath: '/ws/default', secrets: ['OS-secret-key-1'] };

describe('budgetKey', () => {
	it('is the same for the same credential, endpoint and service, and never holds the secret in clear', () => {
		expect(budgetKey(account, 'image-analyze')).toBe(budgetKey({ ...account }, 'image-analyze'));
		expect(budgetKey(account, 'image-analyze')).not.toContain('OS-secret-key-1');
	});

	it('differs for another credential, another key, another endpoint or another service', () => {
		const key = budgetKey(account, 'image-analyze');
		expect(budgetKey({ ...account, credentialId: 'cred-2' }, 'image-analyze')).not.toBe(key);
		expect(budgetKey({ ...account, secrets: ['OS-secret-key-2'] }, 'image-analyze')).not.toBe(key);
		expect(budgetKey({ ...account, baseUrl: 'https://b.example' }, 'image-analyze')).not.toBe(key);
		expect(budgetKey(account, 'video-snapshot')).not.toBe(key);
	});
});

describe('BudgetRegistry (virtual time)', () => {
	/** Starts `count` requests through `budget` at once; returns when each started. */
	async function starts(budget: ReturnType<BudgetRegistry['join']>, clock: VirtualClock, count: number): Promise<number[]> {
		return await Promise.all(
			Array.from({ length: count }, async () => {
				const release = await budget.acquire();
				const at = clock.now();
				release();
				return at;
			}),
		);
	}

	it('two runs on the same credential and service draw from one budget', async () => {
		const clock = new VirtualClock();
		const registry = new BudgetRegistry(clock);
		const key = budgetKey(account, 'image-analyze');
		const one = registry.join(key, { qps: 10, maxConcurrent: 10 });
		const two = registry.join(key, { qps: 10, maxConcurrent: 10 });
		const all = [...(await Promise.all([starts(one, clock, 10), starts(two, clock, 10)]))].flat();
		// Twenty requests at 10/s together: the last starts after nineteen slots, not nine.
		expect(Math.max(...all)).toBeCloseTo(19 * 105);
		expect(registry.size).toBe(1);
	});

	it('runs on different credentials do not share', async () => {
		const clock = new VirtualClock();
		const registry = new BudgetRegistry(clock);
		const one = registry.join(budgetKey(account, 'image-analyze'), { qps: 10, maxConcurrent: 10 });
		const two = registry.join(budgetKey({ ...account, credentialId: 'cred-2', secrets: ['OS-other'] }, 'image-analyze'), { qps: 10, maxConcurrent: 10 });
		const all = [...(await Promise.all([starts(one, clock, 10), starts(two, clock, 10)]))].flat();
		expect(Math.max(...all)).toBeCloseTo(9 * 105);
		expect(registry.size).toBe(2);
	});

	it('follows the lowest limits asked by the runs that are sending, and forgets a run once it ended (or a minute after its last request)', async () => {
		const clock = new VirtualClock();
		const registry = new BudgetRegistry(clock);
		const key = budgetKey(account, 'image-analyze');
		const one = registry.join(key, { qps: 10, maxConcurrent: 10 });
		const two = registry.join(key, { qps: 2, maxConcurrent: 3 });
		(await one.acquire())();
		(await two.acquire())();
		expect(registry.peek(key)?.qps).toBe(2);
		expect(registry.peek(key)?.maxConcurrent).toBe(3);
		two.leave();
		expect(registry.peek(key)?.qps).toBe(10);
		const silent = registry.join(key, { qps: 2, maxConcurrent: 3 });
		(await silent.acquire())();
		expect(registry.peek(key)?.qps).toBe(2);
		await clock.pause(120_000); // it never said it ended
		(await one.acquire())();
		expect(registry.peek(key)?.qps).toBe(10);
	});

	it('is not held by a run that never sends (one refused before its first request)', async () => {
		const registry = new BudgetRegistry(new VirtualClock());
		const key = budgetKey(account, 'image-analyze');
		registry.join(key, { qps: 10, maxConcurrent: 10 });
		const fast = registry.join(key, { qps: 1000, maxConcurrent: 100 });
		expect(fast.rate).toBe(1000); // before its first request too: it sizes the run's work in flight
		(await fast.acquire())();
		expect(registry.peek(key)?.qps).toBe(1000);
		expect(registry.peek(key)?.rate).toBe(1000);
	});

	it('drops a budget nobody used for a while, and keeps one that is busy', async () => {
		const clock = new VirtualClock();
		const registry = new BudgetRegistry(clock);
		const idleKey = budgetKey(account, 'image-analyze');
		const busyKey = budgetKey(account, 'video-snapshot');
		registry.join(idleKey, { qps: 10, maxConcurrent: 10 });
		const busy = registry.join(busyKey, { qps: 10, maxConcurrent: 10 });
		const held = await busy.acquire(); // a request that takes longer than the idle limit
		await clock.pause(BUDGET_IDLE_DROP_MS + 1);
		registry.join(budgetKey(account, 'audio-asr'), { qps: 5, maxConcurrent: 5 });
		expect(registry.peek(idleKey)).toBeUndefined();
		expect(registry.peek(busyKey)).toBeDefined();
		held();
	});
});
