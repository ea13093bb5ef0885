import type { IDataObject } from 'n8n-workflow';

import type { WaitSettings } from '../shared/poll';
import { pollUntilDone, PollTimeoutError, timeoutFailure } from '../shared/poll';
import type { SubmittedTasks } from '../shared/pipeline';
import { withContext } from '../shared/transport/errors';
import type { CallScope } from '../shared/transport/request';
import type { AiSearchApi, TaskSnapshot } from './api';

export type TaskOperation = 'submitAndWait' | 'submitOnly' | 'getResult' | 'sync';

/** What a task run produced: a finished snapshot, or a task that is still running. */
export type TaskOutcome =
	| { kind: 'finished'; snapshot: TaskSnapshot }
	| { kind: 'pending'; taskId: string; status: string; requestId?: string; timedOut: boolean };

function assertSucceeded(api: AiSearchApi, snapshot: TaskSnapshot, serviceId: string, scope: CallScope): TaskSnapshot {
	if (snapshot.state !== 'failed') return snapshot;
	const error = api.client.fail(
		{
			code: snapshot.status,
			message: `The ${serviceId} task failed: ${snapshot.error ?? 'the service gave no reason'}`,
			requestId: snapshot.requestId,
			description: 'The service could not process the input; check that the file is readable and of a supported type',
		},
		scope,
	);
	throw withContext(error, { taskId: snapshot.taskId, status: snapshot.status, serviceId });
}

async function waitForTask(
	api: AiSearchApi,
	serviceId: string,
	taskId: string,
	wait: WaitSettings,
	scope: CallScope,
	requestId?: string,
): Promise<TaskOutcome> {
	const deadline = Date.now() + wait.timeoutMs;
	try {
		const snapshot = await pollUntilDone<TaskSnapshot>({
			intervalMs: wait.pollIntervalMs,
			deadline,
			signal: scope.signal,
			check: async () => {
				const current = await api.status(serviceId, taskId, { ...scope, deadline });
				return current.state === 'pending' ? { done: false, status: current.status } : { done: true, value: current };
			},
		});
		return { kind: 'finished', snapshot: assertSucceeded(api, snapshot, serviceId, scope) };
	} catch (error) {
		if (!(error instanceof PollTimeoutError)) throw withContext(error, { taskId, serviceId });
		if (wait.onTimeout === 'output') return { kind: 'pending', taskId, status: error.lastStatus, requestId, timedOut: true };
		throw withContext(
			api.client.fail(
				timeoutFailure(
					{ noun: 'Task', id: taskId, state: error.lastStatus, resumeWith: `the Get Result operation and Task ID ${taskId}` },
					wait.timeoutMs,
				),
				scope,
			),
			{ taskId, status: error.lastStatus, serviceId },
		);
	}
}

/**
 * Runs one item's task for the chosen operation. A submitted task id is recorded at once, so a later
 * failure, timeout or cancel can always say which task to resume.
 */
export async function runTask(
	api: AiSearchApi,
	operation: TaskOperation,
	serviceId: string,
	request: { body?: IDataObject; taskId?: string },
	wait: WaitSettings,
	scope: CallScope,
	tasks: SubmittedTasks,
): Promise<TaskOutcome> {
	if (operation === 'sync') {
		const snapshot = await api.call(serviceId, '/sync', request.body ?? {}, scope);
		return { kind: 'finished', snapshot: assertSucceeded(api, snapshot, serviceId, scope) };
	}
	if (operation === 'getResult') {
		const taskId = (request.taskId ?? '').trim();
		tasks.add(scope.itemIndex, taskId);
		return await waitForTask(api, serviceId, taskId, wait, scope);
	}
	const submitted = await api.submit(serviceId, request.body ?? {}, scope);
	tasks.add(scope.itemIndex, submitted.taskId);
	if (operation === 'submitOnly') {
		return { kind: 'pending', taskId: submitted.taskId, status: 'PENDING', requestId: submitted.requestId, timedOut: false };
	}
	return await waitForTask(api, serviceId, submitted.taskId, wait, scope, submitted.requestId);
}


/** The task bookkeeping fields every async node outputs. */
export function taskFields(outcome: TaskOutcome, serviceId: string): IDataObject {
	if (outcome.kind === 'pending') {
		return {
			taskId: outcome.taskId,
			status: outcome.status,
			serviceId,
			requestId: outcome.requestId,
			timedOut: outcome.timedOut || undefined,
		};
	}
	const { snapshot } = outcome;
	return { taskId: snapshot.taskId, status: snapshot.status, serviceId, requestId: snapshot.requestId };
}

/** A synchronous call (object detection): one request, no task; a failure status fails the item like a FAIL task. */
export async function callSync(
	api: AiSearchApi,
	serviceId: string,
	suffix: string,
	body: IDataObject,
	scope: CallScope,
): Promise<TaskSnapshot> {
	const snapshot = await api.call(serviceId, suffix, body, scope);
	return assertSucceeded(api, snapshot, serviceId, scope);
}
