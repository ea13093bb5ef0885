import type { IExecuteFunctions } from 'n8n-workflow';

import { SubmittedWork } from '../../../nodes/shared/work/submittedWork';
import { reportUndelivered } from '../../../nodes/shared/capability/stopReport';

/** A context that records what the report writes to n8n's log and to the execution's custom data. */
function recordingContext() {
	const warnings: string[] = [];
	const customData: Record<string, string> = {};
	const ctx = {
		getNode: () => ({ name: 'Transcribe' }),
		logger: { warn: (message: string) => warnings.push(message), debug: () => undefined },
		getWorkflowDataProxy: () => ({ $execution: { customData: { set: (key: string, value: string) => (customData[key] = value) } } }),
	} as unknown as IExecuteFunctions;
	return { ctx, warnings, customData };
}

describe('the report of undelivered work', () => {
	it('names every task in the log, counts and as many ids as fit in the custom data, the first twenty in the error', () => {
		const { ctx, warnings, customData } = recordingContext();
		const submitted = new SubmittedWork({ plural: 'Tasks' });
		for (let i = 0; i < 300; i++) submitted.add(i, `task-${String(i).padStart(4, '0')}-${'x'.repeat(20)}`);
		for (let i = 0; i < 276; i++) submitted.settle(i, 'finished');
		submitted.settle(299, 'failed'); // the failing item's own error names its task

		const note = reportUndelivered(ctx, submitted, 'failed');

		expect(warnings).toHaveLength(1);
		for (let i = 0; i < 299; i++) expect(warnings[0]).toContain(`item ${i}: task-${String(i).padStart(4, '0')}`);
		expect(warnings[0]).not.toContain('item 299:');
		expect(customData.alibabaUndelivered).toMatch(/^299 tasks this run created are not delivered because the run failed: 276 with a result ready, 23 still running; \d+ not listed here \(all in the n8n log\)$/);
		expect(Object.keys(customData)).toEqual(['alibabaUndelivered', 'alibabaUndeliveredIds1', 'alibabaUndeliveredIds2', 'alibabaUndeliveredIds3']);
		for (const value of Object.values(customData)) expect(value.length).toBeLessThanOrEqual(255);
		expect(customData.alibabaUndeliveredIds1.startsWith('item 0: task-0000')).toBe(true);
		expect(note).toMatch(/item 19: task-0019.*; and 279 more \(all in n8n's log and this execution's custom data\)$/);
	});

	it('says nothing when every created task was delivered or named by its own error', () => {
		const { ctx, warnings, customData } = recordingContext();
		const submitted = new SubmittedWork();
		submitted.add(0, 't-0');
		submitted.settle(0, 'failed');
		expect(reportUndelivered(ctx, submitted, 'stopped')).toBeUndefined();
		expect(warnings).toHaveLength(0);
		expect(customData).toEqual({});
	});
});
