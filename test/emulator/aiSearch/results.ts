/**
 * Deterministic result data per service, derived from the input so tests can check what really arrived
 * (inline data is echoed as byte length + md5 of the decoded bytes).
 */
import { createHash } from 'node:crypto';
import { tinyPng } from '../png';
import { describeStaged } from '../staged';
import type { StagedFiles } from './routes';
import type { TaskOutcome } from '../tasks';
import {
	hasFailTrigger,
	type AsrRequest,
	type ImageAnalyzeRequest,
	type InlineData,
	type MediaInput,
	type ObjectDetectionRequest,
	type SegmentationRequest,
	type SnapshotRequest,
	type SummarizationRequest,
} from './validate';

export const FAIL_ERROR = 'failed to download or decode the input';

const FPS = 25;

export function md5Hex(data: Buffer | string): string {
	return createHash('md5').update(data).digest('hex');
}

/** Pseudo-random but stable bytes for a label. */
function seedBytes(label: string): Buffer {
	return createHash('sha256').update(label).digest();
}

function round3(n: number): number {
	return Math.round(n * 1000) / 1000;
}

function describeInline(d: InlineData): string {
	return `${d.bytes.length} bytes, md5 ${md5Hex(d.bytes)}`;
}

/** The name in a URL or OSS path, without query. */
function nameIn(reference: string | undefined): string | undefined {
	return reference?.split(/[?#]/)[0].split('/').pop() || undefined;
}

/** Human label of a media input; inline data and staged files carry their size and md5. */
function mediaLabel(input: MediaInput, staged: StagedFiles): string {
	if (input.content) {
		const name = input.fileName ?? `inline ${input.content.mime ?? 'data'}`;
		return `${name} (${describeInline(input.content)})`;
	}
	const file = staged(input.oss ?? input.url);
	if (file?.ok) return `${input.fileName ?? nameIn(input.oss ?? input.url) ?? 'staged file'} (${describeStaged(file)})`;
	return input.fileName ?? input.url ?? input.oss ?? 'input';
}

/** A fail trigger in the name, or a staged file the service could not fetch (deleted too early, bad signature). */
function mediaFails(input: MediaInput, staged: StagedFiles): boolean {
	return hasFailTrigger(input.url, input.oss, input.fileName) || staged(input.oss ?? input.url)?.ok === false;
}

function outputPrefix(outputOss: string | undefined, taskId: string): string {
	if (!outputOss) return `oss://emulator-output/${taskId}/`;
	return outputOss.endsWith('/') ? outputOss : `${outputOss}/`;
}

const fail = (): TaskOutcome => ({ status: 'FAIL', error: FAIL_ERROR });

export function imageAnalyzeOutcome(req: ImageAnalyzeRequest, serviceId: string, staged: StagedFiles): TaskOutcome {
	const file = staged(req.url);
	if (hasFailTrigger(req.url, req.fileName) || file?.ok === false) return fail();
	const text = req.content
		? `Text recognized in ${req.fileName ?? `image.${req.fileType ?? 'bin'}`} (${describeInline(req.content)})`
		: file?.ok
			? `Text recognized in ${req.fileName ?? nameIn(req.url) ?? 'image'} (${describeStaged(file)})`
			: `Text recognized in ${req.url}`;
	const vlm = serviceId.includes('vlm');
	const content = vlm ? `Description and text: ${text}` : text;
	return {
		status: 'SUCCESS',
		data: { content, content_type: 'plain', page_num: 1 },
		usage: vlm ? { token_count: Math.max(1, Math.ceil(content.length / 4)) } : { pv_count: 1 },
	};
}

export function objectDetectionOutcome(req: ObjectDetectionRequest, serviceId: string, staged: StagedFiles): TaskOutcome {
	const file = staged(req.url);
	if (hasFailTrigger(req.url) || file?.ok === false) return fail();
	// A staged image is labelled by its bytes, as an inline one: the same image gets the same objects either way.
	const label = file?.ok ? file.md5 : (req.url ?? md5Hex((req.content as InlineData).bytes));
	const h = seedBytes(`${serviceId}|${label}`);
	const count = 2 + (h[0] % 2);
	const objects = [];
	for (let i = 0; i < count; i++) {
		const b = (k: number) => h[1 + i * 5 + k];
		const confidence = Math.round((0.5 + b(0) / 520) * 100) / 100;
		objects.push({
			// The SDK types confidence as a string, the docs show a number: emit both so clients accept both.
			confidence: i === 1 ? confidence.toFixed(2) : confidence,
			location: { X: b(1) * 2, Y: b(2) * 2, width: 40 + b(3), height: 40 + b(4) },
		});
	}
	return { status: 'SUCCESS', data: { objects }, usage: { image: 1 } };
}

export function asrOutcome(req: AsrRequest, staged: StagedFiles): TaskOutcome {
	if (mediaFails(req.input, staged)) return fail();
	const label = mediaLabel(req.input, staged);
	const texts = [`Transcript of ${label}.`, 'This is the second sentence.', 'Thank you for listening.'];
	const data = texts.map((text, i) => ({ start: round3(i * 2.5), end: round3(i * 2.5 + 2.4), text }));
	return { status: 'SUCCESS', data, usage: { duration: data[data.length - 1].end } };
}

export function segmentationOutcome(req: SegmentationRequest, taskId: string, staged: StagedFiles): TaskOutcome {
	if (mediaFails(req.input, staged)) return fail();
	const label = mediaLabel(req.input, staged);
	const prefix = outputPrefix(req.outputOss, taskId);
	const data = [0, 1, 2].map((i) => {
		const start = i * 10;
		return {
			chunk_index: i,
			start_time: round3(start),
			end_time: round3(start + 9.5),
			transcript: `Segment ${i + 1} of ${label}.`,
			snapshots: [1.5, 6.5].map((offset, k) => ({
				frame_index: Math.round((start + offset) * FPS),
				frame_time: round3(start + offset),
				path: `${prefix}chunk_${i}/frame_${k}.jpg`,
			})),
		};
	});
	return { status: 'SUCCESS', data, usage: { audio_token: 300, image_token: 258 * 6 } };
}

export function snapshotOutcome(req: SnapshotRequest, taskId: string, staged: StagedFiles): TaskOutcome {
	if (mediaFails(req.input, staged)) return fail();
	const h = seedBytes(mediaLabel(req.input, staged));
	const duration = 20 + (h[0] % 4) * 5; // 20..35 s
	const prefix = outputPrefix(req.outputOss, taskId);
	const data = [];
	for (let i = 0; i * req.interval < duration && i < 50; i++) {
		const t = round3(i * req.interval);
		data.push({
			frame_index: Math.round(t * FPS),
			frame_time: t,
			path: req.outputType === 'base64' ? tinyPng(i).toString('base64') : `${prefix}frame_${i}.${req.format}`,
		});
	}
	return { status: 'SUCCESS', data, usage: { image_count: data.length } };
}

export function summarizationOutcome(req: SummarizationRequest, staged: StagedFiles): TaskOutcome {
	if (mediaFails(req.input, staged)) return fail();
	const label = req.chunks && !req.input.url && !req.input.oss ? (req.input.fileName ?? 'pre-segmented video') : mediaLabel(req.input, staged);
	const source = req.chunks ?? [
		{ start_time: 0, end_time: 12.5, transcript: 'Opening remarks.' },
		{ start_time: 12.5, end_time: 30, transcript: 'Main content.' },
	];
	const chunks = source.map((c, i) => ({
		index: i,
		enhanced_transcript: `Enhanced transcript ${i + 1}: ${c.transcript ?? ''}`.trim(),
		metadata: {
			title: `Part ${i + 1}`,
			summary: `Summary of part ${i + 1} (${c.start_time ?? 0}s-${c.end_time ?? 0}s).`,
			tags: [`part-${i + 1}`],
		},
	}));
	const transcriptChars = source.reduce((n, c) => n + (c.transcript ?? '').length, 0);
	return {
		status: 'SUCCESS',
		data: {
			video_metadata: {
				title: `Summary of ${label}`,
				summary: `A video in ${chunks.length} part(s).`,
				tags: ['emulator', 'video'],
			},
			chunks,
		},
		usage: {
			audio_token: 100 * chunks.length,
			image_token: 258 * chunks.length,
			input_token: 500 + transcriptChars,
			output_token: 50 * (chunks.length + 1),
		},
	};
}
