import type { Emulator } from '../emulator';
import { runWorkflow } from './harness';
import { fastPolling, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';

const NODE = 'Video Classification';

function classifyNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(
		NODE,
		'alibabaPaiVideoClassification',
		{ operation: 'submitAndWait', mode: 'single', videoUrl: '={{ $json.url }}', videoTitle: 'demo', model: '', options: fastPolling, ...parameters },
		extra,
	);
}

const VIDEOS = ['https://v.example.com/garden.mp4', 'https://v.example.com/fail-match.mp4', 'https://v.example.com/match.mp4'];

describe('Alibaba PAI Video Classification through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('outputs classes, tags and the embedding as numbers (service defaults)', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, classifyNode({}), urls([VIDEOS[0]])));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ state: 2, status: 'succeeded', videoUrl: VIDEOS[0], embeddingDimensions: 64 });
		expect(item.json.classes).toEqual([{ name: expect.any(String), score: expect.any(Number) }]);
		expect(item.json.tags).toHaveLength(5);
		const embedding = item.json.embedding as number[];
		expect(embedding).toHaveLength(64);
		expect(embedding.every((n) => typeof n === 'number' && Number.isFinite(n))).toBe(true);
		expect(item.json).toMatchObject({ duration: expect.any(Number), width: expect.any(Number), height: expect.any(Number) });
	});

	it('sends the typed configure fields and the JSON escape hatch', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				classifyNode({ configure: { classification_top_k: 3, output_embedding: false }, configureJson: '{"tag_top_k": 2}' }),
				urls([VIDEOS[0]]),
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json.classes).toHaveLength(3);
		expect(item.json.tags).toHaveLength(2);
		expect(item.json.embedding).toBeUndefined();
	});

	it('refuses an out-of-range setting before sending it (the service would answer 400 PARAMETER_ERROR)', async () => {
		emulator.reset();
		const result = await runWorkflow(paiWorkflow(emulator.url, classifyNode({ configureJson: '{"tag_top_k": 50}' }), urls([VIDEOS[0]])));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('tag_top_k');
		expect(result.error?.message).toContain('from 1 to 10; it is 50');
		expect(emulator.log.filter((entry) => entry.kind !== 'control')).toHaveLength(0);
	});

	it('fails the run on a failed job', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, classifyNode({}), urls([VIDEOS[1]])));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('failed to download video');
	});

	it('batch mode with a mixed outcome: one item per input, the failed one as its error', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, classifyNode({ mode: 'batch' }, { onError: 'continueRegularOutput' }), urls(VIDEOS)),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json).toMatchObject({ videoUrl: VIDEOS[0], state: 2, embeddingDimensions: 64 });
		expect(out[2].json).toMatchObject({ videoUrl: VIDEOS[2], state: 2 });
		expect(out[1].json).toMatchObject({ errorCode: 'JobFailed', batchId: out[0].json.batchId });
		// "match.mp4" is a suffix of "fail-match.mp4": mapping is by exact URL, not by substring.
		expect(out[2].json.jobId).not.toBe(out[1].json.jobId);
	});

	it('maps duplicate URLs in a batch to distinct jobs', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, classifyNode({ mode: 'batch' }), urls([VIDEOS[0], VIDEOS[0]])));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		expect(out[0].json.jobId).not.toBe(out[1].json.jobId);
	});

	it('rejects an invalid URL as that item error without losing the batch', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, classifyNode({ mode: 'batch' }, { onError: 'continueRegularOutput' }), urls([VIDEOS[0], 'not a url', VIDEOS[2]])),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toContain('not a usable video URL');
		expect(out[0].json.state).toBe(2);
		expect(out[2].json.state).toBe(2);
	});
});
