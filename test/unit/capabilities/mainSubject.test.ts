import { rankSubjects } from '../../../nodes/aiSearch/mainSubject';
import { readImageSize } from '../../../nodes/shared/io/imageSize';

const object = (confidence: number, x: number, y: number, width: number, height: number) => ({ confidence, box: { x, y, width, height } });

describe('main subject ranking', () => {
	it('scores 0.5·confidence + 0.3·√area share + 0.2·centrality', () => {
		const [only] = rankSubjects([object(0.8, 250, 150, 500, 300)], { width: 1000, height: 600 });
		// area share 0.25 → √ = 0.5; centred → centrality 1
		expect(only.score).toBeCloseTo(0.5 * 0.8 + 0.3 * 0.5 + 0.2 * 1, 4);
		expect(only).toMatchObject({ rank: 1, areaRatio: 0.25, centrality: 1, relativeBox: { x: 0.25, y: 0.25, width: 0.5, height: 0.5 } });
	});

	it('prefers a large central subject over a slightly more confident small one in the corner', () => {
		const ranked = rankSubjects([object(0.95, 0, 0, 50, 50), object(0.85, 300, 200, 400, 300)], { width: 1000, height: 700 });
		expect(ranked.map((s) => s.detectionIndex)).toEqual([1, 0]);
		expect(ranked.map((s) => s.rank)).toEqual([1, 2]);
	});

	it('breaks ties by confidence, then area, then the service order', () => {
		const tie = rankSubjects([object(0.5, 0, 0, 10, 10), object(0.5, 0, 0, 10, 10)], { width: 100, height: 100 });
		expect(tie.map((s) => s.detectionIndex)).toEqual([0, 1]);
	});

	it('without an image size, ranks within the extent of the detections and gives no relative box', () => {
		const ranked = rankSubjects([object(0.6, 0, 0, 100, 100), object(0.6, 100, 100, 100, 100)]);
		expect(ranked[0].relativeBox).toBeUndefined();
		expect(ranked[0].areaRatio).toBe(0.25);
		expect(rankSubjects([])).toEqual([]);
	});
});

describe('image size from the header', () => {
	it('reads PNG IHDR', () => {
		const png = Buffer.alloc(40);
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
		png.writeUInt32BE(13, 8);
		png.write('IHDR', 12, 'ascii');
		png.writeUInt32BE(640, 16);
		png.writeUInt32BE(480, 20);
		expect(readImageSize(png)).toEqual({ width: 640, height: 480, format: 'png' });
	});

	it('walks JPEG segments to the start-of-frame marker (skipping EXIF and DHT)', () => {
		const exif = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x08]), Buffer.alloc(6)]);
		const dht = Buffer.concat([Buffer.from([0xff, 0xc4, 0x00, 0x05]), Buffer.alloc(3)]);
		const sof2 = Buffer.from([0xff, 0xc2, 0x00, 0x0b, 0x08, 0x04, 0x38, 0x07, 0x80, 0x01, 0x01, 0x11, 0x00]);
		expect(readImageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), exif, dht, sof2]))).toEqual({ width: 1920, height: 1080, format: 'jpeg' });
	});

	it('returns undefined for other or truncated data', () => {
		expect(readImageSize(Buffer.from('GIF89a'))).toBeUndefined();
		expect(readImageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeUndefined();
		expect(readImageSize(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeUndefined();
	});
});
