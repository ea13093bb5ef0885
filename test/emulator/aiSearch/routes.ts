/** AI Search route table and handlers (submit / poll / sync). */
import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResult, RouteMatch } from '../family';
import type { ResolvedOptions } from '../options';
import type { TaskOutcome, TaskStore } from '../tasks';
import type { StagedFetch, StagedResolver } from '../staged';
import type { ServiceType } from '../types';
import { apiError, ErrorCode, InvalidParameter, Messages } from './errors';
import {
	asrOutcome,
	imageAnalyzeOutcome,
	objectDetectionOutcome,
	segmentationOutcome,
	snapshotOutcome,
	summarizationOutcome,
} from './results';
import { AI_SEARCH_PREFIX, isKnownServiceId, isServiceType } from './services';
import {
	parseJsonObject,
	validateAsr,
	validateImageAnalyze,
	validateObjectDetection,
	validateSegmentation,
	validateSnapshot,
	validateSummarization,
} from './validate';
import { checkDocumentType, documentOutcome, validateDocument } from './documents';

export interface AiSearchDeps {
	options: ResolvedOptions;
	tasks: TaskStore;
	sleep(ms: number): Promise<void>;
	/** Fetches files staged in the OSS endpoint (absent: no OSS endpoint). */
	staged?: StagedResolver;
}

type Json = Record<string, unknown>;
/** What the service fetched of each staged reference in the body. */
export type StagedFiles = (reference: string | undefined) => StagedFetch | undefined;
/** Validates a body (throws InvalidParameter) and returns the producer of its outcome. */
type Build = (body: Json, staged: StagedFiles, serviceId: string) => (serviceId: string, taskId: string) => TaskOutcome;

function spec<P>(validate: (body: Json) => P, run: (p: P, staged: StagedFiles, serviceId: string, taskId: string) => TaskOutcome): Build {
	return (body, staged) => {
		const parsed = validate(body);
		return (serviceId, taskId) => run(parsed, staged, serviceId, taskId);
	};
}

const BUILDERS: Record<ServiceType, Build> = {
	'image-analyze': spec(validateImageAnalyze, (p, staged, sid) => imageAnalyzeOutcome(p, sid, staged)),
	'image-object-detection': spec(validateObjectDetection, (p, staged, sid) => objectDetectionOutcome(p, sid, staged)),
	'audio-asr': spec(validateAsr, (p, staged) => asrOutcome(p, staged)),
	'video-segmentation': spec(validateSegmentation, (p, staged, _sid, id) => segmentationOutcome(p, id, staged)),
	'video-snapshot': spec(validateSnapshot, (p, staged, _sid, id) => snapshotOutcome(p, id, staged)),
	'video-summarization': spec(validateSummarization, (p, staged) => summarizationOutcome(p, staged)),
	// The file type is checked against the service's list at submission, so the service id is needed here.
	'document-analyze': (body, staged, serviceId) => {
		const parsed = validateDocument(body);
		checkDocumentType(parsed, serviceId);
		return (sid) => documentOutcome(parsed, sid, staged);
	},
};

const field = (value: unknown, key: string): string | undefined => {
	const inner = value && typeof value === 'object' ? (value as Json)[key] : undefined;
	return typeof inner === 'string' ? inner : undefined;
};

/**
 * The service fetches the body's URL or OSS input now (the real one fetches when the task starts, which
 * a node must allow for by keeping the file until the task ends).
 */
async function fetchStaged(body: Json, resolver: StagedResolver | undefined): Promise<StagedFiles> {
	const references = [field(body.document, 'url'), field(body.image, 'url'), field(body.input, 'url'), field(body.input, 'oss')];
	const fetched = new Map<string, StagedFetch>();
	for (const reference of references) {
		const result = reference === undefined ? undefined : await resolver?.(reference);
		if (reference !== undefined && result) fetched.set(reference, result);
	}
	return (reference) => (reference === undefined ? undefined : fetched.get(reference));
}

type Suffix = '' | '/async' | '/async/task-status' | '/sync';
type Op = 'submit' | 'poll' | 'sync' | 'syncPlain';

interface RouteDef {
	service: ServiceType;
	suffix: Suffix;
	method: 'GET' | 'POST';
	op: Op;
}

const asyncPair = (service: ServiceType): RouteDef[] => [
	{ service, suffix: '/async', method: 'POST', op: 'submit' },
	{ service, suffix: '/async/task-status', method: 'GET', op: 'poll' },
];

/** Paths after `/v3/openapi/workspaces/{workspace}/<service>/{service_id}`. */
export const ROUTES: RouteDef[] = [
	...asyncPair('image-analyze'),
	// Sync image analysis: only in the (Japanese) docs, not in the SDK. Result carries status + data.
	{ service: 'image-analyze', suffix: '/sync', method: 'POST', op: 'sync' },
	// Object detection is synchronous; its result is `{objects}` without a status.
	{ service: 'image-object-detection', suffix: '', method: 'POST', op: 'syncPlain' },
	...asyncPair('audio-asr'),
	...asyncPair('video-segmentation'),
	...asyncPair('video-snapshot'),
	...asyncPair('video-summarization'),
	...asyncPair('document-analyze'),
];

/** Turns validation problems into 400 InvalidParameter. */
async function guarded(fn: () => Promise<ApiResult> | ApiResult): Promise<ApiResult> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof InvalidParameter) return apiError(400, ErrorCode.INVALID_PARAMETER, e.message);
		throw e;
	}
}

export function matchRoute(method: string, url: URL, deps: AiSearchDeps): RouteMatch | undefined {
	if (!url.pathname.startsWith(AI_SEARCH_PREFIX)) return undefined;
	const segments = url.pathname.slice(AI_SEARCH_PREFIX.length).replace(/\/+$/, '').split('/');
	if (segments.length < 3 || segments.some((s) => s === '')) return undefined;
	const [workspace, service, serviceId, ...tail] = segments;
	if (!isServiceType(service)) return undefined;
	const suffix = tail.length ? `/${tail.join('/')}` : '';
	const def = ROUTES.find((r) => r.service === service && r.suffix === suffix && r.method === method.toUpperCase());
	if (!def) return undefined;

	const kind = def.op === 'submit' ? 'submit' : def.op === 'poll' ? 'poll' : 'sync';
	const match: RouteMatch = { kind, service, serviceId, handle: async () => ({ status: 500, payload: {} }) };
	if (!isKnownServiceId(service, serviceId)) {
		match.reject = apiError(400, ErrorCode.SERVICE_ID_NOT_EXIST, Messages.serviceIdNotExist);
		return match;
	}
	const scope = `ai-search|${workspace}|${service}|${serviceId}`;
	const build = BUILDERS[service];
	const { options, tasks } = deps;

	match.handle = (req: ApiRequest) =>
		guarded(async (): Promise<ApiResult> => {
			switch (def.op) {
				case 'submit': {
					const body = parseJsonObject(req.body);
					const produce = build(body, await fetchStaged(body, deps.staged), serviceId);
					const task = tasks.create(scope, options.taskLatencyMs, (id) => produce(serviceId, id));
					return { status: 200, payload: { result: { task_id: task.id } }, taskId: task.id };
				}
				case 'poll':
					return poll(req.url, scope, deps);
				case 'sync':
				case 'syncPlain': {
					const body = parseJsonObject(req.body);
					const produce = build(body, await fetchStaged(body, deps.staged), serviceId);
					await deps.sleep(options.syncLatencyMs);
					const outcome = produce(serviceId, randomUUID());
					if (outcome.status === 'FAIL') {
						return { status: 200, payload: { result: { status: 'FAIL', error: outcome.error } }, taskStatus: 'FAIL' };
					}
					const result = def.op === 'sync' ? { status: 'SUCCESS', data: outcome.data } : (outcome.data as Json);
					return { status: 200, payload: { result, usage: outcome.usage }, taskStatus: 'SUCCESS' };
				}
			}
		});
	return match;
}

function poll(url: URL, scope: string, { options, tasks }: AiSearchDeps): ApiResult {
	const taskId = url.searchParams.get('task_id');
	if (!taskId) throw new InvalidParameter('task_id is required');
	const task = tasks.get(taskId, scope);
	if (!task) {
		return { ...apiError(options.taskNotExistStatus, ErrorCode.TASK_NOT_EXIST, Messages.taskNotExist(taskId)), taskId };
	}
	const status = tasks.statusOf(task);
	const base = { task_id: task.id, status };
	let payload: Json;
	if (status === 'PENDING') payload = { result: base };
	else if (task.outcome.status === 'SUCCESS') payload = { result: { ...base, data: task.outcome.data }, usage: task.outcome.usage };
	else payload = { result: { ...base, error: task.outcome.error } };
	return { status: 200, payload, taskId, taskStatus: status };
}
