/**
 * Bad input, as users type it: every case fails with a message that names the parameter (or the
 * file) and a description that says how to fix it, and the service receives nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, nodeTypes, PACKAGE, PAI_APP_ID, PAI_TOKEN, paiWorkflow, singleNode } from './fixtures';
import type { HarnessInputItem } from './harness';
import { runWorkflow } from './harness';

type Case = [label: string, type: string, parameters: IDataObject, message: RegExp, items: HarnessInputItem[]];

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const TEXT = Buffer.from('just some notes, not a picture');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const one: HarnessInputItem[] = [{ json: {} }];
const withFile = (data: Buffer, fileName: string, mimeType: string): HarnessInputItem[] => [{ json: {}, binary: { data: { data, fileName, mimeType } } }];

const AI = {
	imageContent: { type: 'alibabaImageContent', base: { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001' } },
	objectDetection: { type: 'alibabaObjectDetection', base: { serviceId: 'ops-object-detect-001' } },
	mainSubject: { type: 'alibabaMainSubject', base: { serviceId: 'ops-object-detect-001' } },
	transcription: { type: 'alibabaTranscription', base: { operation: 'submitAndWait' } },
	videoSegmentation: { type: 'alibabaVideoSegmentation', base: { operation: 'submitAndWait' } },
	videoKeyframes: { type: 'alibabaVideoKeyframes', base: { operation: 'submitAndWait', intervalSeconds: 5, imageFormat: 'jpg', framesOutput: 'base64' } },
};
const PAI = {
	imageQuality: { type: 'alibabaPaiImageQuality', base: { model: '' } },
	faceAnalysis: { type: 'alibabaPaiFaceAnalysis', base: { model: '' } },
	imageTagging: { type: 'alibabaPaiImageTagging', base: { model: '' } },
	imageEditing: { type: 'alibabaPaiImageEditing', base: { operation: 'removeWatermark' } },
};
const urlNodes = { ...AI, ...PAI };

const BAD_URLS: Array<[string, string, RegExp]> = [
	['empty (an expression that gave nothing)', '={{ "" }}', /The URL is empty/],
	['without a scheme', 'images.example.com/a.jpg', /is not a usable URL/],
	['with a space in its host', 'https://images.exa mple.com/a.jpg', /is not a usable URL/],
	['of another scheme', 'ftp://images.example.com/a.jpg', /is not a usable URL/],
];

const CASES: Case[] = [];
for (const [name, { type, base }] of Object.entries(urlNodes)) {
	for (const [what, url, message] of BAD_URLS) CASES.push([`${name}: a URL ${what}`, type, { ...base, inputType: 'url', url }, message, one]);
	CASES.push([`${name}: no binary property`, type, { ...base, inputType: 'binary', binaryPropertyName: 'data' }, /This item has no binary property "data"/, one]);
}
for (const [name, { type, base }] of Object.entries({ imageContent: AI.imageContent, objectDetection: AI.objectDetection, mainSubject: AI.mainSubject, ...PAI })) {
	CASES.push([`${name}: a PDF as the image`, type, { ...base, inputType: 'binary', binaryPropertyName: 'data' }, /"scan.pdf".* is not an image the service reads/, withFile(PDF, 'scan.pdf', 'application/pdf')]);
	CASES.push([`${name}: text bytes named .png`, type, { ...base, inputType: 'binary', binaryPropertyName: 'data' }, /"notes.png" \(its content is not an image\) is not an image/, withFile(TEXT, 'notes.png', 'image/png')]);
}
for (const [name, { type, base }] of Object.entries({ imageContent: AI.imageContent, objectDetection: AI.objectDetection })) {
	CASES.push([`${name}: a GIF (not a documented type)`, type, { ...base, inputType: 'binary', binaryPropertyName: 'data' }, /"anim.gif".*is not an image the service reads/, withFile(GIF, 'anim.gif', 'image/gif')]);
	CASES.push([`${name}: invalid base64`, type, { ...base, inputType: 'base64', base64Content: 'not*base64!', fileName: 'a.png' }, /The base64 content is not valid base64/, one]);
	CASES.push([`${name}: empty base64`, type, { ...base, inputType: 'base64', base64Content: '={{ "" }}', fileName: 'a.png' }, /The base64 content is empty/, one]);
	CASES.push([`${name}: an OSS path where only URLs are read`, type, { ...base, inputType: 'url', url: 'oss://bucket/a.jpg' }, /is not a usable URL/, one]);
}
const url = { inputType: 'url', url: 'https://media.example.com/a.mp4' };
const OPTIONS: Array<[string, IDataObject, RegExp]> = [
	['Poll Interval 0', { pollIntervalSeconds: 0 }, /Poll Interval \(Seconds\) must be a number of at least 0.1; it is 0/],
	['Poll Interval -1', { pollIntervalSeconds: -1 }, /Poll Interval \(Seconds\) must be/],
	['Poll Interval "abc"', { pollIntervalSeconds: 'abc' }, /Poll Interval \(Seconds\) must be a number of at least 0.1; it is "abc"/],
	['Timeout 0', { timeoutSeconds: 0 }, /Timeout \(Seconds\) must be a number of at least 1/],
	['Max Requests per Second 0', { qps: 0 }, /Max Requests per Second must be a number of at least 0.1/],
	['Request Timeout -5', { requestTimeoutSeconds: -5 }, /Request Timeout \(Seconds\) must be a number of at least 1/],
	['Max Concurrent Requests 2.5', { maxConcurrentRequests: 2.5 }, /Max Concurrent Requests must be a whole number of at least 1/],
];
for (const [what, options, message] of OPTIONS) {
	CASES.push([`transcription: ${what}`, AI.transcription.type, { ...AI.transcription.base, ...url, options }, message, one]);
	CASES.push([`video quality: ${what}`, 'alibabaPaiVideoQuality', { operation: 'submitAndWait', mode: 'single', videoUrl: url.url, model: '', options }, message, one]);
}
CASES.push(
	['object detection: Minimum Confidence 1.5', AI.objectDetection.type, { ...AI.objectDetection.base, ...url, options: { minConfidence: 1.5 } }, /Minimum Confidence must be a number from 0 to 1/, one],
	['keyframes: a fractional interval', AI.videoKeyframes.type, { ...AI.videoKeyframes.base, ...url, intervalSeconds: 2.5 }, /Interval \(Seconds\) must be a whole number of at least 1; it is 2.5/, one],
	['keyframes: an Output OSS Path that is not one', AI.videoKeyframes.type, { ...AI.videoKeyframes.base, ...url, framesOutput: 'oss', outputOss: 'bucket/frames' }, /The Output OSS Path is not an OSS path/, one],
	['transcription: a file of no known format', AI.transcription.type, { ...AI.transcription.base, inputType: 'binary', binaryPropertyName: 'data', options: {} }, /Cannot tell the audio or video format of "notes.txt"/, withFile(TEXT, 'notes.txt', 'text/plain')],
	['image content: Get Result with an empty Task ID', AI.imageContent.type, { operation: 'getResult', serviceId: 'ops-image-analyze-ocr-001', taskId: '={{ $json.taskId }}' }, /The Task ID is empty/, one],
	['video summary: segments that are not JSON', 'alibabaVideoSummary', { operation: 'submitAndWait', inputType: 'segments', segments: '[{oops' }, /The Segments field is text but not JSON/, one],
	['video summary: no segments', 'alibabaVideoSummary', { operation: 'submitAndWait', inputType: 'segments', segments: '[]' }, /No segments to summarize/, one],
	['PAI: Get Result with a job id that is not a number', 'alibabaPaiVideoQuality', { operation: 'getResult', resumeBy: 'job', jobId: 'abc' }, /"abc" is not a PAI job ID \(a whole number\)/, one],
	['PAI: Get Result with an empty Batch ID', 'alibabaPaiVideoQuality', { operation: 'getResult', resumeBy: 'batch', batchId: '={{ $json.batchId }}' }, /The Batch ID is empty/, one],
	['PAI: Batch Size 0', 'alibabaPaiVideoQuality', { operation: 'submitAndWait', mode: 'batch', videoUrl: url.url, model: '', options: { batchSize: 0 } }, /Batch Size must be a whole number from 1 to 100; it is 0/, one],
	['PAI: an empty Custom Model Name', 'alibabaPaiImageQuality', { ...url, model: 'custom', customModelName: ' ' }, /Custom Model Name is empty/, one],
	['PAI: Additional Configure that is not JSON', 'alibabaPaiImageQuality', { ...url, model: '', configureJson: '{tag_top_k: 5' }, /Additional Configure \(JSON\) is not valid JSON/, one],
	['PAI: Additional Configure that is a list', 'alibabaPaiImageQuality', { ...url, model: '', configureJson: '[1, 2]' }, /Additional Configure \(JSON\) must be a JSON object/, one],
	['PAI: an empty post', 'alibabaPaiPostClassification', { operation: 'submitAndWait', videoUrl: '', imageUrls: '', text: ' ', model: '' }, /The post is empty/, one],
	['PAI: a post image that is not a URL', 'alibabaPaiPostClassification', { operation: 'submitAndWait', videoUrl: '', imageUrls: 'https://i.test/a.jpg, www.i.test/b.jpg', text: '', model: '' }, /"www.i.test\/b.jpg" is not a usable URL/, one],
	['PAI: a video by OSS path', 'alibabaPaiVideoClassification', { operation: 'submitAndWait', mode: 'single', videoUrl: 'oss://bucket/v.mp4', model: '' }, /"oss:\/\/bucket\/v.mp4" is not a usable video URL/, one],
);

describe('bad input is refused before anything is sent, saying what to fix', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN } });
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(() => emulator.reset());

	it('has cases for every node of the package', () => {
		const covered = new Set(CASES.map(([, type]) => `${PACKAGE}.${type}`));
		expect(Object.keys(nodeTypes).filter((type) => !covered.has(type))).toEqual([]);
	});

	it.each(CASES)('%s', async (_label, type, parameters, message, items) => {
		const workflowNode = node('Node', type, { options: {}, ...parameters });
		const workflow = type.startsWith('alibabaPai') ? paiWorkflow(emulator.url, workflowNode, items) : singleNode(emulator.url, workflowNode, items);
		const result = await runWorkflow(workflow);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		// The description says what to do: a verb the user can act on.
		expect(result.error?.description).toMatch(/\b(Set|Enter|Pass|Map|Convert|Give|Connect|Read|remove|Check|Use|pick)\b/);
		expect(emulator.log.filter((entry) => entry.kind !== 'control')).toHaveLength(0);
	});
});
