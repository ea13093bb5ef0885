import type { INodeProperties, INodePropertyOptions, NodeHint } from 'n8n-workflow';

import { capitalize } from '../core/values';

/** The operations that send the item's input, and so show the input fields. */
export const SUBMIT_OPERATIONS = ['submitAndWait', 'submitOnly'];

/** The operations that wait for a result, and so show the polling and result options. */
export const WAIT_OPERATIONS = ['submitAndWait', 'getResult'];

/**
 * A display condition on the operation. `inOptions`: for a field inside the Options collection, which
 * names the node's own parameter by n8n's root path ('/operation').
 */
export function showFor(operations: string[], inOptions = false): Record<string, string[]> {
	return { [inOptions ? '/operation' : 'operation']: [...operations] };
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
		displayOptions: { show: { ...showFor(['getResult']), ...(config.idShow ?? {}) } },
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
