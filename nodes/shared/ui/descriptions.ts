import type { INodeProperties, INodePropertyOptions, NodeHint } from 'n8n-workflow';

import { capitalize } from '../core/values';

/** Input selection shared by every node that takes a file: binary property, URL (or OSS path), base64. */
export function inputProperties(config: {
	noun: string;
	types: Array<'binary' | 'url' | 'base64'>;
	allowOss?: boolean;
	show?: Record<string, Array<string | boolean>>;
}): INodeProperties[] {
	const { noun } = config;
	const show = (type: string) => ({ show: { ...(config.show ?? {}), inputType: [type] } });
	const typeOptions = [
		{ name: 'Binary File', value: 'binary', description: `The ${noun} is a binary property of the input item` },
		{
			name: config.allowOss ? 'URL or OSS Path' : 'URL',
			value: 'url',
			description: config.allowOss
				? `A public or pre-signed http(s) URL, or an oss:// path the service can read`
				: `A public or pre-signed http(s) URL the service can download`,
		},
		{ name: 'Base64 String', value: 'base64', description: `The ${noun}'s bytes as a base64 string (for example from a previous node)` },
	].filter((option) => config.types.includes(option.value as 'binary' | 'url' | 'base64'));
	const inputType: INodeProperties = {
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: typeOptions,
		default: 'binary',
		displayOptions: config.show ? { show: config.show } : undefined,
	};
	inputType.default = config.types[0]; // the first type the service accepts
	const agentInput = config.types.includes('url') ? forAgents(inputType, 'url') : [inputType];
	return [
		...agentInput,
		binaryPropertyField(noun, show('binary').show),
		...forAgents(
			{
				displayName: config.allowOss ? 'URL or OSS Path' : `${capitalize(noun)} URL`,
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: config.allowOss ? 'https://example.com/file or oss://bucket/path' : 'https://example.com/image.jpg',
				description: 'Must be reachable by Alibaba Cloud, not only from your network',
				displayOptions: show('url'),
			},
			fromAi('url', config.allowOss ? `Public http(s) URL or oss:// path of the ${noun}` : `Public http(s) URL of the ${noun}`),
		),
		{
			displayName: 'Base64 Content',
			name: 'base64Content',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			displayOptions: show('base64'),
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'receipt.png',
			description: 'The extension tells the service the file type',
			displayOptions: show('base64'),
		},
	];
}

/** The name of the input item's binary property that holds the file (shown when Input Type is Binary File). */
export function binaryPropertyField(noun: string, show: Record<string, Array<string | boolean>>): INodeProperties {
	return {
		displayName: 'Binary Property',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: `The name of the input item's binary property that holds the ${noun}`,
		displayOptions: { show },
	};
}

/**
 * A parameter in two copies: the one users see in a workflow, and the one a node used as an AI agent's
 * tool shows (n8n's `@tool` display condition), with the default an agent needs: a tool called with its
 * defaults must work, so there the URL input is chosen and filled by the agent through `$fromAI`.
 */
export function forAgents(property: INodeProperties, toolDefault: INodeProperties['default']): INodeProperties[] {
	const displayOptions = property.displayOptions ?? {};
	return [
		{ ...property, displayOptions: { ...displayOptions, hide: { ...(displayOptions.hide ?? {}), '@tool': [true] } } },
		{ ...property, default: toolDefault, displayOptions: { ...displayOptions, show: { ...(displayOptions.show ?? {}), '@tool': [true] } } },
	];
}

/**
 * An expression that lets the agent fill a parameter. With `optional`, the agent may leave it out (an
 * empty string is used), otherwise n8n asks the model for it. Descriptions are plain words: no quotes.
 */
export function fromAi(key: string, description: string, optional = false): string {
	if (/['"`\\]/.test(description)) throw new RangeError(`fromAi description must not contain quotes: ${description}`);
	return `={{ $fromAI('${key}', '${description}', 'string'${optional ? ", ''" : ''}) }}`;
}

/** What an async node waits for, in the words and defaults of its service family (see WorkTerms). */
export interface PolledWork {
	/** "task", "job", "job or batch" */
	noun: string;
	/** "Task ID", "Job ID", "Job or Batch ID" */
	idLabel: string;
	intervalSeconds: number;
	timeoutSeconds: number;
}

/** Polling options of an async node: interval, wall-clock timeout and what a timeout does. */
export function pollingOptions(config: { pollingShow: Record<string, string[]>; work: PolledWork }): INodeProperties[] {
	const { work } = config;
	const Noun = capitalize(work.noun);
	const displayOptions = { show: config.pollingShow };
	const interval: INodeProperties = {
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description: `Longest time between two status checks of a running ${work.noun}. The node learns how long the service's ${work.noun}s take and checks each one when it is likely done, backing off for long ones; it never waits longer than this between checks.`,
		displayOptions,
	};
	interval.default = work.intervalSeconds; // the family's default (lint wants a literal above)
	const timeout: INodeProperties = {
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: `How long to wait for each ${work.noun} before giving up on waiting; it keeps running on the service`,
		displayOptions,
	};
	timeout.default = work.timeoutSeconds;
	const onTimeoutChoices: INodePropertyOptions[] = [
		{
			name: `Fail the Item (With ${work.idLabel})`,
			value: 'error',
			description: `The error names the ${work.idLabel} to resume with Get Result`,
		},
		{
			name: `Output the Pending ${Noun}`,
			value: 'output',
			description: `Return the ${work.idLabel} and status so a later Get Result can pick it up`,
		},
	];
	return [
		interval,
		timeout,
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			options: onTimeoutChoices,
			default: 'error',
			displayOptions,
		},
	];
}

/** Options of every node that calls a service: raw response, throughput and the safety switch. */
export function requestOptions(config: { defaultQps: number }): INodeProperties[] {
	const qps: INodeProperties = {
		displayName: 'Max Requests per Second',
		name: 'qps',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 10,
		description:
			'Budget shared by submissions and status checks. Every node and execution in this n8n process that uses the same credential and service shares one budget, which follows the lowest value they ask for. The default is the service\'s documented limit; lower it when other applications use the same account.',
	};
	qps.default = config.defaultQps;
	return [
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: "Whether to add the service's unmodified response as a raw field",
		},
		{
			displayName: 'Keep Staged Files',
			name: 'keepStagedFiles',
			type: 'boolean',
			default: false,
			description:
				"Whether to leave files staged in the credential's OSS bucket after their task ends (by default they are deleted); the output's source names the bucket and key",
		},
		qps,
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				'Upper bound on HTTP requests in flight at the same time, and on request bodies (with the file content they carry) held in memory at once. Not set: 10, or a tenth of Max Requests per Second when that is more.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description: 'How long a single HTTP request may take',
		},
		{
			displayName: 'Retry Unconfirmed Submissions',
			name: 'retryUnconfirmed',
			type: 'boolean',
			default: false,
			description:
				'Whether to resend a submission when the connection broke or the service failed before confirming it. Off by default because the first attempt may have created a task, and a resend can be charged twice.',
		},
		{
			displayName: 'Workers Sharing the Quota',
			name: 'workersSharingQuota',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description:
				"How many n8n processes call this account and service at the same time. In queue mode each worker holds its own request budget, so set this to the number of workers: the node then uses Max Requests per Second divided by it.",
		},
	];
}

/** Options of every asynchronous node: polling, deadline, throughput and safety switches. */
export function taskOptions(config: { defaultQps: number; pollingShow: Record<string, string[]>; work: PolledWork }): INodeProperties[] {
	return [...pollingOptions(config), ...requestOptions(config)];
}

/**
 * The operations of every asynchronous node (plus any extra ones, such as Synchronous), and the id
 * field of Get Result. `work` gives the family's words ("task", "Task ID", taskId).
 */
export function operationProperties(config: {
	work: { noun: string; idLabel: string; idParameter: string };
	/** "content extraction", "video quality" */
	subject: string;
	/** "text and description", "video quality score" */
	resultNoun: string;
	extraOperations?: INodePropertyOptions[];
	/** Extra show conditions of the id field (PAI video: only when resuming a single job). */
	idShow?: Record<string, string[]>;
	/** "(or a batch job)" and similar additions to the descriptions. */
	alsoBatch?: boolean;
}): INodeProperties[] {
	const { work, subject, resultNoun } = config;
	const orBatch = config.alsoBatch ? ' (or a batch job)' : '';
	const operations: INodePropertyOptions[] = [
		{
			name: 'Submit and Wait',
			value: 'submitAndWait',
			action: `Submit a ${subject} ${work.noun} and wait for the ${resultNoun}`,
			description: `Submit a ${work.noun}${orBatch}, poll it until it finishes and output the ${resultNoun}`,
		},
		{
			name: 'Submit Only',
			value: 'submitOnly',
			action: `Submit a ${subject} ${work.noun}`,
			description: `Submit a ${work.noun}${orBatch} and return its ID at once`,
		},
		{
			name: 'Get Result',
			value: 'getResult',
			action: `Get the result of a ${subject} ${work.noun}`,
			description: `Resume a submitted ${work.noun}${config.alsoBatch ? ' or batch' : ''} by its ID and wait for its result`,
		},
	];
	const id: INodeProperties = {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '={{ $json.taskId }}',
		required: true,
		description: `The ${work.idLabel} returned by Submit Only, or named in a timeout error`,
		displayOptions: { show: { operation: ['getResult'], ...(config.idShow ?? {}) } },
	};
	id.displayName = work.idLabel;
	id.name = work.idParameter;
	id.default = `={{ $json.${work.idParameter} }}`;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: operations.concat(config.extraOperations ?? []),
			default: 'submitAndWait',
		},
		id,
	];
}

/** The "one item per list entry" switch. */
export function splitOption(config: { noun: string; show?: Record<string, string[]> }): INodeProperties {
	return {
		displayName: `Split Into Items`,
		name: 'split',
		type: 'boolean',
		default: false,
		description: `Whether to output one item per ${config.noun} instead of one item per input with a list`,
		displayOptions: config.show ? { show: config.show } : undefined,
	};
}

/** The Options collection every node ends with. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/**
 * Shown in the node's panel before it runs: how long a wait may last with the defaults, and how to keep a
 * manual test short. A hint rather than a shorter default for manual runs, so that a test run behaves
 * exactly like the production run it stands for.
 */
export function waitHints(work: { noun: string; timeoutSeconds: number }): NodeHint[] {
	const minutes = Math.round(work.timeoutSeconds / 60);
	return [
		{
			message: `With the default options each ${work.noun} is waited for up to ${minutes} minutes. For a quick test, add the Timeout option and set On Timeout to Output the Pending ${capitalize(work.noun)}, or use Submit Only.`,
			type: 'info',
			// On the output pane, where n8n 2.41 hides a before-execution hint once the node has run (an 'ndv' hint stays).
			location: 'outputPane',
			whenToDisplay: 'beforeExecution',
			displayCondition: '={{ $parameter["operation"] !== "submitOnly" && !$parameter["options"]?.timeoutSeconds }}',
		},
	];
}
