import type { IDataObject } from 'n8n-workflow';

import type { CallScope, ServiceClient } from '../shared/transport/request';
import { obj, str } from '../shared/core/values';
import type { Protocol, WorkOutcome, WorkStatus } from '../shared/work/work';
import { UnreadableAnswer } from '../shared/work/work';
import { AI_SEARCH_POLL } from './constants';

/**
 * The AI Search Open Platform protocol. Routes are `{service type}/{service id}[/sync]` below
 * `/v3/openapi/workspaces/{workspace}`; tasks are submitted to `…/async` and checked at
 * `…/async/task-status?task_id=`. Every answer is `{request_id, result: {task_id, status, data, error}, usage}`.
 */

/**
 * The contract documents PENDING and SUCCESS and says anything else is a failure. A few in-progress
 * words are also read as pending, so a wording change cannot fail a task that is still running.
 */
const PENDING = new Set(['PENDING', 'RUNNING', 'PROCESSING', 'QUEUING', 'QUEUED']);
const SUCCEEDED = new Set(['SUCCESS', 'SUCCEEDED']);

export function taskState(status: string): WorkStatus['state'] {
	const word = status.trim().toUpperCase();
	if (PENDING.has(word)) return 'pending';
	if (SUCCEEDED.has(word)) return 'succeeded';
	return 'failed';
}

export function readAiSearchError(body: IDataObject) {
	return {
		code: str(body.code) ?? str(body.Code),
		message: str(body.message) ?? str(body.Message),
		requestId: str(body.request_id) ?? str(body.RequestId) ?? str(body.requestId),
	};
}

/** A task status or a synchronous answer in the work layer's terms. */
export function taskStatus(body: IDataObject, fallbackStatus?: string): WorkStatus {
	const result = obj(body.result);
	const status = str(result.status) ?? fallbackStatus;
	if (status === undefined) throw new UnreadableAnswer('task status');
	return {
		id: str(result.task_id),
		state: taskState(status),
		status,
		reason: str(result.error),
		answer: { data: result.data, usage: obj(body.usage), requestId: readAiSearchError(body).requestId, raw: body },
	};
}

/** `image-analyze/ops-image-analyze-vlm-001/sync` → the service id. */
export function serviceIdOf(route: string): string {
	return route.split('/')[1] ?? '';
}

function path(client: ServiceClient, route: string, suffix = ''): string {
	const [serviceType, serviceId, ...rest] = route.split('/');
	const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
	return `${client.target.workspacePath}/${serviceType}/${encodeURIComponent(serviceId)}${tail}${suffix}`;
}

export const aiSearch: Protocol = {
	family: 'aiSearch',
	readErrorBody: readAiSearchError,
	terms: {
		noun: 'task',
		idParameter: 'taskId',
		idLabel: 'Task ID',
		label: (id) => id,
		submitted: { status: 'PENDING' },
		...AI_SEARCH_POLL,
	},

	/** Synchronous routes answer with the result itself; a missing status means success. */
	async call(client, route, body, scope: CallScope) {
		const response = await client.send({ method: 'POST', path: path(client, route), body, idempotent: false, purpose: 'calling the service' }, scope);
		return taskStatus(response.body, 'SUCCESS');
	},

	async submit(client, route, body, scope) {
		const response = await client.send(
			{ method: 'POST', path: path(client, route, '/async'), body, idempotent: false, purpose: 'submitting the task' },
			scope,
		);
		const answer = taskStatus(response.body, 'PENDING');
		if (!answer.id) {
			throw client.fail(
				{
					code: 'MissingTaskId',
					message: 'The service accepted the request but returned no task id',
					requestId: answer.answer.requestId,
					description: 'A task may exist anyway and be charged: check the AI Search console (by the request ID) before running the item again',
				},
				scope,
			);
		}
		return { id: answer.id, requestId: answer.answer.requestId };
	},

	async check(client, route, id, scope) {
		const response = await client.send(
			{
				method: 'GET',
				path: `${path(client, route, '/async/task-status')}?task_id=${encodeURIComponent(id)}`,
				idempotent: true,
				purpose: 'checking the task status',
			},
			scope,
		);
		return { ...taskStatus(response.body), id };
	},

	idProblem: () => undefined,

	failure(work, route) {
		return {
			code: work.status,
			message: `The ${serviceIdOf(route)} task failed: ${work.reason ?? 'the service gave no reason'}`,
			requestId: work.answer.requestId,
			description: `The service could not process the input of task ${work.id}; check that the file is readable (not password-protected) and of a supported type`,
		};
	},

	context: (id, route, work) => ({ taskId: id, serviceId: serviceIdOf(route), status: work?.status }),

	fields(outcome: WorkOutcome, route: string): IDataObject {
		const serviceId = serviceIdOf(route);
		if (outcome.kind === 'pending') {
			return { taskId: outcome.id, status: outcome.status, serviceId, requestId: outcome.requestId, timedOut: outcome.timedOut || undefined, nextStep: outcome.nextStep };
		}
		const { work } = outcome;
		return { taskId: work.id, status: work.status, serviceId, requestId: work.answer.requestId };
	},
};
