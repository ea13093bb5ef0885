/**
 * The output schemas shipped beside each node (`nodes/<Node>/__schema__/v1.0.0/<operation>.json`, or
 * `v1.0.0.json` for nodes without operations), built from the contract rows' output items so they
 * always describe what the node really outputs. n8n shows them in the editor before a first run.
 */
import type { IDataObject } from 'n8n-workflow';

import { registeredNodes } from '../../registry';
import type { Row } from './contractRows';
import { ROWS } from './contractRows';
import { runContract } from './contract';

type Schema = { type: string; properties?: Record<string, Schema>; items?: Schema };

/** A JSON Schema (draft 7 subset n8n reads: type, properties, items) of a sample value. */
export function schemaOf(value: unknown): Schema {
	if (value === null) return { type: 'null' };
	if (Array.isArray(value)) return value.length > 0 ? { type: 'array', items: schemaOf(value[0]) } : { type: 'array' };
	if (typeof value === 'object') {
		const properties: Record<string, Schema> = {};
		for (const [key, field] of Object.entries(value as IDataObject)) properties[key] = schemaOf(field);
		return { type: 'object', properties };
	}
	return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** The operations of a node whose output differs: Submit Only outputs the pending work only. */
function operationsOf(row: Row): Array<{ file: string; parameters: IDataObject; answers: IDataObject[] }> {
	const operation = row.parameters.operation as string | undefined;
	if (operation === undefined) return [{ file: 'v1.0.0.json', parameters: row.parameters, answers: row.answers }];
	if (operation !== 'submitAndWait') {
		// Image Editing's operations are edits, not work operations: both output the edited image.
		return ['reshapeFigure', 'removeWatermark'].map((edit) => ({ file: `v1.0.0/${edit}.json`, parameters: { ...row.parameters, operation: edit, degree: 1 }, answers: row.answers }));
	}
	const files = [
		{ file: 'v1.0.0/submitAndWait.json', parameters: row.parameters, answers: row.answers },
		{ file: 'v1.0.0/getResult.json', parameters: row.parameters, answers: row.answers },
		{ file: 'v1.0.0/submitOnly.json', parameters: { ...row.parameters, operation: 'submitOnly' }, answers: row.answers.slice(0, 1) },
	];
	if (row.node === 'alibabaImageContent') files.push({ file: 'v1.0.0/sync.json', parameters: { ...row.parameters, operation: 'sync' }, answers: row.answers.slice(1) });
	return files;
}

/** The node's folder, from package.json's registry (a row for an unregistered node fails test/unit/registry.test.ts). */
function folderOf(type: string): string {
	const node = registeredNodes().find((candidate) => candidate.type === type);
	if (!node) throw new Error(`contract row for ${type}: no such node in package.json n8n.nodes`);
	return node.folder;
}

/** Every schema file of the package: path below the repository → its JSON text. */
export async function buildOutputSchemas(): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const row of Object.values(ROWS)) {
		for (const { file, parameters, answers } of operationsOf(row)) {
			const { items } = await runContract(row.capability, parameters, [...answers]);
			const path = `nodes/${folderOf(row.node)}/__schema__/${file}`;
			files[path] = `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schemaOf(items[0].json) }, null, '\t')}\n`;
		}
	}
	return files;
}
