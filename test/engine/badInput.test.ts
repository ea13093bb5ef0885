/**
 * Bad input, as users type it: every case fails with a message that names the parameter (or the
 * file) and a description that says how to fix it, and the service receives nothing.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, nodeTypes, PACKAGE, PAI_APP_ID, PAI_TOKEN, paiCredentials, paiWorkflow, singleNode } from './fixtures';
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
	documentParsing: { type: 'alibabaDocumentParsing', base: { operation: 'submitAndWait', serviceId: 'ops-document-analyze-001' } },
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


// Limits the editor's fields state but an expression or a JSON object can pass (issue 19): each is checked
// against the documented value before anything is sent.
const tagging = { ...url, url: 'https://images.example.com/a.jpg', model: '' };
const classification = { operation: 'submitAndWait', mode: 'single', videoUrl: url.url, model: '' };
CASES.push(
	['image content: File Type "gif" by expression', AI.imageContent.type, { ...AI.imageContent.base, ...url, url: 'https://images.example.com/a.gif', options: { fileType: '={{ "gif" }}' } }, /File Type must be one of jpg, jpeg, png, bmp, tiff; it is "gif"/, one],
	['image content: a service id the platform does not list', AI.imageContent.type, { ...AI.imageContent.base, ...url, serviceId: '={{ "ops-image-analyze-vlm-009" }}' }, /Service "ops-image-analyze-vlm-009" is not a documented image-analyze service \(ops-image-analyze-vlm-001, ops-image-analyze-ocr-001\)/, one],
	['image content: Get Result from an unlisted service', AI.imageContent.type, { operation: 'getResult', serviceId: '={{ "ops-image-analyze-xyz" }}', taskId: 't-1' }, /is not a documented image-analyze service/, one],
	['image content: an empty Custom Service ID', AI.imageContent.type, { ...AI.imageContent.base, ...url, serviceId: 'custom', customServiceId: ' ' }, /Custom Service ID is empty/, one],
	['image content: a Custom Service ID with a path', AI.imageContent.type, { ...AI.imageContent.base, ...url, serviceId: 'custom', customServiceId: 'image-analyze/ops-image-analyze-vlm-001' }, /Custom Service ID "image-analyze\/ops-image-analyze-vlm-001" is not a service id/, one],
	['object detection: a service id the platform does not list', AI.objectDetection.type, { ...url, serviceId: '={{ "ops-object-detect-car-001" }}' }, /Service "ops-object-detect-car-001" is not a documented image-object-detection service/, one],
	['main subject: a service id the platform does not list', AI.mainSubject.type, { ...url, serviceId: '={{ "ops-main-subject-001" }}' }, /Detection Service "ops-main-subject-001" is not a documented/, one],
	['transcription: Subtitles "ass" by expression', AI.transcription.type, { ...AI.transcription.base, ...url, options: { subtitles: '={{ "ass" }}' } }, /Subtitles must be one of none, srt, vtt, both; it is "ass"/, one],
	['transcription: Get Result with Subtitles As "file"', AI.transcription.type, { operation: 'getResult', taskId: 'asr-1', options: { subtitlesOutput: '={{ "file" }}' } }, /Subtitles As must be one of text, binary; it is "file"/, one],
	['transcription: Sentence Time Unit "hours"', AI.transcription.type, { ...AI.transcription.base, ...url, options: { timeUnit: '={{ "hours" }}' } }, /Sentence Time Unit must be one of seconds, milliseconds/, one],
	['transcription: Media Format "mp5"', AI.transcription.type, { ...AI.transcription.base, inputType: 'base64', base64Content: 'AAAA', fileName: 'a.mp3', options: { mediaFormat: '={{ "mp5" }}' } }, /Media Format must be one of mp3, .*; it is "mp5"/, one],
	['transcription: On Timeout "wait"', AI.transcription.type, { ...AI.transcription.base, ...url, options: { onTimeout: '={{ "wait" }}' } }, /On Timeout must be one of error, output; it is "wait"/, one],
	['keyframes: Image Format "gif"', AI.videoKeyframes.type, { ...AI.videoKeyframes.base, ...url, imageFormat: '={{ "gif" }}' }, /Image Format must be one of jpg, png; it is "gif"/, one],
	['keyframes: Frames Output "url"', AI.videoKeyframes.type, { ...AI.videoKeyframes.base, ...url, framesOutput: '={{ "url" }}', outputOss: 'oss://bucket/frames/' }, /Frames Output must be one of base64, oss; it is "url"/, one],
	['PAI tagging: Tag Top K 0', PAI.imageTagging.type, { ...tagging, configure: { tag_top_k: 0 } }, /Tag Top K \(configure key tag_top_k\) must be a whole number from 1 to 10; it is 0/, one],
	['PAI tagging: Tag Top K 11', PAI.imageTagging.type, { ...tagging, configure: { tag_top_k: '={{ 11 }}' } }, /Tag Top K \(configure key tag_top_k\) must be a whole number from 1 to 10; it is 11/, one],
	['PAI tagging: tag_top_k 11 in the JSON', PAI.imageTagging.type, { ...tagging, configureJson: '{"tag_top_k": 11}' }, /Tag Top K \(configure key tag_top_k\) must be a whole number from 1 to 10; it is 11/, one],
	['PAI tagging: Tag Top K 2.5', PAI.imageTagging.type, { ...tagging, configure: { tag_top_k: 2.5 } }, /must be a whole number from 1 to 10; it is 2.5/, one],
	['PAI tagging: Threshold 1.5', PAI.imageTagging.type, { ...tagging, model: 'tagger', configure: { threshold: 1.5 } }, /Threshold \(configure key threshold\) must be a number from 0 to 1; it is 1.5/, one],
	['PAI tagging: an unlisted Tagger Type', PAI.imageTagging.type, { ...tagging, model: 'tagger', configure: { tagger_type: '={{ "SmilingWolf/wd-v9" }}' } }, /Tagger Type \(configure key tagger_type\) must be one of SmilingWolf/, one],
	['PAI tagging: output_embedding "yes" in the JSON', PAI.imageTagging.type, { ...tagging, configureJson: '{"output_embedding": "yes"}' }, /Output Embedding \(configure key output_embedding\) must be true or false; it is "yes"/, one],
	['PAI video classification: Classification Top K 0', 'alibabaPaiVideoClassification', { ...classification, configure: { classification_top_k: 0 } }, /Classification Top K \(configure key classification_top_k\) must be a whole number from 1 to 10; it is 0/, one],
	['PAI video classification: Tag Top K 11 in batch mode', 'alibabaPaiVideoClassification', { ...classification, mode: 'batch', configure: { tag_top_k: 11 } }, /Tag Top K \(configure key tag_top_k\) must be a whole number from 1 to 10; it is 11/, one],
	['PAI post classification: tag_top_k 0 in the JSON', 'alibabaPaiPostClassification', { operation: 'submitAndWait', inputType: 'url', videoUrl: url.url, imageUrls: '', text: 'a post', model: '', configureJson: '{"tag_top_k": 0}' }, /Tag Top K \(configure key tag_top_k\) must be a whole number from 1 to 10; it is 0/, one],
);

const docBinary = { ...AI.documentParsing.base, inputType: 'binary', binaryPropertyName: 'data' };
CASES.push(
	['document parsing: an image on the documents service', AI.documentParsing.type, docBinary, /The file type "png" is not one the service ops-document-analyze-001 takes \(txt, pdf, html, doc, docx, ppt, pptx\)/, withFile(GIF, 'scan.png', 'image/png')],
	['document parsing: a spreadsheet on the PDF and images service', AI.documentParsing.type, { ...docBinary, serviceId: 'ops-document-analyze-002' }, /The file type "xlsx" is not one the service ops-document-analyze-002 takes/, withFile(TEXT, 'sheet.xlsx', 'application/octet-stream')],
	['document parsing: an empty file', AI.documentParsing.type, docBinary, /The file "blank.pdf" is empty/, withFile(Buffer.alloc(0), 'blank.pdf', 'application/pdf')],
	['document parsing: a file of no known type', AI.documentParsing.type, docBinary, /The file type of the document is unknown/, withFile(PDF, 'upload', 'application/octet-stream')],
	['document parsing: File Type "xls" by expression', AI.documentParsing.type, { ...AI.documentParsing.base, ...url, options: { fileType: '={{ "xls" }}' } }, /File Type must be one of txt, pdf, .*; it is "xls"/, one],
	['document parsing: Chunk Size 10', AI.documentParsing.type, { ...AI.documentParsing.base, ...url, options: { splitInto: 'chunk', chunkSize: 10 } }, /Chunk Size must be a whole number of characters, at least 100; it is 10/, one],
);

/**
 * Every choice parameter an expression can set (no noDataExpression), found in the node descriptions
 * themselves: given a value off its list, the node refuses it by its display name. A choice added later is
 * covered without a new line here.
 */
const CHOICE_BASES: Record<string, IDataObject[]> = {
	alibabaImageContent: [{ ...AI.imageContent.base, ...url }],
	alibabaObjectDetection: [{ ...AI.objectDetection.base, ...url }],
	alibabaMainSubject: [{ ...AI.mainSubject.base, ...url }],
	alibabaTranscription: [{ ...AI.transcription.base, ...url }, { ...AI.transcription.base, inputType: 'base64', base64Content: 'AAAA', fileName: 'a.mp3' }],
	alibabaVideoSegmentation: [{ ...AI.videoSegmentation.base, ...url }, { ...AI.videoSegmentation.base, inputType: 'base64', base64Content: 'AAAA', fileName: 'a.mp4' }],
	// Output OSS Path is required by n8n whenever Frames Output is an expression.
	alibabaVideoKeyframes: [{ ...AI.videoKeyframes.base, ...url, outputOss: 'oss://bucket/frames/' }, { ...AI.videoKeyframes.base, inputType: 'base64', base64Content: 'AAAA', fileName: 'a.mp4' }],
	alibabaVideoSummary: [{ operation: 'submitAndWait', inputType: 'url', url: url.url }],
	alibabaPaiImageQuality: [{ ...url, model: '' }],
	alibabaPaiFaceAnalysis: [{ ...url, model: '' }],
	alibabaPaiImageTagging: [{ ...tagging }, { ...tagging, model: 'tagger' }],
	alibabaPaiImageEditing: [{ ...PAI.imageEditing.base, ...url }],
	alibabaPaiPostClassification: [{ operation: 'submitAndWait', inputType: 'url', videoUrl: url.url, imageUrls: '', text: 'a post', model: '' }],
	alibabaPaiVideoQuality: [classification],
	alibabaPaiVideoClassification: [classification],
	alibabaDocumentParsing: [{ ...AI.documentParsing.base, ...url, url: 'https://docs.example.com/a.pdf' }],
};
const OFF_THE_LIST = '={{ "no-such-choice" }}';
const isChoice = (property: INodeProperties) => property.type === 'options' && !property.noDataExpression;
const CHOICE_CASES: Case[] = [];
for (const [name, bases] of Object.entries(CHOICE_BASES)) {
	const { description } = (nodeTypes as Record<string, INodeType>)[`${PACKAGE}.${name}`];
	const seen = new Set<string>();
	for (const base of bases) {
		const values = NodeHelpers.getNodeParameters(description.properties, base as INodeParameters, true, false, { typeVersion: 1 }, description) ?? {};
		for (const property of description.properties) {
			if (!NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description)) continue;
			const children = property.type === 'collection' ? ((property.options ?? []) as INodeProperties[]) : [];
			const found: Array<[string, INodeProperties, IDataObject]> = isChoice(property) ? [[property.name, property, { [property.name]: OFF_THE_LIST }]] : [];
			for (const child of children.filter(isChoice)) {
				if (NodeHelpers.displayParameter({}, child, { typeVersion: 1 }, description, values)) {
					found.push([`${property.name}.${child.name}`, child, { [property.name]: { [child.name]: OFF_THE_LIST } }]);
				}
			}
			for (const [path, choice, parameters] of found) {
				if (seen.has(path)) continue;
				seen.add(path);
				const label = choice.displayName.replace(/[()]/g, '\\$&');
				CHOICE_CASES.push([`${name}: ${path} off its list`, name, { ...base, ...parameters }, new RegExp(`${label}.* "no-such-choice"`), one]);
			}
		}
	}
}

/** Credential endpoints as users paste them; EMULATOR stands for the emulator's URL. */
const ENDPOINTS: Array<[label: string, family: 'aiSearch' | 'pai', endpoint: string, message: RegExp]> = [
	['AI Search: the API path pasted in', 'aiSearch', 'EMULATOR/v3/openapi/workspaces/default/image-analyze/ops-image-analyze-ocr-001/async', /Endpoint includes the API path \(\/v3\/openapi\/workspaces/],
	['AI Search: another path', 'aiSearch', 'EMULATOR/console', /Endpoint has a path \(\/console\)/],
	['AI Search: the scheme twice', 'aiSearch', 'https://https://abc.platform-cn-shanghai.opensearch.aliyuncs.com', /Endpoint "https:\/\/https:\/\/abc.*" has the scheme twice/],
	['AI Search: characters no scheme has', 'aiSearch', 'ht!tp://bad host', /Endpoint "ht!tp:\/\/bad host" does not start with http:\/\/ or https:\/\//],
	['AI Search: a space in the host', 'aiSearch', 'abc.platform cn.aliyuncs.com', /Endpoint "abc.platform cn.aliyuncs.com" is not a host name/],
	['AI Search: another scheme', 'aiSearch', 'ftp://abc.example.com', /uses the scheme ftp:\/\//],
	['AI Search: a user and password', 'aiSearch', 'https://me:secret@abc.example.com', /carries a user name or password/],
	['PAI: the API path pasted in', 'pai', 'EMULATOR/api/v1/images', /Endpoint includes the API path or a query \(\/api\/v1\/images\)/],
	['PAI: the scheme twice', 'pai', 'http://http://ai-service.example.com', /has the scheme twice/],
	['PAI: characters no host has', 'pai', 'http://ai_service!.example.com', /is not a host name/],
];

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

	it('has a choice case for every node with a choice an expression can set', () => {
		// The synchronous PAI image nodes have no choice an expression can set (Model and Operation take none).
		const without = ['alibabaPaiImageQuality', 'alibabaPaiFaceAnalysis', 'alibabaPaiImageEditing'];
		expect(new Set(CHOICE_CASES.map(([, type]) => type))).toEqual(new Set(Object.keys(CHOICE_BASES).filter((type) => !without.includes(type))));
	});

	it.each([...CASES, ...CHOICE_CASES])('%s', async (label, type, parameters, message, items) => {
		const workflowNode = node('Node', type, { options: {}, ...parameters });
		const workflow = type.startsWith('alibabaPai') ? paiWorkflow(emulator.url, workflowNode, items) : singleNode(emulator.url, workflowNode, items);
		const result = await runWorkflow(workflow);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		// The description says what to do: a verb the user can act on, and that nothing was sent.
		expect(result.error?.description).toMatch(/\b(Set|Enter|Pass|Map|Convert|Give|Connect|Read|remove|Check|Use|pick)\b/);
		// Refused in phase one, so the error says so (a file's bytes are read in phase two, and a resumed batch
		// is checked on its turn: those say nothing about the other items).
		if (!/text bytes named|Batch ID/.test(label)) expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(emulator.log.filter((entry) => entry.kind !== 'control')).toHaveLength(0);
	});

	it.each(ENDPOINTS)('credential endpoint, %s', async (_label, family, endpoint, message) => {
		const value = endpoint.replace('EMULATOR', emulator.url);
		const workflowNode = family === 'pai'
			? node('Node', PAI.imageQuality.type, { ...PAI.imageQuality.base, ...url, options: {} })
			: node('Node', AI.imageContent.type, { ...AI.imageContent.base, ...url, options: {} });
		const credentials = family === 'pai'
			? paiCredentials(value)
			: { alibabaMultimodalApi: { authType: 'aiSearch', endpoint: value, workspace: 'default', apiKey: API_KEY } };
		const result = await runWorkflow(singleNode(emulator.url, workflowNode, one, { credentials }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/secret/);
		expect(result.error?.description).toMatch(/correct its Endpoint\. (Enter|A host)/);
		expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(emulator.log.filter((entry) => entry.kind !== 'control')).toHaveLength(0);
	});
});
