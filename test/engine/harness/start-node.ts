import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const HARNESS_START_NODE_TYPE = 'harness.start';
export const HARNESS_START_NODE_NAME = 'Harness Start';

export interface HarnessInputItem {
	json: IDataObject;
	binary?: Record<string, { data: Buffer; fileName: string; mimeType: string }>;
}

/**
 * A tiny node that emits the given items. Binary entries are turned into real n8n binary
 * data with `this.helpers.prepareBinaryData`, i.e. stored by n8n-core's BinaryDataService in
 * whatever mode the run uses (base64 inline in 'default', a `filesystem-v2:` id otherwise).
 */
export function createStartNodeType(items: HarnessInputItem[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: HARNESS_START_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits the test items (engine harness only)',
		defaults: { name: HARNESS_START_NODE_NAME },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			for (const [index, item] of items.entries()) {
				const result: INodeExecutionData = {
					json: structuredClone(item.json),
					pairedItem: { item: 0 },
				};
				if (item.binary) {
					const binary: IBinaryKeyData = {};
					for (const [key, value] of Object.entries(item.binary)) {
						binary[key] = await this.helpers.prepareBinaryData(
							Buffer.from(value.data),
							value.fileName,
							value.mimeType,
						);
					}
					result.binary = binary;
				}
				out[index] = result;
			}
			return [out];
		},
	};
}
