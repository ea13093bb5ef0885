import type { Emulator } from '../emulator';
import { PNG_SIGNATURE } from '../emulator';
import { fakeImage, paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';
import { runWorkflow } from './harness';

const NODE = 'Image Editing';

function editingNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(NODE, 'alibabaPaiImageEditing', { operation: 'reshapeFigure', inputType: 'url', url: '={{ $json.url }}', degree: 1, ...parameters }, extra);
}

describe('Alibaba PAI Image Editing through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it.each(['default', 'filesystem'] as const)('reshapes a figure and outputs the image as binary data (%s mode)', async (binaryMode) => {
		const result = await runWorkflow({
			...paiWorkflow(emulator.url, editingNode({ degree: -1.5 }), urls(['https://img.example.com/portrait.jpg'])),
			binaryMode,
		});
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ operation: 'reshapeFigure', model: 'body_reshaping', mimeType: 'image/png', binaryProperty: 'data' });
		const binary = item.binary?.data;
		expect(binary).toMatchObject({ mimeType: 'image/png', fileName: 'portrait-reshaped.png', fileExtension: 'png' });
		if (binaryMode === 'default') {
			const bytes = Buffer.from(binary!.data, 'base64');
			expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
			expect(bytes.length).toBe(item.json.fileSize);
		} else {
			expect(binary!.id).toEqual(expect.any(String));
		}
	});

	it('removes watermarks from a binary image into a chosen binary property', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				editingNode({ operation: 'removeWatermark', inputType: 'binary', binaryPropertyName: 'photo', options: { outputBinaryPropertyName: 'clean' } }),
				[{ json: {}, binary: { photo: { data: fakeImage('wm'), fileName: 'stamp.jpg', mimeType: 'image/jpeg' } } }],
			),
		);
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ operation: 'removeWatermark', model: 'watermark_remover', binaryProperty: 'clean' });
		expect(item.binary?.clean?.fileName).toBe('stamp-clean.png');
	});

	it('keeps the other items when one image fails under Continue On Fail', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				editingNode({}, { onError: 'continueRegularOutput' }),
				urls(['https://img.example.com/fail.jpg', 'https://img.example.com/ok.jpg']),
			),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.errorCode).toBe('SEVER_ERROR');
		expect(out[0].binary).toBeUndefined();
		expect(out[1].binary?.data?.mimeType).toBe('image/png');
	});
});
