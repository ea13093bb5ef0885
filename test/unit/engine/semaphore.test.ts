import { RequestBudget } from '../../../nodes/shared/scheduler';
import { Semaphore } from '../../../nodes/shared/semaphore';
import { CancelledError } from '../../../nodes/shared/wait';
import { VirtualClock } from '../support/virtualClock';

describe('Semaphore', () => {
	it('lets at most its limit hold at once, the others in arrival order', async () => {
		const semaphore = new Semaphore(2);
		const first = await semaphore.acquire();
		const second = await semaphore.acquire();
		const order: number[] = [];
		const third = semaphore.acquire().then((release) => (order.push(3), release));
		const fourth = semaphore.acquire().then((release) => (order.push(4), release));
		expect(semaphore.waiting).toBe(2);
		first();
		first(); // a second call does nothing
		(await third)();
		second();
		(await fourth)();
		expect(order).toEqual([3, 4]);
		expect(semaphore.inUse).toBe(0);
	});

	it('a cancelled waiter leaves the queue without taking a place', async () => {
		const semaphore = new Semaphore(1);
		const held = await semaphore.acquire();
		const controller = new AbortController();
		const waiting = semaphore.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeInstanceOf(CancelledError);
		held();
		expect(semaphore.inUse).toBe(0);
		expect(semaphore.waiting).toBe(0);
	});

	it('moves waiters up when the limit grows', async () => {
		const semaphore = new Semaphore(1);
		await semaphore.acquire();
		const waiting = semaphore.acquire();
		semaphore.limit = 2;
		await expect(waiting).resolves.toBeInstanceOf(Function);
	});
});

describe('request bodies and request slots', () => {
	it('a body being built (a file being read or staged) never holds up a status check', async () => {
		const clock = new VirtualClock();
		const budget = new RequestBudget(10, 1, clock);
		const building = await budget.bodies.acquire(); // the only place for a body is taken
		const release = await budget.acquire(undefined, 'check');
		release();
		building();
		expect(budget.idle).toBe(true);
	});
});
