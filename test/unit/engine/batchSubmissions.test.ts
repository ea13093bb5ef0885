import { pacedBatchSubmission } from '../../../nodes/shared/scheduler/batchPacing';
import { CancelledError } from '../../../nodes/shared/core/time';
import { VirtualClock } from '../support/virtualClock';

describe('pacedBatchSubmission (virtual time)', () => {
	it('batch submissions reach the service a gap apart, even when the first one is slow to go out', async () => {
		const clock = new VirtualClock();
		const arrivedAt: number[] = [];
		// Building and sending the first request takes longer (a cold connection); the service sees it late.
		const sendTimes = [270, 5, 5, 5];
		const submissions = sendTimes.map(async (sendMs, index) => {
			return await pacedBatchSubmission(
				'account-a videos',
				500,
				new AbortController().signal,
				async () => {
					await clock.pause(sendMs);
					arrivedAt.push(clock.now());
					await clock.pause(10); // the answer
					return index;
				},
				clock,
			);
		});
		expect(await Promise.all(submissions)).toEqual([0, 1, 2, 3]);
		const gaps = arrivedAt.slice(1).map((at, i) => at - arrivedAt[i]);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(500);
		// No more than 2 in any one-second window: what a 2-per-second quota accepts.
		for (let i = 2; i < arrivedAt.length; i++) expect(arrivedAt[i] - arrivedAt[i - 2]).toBeGreaterThanOrEqual(1000);
	});

	it('different accounts or routes do not wait for each other', async () => {
		const clock = new VirtualClock();
		const arrivedAt: Record<string, number> = {};
		await Promise.all(
			['account-b videos', 'account-c videos'].map(
				async (key) =>
					await pacedBatchSubmission(
						key,
						500,
						new AbortController().signal,
						async () => {
							arrivedAt[key] = clock.now();
						},
						clock,
					),
			),
		);
		expect(arrivedAt).toEqual({ 'account-b videos': 0, 'account-c videos': 0 });
	});

	it('a submission cancelled while waiting for its turn is not sent, and the one after it still waits its turn', async () => {
		const clock = new VirtualClock();
		const key = 'account-d videos';
		const sent: Array<{ name: string; at: number }> = [];
		const send = (name: string) => async () => {
			sent.push({ name, at: clock.now() });
			await clock.pause(10);
		};
		const cancelled = new AbortController();
		const first = pacedBatchSubmission(key, 500, new AbortController().signal, send('first'), clock);
		const second = pacedBatchSubmission(key, 500, cancelled.signal, send('second'), clock);
		const third = pacedBatchSubmission(key, 500, new AbortController().signal, send('third'), clock);
		cancelled.abort();
		await expect(second).rejects.toBeInstanceOf(CancelledError);
		await Promise.all([first, third]);
		expect(sent).toEqual([
			{ name: 'first', at: 0 },
			{ name: 'third', at: 510 },
		]);
	});
});
