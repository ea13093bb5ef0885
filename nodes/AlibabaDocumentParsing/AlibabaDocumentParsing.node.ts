import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/core/constants';
import { DEFAULT_CHUNK_SIZE, DOCUMENT_ANALYZE_SERVICES, DOCUMENT_FILE_TYPES, documentAnalyze } from '../aiSearch/documentAnalyze';
import { aiSearch } from '../aiSearch/protocol';
import { serviceIdProperties } from '../aiSearch/serviceId';
import { inputProperties } from '../shared/ui/inputs';
import { operationProperties, showFor, SUBMIT_OPERATIONS, WAIT_OPERATIONS, waitHints } from '../shared/ui/operations';
import { optionsCollection, taskOptions } from '../shared/ui/options';
import { runCapability } from '../shared/capability/runner';

export class AlibabaDocumentParsing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Document Parsing',
		name: 'alibabaDocumentParsing',
		icon: { light: 'file:alibabaDocumentParsing.svg', dark: 'file:alibabaDocumentParsing.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ submitAndWait: "Parse", submitOnly: "Submit", getResult: "Get result" })[$parameter["operation"]] }}',
		description: 'Turn PDF, Office and HTML documents into Markdown (text and tables) with Alibaba Cloud AI Search',
		defaults: { name: 'Alibaba Document Parsing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		hints: waitHints(aiSearch.terms),
		properties: [
			...operationProperties({ work: aiSearch.terms, subject: 'document parsing', resultNoun: 'Markdown' }),
			...serviceIdProperties({
				label: 'Service',
				services: DOCUMENT_ANALYZE_SERVICES,
				description: 'For Get Result, choose the service the task was submitted to',
			}),
			...inputProperties({ noun: 'document', types: ['binary', 'url', 'base64'], show: showFor(SUBMIT_OPERATIONS) }),
			optionsCollection([
				{
					displayName: 'Chunk Size',
					name: 'chunkSize',
					type: 'number',
					default: DEFAULT_CHUNK_SIZE,
					typeOptions: { minValue: 100 },
					description: 'With Split Into Chunk: the most characters per chunk; paragraphs and tables are never cut',
				},
				{
					displayName: 'File Type',
					name: 'fileType',
					type: 'options',
					options: DOCUMENT_FILE_TYPES.map((type) => ({ name: type.toUpperCase(), value: type })),
					default: 'pdf',
					description: 'Tell the service the file type when the file name or MIME type does not show it',
					displayOptions: { show: showFor(SUBMIT_OPERATIONS, true) },
				},
				{
					displayName: 'Semantic Headings',
					name: 'semanticHeadings',
					type: 'boolean',
					default: false,
					description: 'Whether the service rebuilds the heading hierarchy of the Markdown (slower)',
					displayOptions: { show: showFor(SUBMIT_OPERATIONS, true) },
				},
				{
					displayName: 'Split Into',
					name: 'splitInto',
					type: 'options',
					options: [
						{ name: 'Document', value: 'document', description: 'One item with the whole Markdown' },
						{ name: 'Page', value: 'page', description: 'One item per page, with its page number' },
						{ name: 'Chunk', value: 'chunk', description: 'One item per chunk of at most Chunk Size characters' },
					],
					default: 'document',
					description: 'How many items each document becomes',
				},
				...taskOptions({
					defaultQps: documentAnalyze.defaultQps,
					pollingShow: showFor(WAIT_OPERATIONS, true),
					work: aiSearch.terms,
				}),
			]),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runCapability(this, documentAnalyze);
	}
}
