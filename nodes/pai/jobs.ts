import type { IDataObject } from 'n8n-workflow';

import type { WaitSettings } from '../shared/poll';
import { pollUntilDone, PollTimeoutError, readWaitSettings as readSharedWaitSettings, timeoutFailure } from '../shared/poll';
import type { SubmittedTasks } from '../shared/pipeline';
import { withContext } from '../shared/transport/errors';
import type { CallScope } from '../shared/transport/request';
import type { PaiApi, PaiJob } from './api';
import { PAI_POLL_DEFAULTS } from './constants';

export type JobOperation = 'submitAndWait' | 'submitOnly' | 'getResult';

export type { WaitSettings };

/** PAI documents a 30 s polling interval for its jobs. */
export function readWaitSettings(options: IDataObject): WaitSettings {
	return readSharedWaitSettings(options, PAI_POLL_DEFAULTS);
}

export type JobOutcome =
	| { kind: 'finished'; job: PaiJob; requestId?: string }
	| { kind: 'pending'; jobId: string; state: number; status: string; requestId?: string; timedOut: boolean };

export function isFinished(job: PaiJob): boolean {
	return job.state === 2 || job.state === 3;
}

/** The error of a job that ended in state 3, carrying its id so the item can be traced. */
export function jobFailure(api: PaiApi, job: PaiJob, scope: CallScope) {
	const error = api.client.fail(
		{
			code: 'JobFailed',
			message: `PAI job ${job.jobId} failed: ${job.message ?? 'the service gave no reason'}`,
			description: 'The service could not process the input; check that the URL can be downloaded by Alibaba Cloud',
		},
		scope,
	);
	return withContext(error, { jobId: job.jobId, batchId: job.batchId, status: job.status });
}

async function waitForJob(api: PaiApi, jobId: string, wait: WaitSettings, scope: CallScope, requestId?: string): Promise<JobOutcome> {
	const deadline = Date.now() + wait.timeoutMs;
	let lastState = 0;
	try {
		const job = await pollUntilDone<PaiJob>({
			intervalMs: wait.pollIntervalMs,
			deadline,
			signal: scope.signal,
			check: async () => {
				const current = await api.job(jobId, { ...scope, deadline });
				lastState = current.state;
				return isFinished(current) ? { done: true, value: current } : { done: false, status: current.status };
			},
		});
		if (job.state === 3) throw jobFailure(api, job, scope);
		return { kind: 'finished', job, requestId };
	} catch (error) {
		if (!(error instanceof PollTimeoutError)) throw withContext(error, { jobId });
		if (wait.onTimeout === 'output') {
			return { kind: 'pending', jobId, state: lastState, status: error.lastStatus, requestId, timedOut: true };
		}
		throw withContext(
			api.client.fail(
				timeoutFailure(
					{ noun: 'Job', id: jobId, state: error.lastStatus, resumeWith: `the Get Result operation and Job ID ${jobId}` },
					wait.timeoutMs,
				),
				scope,
			),
			{ jobId, status: error.lastStatus },
		);
	}
}

/** Runs one item's async job; the job id is recorded as soon as it exists so it is never lost. */
export async function runJob(
	api: PaiApi,
	operation: JobOperation,
	request: { body?: IDataObject; jobId?: string },
	wait: WaitSettings,
	scope: CallScope,
	tasks: SubmittedTasks,
): Promise<JobOutcome> {
	if (operation === 'getResult') {
		const jobId = String(request.jobId ?? '').trim();
		if (!/^\d+$/.test(jobId)) {
			throw api.client.fail({ code: 'InvalidJobId', message: `"${jobId}" is not a PAI job ID (a whole number)` }, scope);
		}
		tasks.add(scope.itemIndex, `job ${jobId}`);
		return await waitForJob(api, jobId, wait, scope);
	}
	const submitted = await api.submitVideo(request.body ?? {}, scope);
	tasks.add(scope.itemIndex, `job ${submitted.jobId}`);
	if (operation === 'submitOnly') {
		return { kind: 'pending', jobId: submitted.jobId, state: 0, status: 'submitted', requestId: submitted.requestId, timedOut: false };
	}
	return await waitForJob(api, submitted.jobId, wait, scope, submitted.requestId);
}

/** Job bookkeeping fields of every async PAI output item. */
export function jobFields(outcome: JobOutcome): IDataObject {
	if (outcome.kind === 'pending') {
		return {
			jobId: outcome.jobId,
			state: outcome.state,
			status: outcome.status,
			requestId: outcome.requestId,
			timedOut: outcome.timedOut || undefined,
		};
	}
	const { job } = outcome;
	return { jobId: job.jobId, batchId: job.batchId, state: job.state, status: job.status, requestId: outcome.requestId };
}
