import type { Emulator } from '../emulator';
import { runWorkflow } from './harness';
import { paiNode, paiWorkflow, startPaiEmulator, urls } from './fixtures';

const NODE = 'Face Analysis';

function faceNode(parameters: Record<string, unknown>, extra = {}) {
	return paiNode(NODE, 'alibabaPaiFaceAnalysis', { inputType: 'url', url: '={{ $json.url }}', model: '', ...parameters }, extra);
}

describe('Alibaba PAI Face Analysis through the n8n engine', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startPaiEmulator();
	});
	afterEach(async () => {
		await emulator.close();
	});

	it('outputs one item per face with its box and the most likely value of each attribute', async () => {
		const result = await runWorkflow(
			paiWorkflow(emulator.url, faceNode({}), urls(['https://img.example.com/group-faces.jpg', 'https://img.example.com/solo.jpg'])),
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(out.map((i) => i.json.faceIndex)).toEqual([0, 1, 0]);
		const face = out[0].json as Record<string, any>;
		expect(face.faceCount).toBe(2);
		expect(face.box).toEqual({
			left: face.bbox[0],
			top: face.bbox[1],
			right: face.bbox[2],
			bottom: face.bbox[3],
			width: face.bbox[2] - face.bbox[0],
			height: face.bbox[3] - face.bbox[1],
		});
		const shape = face.faceShape;
		expect(Object.keys(shape.probabilities)).toContain('椭圆脸');
		expect(shape.probability).toBe(Math.max(...(Object.values(shape.probabilities) as number[])));
		expect(shape.probabilities[shape.label]).toBe(shape.probability);
		expect(typeof shape.labelEn).toBe('string');
		expect(face.hairColor.label).toEqual(expect.any(String));
		expect(face.maleHairStyle.label).toEqual(expect.any(String));
		expect(face.femaleHairStyle.hairType.label).toEqual(expect.any(String));
		expect(face.femaleHairStyle.tied).toEqual({ value: face.femaleHairStyle.tied.probability >= 0.5, probability: expect.any(Number) });
	});

	it('keeps an image without faces as one item, and can output one item with a faces list', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				faceNode({ options: { split: false } }),
				urls(['https://img.example.com/noface.jpg', 'https://img.example.com/faces.jpg']),
			),
		);
		const out = result.output(NODE);
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({ faceCount: 0, faces: [] });
		expect(out[1].json.faceCount).toBe(2);
		expect(out[1].json.faces).toHaveLength(2);
	});

	it('estimates the age with the fairface model', async () => {
		const result = await runWorkflow(paiWorkflow(emulator.url, faceNode({ model: 'fairface' }), urls(['https://img.example.com/kid.jpg'])));
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ ageRange: expect.stringMatching(/^\d+(-\d+|\+)$/), probability: expect.any(Number) });
	});

	it('turns a download failure into an error item under Continue On Fail', async () => {
		const result = await runWorkflow(
			paiWorkflow(
				emulator.url,
				faceNode({}, { onError: 'continueRegularOutput' }),
				urls(['https://img.example.com/fail.jpg', 'https://img.example.com/solo.jpg']),
			),
		);
		const out = result.output(NODE);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json).toMatchObject({ httpCode: 422, errorCode: 'SEVER_ERROR' });
		expect(out[1].json.faceCount).toBe(1);
	});
});
