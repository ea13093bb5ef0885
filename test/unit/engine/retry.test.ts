import { classifyNetworkCode, networkCode } from '../../../nodes/shared/transport/network';
import { backoffMs, decideRetry, parseRetryAfter } from '../../../nodes/shared/transport/retry';

const base = { idempotent: false, retryUnconfirmed: false, throttleRetries: 0, transientRetries: 0, random: () => 0.5 };

describe('retry policy', () => {
	it('waits for Retry-After on 429, in seconds or as a date', () => {
		expect(decideRetry({ type: 'response', status: 429, retryAfter: '3' }, base)).toEqual({ retry: true, delayMs: 3000, cause: 'throttle' });
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('caps a long Retry-After at 30 s', () => {
		expect(decideRetry({ type: 'response', status: 429, retryAfter: '600' }, base)).toMatchObject({ delayMs: 30000 });
	});

	it('backs off exponentially with jitter from 1 s to a 30 s cap when 429 has no Retry-After', () => {
		const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 1));
		expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
		expect(backoffMs(0, () => 0)).toBe(500);
		expect(decideRetry({ type: 'response', status: 429 }, { ...base, throttleRetries: 2 })).toEqual({
			retry: true,
			delayMs: 3000,
			cause: 'throttle',
		});
	});

	it('retries a 429 even for submissions, since nothing was created', () => {
		expect(decideRetry({ type: 'response', status: 429 }, base).retry).toBe(true);
	});

	it('stops retrying 429 after the bound', () => {
		expect(decideRetry({ type: 'response', status: 429 }, { ...base, throttleRetries: 12 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});

	it('never resubmits a POST whose outcome is unknown unless the user opts in', () => {
		expect(decideRetry({ type: 'response', status: 502 }, base)).toEqual({ retry: false, reason: 'unknown-outcome' });
		expect(decideRetry({ type: 'network', failure: 'unknown' }, base)).toEqual({ retry: false, reason: 'unknown-outcome' });
		expect(decideRetry({ type: 'unreadable' }, base)).toEqual({ retry: false, reason: 'unknown-outcome' });
		expect(decideRetry({ type: 'response', status: 502 }, { ...base, retryUnconfirmed: true }).retry).toBe(true);
	});

	it('retries a request that never reached the server', () => {
		expect(classifyNetworkCode('ECONNREFUSED')).toBe('not-sent');
		expect(classifyNetworkCode('ECONNRESET')).toBe('unknown');
		expect(classifyNetworkCode('ECONNABORTED')).toBe('timed-out');
		expect(classifyNetworkCode('EPROTO')).toBe('misconfigured');
		expect(decideRetry({ type: 'network', failure: 'misconfigured' }, base)).toEqual({ retry: false, reason: 'not-retryable' });
		expect(decideRetry({ type: 'network', failure: 'not-sent' }, base).retry).toBe(true);
	});

	it('retries polls on 5xx and network errors a bounded number of times', () => {
		const poll = { ...base, idempotent: true };
		expect(decideRetry({ type: 'response', status: 500 }, poll).retry).toBe(true);
		expect(decideRetry({ type: 'network', failure: 'unknown' }, { ...poll, transientRetries: 2 }).retry).toBe(true);
		expect(decideRetry({ type: 'network', failure: 'unknown' }, { ...poll, transientRetries: 3 })).toEqual({
			retry: false,
			reason: 'exhausted',
		});
	});

	it('does not retry client errors', () => {
		expect(decideRetry({ type: 'response', status: 400 }, { ...base, idempotent: true })).toEqual({
			retry: false,
			reason: 'not-retryable',
		});
		expect(decideRetry({ type: 'response', status: 200 }, base)).toEqual({ retry: false, reason: 'success' });
	});
});

describe('networkCode', () => {
	it('reads the code where each n8n version puts it', () => {
		expect(networkCode({ cause: { code: 'ECONNRESET' } })).toBe('ECONNRESET');
		expect(networkCode({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		// n8n-core 2.8: a NodeApiError without code, the system code only in messages[]
		expect(networkCode({ message: 'The service refused the connection', messages: ['connect ECONNREFUSED 127.0.0.1:9'] })).toBe('ECONNREFUSED');
		expect(networkCode({ messages: ['write EPROTO 40E8:error:0A00010B:SSL routines:ssl3_get_record:wrong version number'] })).toBe('EPROTO');
		expect(networkCode({ message: 'Invalid URL' })).toBe('ERR_INVALID_URL');
		expect(networkCode({ message: 'timeout of 5000ms exceeded' })).toBe('ECONNABORTED');
		expect(networkCode({ message: 'something else' })).toBeUndefined();
	});
});
