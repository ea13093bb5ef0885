import type { Emulator } from '../emulator';
import { fakeImage, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Image Tagging';

function taggingNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(NODE, 'alibabaPaiImageTagging', { inputType: 'url', url: '={{ $json.url }}', model: '', ...parameters }, extra);
}

describe('Alibaba PAI Image Tagging through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('returns the top K tags with scores and a 512-number embedding', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, taggingNode({ configure: { tag_top_k: 4, output_embedding: true } }), urls(['https://img.example.com/cat.jpg'])),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const tags = item.json.tags as Array<{ tag: string; score: number }>;
		expect(tags).toHaveLength(4);
		expect(tags.every((t) => typeof t.tag === 'string' && typeof t.score === 'number')).toBe(true);
		expect(tags.map((t) => t.score)).toEqual([...tags.map((t) => t.score)].sort((a, b) => b - a));
		const embedding = item.json.embedding as number[];
		expect(embedding).toHaveLength(512);
		expect(embedding.every((n) => typeof n === 'number')).toBe(true);
		expect(item.json).toMatchObject({ embeddingDimensions: 512, width: expect.any(Number), height: expect.any(Number) });
	});

	it('leaves the embedding out by default and tags a binary image', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, taggingNode({ inputType: 'binary', binaryPropertyName: 'data' }), [
				{ json: {}, binary: { data: { data: fakeImage('tagging'), fileName: 'x.png', mimeType: 'image/png' } } },
			]),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json.embedding).toBeUndefined();
		expect(item.json.tags).toHaveLength(10);
	});

	it('captions AI paintings with the tagger model (threshold, tagger type)', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				taggingNode({ model: 'tagger', configure: { threshold: 0.3, tagger_type: 'SmilingWolf/wd-v1-4-vit-tagger-v2' } }),
				urls(['https://img.example.com/painting.png']),
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json.caption).toMatch(/^sensitive/);
		expect(item.json.tags).toEqual(String(item.json.caption).split(', '));
	});

	it('reports a failed image as an error item under Continue On Fail', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				taggingNode({}, { onError: 'continueRegularOutput' }),
				urls(['https://img.example.com/a.jpg', 'https://img.example.com/fail.jpg']),
			),
		);
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.tags).toHaveLength(10);
		expect(out[1].json.errorCode).toBe('SEVER_ERROR');
	});
});
