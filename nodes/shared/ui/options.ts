import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { capitalize } from '../core/values';

/** What an async node waits for, in the words and defaults of its service family (see WorkTerms). */
export interface PolledWork {
	/** "task", "job", "job or batch" */
	noun: string;
	/** "Task ID", "Job ID", "Job or Batch ID" */
	idLabel: string;
	intervalSeconds: number;
	timeoutSeconds: number;
}

/** "task" → "tasks", "job or batch" → "jobs or batches". */
function plural(noun: string): string {
	return noun
		.split(' or ')
		.map((word) => (/(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`))
		.join(' or ');
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
		description: `Longest time between two status checks of a running ${work.noun}. The node learns how long the service's ${plural(work.noun)} take and checks each one when it is likely done, backing off for long ones; it never waits longer than this between checks.`,
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
