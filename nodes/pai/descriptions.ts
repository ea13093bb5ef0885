import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { PolledWork } from '../shared/ui/options';
import { requestOptions, taskOptions } from '../shared/ui/options';
import { operationError } from '../shared/core/errors';
import { InvalidParameter, num, optionNumber } from '../shared/core/values';
import { PAI_CONFIGURE_RULES, PAI_DEFAULT_BATCH_SIZE, PAI_MAX_BATCH_SIZE, PAI_POLL_DEFAULTS } from './constants';

type Show = Record<string, Array<string | boolean>>;

/**
 * The `model_name` choice: named presets ('' is the general model) plus Custom, which shows a free
 * field for a model PAI deployed for the account.
 */
export function modelProperties(config: { presets: INodePropertyOptions[]; default: string; show?: Show }): INodeProperties[] {
	const model: INodeProperties = {
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: [
			...config.presets,
			{ name: 'Custom Model', value: 'custom', description: 'A model PAI deployed for your AppID; enter its name' },
		],
		default: 'custom',
		displayOptions: config.show ? { show: config.show } : undefined,
	};
	model.default = config.default; // the preset the node recommends (lint needs a literal above)
	return [
		model,
		{
			displayName: 'Custom Model Name',
			name: 'customModelName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'my_custom_model',
			description: 'Sent as model_name; ask your Alibaba Cloud account manager for the name',
			displayOptions: { show: { ...(config.show ?? {}), model: ['custom'] } },
		},
	];
}

export function readModelName(ctx: IExecuteFunctions, itemIndex: number): string {
	const model = ctx.getNodeParameter('model', itemIndex) as string;
	if (model !== 'custom') return model;
	const name = String(ctx.getNodeParameter('customModelName', itemIndex, '')).trim();
	if (!name) throw operationError(ctx.getNode(), 'Custom Model Name is empty', itemIndex, 'Enter the model_name PAI gave you, or pick a preset model.');
	return name;
}

/** The JSON escape hatch merged over the typed `configure` fields. */
export function configureJsonProperty(show?: Show): INodeProperties {
	return {
		displayName: 'Additional Configure (JSON)',
		name: 'configureJson',
		type: 'json',
		default: '{}',
		description: 'Extra keys for the request\'s configure object; they override the fields above. Use it for settings this node has no field for.',
		displayOptions: show ? { show } : undefined,
	};
}

export function readConfigure(ctx: IExecuteFunctions, itemIndex: number, typed: IDataObject): IDataObject {
	const raw = ctx.getNodeParameter('configureJson', itemIndex, '{}') as unknown;
	let extra: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		try {
			extra = text === '' ? {} : (JSON.parse(text) as unknown);
		} catch {
			throw operationError(ctx.getNode(), 'Additional Configure (JSON) is not valid JSON', itemIndex, 'Enter a JSON object such as {"tag_top_k": 5}.');
		}
	}
	if (!extra || typeof extra !== 'object' || Array.isArray(extra)) {
		throw operationError(ctx.getNode(), 'Additional Configure (JSON) must be a JSON object', itemIndex, 'Enter a JSON object such as {"tag_top_k": 5}.');
	}
	const configure: IDataObject = {};
	for (const [key, value] of Object.entries(typed)) if (value !== undefined && value !== '') configure[key] = value;
	return checkConfigure({ ...configure, ...(extra as IDataObject) });
}

/**
 * Refuses a documented `configure` key with a value PAI does not take (a Top K of 0 or 11, given by
 * expression or in the JSON, where the field's own limits no longer apply); numbers typed as text are
 * sent as numbers.
 */
function checkConfigure(configure: IDataObject): IDataObject {
	for (const [key, rule] of Object.entries(PAI_CONFIGURE_RULES)) {
		const value = configure[key];
		if (value === undefined || value === null) continue;
		const where = `${rule.label} (configure key ${key})`;
		const fix = (valid: string) => `Set ${rule.label} in Model Settings, or ${key} in Additional Configure (JSON), to ${valid}, or remove it to use the service's default.`;
		if ('boolean' in rule) {
			if (typeof value !== 'boolean') throw new InvalidParameter(`${where} must be true or false; it is ${JSON.stringify(value)}`, fix('true or false'));
		} else if ('choices' in rule) {
			if (typeof value !== 'string' || !rule.choices.includes(value)) {
				throw new InvalidParameter(`${where} must be one of ${rule.choices.join(', ')}; it is ${JSON.stringify(value)}`, fix(`one of the listed values`));
			}
		} else {
			const number = num(value);
			const valid = `${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
			if (number === undefined || number < rule.min || number > rule.max || (rule.integer && !Number.isInteger(number))) {
				throw new InvalidParameter(`${where} must be ${valid}; it is ${JSON.stringify(value)}`, fix(valid));
			}
			configure[key] = number;
		}
	}
	return configure;
}

/** PAI jobs are polled every 30 s by default, the SDK samples' pace; nodes with batch mode wait for batches too. */
function paiWork(withBatches: boolean): PolledWork {
	return withBatches
		? { noun: 'job or batch', idLabel: 'Job or Batch ID', ...PAI_POLL_DEFAULTS }
		: { noun: 'job', idLabel: 'Job ID', ...PAI_POLL_DEFAULTS };
}

/**
 * Run options of a PAI node. Async nodes get polling (default every 30 s, the SDK samples' pace) and,
 * with `batch`, the batch size; sync nodes get only throughput and safety switches.
 */
export function paiOptions(config: { defaultQps: number; pollingShow?: Show; batchShow?: Show }): INodeProperties[] {
	const options = config.pollingShow
		? taskOptions({ defaultQps: config.defaultQps, pollingShow: config.pollingShow as Record<string, string[]>, work: paiWork(config.batchShow !== undefined) })
		: requestOptions({ defaultQps: config.defaultQps });
	if (!config.batchShow) return options;
	return [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: PAI_MAX_BATCH_SIZE },
			default: PAI_DEFAULT_BATCH_SIZE,
			description: 'Most videos sent in one batch job; more input items are split into several batch jobs',
			displayOptions: { show: config.batchShow },
		},
		...options,
	];
}

export function readBatchSize(options: IDataObject): number {
	return optionNumber(options.batchSize, { label: 'Batch Size', fallback: PAI_DEFAULT_BATCH_SIZE, min: 1, max: PAI_MAX_BATCH_SIZE, integer: true });
}

/** The configure keys of ClassifyLabelVideo and MultiModalClassify (defaults as documented). */
export function classificationConfigureFields(): INodeProperties[] {
	return [
		{
			displayName: 'Classification Top K',
			name: 'classification_top_k',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description: 'How many classes to return (1–10)',
		},
		{
			displayName: 'Output Classification',
			name: 'output_classification',
			type: 'boolean',
			default: true,
			description: 'Whether to return the classes',
		},
		{
			displayName: 'Output Embedding',
			name: 'output_embedding',
			type: 'boolean',
			default: true,
			description: 'Whether to return the embedding (as a number array in the output)',
		},
		{
			displayName: 'Output Tags',
			name: 'output_tag',
			type: 'boolean',
			default: true,
			description: 'Whether to return the tags',
		},
		{
			displayName: 'Tag Top K',
			name: 'tag_top_k',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description: 'How many tags to return (1–10)',
		},
	];
}

/** Typed keys of the request's `configure` object (merged under Additional Configure (JSON)). */
export function modelSettings(fields: INodeProperties[], show?: Show): INodeProperties {
	return {
		displayName: 'Model Settings',
		name: 'configure',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: "Keys of the request's configure object; unset keys use the service's defaults",
		options: fields,
		displayOptions: show ? { show } : undefined,
	};
}
