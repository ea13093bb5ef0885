import type { IExecuteFunctions } from 'n8n-workflow';

import type { SubmittedWork } from '../work/submittedWork';

/** n8n keeps at most 10 custom data entries of 255 characters per execution; the package uses four. */
export const CUSTOM_DATA = { maxValueLength: 255, idEntries: 3 } as const;

/** Entries named in an error's description; the rest are in the log and the custom data. */
const NAMED_IN_ERROR = 20;

/** Sets execution custom data when the n8n version and mode allow it; it never fails the run. */
export function setCustomData(ctx: IExecuteFunctions, data: Record<string, string>): void {
	try {
		const customData = (ctx.getWorkflowDataProxy(0) as { $execution?: { customData?: { set(key: string, value: string): void } } })
			.$execution?.customData;
		for (const [key, value] of Object.entries(data)) customData?.set(key, value.slice(0, CUSTOM_DATA.maxValueLength));
	} catch (error) {
		ctx.logger.debug(`Alibaba Multimodal: custom data not saved (${(error as Error).message})`);
	}
}

/** Packs "item 3: t-1" entries into values of at most 255 characters. */
function packIds(entries: string[], values: number): { packed: string[]; left: number } {
	const packed: string[] = [];
	let current = '';
	let used = 0;
	for (const entry of entries) {
		const next = current ? `${current}; ${entry}` : entry;
		if (next.length <= CUSTOM_DATA.maxValueLength) {
			current = next;
			used++;
			continue;
		}
		if (current) packed.push(current);
		if (packed.length === values) break;
		current = entry.slice(0, CUSTOM_DATA.maxValueLength);
		used++;
	}
	if (current && packed.length < values) packed.push(current);
	else if (current) used--;
	return { packed, left: entries.length - used };
}

/**
 * When a run fails or is stopped, the work it created whose results are not delivered: named in n8n's
 * log (every one, at warn level) and in the execution's custom data (counts, then as many ids as fit),
 * so what was paid for can be found and resumed even though the run's output is lost. Returns the note
 * for the error's description, or undefined when there is nothing to name.
 */
export function reportUndelivered(
	ctx: IExecuteFunctions,
	submitted: SubmittedWork,
	how: 'failed' | 'stopped',
	resumeWith = 'the Get Result operation',
): string | undefined {
	const entries = submitted.undelivered();
	if (entries.length === 0) return undefined;
	const ready = entries.filter((entry) => entry.state === 'finished').length;
	const running = entries.length - ready;
	const noun = submitted.noun.plural.toLowerCase();
	const named = entries.map((entry) => `item ${entry.itemIndex}: ${entry.label}${entry.state === 'finished' ? ' (result ready)' : ' (running)'}`);
	const counts = `${entries.length} ${noun} this run created are not delivered because the run ${how}: ${ready} with a result ready, ${running} still running`;
	ctx.logger.warn(`Alibaba Multimodal (${ctx.getNode().name}): ${counts}. Resume them with ${resumeWith}: ${named.join('; ')}`);
	const ids = packIds(
		entries.map((entry) => `item ${entry.itemIndex}: ${entry.label}`),
		CUSTOM_DATA.idEntries,
	);
	const data: Record<string, string> = {
		alibabaUndelivered: `${counts}${ids.left > 0 ? `; ${ids.left} not listed here (all in the n8n log)` : ''}`,
	};
	ids.packed.forEach((value, index) => (data[`alibabaUndeliveredIds${index + 1}`] = value));
	setCustomData(ctx, data);
	const more = entries.length > NAMED_IN_ERROR ? `; and ${entries.length - NAMED_IN_ERROR} more (all in n8n's log and this execution's custom data)` : '';
	return `${counts}. Resume them with ${resumeWith}: ${named.slice(0, NAMED_IN_ERROR).join('; ')}${more}`;
}
