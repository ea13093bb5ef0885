import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallScope, ClientSettings, ServiceClient } from '../shared/transport/request';
import { createServiceClient } from '../shared/transport/request';

export const PAI_PATHS = {
	images: '/api/v1/images',
	videos: '/api/v1/videos',
	batchVideos: '/api/v1/batch_videos',
	asyncJob: (jobId: string) => `/api/v1/async_jobs/${encodeURIComponent(jobId)}`,
	batchJob: (batchId: string) => `/api/v1/batch_jobs/${encodeURIComponent(batchId)}`,
} as const;

/** Job states of the PAI SDKs' constants (JOB_STATE_INIT/WAIT/SUCCESS/FAILED). */
export const JOB_STATE_WORDS = ['initializing', 'running', 'succeeded', 'failed'] as const;

export interface PaiJob {
	jobId: string;
	batchId?: string;
	/** 0 created, 1 running, 2 succeeded, 3 failed. */
	state: number;
	/** The state as a word: initializing, running, succeeded, failed. */
	status: string;
	message?: string;
	/** The job's `Result`, JSON-parsed when it is a JSON string. */
	result?: unknown;
	/** The input the job was created for (batch jobs: the video URL). */
	object?: string;
	createTime?: string;
	raw: IDataObject;
}

export interface PaiAnswer {
	data: unknown;
	requestId?: string;
	raw: IDataObject;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function readPaiError(body: IDataObject) {
	return { code: text(body.code), message: text(body.message), requestId: text(body.request_id) };
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

const idText = (value: unknown) => (typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : undefined);

export function readJob(job: IDataObject, fallbackId?: string): PaiJob {
	const state = Number(job.state);
	const known = Number.isInteger(state) && state >= 0 && state <= 3;
	return {
		jobId: idText(job.id) ?? fallbackId ?? '',
		batchId: idText(job.batch_id),
		state: known ? state : 1,
		status: known ? JOB_STATE_WORDS[state] : `state ${String(job.state)}`,
		message: text(job.message),
		result: parseJobResult(job),
		object: text(job.object),
		createTime: text(job.create_time),
		raw: job,
	};
}

export type PaiApiOptions = ClientSettings;

/** The PAI multimedia-analysis API: one envelope `{request_id, code: "OK", message, data}` for every route. */
export class PaiApi {
	constructor(readonly client: ServiceClient) {}

	private async call(
		request: { method: 'GET' | 'POST'; path: string; body?: IDataObject; idempotent: boolean; purpose: string },
		scope: CallScope,
	): Promise<PaiAnswer> {
		const response = await this.client.send(request, scope);
		const body = response.body;
		const fields = readPaiError(body);
		// A non-OK code is a failure even on HTTP 200.
		if (body.code !== 'OK') {
			throw this.client.fail(
				{
					httpCode: response.status,
					code: fields.code ?? 'MissingCode',
					message: fields.message ?? `The service did not answer OK while ${request.purpose}`,
					requestId: fields.requestId,
				},
				scope,
			);
		}
		return { data: body.data, requestId: fields.requestId, raw: body };
	}

	/** Synchronous image actions (ImageQA, FaceAttrImage, MultiLabelImageV2). */
	async image(body: IDataObject, scope: CallScope): Promise<PaiAnswer> {
		return await this.call({ method: 'POST', path: PAI_PATHS.images, body, idempotent: false, purpose: 'calling the image service' }, scope);
	}

	async submitVideo(body: IDataObject, scope: CallScope): Promise<{ jobId: string; requestId?: string }> {
		const answer = await this.call(
			{ method: 'POST', path: PAI_PATHS.videos, body, idempotent: false, purpose: 'submitting the video job' },
			scope,
		);
		const jobId = idText((answer.data as IDataObject | undefined)?.job_id);
		if (!jobId) {
			throw this.client.fail({ code: 'MissingJobId', message: 'The service accepted the job but returned no job_id', requestId: answer.requestId }, scope);
		}
		return { jobId, requestId: answer.requestId };
	}

	async submitBatch(body: IDataObject, scope: CallScope): Promise<{ batchId: string; requestId?: string }> {
		const answer = await this.call(
			{ method: 'POST', path: PAI_PATHS.batchVideos, body, idempotent: false, purpose: 'submitting the batch job' },
			scope,
		);
		const batchId = idText((answer.data as IDataObject | undefined)?.batch_id);
		if (!batchId) {
			throw this.client.fail({ code: 'MissingBatchId', message: 'The service accepted the batch but returned no batch_id', requestId: answer.requestId }, scope);
		}
		return { batchId, requestId: answer.requestId };
	}

	/** POST with an empty body, signed over "" (the Go and Java SDK form). */
	async job(jobId: string, scope: CallScope): Promise<PaiJob & { requestId?: string }> {
		const answer = await this.call(
			{ method: 'POST', path: PAI_PATHS.asyncJob(jobId), idempotent: true, purpose: 'checking the job status' },
			scope,
		);
		const job = ((answer.data as IDataObject | undefined)?.job ?? {}) as IDataObject;
		return { ...readJob(job, jobId), requestId: answer.requestId };
	}

	async batch(batchId: string, scope: CallScope): Promise<{ jobs: PaiJob[]; requestId?: string }> {
		const answer = await this.call(
			{ method: 'GET', path: PAI_PATHS.batchJob(batchId), idempotent: true, purpose: 'checking the batch job status' },
			scope,
		);
		const jobs = (answer.data as IDataObject | undefined)?.jobs;
		return {
			jobs: Array.isArray(jobs) ? (jobs as IDataObject[]).map((job) => readJob(job)) : [],
			requestId: answer.requestId,
		};
	}
}

export async function createPaiApi(ctx: IExecuteFunctions, options: PaiApiOptions): Promise<PaiApi> {
	return new PaiApi(await createServiceClient(ctx, 'pai', options, readPaiError));
}
