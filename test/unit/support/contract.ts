/**
 * Runs one item of a capability the way the runner does (prepare, build the body, submit / check /
 * call through the family's protocol, shape the output), against scripted service answers instead of
 * HTTP. What it returns is the capability's contract: the requests sent and the items output.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Capability } from '../../../nodes/shared/capability/capability';
import { itemContext, shapeOutput } from '../../../nodes/shared/capability/capability';
import { SubmittedWork } from '../../../nodes/shared/work/submittedWork';
import type { ServiceClient } from '../../../nodes/shared/transport/request';
import type { Operation } from '../../../nodes/shared/work/work';
import { runWork } from '../../../nodes/shared/work/work';
import { installClock } from '../../../nodes/shared/core/time';
import { VirtualClock } from './virtualClock';

export interface SentRequest {
	method: string;
	path: string;
	body?: IDataObject;
}

/** An IExecuteFunctions with just what capabilities read: parameters, input items, binary helpers. */
export function fakeContext(parameters: IDataObject, input: INodeExecutionData[] = [{ json: {} }]): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => {
			if (parameters[name] !== undefined) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getInputData: () => input,
		getNode: () => ({ id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters }),
		continueOnFail: () => false,
		helpers: {
			assertBinaryData: (index: number, property: string) => input[index].binary![property],
			getBinaryDataBuffer: async (index: number, property: string) => Buffer.from(input[index].binary![property].data, 'base64'),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({ data: data.toString('base64'), fileName, mimeType }),
		},
	} as unknown as IExecuteFunctions;
}

export async function runContract(
	capability: Capability<any>,
	parameters: IDataObject,
	answers: IDataObject[],
	input?: INodeExecutionData[],
): Promise<{ route: string; requests: SentRequest[]; items: INodeExecutionData[] }> {
	const ctx = fakeContext(parameters, input);
	const operation: Operation = capability.async ? (parameters.operation as Operation) : 'sync';
	const item = itemContext(ctx, 0, operation);
	const route = capability.route(item);
	const prepared = await capability.prepare(item);
	const requests: SentRequest[] = [];
	const client = {
		target: { family: capability.protocol.family, baseUrl: 'https://service.test', workspacePath: '/v3/openapi/workspaces/default', secrets: [] },
		send: async (request: { method: string; path: string; body?: IDataObject | Buffer }) => {
			// The body as the service reads it: its JSON bytes.
			const body = Buffer.isBuffer(request.body) ? (JSON.parse(request.body.toString()) as IDataObject) : request.body;
			requests.push({ method: request.method, path: request.path, body });
			const answer = answers.shift();
			if (!answer) throw new Error(`No scripted answer for ${request.method} ${request.path}`);
			return { status: 200, body: answer, headers: {} };
		},
		reserveBody: async () => ({ built: () => undefined, release: () => undefined }),
		fail: (failure: { message: string }) => new Error(failure.message),
	} as unknown as ServiceClient;
	// The checks wait on a virtual clock: scripted answers come at once, so no wait needs real time.
	const previous = installClock(new VirtualClock());
	let outcome: Awaited<ReturnType<typeof runWork>>;
	try {
		outcome = await runWork(
			capability.protocol,
			client,
			operation,
			{ route, body: async () => await capability.body(prepared.request, item) },
			{ pollIntervalMs: 1, timeoutMs: 5000, onTimeout: 'error' },
			{ itemIndex: 0, signal: new AbortController().signal },
			new SubmittedWork(),
		);
	} finally {
		installClock(previous);
	}
	const common = { ...capability.protocol.fields(outcome, route), ...prepared.fields };
	const items =
		outcome.kind === 'finished'
			? await shapeOutput(capability, outcome.work, { ...item, request: prepared.request, common })
			: [{ json: common, pairedItem: { item: 0 } }];
	return { route, requests, items: items.map((output) => ({ ...output, json: JSON.parse(JSON.stringify(output.json)) })) };
}
