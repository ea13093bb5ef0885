/**
 * Checks that arrive when the work is done, with the nodes' default options: a PAI batch (default Poll
 * Interval 30 s) finishes soon after its slowest job instead of at the next 30-second check, and an AI
 * Search run spends about one status check per task once the service's task time is learned.
 */
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, paiNode, paiWorkflow, singleNode, startPaiEmulator, urlItems, urls } from './fixtures';
import { runWorkflow } from './harness';

const JOB_MS = 6000;

describe('status checks timed by the learned task time (default options)', () => {
	let emulator: Emulator;
	afterEach(async () => {
		await emulator.close();
	});

	it('a PAI batch finishes within 1.5x of its slowest job, with a few status checks', async () => {
		emulator = await startPaiEmulator({ paiJobLatencyMs: JOB_MS, enforceQps: false });
		const videos = Array.from({ length: 10 }, (_, i) => `https://v.example.com/clip-${i}.mp4`);
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				paiNode('Classify', 'alibabaPaiVideoClassification', { operation: 'submitAndWait', mode: 'batch', videoUrl: '={{ $json.url }}', videoTitle: 'demo', model: '' }),
				urls(videos),
			),
		);
		expect(result.status).toBe('success');
		expect(result.output('Classify').map((item) => item.json.videoUrl)).toEqual(videos);
		// Measured on the service's side, from the batch's submission to the check that found it done, so
		// the engine's own start-up on a loaded machine does not count.
		const submitted = emulator.log.find((entry) => entry.kind === 'submit')!;
		const checks = emulator.log.filter((entry) => entry.kind === 'poll');
		expect(checks.at(-1)!.time - submitted.time).toBeLessThan(JOB_MS * 1.5);
		expect(checks.length).toBeLessThanOrEqual(12);
	});

	it('several PAI batches of one run: submitted without a 429, each seen done soon after its jobs, before anything is learned', async () => {
		const jobMs = 8000;
		emulator = await startPaiEmulator({ paiJobLatencyMs: jobMs }); // the emulator's batch endpoint takes 2 submissions per second
		const videos = Array.from({ length: 50 }, (_, i) => `https://v.example.com/many-${i}.mp4`);
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				paiNode('Classify', 'alibabaPaiVideoClassification', { operation: 'submitAndWait', mode: 'batch', videoUrl: '={{ $json.url }}', model: '' }),
				urls(videos),
			),
		);
		expect(result.status).toBe('success');
		expect(result.output('Classify').map((item) => item.json.videoUrl)).toEqual(videos);
		const api = emulator.log.filter((entry) => entry.kind !== 'control');
		expect(api.filter((entry) => entry.status === 429)).toEqual([]);
		const submits = api.filter((entry) => entry.kind === 'submit');
		expect(submits).toHaveLength(3); // default Batch Size 20
		// Each batch, from its submission to the check that saw it done, measured on the service's side.
		for (const submit of submits) {
			const done = api.find((entry) => entry.kind === 'poll' && entry.taskId === submit.taskId && entry.taskStatus === 'done')!;
			expect(done.time - submit.time).toBeLessThan(jobMs * 1.25);
		}
		expect(api.at(-1)!.time - submits[0].time).toBeLessThan(jobMs * 1.5);
	});

	it('AI Search: after the first run has learned the task time, a run spends one submission and about one check per task', async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], taskLatencyMs: 1500, enforceQps: false });
		const extraction = node('Extract', 'alibabaImageContent', { serviceId: 'ops-image-analyze-ocr-001', inputType: 'url', url: '={{ $json.url }}' });
		const first = await runWorkflow(singleNode(emulator.url, extraction, urlItems(20)));
		expect(first.status).toBe('success');
		const before = emulator.log.length;
		const second = await runWorkflow(singleNode(emulator.url, extraction, urlItems(30)));
		expect(second.status).toBe('success');
		const requests = emulator.log.slice(before).filter((entry) => entry.kind !== 'control');
		expect(requests.filter((entry) => entry.kind === 'submit')).toHaveLength(30);
		expect(requests.filter((entry) => entry.kind === 'poll').length).toBeLessThanOrEqual(33);
	});
});
