import type { Emulator } from '../emulator';
import { runWorkflow } from './harness';
import { PAI_JOB_MS, fastPolling, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';
import { virtualClock } from './support/virtualTime';

const NODE = 'Video Quality';

function qualityNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(
		NODE,
		'alibabaPaiVideoQuality',
		{ operation: 'submitAndWait', mode: 'single', videoUrl: '={{ $json.url }}', model: '', options: fastPolling, ...parameters },
		extra,
	);
}

const VIDEOS = ['https://v.example.com/one.mp4', 'https://v.example.com/fail-two.mp4', 'https://v.example.com/three.mp4'];

describe('Alibaba PAI Video Quality through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	const submits = (path: string) => emulator.log.filter((e) => e.path === path && e.kind === 'submit');

	it('submits one job per item and polls it (POST, empty body) until the score is ready', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, qualityNode({}), urls([VIDEOS[0], VIDEOS[2]])));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				score: expect.any(Number),
				fps: expect.any(Number),
				duration: expect.any(Number),
				width: expect.any(Number),
				height: expect.any(Number),
				staticImageRatio: expect.any(Number),
				state: 2,
				status: 'succeeded',
				videoUrl: [VIDEOS[0], VIDEOS[2]][i],
			});
		});
		expect(out.map((i) => i.json.jobId)).toEqual(submits('/api/v1/videos').map((e) => e.taskId));
		const polls = emulator.log.filter((e) => e.path.startsWith('/api/v1/async_jobs/'));
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((e) => e.method === 'POST' && e.bodyBytes === 0 && e.status === 200)).toBe(true);
	});

	it('fails the run on a failed job (state 3), naming the job', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, qualityNode({}), urls([VIDEOS[1]])));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/PAI job \d+ failed: failed to download video https:\/\/v\.example\.com\/fail-two\.mp4/);
	});

	it('keeps the other items when one job fails under Continue On Fail', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, qualityNode({}, { onError: 'continueRegularOutput' }), urls(VIDEOS)));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json).toMatchObject({ errorCode: 'JobFailed', jobId: submits('/api/v1/videos')[1].taskId, status: 'failed' });
		expect(out[0].json.score).toEqual(expect.any(Number));
		expect(out[2].json.score).toEqual(expect.any(Number));
	});

	it('sends all items as one batch job and maps each job back to its item, failed job as that item error', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ mode: 'batch' }, { onError: 'continueRegularOutput' }), urls(VIDEOS)),
		);
		expect(result.status).toBe('success');
		const batchSubmits = submits('/api/v1/batch_videos');
		expect(batchSubmits).toHaveLength(1);
		const batchId = batchSubmits[0].taskId;
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ batchId, videoUrl: VIDEOS[0], state: 2, score: expect.any(Number) });
		expect(out[2].json).toMatchObject({ batchId, videoUrl: VIDEOS[2], state: 2, score: expect.any(Number) });
		expect(out[1].json).toMatchObject({ batchId, errorCode: 'JobFailed', status: 'failed' });
		expect(out[1].json.error).toContain('fail-two.mp4');
		const polls = emulator.log.filter((e) => e.path.startsWith('/api/v1/batch_jobs/'));
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((e) => e.method === 'GET' && e.bodyBytes === 0 && e.status === 200)).toBe(true);
	});

	it('without Continue On Fail a failed batch job fails the run after the batch is read', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, qualityNode({ mode: 'batch' }), urls(VIDEOS)));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('fail-two.mp4');
	});

	it('splits the input into batches of Batch Size, keeping input order', async () => {
		const list = Array.from({ length: 5 }, (_, i) => `https://v.example.com/clip-${i}.mp4`);
		const result = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ mode: 'batch', options: { ...fastPolling, batchSize: 2 } }), urls(list)),
		);
		expect(result.status).toBe('success');
		// The emulator allows 2 batch submissions per second: the third waits out a 429, never doubles.
		expect(submits('/api/v1/batch_videos').filter((e) => e.status === 200)).toHaveLength(3);
		const out = result.output(NODE);
		expect(out.map((i) => i.json.videoUrl)).toEqual(list);
		expect(new Set(out.map((i) => i.json.batchId)).size).toBe(3);
		expect(out.map((i) => i.pairedItem)).toEqual(list.map((_, item) => ({ item })));
	});

	it('Submit Only in batch mode returns the batch id; Get Result by batch id resumes each item by its URL', async () => {
		const submitted = await runWorkflow(paiWorkflow(emulator.url, qualityNode({ mode: 'batch', operation: 'submitOnly' }), urls([VIDEOS[0], VIDEOS[2]])));
		expect(submitted.status).toBe('success');
		const items = submitted.output(NODE);
		expect(items.map((i) => i.json.status)).toEqual(['submitted', 'submitted']);
		const batchId = items[0].json.batchId;
		expect(items[1].json.batchId).toBe(batchId);

		const resumed = await runWorkflow(
			paiWorkflow(
				emulator.url,
				qualityNode({ operation: 'getResult', resumeBy: 'batch', batchId: '={{ $json.batchId }}', resultVideoUrl: '={{ $json.videoUrl }}' }),
				items.map((i) => ({ json: i.json })),
			),
		);
		expect(resumed.status).toBe('success');
		const out = resumed.output(NODE);
		expect(out.map((i) => i.json.videoUrl)).toEqual([VIDEOS[0], VIDEOS[2]]);
		expect(out.every((i) => i.json.batchId === batchId && i.json.state === 2 && typeof i.json.score === 'number')).toBe(true);
		expect(submits('/api/v1/batch_videos')).toHaveLength(1);
	});

	it('gives each of several items resuming one batch its own job, and checks the batch once for all of them', async () => {
		const submitted = await runWorkflow(paiWorkflow(emulator.url, qualityNode({ mode: 'batch', operation: 'submitOnly' }), urls([VIDEOS[0], VIDEOS[2]])));
		const batchId = submitted.output(NODE)[0].json.batchId;
		await virtualClock()!.pause(PAI_JOB_MS); // the batch has finished: one check tells all
		const resumed = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ operation: 'getResult', resumeBy: 'batch', batchId: '={{ $json.batchId }}', resultVideoUrl: '' }), [
				{ json: { batchId } },
				{ json: { batchId } },
			]),
		);
		expect(resumed.status).toBe('success');
		const out = resumed.output(NODE);
		expect(out.map((item) => [(item.pairedItem as { item: number }).item, item.json.videoUrl])).toEqual([
			[0, VIDEOS[0]],
			[1, VIDEOS[2]],
		]);
		// Both items name the batch: one status check serves them.
		expect(emulator.log.filter((entry) => entry.path.startsWith('/api/v1/batch_jobs/'))).toHaveLength(1);
	});

	it('times out naming the job, and Get Result by job id resumes it', async () => {
		await emulator.close();
		emulator = await startPaiEmulator({ paiJobLatencyMs: 2000 });
		const timedOut = await runWorkflow(
			paiWorkflow(
				emulator.url,
				qualityNode({ options: { pollIntervalSeconds: 0.2, timeoutSeconds: 1 } }, { onError: 'continueRegularOutput' }),
				urls([VIDEOS[0]]),
			),
		);
		const [failed] = timedOut.output(NODE);
		const jobId = submits('/api/v1/videos')[0].taskId;
		expect(failed.json).toMatchObject({ jobId, errorCode: 'Timeout' });
		expect(String(failed.json.errorDescription)).toContain(`Job ID ${jobId}`);

		const resumed = await runWorkflow(
			paiWorkflow(emulator.url, qualityNode({ operation: 'getResult', resumeBy: 'job', jobId: '={{ $json.jobId }}' }), [{ json: failed.json }]),
		);
		expect(resumed.status).toBe('success');
		expect(resumed.output(NODE)[0].json).toMatchObject({ jobId, state: 2, score: expect.any(Number) });
		expect(submits('/api/v1/videos')).toHaveLength(1);
	});

	it('can output the pending batch at the timeout instead of failing', async () => {
		await emulator.close();
		emulator = await startPaiEmulator({ paiJobLatencyMs: 5000 });
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				qualityNode({ mode: 'batch', options: { pollIntervalSeconds: 0.2, timeoutSeconds: 1, onTimeout: 'output' } }),
				urls([VIDEOS[0], VIDEOS[2]]),
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		expect(out.every((i) => i.json.timedOut === true && i.json.batchId === submits('/api/v1/batch_videos')[0].taskId)).toBe(true);
		expect(out.map((i) => i.json.videoUrl)).toEqual([VIDEOS[0], VIDEOS[2]]);
	});

	it('stops polling within a second when the execution is cancelled', async () => {
		await emulator.close();
		emulator = await startPaiEmulator({ paiJobLatencyMs: 60_000 });
		const result = await runWorkflow({
			...paiWorkflow(emulator.url, qualityNode({ mode: 'batch', options: { pollIntervalSeconds: 0.2 } }), urls([VIDEOS[0]])),
			cancelAfterMs: 600,
		});
		expect(result.status).toBe('canceled');
		// On the virtual clock: cancelled when asked, and the run ends with no more time passing.
		expect(result.cancelledAtMs).toBe(600);
		expect(result.durationMs).toBe(600);
	});
});
