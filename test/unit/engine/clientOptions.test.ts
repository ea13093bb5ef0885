import { readClientOptions } from '../../../nodes/shared/transport/options';

describe('readClientOptions', () => {
	it('uses the service default rate when nothing is set (one process holds the quota)', () => {
		expect(readClientOptions({}, 10)).toMatchObject({ qps: 10, maxConcurrentRequests: 10 });
	});

	it('unless set, keeps as many requests in flight as a tenth of the rate (at least 10)', () => {
		expect(readClientOptions({ qps: 1000 }, 10).maxConcurrentRequests).toBe(100);
		expect(readClientOptions({ qps: 50 }, 10).maxConcurrentRequests).toBe(10);
		expect(readClientOptions({ qps: 1000, maxConcurrentRequests: 4 }, 10).maxConcurrentRequests).toBe(4);
	});

	it('splits the rate among the workers that share the quota (queue mode: each worker has its own budget)', () => {
		expect(readClientOptions({ workersSharingQuota: 2 }, 10).qps).toBe(5);
		expect(readClientOptions({ qps: 6, workersSharingQuota: 3 }, 10).qps).toBe(2);
	});

	it('refuses a worker count that is not a whole number of at least 1, naming the option', () => {
		expect(() => readClientOptions({ workersSharingQuota: 0 }, 10)).toThrow('Workers Sharing the Quota must be a whole number of at least 1; it is 0');
		expect(() => readClientOptions({ workersSharingQuota: 1.5 }, 10)).toThrow('Workers Sharing the Quota');
	});
});
