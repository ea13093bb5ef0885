/**
 * One row per capability: an item's parameters, the service's answers (as the documented contracts
 * give them, quirks included), the requests the service must receive and the output items. Used by the
 * contract test and to build the output schemas shipped with the nodes.
 */
import type { IDataObject } from 'n8n-workflow';

import { imageContent } from '../../../nodes/aiSearch/imageAnalyze';
import { mainSubject } from '../../../nodes/aiSearch/mainSubject';
import { objectDetection } from '../../../nodes/aiSearch/objectDetection';
import { transcription } from '../../../nodes/aiSearch/transcription';
import { videoSegmentation } from '../../../nodes/aiSearch/videoSegmentation';
import { videoKeyframes } from '../../../nodes/aiSearch/videoSnapshot';
import { videoSummary } from '../../../nodes/aiSearch/videoSummary';
import { faceAnalysis } from '../../../nodes/pai/faceAnalysis';
import { imageEditing } from '../../../nodes/pai/imageEditing';
import { imageQuality } from '../../../nodes/pai/imageQuality';
import { imageTagging } from '../../../nodes/pai/imageTagging';
import { postClassification } from '../../../nodes/pai/postClassification';
import { videoClassification } from '../../../nodes/pai/videoClassification';
import { videoQuality } from '../../../nodes/pai/videoQuality';
import type { Capability } from '../../../nodes/shared/capability/capability';
import { documentAnalyze } from '../../../nodes/aiSearch/documentAnalyze';
import type { SentRequest } from './contract';

const WS = '/v3/openapi/workspaces/default';
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** AI Search answers: the submission's task id, then the finished task. */
const submitted = (taskId: string) => ({ request_id: 'r-submit', result: { task_id: taskId, status: 'PENDING' } });
const finished = (data: unknown, usage: IDataObject = {}) => ({ request_id: 'r-done', result: { status: 'SUCCESS', data }, usage });
/** PAI answers: the envelope around a job id, a job, or an image result. */
const ok = (data: unknown): IDataObject => ({ request_id: 'p-1', code: 'OK', message: 'success', data: data as IDataObject });
const job = (result: unknown, object = 'https://v.test/a.mp4') => ok({ job: { id: 42, state: 2, message: 'success', object, create_time: '2026-11-29T00:00:00Z', Result: JSON.stringify(result) } });

export interface Row {
	/** The node's type name (alibabaImageContent …). */
	node: string;
	capability: Capability<any>;
	parameters: IDataObject;
	answers: IDataObject[];
	requests: SentRequest[];
	output: IDataObject[];
}

const url = (href: string) => ({ inputType: 'url', url: href });

export const ROWS: Record<string, Row> = {
	'Image Content Extraction': {
		node: 'alibabaImageContent',
		capability: imageContent,
		parameters: { operation: 'submitAndWait', serviceId: 'ops-image-analyze-ocr-001', ...url('https://i.test/receipt.png'), options: {} },
		answers: [submitted('t-1'), finished({ content: 'TOTAL 12.50', content_type: 'plain', page_num: '1' }, { token_count: 7, pv_count: 1 })],
		requests: [
			{ method: 'POST', path: `${WS}/image-analyze/ops-image-analyze-ocr-001/async`, body: { document: { url: 'https://i.test/receipt.png', file_type: 'png' } } },
			{ method: 'GET', path: `${WS}/image-analyze/ops-image-analyze-ocr-001/async/task-status?task_id=t-1`, body: undefined },
		],
		output: [
			{
				content: 'TOTAL 12.50',
				contentType: 'plain',
				pageNum: 1,
				usage: { tokenCount: 7, pvCount: 1 },
				taskId: 't-1',
				status: 'SUCCESS',
				serviceId: 'ops-image-analyze-ocr-001',
				requestId: 'r-done',
				source: { type: 'url', url: 'https://i.test/receipt.png', fileName: 'receipt.png' },
			},
		],
	},
	'Object Detection': {
		node: 'alibabaObjectDetection',
		capability: objectDetection,
		parameters: { serviceId: 'ops-object-detect-001', ...url('https://i.test/desk.jpg'), options: { minConfidence: 0.5 } },
		answers: [
			{
				request_id: 'r-1',
				result: { objects: [{ confidence: '0.9', location: { X: 1, Y: 2, width: 3, height: 4 } }, { confidence: 0.2, location: { X: 0, Y: 0, width: 1, height: 1 } }] },
				usage: { image: 1 },
			},
		],
		requests: [{ method: 'POST', path: `${WS}/image-object-detection/ops-object-detect-001`, body: { image: { url: 'https://i.test/desk.jpg' } } }],
		output: [
			{
				objects: [{ confidence: 0.9, box: { x: 1, y: 2, width: 3, height: 4 } }],
				objectCount: 1,
				filteredOut: 1,
				usage: { image: 1 },
				status: 'SUCCESS',
				serviceId: 'ops-object-detect-001',
				requestId: 'r-1',
				source: { type: 'url', url: 'https://i.test/desk.jpg', fileName: 'desk.jpg' },
			},
		],
	},
	'Main Subject': {
		node: 'alibabaMainSubject',
		capability: mainSubject,
		parameters: { serviceId: 'ops-object-detect-001', inputType: 'base64', base64Content: PNG_1x1, fileName: 'dot.png', options: {} },
		answers: [{ request_id: 'r-1', result: { objects: [{ confidence: 1, location: { X: 0, Y: 0, width: 1, height: 1 } }] }, usage: { image: 1 } }],
		requests: [{ method: 'POST', path: `${WS}/image-object-detection/ops-object-detect-001`, body: { image: { content: PNG_1x1 } } }],
		output: [
			{
				mainSubject: { rank: 1, score: 1, confidence: 1, box: { x: 0, y: 0, width: 1, height: 1 }, relativeBox: { x: 0, y: 0, width: 1, height: 1 }, areaRatio: 1, centrality: 1, detectionIndex: 0 },
				subjects: [{ rank: 1, score: 1, confidence: 1, box: { x: 0, y: 0, width: 1, height: 1 }, relativeBox: { x: 0, y: 0, width: 1, height: 1 }, areaRatio: 1, centrality: 1, detectionIndex: 0 }],
				subjectCount: 1,
				imageSize: { width: 1, height: 1, format: 'png' },
				rankingFrame: 'image',
				usage: { image: 1 },
				status: 'SUCCESS',
				serviceId: 'ops-object-detect-001',
				requestId: 'r-1',
				source: { type: 'base64', fileName: 'dot.png', sizeBytes: 70 },
			},
		],
	},
	Transcription: {
		node: 'alibabaTranscription',
		capability: transcription,
		parameters: { operation: 'submitAndWait', ...url('oss://bucket/talk.mp3'), options: { subtitles: 'srt' } },
		answers: [submitted('t-2'), finished([{ start: 0, end: 1.5, text: 'Hello.' }, { start: '1.5', end: 3, text: 'World.' }], { duration: 3 })],
		requests: [
			{ method: 'POST', path: `${WS}/audio-asr/ops-audio-asr-001/async`, body: { input: { oss: 'oss://bucket/talk.mp3', file_name: 'talk.mp3' }, output: { type: 'text' } } },
			{ method: 'GET', path: `${WS}/audio-asr/ops-audio-asr-001/async/task-status?task_id=t-2`, body: undefined },
		],
		output: [
			{
				text: 'Hello. World.',
				sentences: [
					{ start: 0, end: 1.5, text: 'Hello.' },
					{ start: 1.5, end: 3, text: 'World.' },
				],
				sentenceCount: 2,
				duration: 3,
				srt: '1\n00:00:00,000 --> 00:00:01,500\nHello.\n\n2\n00:00:01,500 --> 00:00:03,000\nWorld.\n',
				taskId: 't-2',
				status: 'SUCCESS',
				serviceId: 'ops-audio-asr-001',
				requestId: 'r-done',
				source: { type: 'url', url: 'oss://bucket/talk.mp3', fileName: 'talk.mp3' },
			},
		],
	},
	'Video Segmentation': {
		node: 'alibabaVideoSegmentation',
		capability: videoSegmentation,
		parameters: { operation: 'submitAndWait', ...url('https://v.test/talk.mp4'), options: {} },
		answers: [submitted('t-3'), finished([{ chunk_index: 0, start_time: 0, end_time: 9.5, transcript: 'Intro', snapshots: [{ frame_index: 1, frame_time: 0.5, path: 'oss://b/f.jpg' }] }], { audio_token: 10, image_token: 20 })],
		requests: [
			{ method: 'POST', path: `${WS}/video-segmentation/ops-video-segment-001/async`, body: { input: { url: 'https://v.test/talk.mp4', file_name: 'talk.mp4' } } },
			{ method: 'GET', path: `${WS}/video-segmentation/ops-video-segment-001/async/task-status?task_id=t-3`, body: undefined },
		],
		output: [
			{
				segments: [{ index: 0, start: 0, end: 9.5, transcript: 'Intro', snapshots: [{ frameIndex: 1, time: 0.5, path: 'oss://b/f.jpg' }] }],
				segmentCount: 1,
				usage: { audioToken: 10, imageToken: 20 },
				taskId: 't-3',
				status: 'SUCCESS',
				serviceId: 'ops-video-segment-001',
				requestId: 'r-done',
				source: { type: 'url', url: 'https://v.test/talk.mp4', fileName: 'talk.mp4' },
			},
		],
	},
	'Video Keyframes': {
		node: 'alibabaVideoKeyframes',
		capability: videoKeyframes,
		parameters: { operation: 'submitAndWait', ...url('https://v.test/clip.mp4'), intervalSeconds: 5, imageFormat: 'jpg', framesOutput: 'oss', outputOss: 'oss://b/frames/', options: {} },
		answers: [submitted('t-4'), finished([{ frame_index: 0, frame_time: 0, path: 'oss://b/frames/0.jpg' }], { image_count: 1 })],
		requests: [
			{
				method: 'POST',
				path: `${WS}/video-snapshot/ops-video-snapshot-001/async`,
				body: { input: { url: 'https://v.test/clip.mp4', file_name: 'clip.mp4' }, parameters: { interval: 5, format: 'jpg' }, output: { type: 'oss', oss: 'oss://b/frames/' } },
			},
			{ method: 'GET', path: `${WS}/video-snapshot/ops-video-snapshot-001/async/task-status?task_id=t-4`, body: undefined },
		],
		output: [
			{
				frames: [{ index: 0, frameIndex: 0, time: 0, path: 'oss://b/frames/0.jpg' }],
				frameCount: 1,
				usage: { imageCount: 1 },
				taskId: 't-4',
				status: 'SUCCESS',
				serviceId: 'ops-video-snapshot-001',
				requestId: 'r-done',
				source: { type: 'url', url: 'https://v.test/clip.mp4', fileName: 'clip.mp4' },
			},
		],
	},
	'Video Summarization': {
		node: 'alibabaVideoSummary',
		capability: videoSummary,
		parameters: { operation: 'submitAndWait', inputType: 'url', url: 'https://v.test/keynote.mp4', rewriteTranscript: true, generateTags: false, extractSnapshot: false, options: {} },
		answers: [
			submitted('t-5'),
			finished({ video_metadata: { title: 'Keynote', summary: 'A talk', tags: ['tech'] }, chunks: [{ index: 0, enhanced_transcript: 'Hi', metadata: { title: 'Start', summary: 'Opening', tags: [] } }] }, { input_token: 100, output_token: 20 }),
		],
		requests: [
			{
				method: 'POST',
				path: `${WS}/video-summarization/ops-video-summarize-001/async`,
				body: { input: { url: 'https://v.test/keynote.mp4', file_name: 'keynote.mp4' }, parameters: { rewrite_transcript: true, generate_tags: false, extract_snapshot: false } },
			},
			{ method: 'GET', path: `${WS}/video-summarization/ops-video-summarize-001/async/task-status?task_id=t-5`, body: undefined },
		],
		output: [
			{
				title: 'Keynote',
				summary: 'A talk',
				tags: ['tech'],
				chunks: [{ index: 0, enhancedTranscript: 'Hi', title: 'Start', summary: 'Opening', tags: [] }],
				chunkCount: 1,
				usage: { inputToken: 100, outputToken: 20 },
				taskId: 't-5',
				status: 'SUCCESS',
				serviceId: 'ops-video-summarize-001',
				requestId: 'r-done',
				source: { type: 'url', url: 'https://v.test/keynote.mp4', fileName: 'keynote.mp4' },
			},
		],
	},
	'PAI Image Quality': {
		node: 'alibabaPaiImageQuality',
		capability: imageQuality,
		parameters: { ...url('https://i.test/p.jpg'), model: '', configureJson: '{}', options: {} },
		answers: [ok({ iqa_result: '71.5', image_width: 640, image_height: 480 })],
		requests: [{ method: 'POST', path: '/api/v1/images', body: { action: 'ImageQA', image: 'https://i.test/p.jpg', model_name: '', configure: {} } }],
		output: [{ score: 71.5, width: 640, height: 480, requestId: 'p-1', source: { type: 'url', url: 'https://i.test/p.jpg', fileName: 'p.jpg' } }],
	},
	'PAI Face Analysis': {
		node: 'alibabaPaiFaceAnalysis',
		capability: faceAnalysis,
		parameters: { ...url('https://i.test/face.jpg'), model: 'fairface', configureJson: '{}', options: {} },
		answers: [ok({ age_range: '20-29', age_raneg_prob: 0.8 })],
		requests: [{ method: 'POST', path: '/api/v1/images', body: { action: 'FaceAttrImage', image: 'https://i.test/face.jpg', model_name: 'fairface', configure: {} } }],
		output: [{ ageRange: '20-29', probability: 0.8, requestId: 'p-1', source: { type: 'url', url: 'https://i.test/face.jpg', fileName: 'face.jpg' } }],
	},
	'PAI Image Tagging': {
		node: 'alibabaPaiImageTagging',
		capability: imageTagging,
		parameters: { ...url('https://i.test/cat.jpg'), model: '', configure: { tag_top_k: 2 }, configureJson: '{}', options: {} },
		answers: [ok({ tag_result: [{ tag: 'cat', score: 0.9 }], image_width: 10, image_height: 20 })],
		requests: [{ method: 'POST', path: '/api/v1/images', body: { action: 'MultiLabelImageV2', image: 'https://i.test/cat.jpg', model_name: '', configure: { tag_top_k: 2 } } }],
		output: [{ tags: [{ tag: 'cat', score: 0.9 }], width: 10, height: 20, requestId: 'p-1', source: { type: 'url', url: 'https://i.test/cat.jpg', fileName: 'cat.jpg' } }],
	},
	'PAI Image Editing': {
		node: 'alibabaPaiImageEditing',
		capability: imageEditing,
		parameters: { operation: 'removeWatermark', ...url('https://i.test/logo.png'), configureJson: '{}', options: {} },
		answers: [ok(PNG_1x1)],
		requests: [{ method: 'POST', path: '/api/v1/images', body: { action: 'MultiLabelImageV2', image: 'https://i.test/logo.png', model_name: 'watermark_remover', configure: {} } }],
		output: [
			{
				operation: 'removeWatermark',
				model: 'watermark_remover',
				mimeType: 'image/png',
				fileSize: 70,
				binaryProperty: 'data',
				requestId: 'p-1',
				source: { type: 'url', url: 'https://i.test/logo.png', fileName: 'logo.png' },
			},
		],
	},
	'PAI Post Classification': {
		node: 'alibabaPaiPostClassification',
		capability: postClassification,
		parameters: { operation: 'submitAndWait', videoUrl: '', imageUrls: 'https://i.test/a.jpg, https://i.test/b.jpg', text: 'New shoes', model: '', configure: {}, configureJson: '{}', options: {} },
		answers: [ok({ job_id: 42 }), job({ classification_result: [{ class: 'fashion', score: 0.7 }], tag_result: [{ tag: 'shoes', score: 0.6 }], embedding_result: '0.5,-0.5' }, '')],
		requests: [
			{ method: 'POST', path: '/api/v1/videos', body: { action: 'MultiModalClassify', video_url: '', images: ['https://i.test/a.jpg', 'https://i.test/b.jpg'], text: 'New shoes', model_name: '', configure: {} } },
			{ method: 'POST', path: '/api/v1/async_jobs/42', body: undefined },
		],
		output: [
			{
				classes: [{ name: 'fashion', score: 0.7 }],
				tags: [{ name: 'shoes', score: 0.6 }],
				embedding: [0.5, -0.5],
				embeddingDimensions: 2,
				jobId: '42',
				state: 2,
				createTime: '2026-11-29T00:00:00Z',
				status: 'succeeded',
				requestId: 'p-1',
			},
		],
	},
	'PAI Video Quality': {
		node: 'alibabaPaiVideoQuality',
		capability: videoQuality,
		parameters: { operation: 'submitAndWait', mode: 'single', videoUrl: 'https://v.test/a.mp4', videoTitle: 'A', model: '', configure: {}, configureJson: '{}', options: {} },
		answers: [ok({ job_id: 42 }), job({ video_score: 80, avg_fps: 30, duration: 14, width: 1080, height: 1920, single_img: 0.1 })],
		requests: [
			{ method: 'POST', path: '/api/v1/videos', body: { action: 'VideoQA', video_url: 'https://v.test/a.mp4', video_title: 'A', model_name: '', configure: {} } },
			{ method: 'POST', path: '/api/v1/async_jobs/42', body: undefined },
		],
		output: [
			{
				score: 80,
				fps: 30,
				duration: 14,
				width: 1080,
				height: 1920,
				staticImageRatio: 0.1,
				videoUrl: 'https://v.test/a.mp4',
				jobId: '42',
				state: 2,
				createTime: '2026-11-29T00:00:00Z',
				status: 'succeeded',
				requestId: 'p-1',
			},
		],
	},
	'PAI Video Classification': {
		node: 'alibabaPaiVideoClassification',
		capability: videoClassification,
		parameters: { operation: 'submitAndWait', mode: 'single', videoUrl: 'https://v.test/a.mp4', model: '', configure: { tag_top_k: 1 }, configureJson: '{}', options: {} },
		answers: [ok({ job_id: 42 }), job({ classification_result: [{ class: 'sports', score: 0.8 }], tag_result: [], video_width: 640, video_height: 360, duration: 9 })],
		requests: [
			{ method: 'POST', path: '/api/v1/videos', body: { action: 'ClassifyLabelVideo', video_url: 'https://v.test/a.mp4', video_title: '', model_name: '', configure: { tag_top_k: 1 } } },
			{ method: 'POST', path: '/api/v1/async_jobs/42', body: undefined },
		],
		output: [
			{
				classes: [{ name: 'sports', score: 0.8 }],
				tags: [],
				duration: 9,
				width: 640,
				height: 360,
				videoUrl: 'https://v.test/a.mp4',
				jobId: '42',
				state: 2,
				createTime: '2026-11-29T00:00:00Z',
				status: 'succeeded',
				requestId: 'p-1',
			},
		],
	},
	'Document Parsing': {
		node: 'alibabaDocumentParsing',
		capability: documentAnalyze,
		parameters: { operation: 'submitAndWait', serviceId: 'ops-document-analyze-001', ...url('https://d.test/report.pdf'), options: { splitInto: 'page' } },
		answers: [
			submitted('t-9'),
			finished({ content: '<!-- page 1 -->\n## Page 1\n\nIntro\n\n<!-- page 2 -->\n## Page 2\n\n| a | b |\n| --- | --- |\n| 1 | 2 |', content_type: 'markdown', page_num: 2 }, { token_count: 30, table_count: 1, image_count: 0 }),
		],
		requests: [
			{ method: 'POST', path: `${WS}/document-analyze/ops-document-analyze-001/async`, body: { document: { url: 'https://d.test/report.pdf', file_type: 'pdf' } } },
			{ method: 'GET', path: `${WS}/document-analyze/ops-document-analyze-001/async/task-status?task_id=t-9`, body: undefined },
		],
		output: [1, 2].map((page) => ({
			contentType: 'markdown',
			pageCount: 2,
			usage: { tokenCount: 30, tableCount: 1, imageCount: 0 },
			taskId: 't-9',
			status: 'SUCCESS',
			serviceId: 'ops-document-analyze-001',
			requestId: 'r-done',
			source: { type: 'url', url: 'https://d.test/report.pdf', fileName: 'report.pdf' },
			index: page - 1,
			page,
			content: page === 1 ? '## Page 1\n\nIntro' : '## Page 2\n\n| a | b |\n| --- | --- |\n| 1 | 2 |',
		})),
	},
};

