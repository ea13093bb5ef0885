import type { Emulator } from '../emulator';
import { runWorkflow } from './harness';
import { fastPolling, paiNode, paiWorkflow, startPaiEmulator } from './fixtures';

const NODE = 'Post Classification';

function postNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(
		NODE,
		'alibabaPaiPostClassification',
		{
			operation: 'submitAndWait',
			videoUrl: '={{ $json.video }}',
			imageUrls: '={{ $json.images }}',
			text: '={{ $json.text }}',
			model: 'multi_modal_tag',
			options: fastPolling,
			...parameters,
		},
		extra,
	);
}

const POSTS = [
	{ json: { video: 'https://v.example.com/run.mp4', images: ['https://img.example.com/cover.jpg'], text: 'morning run' } },
	{ json: { video: '', images: 'https://img.example.com/fail.jpg, https://img.example.com/b.jpg', text: 'broken' } },
	{ json: { video: '', images: [], text: 'text only post' } },
];

describe('Alibaba PAI Post Classification through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('classifies a post with video, images and text into classes, tags and an embedding', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, postNode({}), [POSTS[0]]));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ state: 2, status: 'succeeded', jobId: expect.any(String), embeddingDimensions: 32 });
		expect(item.json.classes).toHaveLength(1);
		expect(item.json.tags).toHaveLength(5);
		expect((item.json.embedding as number[]).every((n) => typeof n === 'number')).toBe(true);
	});

	it('keeps the other posts when one job fails under Continue On Fail', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, postNode({}, { onError: 'continueRegularOutput' }), POSTS));
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.state).toBe(2);
		expect(out[1].json).toMatchObject({ errorCode: 'JobFailed', status: 'failed' });
		expect(out[2].json.state).toBe(2);
	});

	it('fails the run on a failed job without Continue On Fail', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, postNode({}), [POSTS[1]]));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/PAI job \d+ failed/);
	});

	it('rejects an empty post before calling the service', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, postNode({}), [{ json: { video: '', images: '', text: '' } }]));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('The post is empty');
		expect(emulator.log.filter((e) => e.kind === 'submit')).toHaveLength(0);
	});

	it('Submit Only then Get Result by job id', async () => {
		const submitted = await runWorkflow(paiWorkflow(emulator.url, postNode({ operation: 'submitOnly' }), [POSTS[0]]));
		const [pending] = submitted.output(NODE);
		expect(pending.json).toMatchObject({ status: 'submitted', jobId: expect.any(String) });
		const resumed = await runWorkflow(paiWorkflow(emulator.url, postNode({ operation: 'getResult', jobId: '={{ $json.jobId }}' }), [{ json: pending.json }]));
		expect(resumed.status).toBe('success');
		expect(resumed.output(NODE)[0].json).toMatchObject({ jobId: pending.json.jobId, state: 2, classes: expect.any(Array) });
	});
});
