import { countRequests, peakPerSecond } from '../../../bench/measure';
import type { RequestLogEntry } from '../../emulator';

let seq = 0;
const entry = (time: number, fields: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
	seq: ++seq,
	time,
	method: 'GET',
	path: '/',
	kind: 'poll',
	service: 'image-analyze',
	status: 200,
	bodyBytes: 0,
	bodyMd5: '',
	authorized: true,
	...fields,
});

describe('the benchmark reads the service log', () => {
	it('finds the most requests of one service inside any sliding second', () => {
		const times = [0, 100, 900, 999, 1000, 1500, 1899, 1900, 3000];
		expect(peakPerSecond(times.map((t) => entry(t)))).toEqual({ 'image-analyze': 5 });
	});

	it('keeps services apart', () => {
		const peaks = peakPerSecond([entry(0), entry(10), entry(20, { service: 'pai-job' })]);
		expect(peaks).toEqual({ 'image-analyze': 2, 'pai-job': 1 });
	});

	it('counts every API request, the 429s among them, and tasks seen done, leaving control requests out', () => {
		const counts = countRequests([
			entry(0, { kind: 'submit', taskId: 't1' }),
			entry(1, { kind: 'submit', status: 429 }),
			entry(2, { kind: 'poll', taskId: 't1', taskStatus: 'PENDING' }),
			entry(3, { kind: 'poll', taskId: 't1', taskStatus: 'SUCCESS' }),
			entry(4, { kind: 'poll', taskId: 't1', taskStatus: 'SUCCESS' }),
			entry(5, { kind: 'control', service: undefined }),
		]);
		expect(counts).toEqual({ requests: 5, throttled: 1, succeededTasks: 1, peakAdmittedPerSecond: { 'image-analyze': 4 } });
	});
});
