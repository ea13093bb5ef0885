import { matchJobs, parseJobResult, readJob, readPaiError } from '../../../nodes/pai/protocol';
import { faceBox, mostLikely, normalizeAge, normalizeFace } from '../../../nodes/pai/faceAnalysis';
import { decodeEditedImage, sniffImage } from '../../../nodes/pai/imageEditing';
import { normalizeImageQuality } from '../../../nodes/pai/imageQuality';
import { normalizeTaggerCaption, normalizeTags } from '../../../nodes/pai/imageTagging';
import { normalizeClassification, parseEmbedding } from '../../../nodes/pai/normalize';
import { parseImageUrls, postClassificationBody } from '../../../nodes/pai/postClassification';
import { batchVideoBody, videoJobBody } from '../../../nodes/pai/video';
import { normalizeVideoQuality } from '../../../nodes/pai/videoQuality';

describe('PAI job results', () => {
	it('reads Result as a JSON string (with trailing newline), result, objects and empty values', () => {
		expect(parseJobResult({ Result: '{"a":1}\n' })).toEqual({ a: 1 });
		expect(parseJobResult({ result: '{"b":2}' })).toEqual({ b: 2 });
		expect(parseJobResult({ Result: { c: 3 } })).toEqual({ c: 3 });
		expect(parseJobResult({ Result: '' })).toBeUndefined();
		expect(parseJobResult({ Result: 'not json' })).toBe('not json');
	});

	it('turns a seed job into a snapshot with a state word', () => {
		const job = readJob({
			Result: '{"avg_fps":30,"duration":14,"height":1920,"single_img":0.74072265625,"video_score":20.57750291278764,"width":1080}',
			app_id: '2022',
			batch_id: 14,
			create_time: '2022-10-12T10:51:30.015+08:00',
			id: 1012,
			message: 'success',
			object: 'https://your_video_url.mp4',
			state: 2,
		});
		expect(job).toMatchObject({ id: '1012', state: 'succeeded', status: 'succeeded', key: 'https://your_video_url.mp4', fields: { state: 2, batchId: '14' } });
		expect(normalizeVideoQuality(job.answer.data)).toEqual({
			score: 20.57750291278764,
			fps: 30,
			duration: 14,
			width: 1080,
			height: 1920,
			staticImageRatio: 0.74072265625,
		});
		expect(readJob({ id: 5, state: 1, message: 'video downloading', Result: '' })).toMatchObject({ state: 'pending', fields: { state: 1 }, status: 'running', answer: { data: undefined } });
		expect(readJob({ id: 6, state: 3, message: 'failed to download video' })).toMatchObject({ state: 'failed', status: 'failed', reason: 'failed to download video' });
	});

	it('reads the error envelope', () => {
		expect(readPaiError({ request_id: 'r', code: 'PARAMETER_ERROR', message: 'sign error' })).toEqual({
			requestId: 'r',
			code: 'PARAMETER_ERROR',
			message: 'sign error',
		});
	});
});

describe('PAI batch mapping', () => {
	const job = (id: number, object?: string) => readJob({ id, state: 2, object });

	it('matches jobs by URL whatever order the service lists them in', () => {
		const videos = ['https://a/1.mp4', 'https://a/2.mp4'];
		const mapped = matchJobs(videos, [job(11, 'https://a/2.mp4'), job(10, 'https://a/1.mp4')]);
		expect(mapped.map((j) => j?.id)).toEqual(['10', '11']);
	});

	it('gives duplicate URLs distinct jobs in id order', () => {
		const videos = ['https://a/x.mp4', 'https://a/x.mp4'];
		expect(matchJobs(videos, [job(21, 'https://a/x.mp4'), job(20, 'https://a/x.mp4')]).map((j) => j?.id)).toEqual(['20', '21']);
	});

	it('falls back to position (job id order) when jobs carry no object URL, and leaves missing jobs undefined', () => {
		const videos = ['https://a/1.mp4', 'https://a/2.mp4', 'https://a/3.mp4'];
		expect(matchJobs(videos, [job(31), job(30)]).map((j) => j?.id)).toEqual(['30', '31', undefined]);
	});
});

describe('PAI request bodies', () => {
	it('build the documented fields', () => {
		expect(videoJobBody('VideoQA', { url: 'https://v/a.mp4' }, '', {})).toEqual({
			action: 'VideoQA',
			video_url: 'https://v/a.mp4',
			video_title: '',
			model_name: '',
			configure: {},
		});
		expect(batchVideoBody('ClassifyLabelVideo', [{ url: 'https://v/a.mp4', title: 't' }], 'm', { tag_top_k: 2 })).toEqual({
			action: 'ClassifyLabelVideo',
			videos: [{ url: 'https://v/a.mp4', title: 't' }],
			model_name: 'm',
			configure: { tag_top_k: 2 },
		});
		expect(postClassificationBody({ videoUrl: '', images: ['https://i/a.jpg'], text: 'x' }, 'multi_modal_tag', {})).toMatchObject({
			action: 'MultiModalClassify',
			video_url: '',
			images: ['https://i/a.jpg'],
			text: 'x',
		});
	});

	it('reads image URL lists from arrays, JSON and separated text', () => {
		expect(parseImageUrls(['https://a', ' https://b '])).toEqual(['https://a', 'https://b']);
		expect(parseImageUrls('["https://a","https://b"]')).toEqual(['https://a', 'https://b']);
		expect(parseImageUrls('https://a, https://b\nhttps://c')).toEqual(['https://a', 'https://b', 'https://c']);
		expect(parseImageUrls('')).toEqual([]);
	});
});

describe('PAI normalizers', () => {
	it('image quality', () => {
		expect(normalizeImageQuality({ image_height: 214, image_width: 398, iqa_result: 66.88 })).toEqual({ score: 66.88, width: 398, height: 214 });
	});

	it('parses comma-separated embeddings into numbers', () => {
		expect(parseEmbedding('-0.162,0.483, 0.881')).toEqual([-0.162, 0.483, 0.881]);
		expect(parseEmbedding('1,x')).toBeUndefined();
		expect(parseEmbedding(undefined)).toBeUndefined();
	});

	it('classification results of the seed', () => {
		const result = {
			classification_result: [{ class: '三农', score: 0.997 }],
			duration: 14.633333333333333,
			embedding_result: '0.998,0.0,0.002',
			tag_result: [
				{ score: 0.728, tag: '盆栽' },
				{ score: 0.576, tag: '植物' },
			],
			video_height: 1280,
			video_width: 720,
		};
		expect(normalizeClassification(result)).toEqual({
			classes: [{ name: '三农', score: 0.997 }],
			tags: [
				{ name: '盆栽', score: 0.728 },
				{ name: '植物', score: 0.576 },
			],
			embedding: [0.998, 0, 0.002],
			embeddingDimensions: 3,
			duration: 14.633333333333333,
			width: 720,
			height: 1280,
		});
	});

	it('face attributes of the seed sample', () => {
		const face = normalizeFace({
			FaceShape: { 三角脸: 0.0013, 圆脸: 0.0147, 椭圆脸: 0.9266 },
			FemaleHairStyle: { FemaleHairType: { 卷发: 0.1941, 盘发: 0.0112, 直发: 0.7947 }, 扎发: 0.3054, 编发: 0.3453 },
			HairColor: { 栗色: 0.0025, 黑色: 0.9347 },
			MaleHairStyle: { 分发: 0.9939, 圆寸: 0 },
			bbox: [91, 0, 430, 452],
			face_score: 3.2431,
			index: 0,
		});
		expect(face).toMatchObject({
			faceIndex: 0,
			faceScore: 3.2431,
			box: { left: 91, top: 0, right: 430, bottom: 452, width: 339, height: 452 },
			faceShape: { label: '椭圆脸', labelEn: 'oval', probability: 0.9266 },
			hairColor: { label: '黑色', labelEn: 'black' },
			maleHairStyle: { label: '分发', labelEn: 'parted' },
			femaleHairStyle: { hairType: { label: '直发', labelEn: 'straight' }, tied: { value: false, probability: 0.3054 } },
		});
		expect(mostLikely({ 圆寸: 0.9, 分发: 0.1 })).toMatchObject({ label: '圆寸', labelEn: undefined });
		expect(mostLikely({})).toBeUndefined();
		expect(faceBox([1, 2, 3])).toBeUndefined();
	});

	it('age, with the sample typo and the correct spelling', () => {
		expect(normalizeAge({ age_range: '3-9', age_raneg_prob: 0.9525 })).toEqual({ ageRange: '3-9', probability: 0.9525 });
		expect(normalizeAge({ age_range: '3-9', age_range_prob: 0.5 })).toEqual({ ageRange: '3-9', probability: 0.5 });
	});

	it('tags and tagger captions', () => {
		expect(normalizeTags({ image_height: 510, image_width: 516, tag_result: [{ score: 0.505, tag: '笑容' }] })).toEqual({
			tags: [{ tag: '笑容', score: 0.505 }],
			embedding: undefined,
			embeddingDimensions: undefined,
			width: 516,
			height: 510,
		});
		expect(normalizeTaggerCaption({ caption: 'sensitive, 1girl, solo, long hair', probs: [0.1] })).toEqual({
			caption: 'sensitive, 1girl, solo, long hair',
			tags: ['sensitive', '1girl', 'solo', 'long hair'],
		});
	});

	it('decodes edited images and sniffs their type', () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]);
		expect(decodeEditedImage(png.toString('base64'))).toEqual(png);
		expect(decodeEditedImage(`data:image/png;base64,${png.toString('base64')}`)).toEqual(png);
		expect(decodeEditedImage('***')).toBeUndefined();
		expect(decodeEditedImage({})).toBeUndefined();
		expect(sniffImage(png).mimeType).toBe('image/png');
		expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])).mimeType).toBe('image/jpeg');
		expect(sniffImage(Buffer.from('hello')).mimeType).toBe('application/octet-stream');
	});
});
