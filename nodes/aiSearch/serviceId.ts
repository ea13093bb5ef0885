import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemContext } from '../shared/capability/capability';
import { InvalidParameter } from '../shared/core/values';

/** The Service choice that takes an id the node's list does not know yet. */
export const CUSTOM_SERVICE = 'custom';

/**
 * A service id travels in the URL path. Alibaba's ids are `ops-<words>-<number>`; a custom one may differ,
 * but a slash, a space or a query character would change the route rather than name a service.
 */
const SERVICE_ID_SYNTAX = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The Service parameter of a node whose service type offers several ids: the documented ones, plus
 * Custom Service ID for an id Alibaba added after this release (with its own field).
 */
export function serviceIdProperties(config: {
	label: string;
	services: INodePropertyOptions[];
	description?: string;
	show?: Record<string, string[]>;
}): INodeProperties[] {
	const service: INodeProperties = {
		displayName: 'Service',
		name: 'serviceId',
		type: 'options',
		options: [
			...config.services,
			{ name: 'Custom Service ID', value: 'custom', description: 'A service ID this node does not list yet; enter it below' },
		],
		default: 'custom',
		description: config.description,
		displayOptions: config.show ? { show: config.show } : undefined,
	};
	service.displayName = config.label;
	service.default = config.services[0].value; // the first documented service (lint wants a literal above)
	return [
		service,
		{
			displayName: 'Custom Service ID',
			name: 'customServiceId',
			type: 'string',
			default: '',
			// Not `required`: n8n shows (and requires) it whenever Service is an expression; the node checks it instead.
			placeholder: 'ops-image-analyze-vlm-002',
			description: 'The service ID as the AI Search console or documentation names it; it is sent as given',
			displayOptions: { show: { ...(config.show ?? {}), serviceId: [CUSTOM_SERVICE] } },
		},
	];
}

/**
 * The item's service id: one of the documented ids of `serviceType`, or the Custom Service ID. A wrong id
 * costs a refused (or, for a lookalike, a billed) request, so it is checked before anything is sent.
 */
export function readServiceId(item: ItemContext, serviceType: string, documented: readonly string[], label: string): string {
	const chosen = item.param<unknown>('serviceId', documented[0]);
	if (chosen === CUSTOM_SERVICE) {
		const custom = String(item.param('customServiceId', '') ?? '').trim();
		if (custom === '') {
			throw new InvalidParameter('Custom Service ID is empty', `Enter the service id (for example ${documented[0]}), or set ${label} to one of the listed services.`);
		}
		if (!SERVICE_ID_SYNTAX.test(custom)) {
			throw new InvalidParameter(
				`Custom Service ID "${custom}" is not a service id`,
				'Enter the id alone, as AI Search names it (letters, digits, dots, dashes and underscores, such as ops-image-analyze-vlm-001), without a path or spaces.',
			);
		}
		return custom;
	}
	if (typeof chosen === 'string' && documented.includes(chosen)) return chosen;
	throw new InvalidParameter(
		`${label} ${JSON.stringify(chosen ?? null)} is not a documented ${serviceType} service (${documented.join(', ')})`,
		`Set ${label} to one of the listed services. For a service id Alibaba added after this node was released, set ${label} to Custom Service ID and enter the id in Custom Service ID.`,
	);
}
