import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { setCustomData } from './stopReport';
import type { Operation } from '../work/work';

/** The outcome of each input item, read from its output items. */
function outcomes(items: INodeExecutionData[], operation: Operation) {
	const byInput = new Map<number, INodeExecutionData[]>();
	for (const item of items) {
		const index = (item.pairedItem as { item?: number } | undefined)?.item ?? 0;
		const outputs = byInput.get(index);
		if (outputs) outputs.push(item);
		else byInput.set(index, [item]);
	}
	const counts = { succeeded: 0, failed: 0, timedOut: 0, submitted: 0 };
	for (const outputs of byInput.values()) {
		const json = outputs[0].json;
		if (json.error !== undefined) counts.failed++;
		else if (json.timedOut === true) counts.timedOut++;
		else if (operation === 'submitOnly') counts.submitted++;
		else counts.succeeded++;
	}
	return { inputs: byInput.size, ...counts, byInput };
}

/** Usage fields summed over the input items (split items repeat their input's usage: it counts once). */
function usageTotals(byInput: Map<number, INodeExecutionData[]>): Record<string, number> {
	const totals: Record<string, number> = {};
	for (const outputs of byInput.values()) {
		const usage = outputs[0].json.usage;
		if (!usage || typeof usage !== 'object') continue;
		for (const [key, value] of Object.entries(usage as IDataObject)) {
			if (typeof value === 'number' && Number.isFinite(value)) totals[key] = (totals[key] ?? 0) + value;
		}
	}
	return totals;
}

/**
 * After a run: one execution hint on the output that sums it up, the same totals in the execution's
 * custom data (totals, not lists: n8n allows 10 entries of 255 characters) and one line in n8n's log.
 */
export function summarizeRun(ctx: IExecuteFunctions, items: INodeExecutionData[], operation: Operation, idLabel: string): void {
	const { inputs, succeeded, failed, timedOut, submitted, byInput } = outcomes(items, operation);
	if (inputs === 0) return;
	const parts = [
		succeeded ? `${succeeded} done` : undefined,
		submitted ? `${submitted} submitted (fetch the results later with Get Result)` : undefined,
		timedOut ? `${timedOut} still running at the timeout (resume them with Get Result and their ${idLabel})` : undefined,
		failed ? `${failed} failed (see their error fields)` : undefined,
	].filter(Boolean);
	const usage = usageTotals(byInput);
	const usageText = Object.entries(usage)
		.map(([key, value]) => `${key} ${Math.round(value * 1000) / 1000}`)
		.join(', ');
	const counts = `${inputs} item${inputs === 1 ? '' : 's'}: ${parts.join(', ')}`;
	const message = usageText ? `${counts}. Usage reported by the service: ${usageText}.` : `${counts}.`;
	ctx.addExecutionHints?.({ message, type: failed || timedOut ? 'warning' : 'info', location: 'outputPane' });
	setCustomData(ctx, usageText ? { alibabaItems: counts, alibabaUsage: usageText } : { alibabaItems: counts });
	ctx.logger.info(`Alibaba Multimodal (${ctx.getNode().name}): ${message}`);
}
