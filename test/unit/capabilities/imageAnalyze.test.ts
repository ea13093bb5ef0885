import { imageAnalyzeBody, imageFileType, normalizeImageAnalysis } from '../../../nodes/aiSearch/imageAnalyze';
import { taskState } from '../../../nodes/aiSearch/protocol';
import { Base64Content } from '../../../nodes/shared/transport/base64Content';
import { jsonBytes } from '../../../nodes/shared/transport/jsonBytes';
import type { IDataObject } from 'n8n-workflow';

/** The body as the service receives it. */
const wire = (body: IDataObject) => JSON.parse(jsonBytes(body).toString()) as unknown;

describe('image content extraction capability', () => {
	it('sends a URL as document.url and states the type when known', () => {
		expect(imageAnalyzeBody({ url: 'https://x/a.PNG', source: { type: 'url', fileName: 'a.PNG' } })).toEqual({
			document: { url: 'https://x/a.PNG', file_type: 'png' },
		});
	});

	it('sends base64 content with a file name, inferring the type from the MIME type', () => {
		expect(
			wire(imageAnalyzeBody({ content: Base64Content.ofBase64('AAAA'), source: { type: 'binary', fileName: 'scan', mimeType: 'image/jpeg' } })),
		).toEqual({ document: { content: 'AAAA', file_name: 'scan', file_type: 'jpg' } });
	});

	it('lets the user override the file type', () => {
		expect(wire(imageAnalyzeBody({ content: Base64Content.ofBase64('AAAA'), source: { type: 'base64', fileName: 'x.bin' } }, 'tiff'))).toEqual({
			document: { content: 'AAAA', file_name: 'x.bin', file_type: 'tiff' },
		});
		expect(imageFileType('scan.TIF')).toBeUndefined(); // only the documented spellings are stated
		expect(imageFileType('photo.webp')).toBeUndefined(); // not a documented type: the node refuses it before sending
		expect(imageFileType('scan.tiff')).toBe('tiff');
		expect(imageFileType(undefined, 'application/octet-stream')).toBeUndefined();
	});

	it('normalises the result, reading numbers given as strings', () => {
		expect(
			normalizeImageAnalysis({
				data: { content: 'Hello', content_type: 'plain', page_num: '1' },
				usage: { token_count: 95 },
				raw: {},
			}),
		).toEqual({ content: 'Hello', contentType: 'plain', pageNum: 1, usage: { tokenCount: 95, pvCount: undefined } });
	});

	it('reads task states per the contract: PENDING waits, SUCCESS succeeds, anything else fails', () => {
		expect(taskState('PENDING')).toBe('pending');
		expect(taskState('SUCCESS')).toBe('succeeded');
		expect(taskState('FAIL')).toBe('failed');
		expect(taskState('FAILED')).toBe('failed');
		expect(taskState('')).toBe('failed');
	});
});
