import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AiSearchServiceType } from '../shared/constants';
import type { CallScope, ClientSettings, ServiceClient } from '../shared/transport/request';
import { createServiceClient } from '../shared/transport/request';

/** Normalised view of a task status or a synchronous answer. */
export interface TaskSnapshot {
	taskId?: string;
	/** The service's own word: PENDING, SUCCESS, FAIL … */
	status: string;
	state: 'pending' | 'succeeded' | 'failed';
	data?: unknown;
	error?: string;
	usage: IDataObject;
	requestId?: string;
	raw: IDataObject;
}

/**
 * The contract documents PENDING and SUCCESS and says anything else is a failure. A few in-progress
 * words are also read as pending, so a wording change cannot fail a task that is still running.
 */
const PENDING = new Set(['PENDING', 'RUNNING', 'PROCESSING', 'QUEUING', 'QUEUED']);
const SUCCEEDED = new Set(['SUCCESS', 'SUCCEEDED']);

export function taskState(status: string): TaskSnapshot['state'] {
	const word = status.trim().toUpperCase();
	if (PENDING.has(word)) return 'pending';
	if (SUCCEEDED.has(word)) return 'succeeded';
	return 'failed';
}

export function readAiSearchError(body: IDataObject) {
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	return {
		code: text(body.code) ?? text(body.Code),
		message: text(body.message) ?? text(body.Message),
		requestId: text(body.request_id) ?? text(body.RequestId) ?? text(body.requestId),
	};
}

function snapshotOf(body: IDataObject, fallbackStatus: string): TaskSnapshot {
	const result = (body.result ?? {}) as IDataObject;
	const status = typeof result.status === 'string' && result.status ? result.status : fallbackStatus;
	return {
		taskId: typeof result.task_id === 'string' ? result.task_id : undefined,
		status,
		state: taskState(status),
		data: result.data,
		error: typeof result.error === 'string' && result.error ? result.error : undefined,
		usage: (body.usage ?? {}) as IDataObject,
		requestId: readAiSearchError(body).requestId,
		raw: body,
	};
}

export type AiSearchApiOptions = ClientSettings;

/** The AI Search Open Platform routes: /v3/openapi/workspaces/{ws}/{service-type}/{service-id}[...] */
export class AiSearchApi {
	constructor(
		readonly client: ServiceClient,
		readonly serviceType: AiSearchServiceType,
	) {}

	private path(serviceId: string, suffix = ''): string {
		return `${this.client.target.workspacePath}/${this.serviceType}/${encodeURIComponent(serviceId)}${suffix}`;
	}

	async submit(serviceId: string, body: IDataObject, scope: CallScope): Promise<{ taskId: string; requestId?: string }> {
		const response = await this.client.send(
			{ method: 'POST', path: this.path(serviceId, '/async'), body, idempotent: false, purpose: 'submitting the task' },
			scope,
		);
		const snapshot = snapshotOf(response.body, 'PENDING');
		if (!snapshot.taskId) {
			throw this.client.fail(
				{
					code: 'MissingTaskId',
					message: 'The service accepted the request but returned no task id',
					requestId: snapshot.requestId,
				},
				scope,
			);
		}
		return { taskId: snapshot.taskId, requestId: snapshot.requestId };
	}

	async status(serviceId: string, taskId: string, scope: CallScope): Promise<TaskSnapshot> {
		const response = await this.client.send(
			{
				method: 'GET',
				path: `${this.path(serviceId, '/async/task-status')}?task_id=${encodeURIComponent(taskId)}`,
				idempotent: true,
				purpose: 'checking the task status',
			},
			scope,
		);
		return { ...snapshotOf(response.body, 'PENDING'), taskId };
	}

	/** Synchronous routes answer with the result itself; a missing status means success. */
	async call(serviceId: string, suffix: string, body: IDataObject, scope: CallScope): Promise<TaskSnapshot> {
		const response = await this.client.send(
			{ method: 'POST', path: this.path(serviceId, suffix), body, idempotent: false, purpose: 'calling the service' },
			scope,
		);
		return snapshotOf(response.body, 'SUCCESS');
	}
}

export async function createAiSearchApi(
	ctx: IExecuteFunctions,
	serviceType: AiSearchServiceType,
	options: AiSearchApiOptions,
): Promise<AiSearchApi> {
	return new AiSearchApi(await createServiceClient(ctx, 'aiSearch', options, readAiSearchError), serviceType);
}
