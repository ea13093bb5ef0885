import type { INodeProperties } from 'n8n-workflow';

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
