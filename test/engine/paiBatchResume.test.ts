/**
 * Submit Only in Batch Job mode → (a Wait, a queue, another workflow) → Get Result by Batch ID: each item
 * that carries the batch's id gets its own video's job back, paired to it, and the batch is checked once
 * for all of them; a lone item with only the Batch ID gets every job. Both PAI video nodes.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { runWorkflow } from './harness';
import { fastPolling, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';

const VIDEOS = ['https://v.example.com/garden.mp4', 'https://v.example.com/harbour.mp4', 'https://v.example.com/market.mp4'];

describe.each([
	['alibabaPaiVideoQuality', 'score'],
	['alibabaPaiVideoClassification', 'embeddingDimensions'],
])('%s: a batch resumed by several items', (type, resultField) => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	const node = (parameters: IDataObject) =>
		paiNode('Video', type, { operation: 'submitAndWait', mode: 'batch', videoUrl: '={{ $json.url }}', model: '', options: fastPolling, ...parameters });
	/** Get Result by Batch ID with Only Video URL left empty: the items carry nothing but what the test gives them. */
	const getResult = (items: IDataObject[]) =>
		runWorkflow(
			paiWorkflow(emulator.url, node({ operation: 'getResult', resumeBy: 'batch', batchId: '={{ $json.batchId }}', resultVideoUrl: '' }), items.map((json) => ({ json }))),
		);
	const batchChecks = () => emulator.log.filter((entry) => entry.path.startsWith('/api/v1/batch_jobs/')).length;
	const byItem = (output: Array<{ json: IDataObject; pairedItem?: unknown }>) =>
		output.map((item) => [(item.pairedItem as { item: number }).item, item.json.videoUrl, typeof item.json[resultField]]);

	async function submitBatch(): Promise<IDataObject[]> {
		const submitted = await runWorkflow(paiWorkflow(emulator.url, node({ operation: 'submitOnly' }), urls(VIDEOS)));
		expect(submitted.status).toBe('success');
		return submitted.output('Video').map((item) => item.json);
	}

	it('Submit Only puts the batch id and each job position on its item', async () => {
		const submitted = await submitBatch();
		expect(submitted.map((json) => [json.batchId, json.batchPosition, json.videoUrl])).toEqual(VIDEOS.map((url, position) => [submitted[0].batchId, position, url]));
	});

	it('a lone item with only the Batch ID gets every job; then items carrying only the Batch ID each get theirs, in their order, with one check', async () => {
		const [{ batchId }] = await submitBatch();
		const lone = await getResult([{ batchId }]);
		expect(lone.status).toBe('success');
		expect(byItem(lone.output('Video'))).toEqual(VIDEOS.map((url) => [0, url, 'number']));

		const checksBefore = batchChecks();
		const several = await getResult(VIDEOS.map(() => ({ batchId })));
		expect(several.status).toBe('success');
		expect(byItem(several.output('Video'))).toEqual(VIDEOS.map((url, item) => [item, url, 'number']));
		expect(several.output('Video').map((item) => item.json.batchId)).toEqual(VIDEOS.map(() => batchId));
		// The batch had finished: one status check served all three items.
		expect(batchChecks() - checksBefore).toBe(1);
	});

	it('items in another order, carrying the position Submit Only gave them but not the URL, each get their own video', async () => {
		const submitted = await submitBatch();
		const reordered = [submitted[2], submitted[0], submitted[1]].map(({ batchId, batchPosition }) => ({ batchId, batchPosition }));
		const resumed = await getResult(reordered);
		expect(resumed.status).toBe('success');
		expect(byItem(resumed.output('Video'))).toEqual([
			[0, VIDEOS[2], 'number'],
			[1, VIDEOS[0], 'number'],
			[2, VIDEOS[1], 'number'],
		]);
	});

	it('an item whose position the batch does not have fails naming the batch and the position', async () => {
		const [{ batchId }] = await submitBatch();
		const resumed = await getResult([
			{ batchId, batchPosition: 0 },
			{ batchId, batchPosition: 7 },
		]);
		expect(resumed.status).toBe('error');
		expect(resumed.error?.message).toContain(`Batch ${batchId} has no job for position 7 (the batch has 3 jobs)`);
	});
});
