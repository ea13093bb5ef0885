/** PAI route table: /api/v1/images (sync), /videos (job), /batch_videos (batch), /async_jobs/{id}, /batch_jobs/{id}. */
import type { ApiRequest, ApiResult, RouteMatch } from '../family';
import type { ResolvedOptions } from '../options';
import type { StagedFetch, StagedResolver } from '../staged';
import type { PaiServiceType } from '../types';
import { expectedSignature, parseAuthorization, signatureMatches } from './auth';
import { ParameterError, PaiCode, PaiMessages, paiError } from './errors';
import type { JobOutcome, PaiJobStore } from './jobs';
import { isDeployed } from './models';
import {
	age,
	classifyVideo,
	editedImage,
	faceAttributes,
	imageQa,
	multiLabel,
	tagger,
	videoQa,
} from './results';

export const PAI_API_PREFIX = '/api/v1/';

export interface PaiDeps {
	options: ResolvedOptions;
	jobs: PaiJobStore;
	sleep(ms: number): Promise<void>;
	/** Fetches files staged in the OSS endpoint (absent: no OSS endpoint). */
	staged?: StagedResolver;
}

/**
 * The key results are seeded from: a staged file's bytes (`staged:<md5>`), else the URL itself. A
 * staged file the service cannot fetch becomes a `fail` key (a failed download).
 */
async function seedKey(url: string, deps: PaiDeps): Promise<{ key: string; file?: Extract<StagedFetch, { ok: true }> }> {
	const file = await deps.staged?.(url);
	if (!file) return { key: url };
	if (!file.ok) return { key: `fail:${file.code}` };
	// The file's name stays in the key, so a staged "fail.mp4" fails as a URL naming it does.
	const name = new URL(url).pathname.split('/').pop() ?? '';
	return { key: `staged:${file.md5}:${name}`, file };
}

type Json = Record<string, unknown>;

const ok = (data: unknown, extra: Partial<ApiResult> = {}): ApiResult => ({
	status: 200,
	payload: { code: PaiCode.OK, message: 'success', data },
	...extra,
});

function parseBody(raw: Buffer): Json {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		throw new ParameterError('Invalid Input - json format error - json parse runtime exception');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ParameterError('the body must be a JSON object');
	return parsed as Json;
}

function stringField(body: Json, key: string, required: boolean): string {
	const value = body[key];
	if (value === undefined || value === null || value === '') {
		if (required) throw new ParameterError(`${key} is required`);
		return '';
	}
	if (typeof value !== 'string') throw new ParameterError(`${key} must be a string`);
	return value;
}

function configureOf(body: Json): Json {
	const value = body.configure;
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new ParameterError('configure must be an object');
	return value as Json;
}

const HTTP_URL = /^https?:\/\/\S+$/i;

/** The image is a URL or base64 bytes (the Java SDK's "url or base64 encoded image"). */
function checkImage(image: string): void {
	if (HTTP_URL.test(image)) return;
	const cleaned = image.replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cleaned) || Buffer.from(cleaned, 'base64').length === 0) {
		throw new ParameterError('the image is neither a URL nor base64 data');
	}
}

const failureOf = (url: string): string => `failed to download video ${url}, err=fetch resource failed code = 404`;

/** `key` decides (a fail trigger); the message quotes the URL as sent, as the service's own message does. */
function jobOutcome(key: string, produce: () => Json, url = key): JobOutcome {
	if (/fail/i.test(key)) return { state: 3, message: failureOf(url) };
	return { state: 2, result: JSON.stringify(produce()) };
}

interface Handler {
	kind: RouteMatch['kind'];
	service: PaiServiceType;
	handle(req: ApiRequest, appId: string): Promise<ApiResult> | ApiResult;
}

function imagesHandler(deps: PaiDeps): Handler {
	return {
		kind: 'sync',
		service: 'pai-image',
		handle: async (req) => {
			const body = parseBody(req.body);
			const action = stringField(body, 'action', true);
			const image = stringField(body, 'image', true);
			const model = stringField(body, 'model_name', false);
			const configure = configureOf(body);
			if (!['ImageQA', 'FaceAttrImage', 'MultiLabelImageV2'].includes(action)) {
				throw new ParameterError(`unsupported action ${action}`);
			}
			if (!isDeployed(action, model, deps.options.paiModels)) return paiError(404, PaiCode.PARAMETER_ERROR, PaiMessages.modelNotFound);
			checkImage(image);
			await deps.sleep(deps.options.syncLatencyMs);
			const { key } = HTTP_URL.test(image) ? await seedKey(image, deps) : { key: image };
			if (/fail/i.test(key)) {
				return paiError(422, PaiCode.SERVER_ERROR, `failed to download image ${image}, err=fetch resource failed code = 404`);
			}
			if (action === 'ImageQA') return ok(imageQa(key));
			if (action === 'FaceAttrImage') return ok(model === 'fairface' ? age(key) : faceAttributes(key));
			if (model === 'tagger') return ok(tagger(key, configure));
			if (model === 'body_reshaping' || model === 'watermark_remover') return ok(editedImage(key, configure));
			return ok(multiLabel(key, configure));
		},
	};
}

const VIDEO_ACTIONS = ['VideoQA', 'ClassifyLabelVideo', 'MultiModalClassify'];

/** A staged video lasts one second per MiB: a test can tell from the duration which bytes the service read. */
export function stagedDuration(bytes: number): number {
	return Number((bytes / 1048576).toFixed(6));
}

function videoResult(action: string, key: string, configure: Json, staged?: { bytes: number }): () => Json {
	// Validate the configure now, so a bad value is a 400 at submission rather than a failed job.
	const result = action === 'VideoQA' ? videoQa(key) : classifyVideo(key, configure, action === 'MultiModalClassify' ? 32 : 64);
	if (staged) result.duration = stagedDuration(staged.bytes);
	return () => result;
}

function videosHandler(deps: PaiDeps): Handler {
	return {
		kind: 'submit',
		service: 'pai-video',
		handle: async (req, appId) => {
			const body = parseBody(req.body);
			const action = stringField(body, 'action', true);
			if (!VIDEO_ACTIONS.includes(action)) throw new ParameterError(`unsupported action ${action}`);
			const model = stringField(body, 'model_name', false);
			const configure = configureOf(body);
			const videoUrl = stringField(body, 'video_url', action !== 'MultiModalClassify');
			const seeded = videoUrl && HTTP_URL.test(videoUrl) ? await seedKey(videoUrl, deps) : { key: videoUrl };
			let key = seeded.key;
			if (action === 'MultiModalClassify') {
				const images = body.images ?? [];
				if (!Array.isArray(images) || images.some((i) => typeof i !== 'string')) throw new ParameterError('images must be an array of strings');
				const text = stringField(body, 'text', false);
				if (!videoUrl && images.length === 0 && !text) throw new ParameterError('one of video_url, images and text is required');
				key = [seeded.key, ...(images as string[]), text].join('|');
			}
			if (videoUrl && !HTTP_URL.test(videoUrl)) throw new ParameterError('video_url must be an http(s) URL');
			if (!isDeployed(action, model, deps.options.paiModels)) return paiError(404, PaiCode.PARAMETER_ERROR, PaiMessages.modelNotFound);
			const outcome = jobOutcome(key, videoResult(action, key, configure, seeded.file), videoUrl || key);
			const job = deps.jobs.create(appId, videoUrl, deps.options.paiJobLatencyMs, outcome);
			return ok({ job_id: job.id }, { taskId: String(job.id) });
		},
	};
}

function batchVideosHandler(deps: PaiDeps): Handler {
	return {
		kind: 'submit',
		service: 'pai-batch',
		handle: (req, appId) => {
			const body = parseBody(req.body);
			const action = stringField(body, 'action', true);
			if (action !== 'VideoQA' && action !== 'ClassifyLabelVideo') throw new ParameterError(`unsupported batch action ${action}`);
			const model = stringField(body, 'model_name', false);
			const configure = configureOf(body);
			const videos = body.videos;
			if (!Array.isArray(videos) || videos.length === 0) throw new ParameterError('videos must be a non-empty array');
			const entries = videos.map((video, i) => {
				const url = (video as Json | null)?.url;
				if (typeof url !== 'string' || !HTTP_URL.test(url)) throw new ParameterError(`videos[${i}].url must be an http(s) URL`);
				return { url, produce: videoResult(action, url, configure) };
			});
			if (!isDeployed(action, model, deps.options.paiModels)) return paiError(404, PaiCode.PARAMETER_ERROR, PaiMessages.modelNotFound);
			const batchId = deps.jobs.createBatch(appId);
			for (const entry of entries) {
				const job = deps.jobs.create(appId, entry.url, deps.options.paiJobLatencyMs, jobOutcome(entry.url, entry.produce), batchId);
				deps.jobs.addToBatch(batchId, job.id);
			}
			return ok({ batch_id: batchId }, { taskId: String(batchId) });
		},
	};
}

function idFrom(segment: string): number {
	if (!/^\d+$/.test(segment)) throw new ParameterError(`invalid id ${segment}`);
	return Number(segment);
}

function asyncJobHandler(deps: PaiDeps, idSegment: string): Handler {
	return {
		kind: 'poll',
		service: 'pai-job',
		handle: (req, appId) => {
			// The Python SDK sends `{}`, Go and Java send nothing: both are fine, anything else is not.
			const text = req.body.toString('utf8').trim();
			if (text !== '' && text !== '{}') parseBody(req.body);
			const job = deps.jobs.job(idFrom(idSegment), appId);
			if (!job) return { ...paiError(404, PaiCode.PARAMETER_ERROR, `job ${idSegment} not found`), taskId: idSegment };
			const view = deps.jobs.view(job);
			return ok({ job: view }, { taskId: idSegment, taskStatus: String(view.state) });
		},
	};
}

function batchJobHandler(deps: PaiDeps, idSegment: string): Handler {
	return {
		kind: 'poll',
		service: 'pai-job',
		handle: (_req, appId) => {
			const jobs = deps.jobs.batch(idFrom(idSegment), appId);
			if (!jobs) return { ...paiError(404, PaiCode.PARAMETER_ERROR, `batch ${idSegment} not found`), taskId: idSegment };
			const views = jobs.map((job) => deps.jobs.view(job));
			const states = views.map((v) => Number(v.state));
			const status = states.every((s) => s >= 2) ? 'done' : 'running';
			return ok({ jobs: views }, { taskId: idSegment, taskStatus: status });
		},
	};
}

function handlerFor(method: string, rest: string, deps: PaiDeps): Handler | undefined {
	const m = method.toUpperCase();
	if (rest === 'images' && m === 'POST') return imagesHandler(deps);
	if (rest === 'videos' && m === 'POST') return videosHandler(deps);
	if (rest === 'batch_videos' && m === 'POST') return batchVideosHandler(deps);
	const job = /^async_jobs\/([^/]+)$/.exec(rest);
	// All SDKs POST; a stale generated README says GET, so both are accepted.
	if (job && (m === 'POST' || m === 'GET')) return asyncJobHandler(deps, job[1]);
	const batch = /^batch_jobs\/([^/]+)$/.exec(rest);
	if (batch && m === 'GET') return batchJobHandler(deps, batch[1]);
	return undefined;
}

/**
 * Matches a PAI route. Every handler first verifies the request signature over the raw body bytes,
 * the method and the path without the configured gateway prefix (the header-only check in the
 * family has already established that the AppID exists).
 */
export function matchPaiRoute(method: string, url: URL, deps: PaiDeps): RouteMatch | undefined {
	const prefix = deps.options.paiPathPrefix + PAI_API_PREFIX;
	if (!url.pathname.startsWith(prefix)) return undefined;
	const rest = url.pathname.slice(prefix.length).replace(/\/+$/, '');
	const handler = handlerFor(method, rest, deps);
	if (!handler) return undefined;
	const signedPath = url.pathname.slice(deps.options.paiPathPrefix.length);
	return {
		kind: handler.kind,
		service: handler.service,
		serviceId: rest.split('/')[0],
		handle: async (req) => {
			const auth = parseAuthorization(req.headers);
			const token = auth ? deps.options.paiApps[auth.appId] : undefined;
			if (!auth || token === undefined) return paiError(401, PaiCode.PARAMETER_ERROR, PaiMessages.signError);
			const expected = expectedSignature(token, req.method, req.body, signedPath);
			if (!signatureMatches(expected, auth.signature)) return paiError(401, PaiCode.PARAMETER_ERROR, PaiMessages.signError);
			try {
				return await handler.handle(req, auth.appId);
			} catch (error) {
				if (error instanceof ParameterError) return paiError(400, PaiCode.PARAMETER_ERROR, error.message);
				throw error;
			}
		},
	};
}
