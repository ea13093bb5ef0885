import { aiSearch } from '../../../nodes/aiSearch/protocol';
import { BodyBudget } from '../../../nodes/shared/scheduler/bodyBudget';
import { SubmittedWork } from '../../../nodes/shared/work/submittedWork';
import { RequestBudget } from '../../../nodes/shared/scheduler/requestBudget';
import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import type { ApiRequest, ServiceClient } from '../../../nodes/shared/transport/request';
import { CancelledError } from '../../../nodes/shared/core/time';
import { runWork } from '../../../nodes/shared/work/work';
import { VirtualClock } from '../support/virtualClock';

const MB = 1024 * 1024;

/** Lets every settled promise run its callbacks. */
const settle = async () => await new Promise((resolve) => setImmediate(resolve));

describe('BodyBudget by count', () => {
	it('lets at most its limit hold at once, the others in arrival order', async () => {
		const budget = new BodyBudget(2, Infinity, 8 * MB);
		const first = await budget.acquire();
		const second = await budget.acquire();
		const order: number[] = [];
		const third = budget.acquire().then((place) => (order.push(3), place));
		const fourth = budget.acquire().then((place) => (order.push(4), place));
		expect(budget.waiting).toBe(2);
		first.release();
		first.release(); // a second call does nothing
		(await third).release();
		second.release();
		(await fourth).release();
		expect(order).toEqual([3, 4]);
		expect(budget.inUse).toBe(0);
		expect(budget.bytesInUse).toBe(0);
	});

	it('a cancelled waiter leaves the queue without taking a place', async () => {
		const budget = new BodyBudget(1, Infinity, 8 * MB);
		const held = await budget.acquire();
		const controller = new AbortController();
		const waiting = budget.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		held.release();
		expect(budget.inUse).toBe(0);
		expect(budget.waiting).toBe(0);
	});

	it('moves waiters up when the limit grows', async () => {
		const budget = new BodyBudget(1, Infinity, 8 * MB);
		await budget.acquire();
		const waiting = budget.acquire();
		budget.limit = 2;
		await expect(waiting).resolves.toHaveProperty('release');
	});
});

describe('BodyBudget by bytes', () => {
	it('counts a body as the largest request until it is built, then as its own bytes', async () => {
		// room for three unbuilt bodies of 8 MB (not four); ten places by count
		const budget = new BodyBudget(10, 26 * MB, 8 * MB);
		const places = [await budget.acquire(), await budget.acquire(), await budget.acquire()];
		let fourth: unknown;
		void budget.acquire().then((place) => (fourth = place));
		await settle();
		expect(fourth).toBeUndefined(); // three unbuilt bodies fill the bytes
		places[0].built(2 * MB); // a small body: room for one more of the largest size
		await settle();
		expect(fourth).toBeDefined();
		expect(budget.bytesInUse).toBe(2 * MB + 3 * 8 * MB);
	});

	it('keeps the bodies in memory under the bound while uploads come and go', async () => {
		const budget = new BodyBudget(10, 20 * MB, 8 * MB);
		let peak = 0;
		const upload = async (bytes: number) => {
			const place = await budget.acquire();
			peak = Math.max(peak, budget.bytesInUse);
			await settle(); // the file is read
			place.built(bytes);
			peak = Math.max(peak, budget.bytesInUse);
			await settle(); // the service answers
			place.release();
		};
		await Promise.all(Array.from({ length: 30 }, (_, i) => upload(6 * MB + i)));
		expect(peak).toBeLessThanOrEqual(20 * MB);
		expect(peak).toBeGreaterThan(8 * MB); // two at once: the bound, not one at a time
		expect(budget.inUse).toBe(0);
	});

	it('lets a body over the bound go alone, and serves in arrival order', async () => {
		const budget = new BodyBudget(10, 4 * MB, 8 * MB);
		const first = await budget.acquire(); // nothing held: granted although 8 MB is over the bound
		const order: string[] = [];
		const large = budget.acquire().then((place) => (order.push('large'), place));
		const small = budget.acquire().then((place) => (order.push('small'), place));
		await settle();
		expect(order).toEqual([]);
		first.built(1 * MB);
		first.release();
		(await large).release();
		(await small).release();
		expect(order).toEqual(['large', 'small']);
	});
});

describe('request bodies and request slots', () => {
	it('a body being built (a file being read or staged) never holds up a status check', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(10, 1, clock);
		const building = await budget.bodies.acquire(); // the only place for a body is taken
		const release = await budget.acquire(undefined, 'check');
		release();
		building.release();
		expect(budget.idle).toBe(true);
	});
});

describe('bodies of submitted work', () => {
	it('count as their own bytes from when they are built until the service has answered', async () => {
		const bodies = new BodyBudget(10, 100 * MB, 8 * MB);
		const sent: Array<{ bytesInUse: number; bodyBytes: number }> = [];
		const client = {
			target: { family: 'aiSearch', baseUrl: 'https://service.test', workspacePath: '/v3/openapi/workspaces/default', secrets: [] },
			reserveBody: async (signal: AbortSignal) => await bodies.acquire(signal),
			send: async (request: ApiRequest) => {
				sent.push({ bytesInUse: bodies.bytesInUse, bodyBytes: (request.body as Buffer).length });
				return { status: 200, body: { result: { task_id: 't-1', status: 'PENDING' } }, headers: {} };
			},
		} as unknown as ServiceClient;
		const file = Buffer.alloc(300_000, 1);
		const outcome = await runWork(
			aiSearch,
			client,
			'submitOnly',
			{ route: 'image-analyze/ops-image-analyze-vlm-001', body: async () => ({ document: { content: Base64Content.ofBytes(file) } }) },
			{ pollIntervalMs: 1, timeoutMs: 5000, onTimeout: 'error' },
			{ itemIndex: 0, signal: new AbortController().signal },
			new SubmittedWork(),
		);
		expect(outcome).toMatchObject({ kind: 'pending', id: 't-1' });
		expect(sent).toEqual([{ bytesInUse: 400_000 + '{"document":{"content":""}}'.length, bodyBytes: 400_000 + '{"document":{"content":""}}'.length }]);
		expect(bodies.inUse).toBe(0);
	});
});
