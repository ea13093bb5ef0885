import type { INodeProperties } from 'n8n-workflow';

import { capitalize } from '../core/values';

import { forAgents, fromAi } from './agents';

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
