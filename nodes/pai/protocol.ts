import type { IDataObject } from 'n8n-workflow';

import { hintForAnswer } from '../shared/core/errors';
import type { CallScope, RequestBody, ServiceClient } from '../shared/transport/request';
import { idText, obj, str } from '../shared/core/values';
import type { BatchProtocol, Protocol, WorkOutcome, WorkStatus } from '../shared/work/work';
import { UnreadableAnswer } from '../shared/work/work';
import { PAI_POLL_DEFAULTS } from './constants';

/**
 * The PAI multimedia-analysis protocol: one envelope `{request_id, code: "OK", message, data}` for
 * every route. Images are answered at once (`/api/v1/images`); videos and posts become async jobs
 * (`/api/v1/videos`, checked at `/api/v1/async_jobs/{id}`); many videos become one batch job
 * (`/api/v1/batch_videos`, checked at `/api/v1/batch_jobs/{id}`).
 */
export const PAI_PATHS = {
	images: '/api/v1/images',
	videos: '/api/v1/videos',
	batchVideos: '/api/v1/batch_videos',
	asyncJob: (jobId: string) => `/api/v1/async_jobs/${encodeURIComponent(jobId)}`,
	batchJob: (batchId: string) => `/api/v1/batch_jobs/${encodeURIComponent(batchId)}`,
} as const;

/** Job states of the PAI SDKs' constants (JOB_STATE_INIT/WAIT/SUCCESS/FAILED). */
export const JOB_STATE_WORDS = ['initializing', 'running', 'succeeded', 'failed'] as const;

const JOB_STATES = new Set([0, 1, 2, 3]);

export function readPaiError(body: IDataObject) {
	return { code: str(body.code), message: str(body.message), requestId: str(body.request_id) };
}

/** `Result` is a JSON-encoded string in the samples (the Go SDK reads `result`); objects pass through. */
export function parseJobResult(job: IDataObject): unknown {
	const value = job.Result ?? job.result;
	if (typeof value !== 'string') return value ?? undefined;
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return value;
	}
}

/** A job as the work layer sees it: state 0/1 pending, 2 succeeded, 3 failed. */
export function readJob(job: IDataObject, fallbackId?: string, requestId?: string): WorkStatus {
	const state = Number(job.state);
	const known = Number.isInteger(state) && state >= 0 && state <= 3;
	const number = known ? state : 1;
	return {
		id: idText(job.id) ?? fallbackId ?? '',
		state: number === 2 ? 'succeeded' : number === 3 ? 'failed' : 'pending',
		status: known ? JOB_STATE_WORDS[state] : `state ${String(job.state)}`,
		reason: str(job.message),
		key: str(job.object),
		fields: { state: number, batchId: idText(job.batch_id), createTime: str(job.create_time) },
		answer: { data: parseJobResult(job), usage: {}, requestId, raw: job },
	};
}

/** Calls a PAI route; a code other than "OK" is a failure even on HTTP 200. */
async function envelope(
	client: ServiceClient,
	request: { method: 'GET' | 'POST'; path: string; body?: RequestBody; idempotent: boolean; purpose: string },
	scope: CallScope,
) {
	const response = await client.send(request, scope);
	const body = response.body;
	const fields = readPaiError(body);
	// A status answer without any code says nothing: the same rule as an AI Search answer without a status.
	if (body.code === undefined && request.idempotent && response.status < 300) throw new UnreadableAnswer('code');
	if (body.code !== 'OK') {
		throw client.fail(
			{
				httpCode: response.status,
				code: fields.code ?? 'MissingCode',
				message: fields.message ?? `The service did not answer OK while ${request.purpose}`,
				requestId: fields.requestId,
				description:
					body.code === undefined && !request.idempotent
						? 'The answer had no code at all: the work may exist anyway and be charged. Check with the request ID before running the item again'
						: hintForAnswer(response.status, fields, 'pai', request.purpose),
			},
			scope,
		);
	}
	return { data: obj(body.data), requestId: fields.requestId, raw: body };
}

async function submitTo(client: ServiceClient, path: string, idField: string, noun: string, body: RequestBody, scope: CallScope) {
	const answer = await envelope(client, { method: 'POST', path, body, idempotent: false, purpose: `submitting the ${noun}` }, scope);
	const id = idText(answer.data[idField]);
	if (!id) {
		throw client.fail(
			{
				code: `Missing${noun === 'job' ? 'Job' : 'Batch'}Id`,
				message: `The service accepted the ${noun} but returned no ${idField}`,
				requestId: answer.requestId,
				description: `A ${noun} may exist anyway and be charged: check with the request ID before running the item again`,
			},
			scope,
		);
	}
	return { id, requestId: answer.requestId };
}

const wholeNumber = (noun: string) => (id: string) => (/^\d+$/.test(id) ? undefined : `"${id}" is not a PAI ${noun} ID (a whole number)`);

/**
 * Gives each input its job: first by key (`object` is the video URL in the samples; equal URLs are
 * taken in job-id order), then, for inputs the key did not match, by position among the remaining
 * jobs in id order (the order the videos were sent).
 */
export function matchJobs(keys: string[], jobs: WorkStatus[]): Array<WorkStatus | undefined> {
	const ordered = [...jobs].sort((a, b) => Number(a.id) - Number(b.id));
	const used = new Set<WorkStatus>();
	const mapped = keys.map((key) => {
		const job = ordered.find((candidate) => !used.has(candidate) && candidate.key === key);
		if (job) used.add(job);
		return job;
	});
	const unclaimed = ordered.filter((job) => !used.has(job) && job.key === undefined);
	return mapped.map((job) => job ?? unclaimed.shift());
}

const batch: BatchProtocol = {
	terms: { noun: 'batch', idParameter: 'batchId', idLabel: 'Batch ID' },
	idProblem: wholeNumber('batch'),
	submit: async (client, _route, body, scope) => await submitTo(client, PAI_PATHS.batchVideos, 'batch_id', 'batch', body, scope),
	async check(client, id, scope) {
		const answer = await envelope(client, { method: 'GET', path: PAI_PATHS.batchJob(id), idempotent: true, purpose: 'checking the batch job status' }, scope);
		const jobs = answer.data.jobs;
		if (!Array.isArray(jobs)) throw new UnreadableAnswer('job list');
		return { works: Array.isArray(jobs) ? (jobs as IDataObject[]).map((job) => readJob(job)) : [], requestId: answer.requestId };
	},
	match: matchJobs,
};

export const pai: Protocol = {
	family: 'pai',
	readErrorBody: readPaiError,
	terms: {
		noun: 'job',
		idParameter: 'jobId',
		idLabel: 'Job ID',
		label: (id) => `job ${id}`,
		submitted: { status: 'submitted', fields: { state: 0 } },
		...PAI_POLL_DEFAULTS,
	},

	/** Synchronous image actions (ImageQA, FaceAttrImage, MultiLabelImageV2). */
	async call(client, _route, body, scope) {
		const answer = await envelope(client, { method: 'POST', path: PAI_PATHS.images, body, idempotent: false, purpose: 'calling the image service' }, scope);
		return { state: 'succeeded', status: 'OK', answer: { data: answer.raw.data, usage: {}, requestId: answer.requestId, raw: answer.raw } };
	},

	submit: async (client, _route, body, scope) => await submitTo(client, PAI_PATHS.videos, 'job_id', 'job', body, scope),

	/** POST with an empty body, signed over "" (the Go and Java SDK form). */
	async check(client, _route, id, scope) {
		const answer = await envelope(client, { method: 'POST', path: PAI_PATHS.asyncJob(id), idempotent: true, purpose: 'checking the job status' }, scope);
		const job = obj(answer.data.job);
		if (!JOB_STATES.has(Number(job.state)) || job.state === null || job.state === '') throw new UnreadableAnswer('job state');
		return readJob(job, id, answer.requestId);
	},

	idProblem: wholeNumber('job'),

	failure: (work) => ({
		code: 'JobFailed',
		message: `PAI job ${work.id} failed: ${work.reason ?? 'the service gave no reason'}`,
		description: 'The service could not process the input; check that the URL can be downloaded by Alibaba Cloud',
	}),

	context: (id, _route, work) => ({ jobId: id, batchId: work?.fields?.batchId as string | undefined, status: work?.status }),

	fields(outcome: WorkOutcome): IDataObject {
		if (outcome.kind === 'pending') {
			return { jobId: outcome.id, ...outcome.fields, status: outcome.status, requestId: outcome.requestId, timedOut: outcome.timedOut || undefined, nextStep: outcome.nextStep };
		}
		const { work } = outcome;
		// Synchronous image calls have no job: their request id is all there is to keep.
		if (work.id === undefined) return { requestId: work.answer.requestId };
		return { jobId: work.id, ...work.fields, status: work.status, requestId: outcome.requestId ?? work.answer.requestId };
	},

	batch,
};
