/**
 * The fault matrix: faults on submissions and on status checks of both families, as the emulator
 * injects them, with default options. Every case is judged on the service's own request log: no
 * request body ever creates two tasks, and every task the node could know about is named in the
 * output, the error or the execution's custom data.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Emulator, Fault, RequestLogEntry } from '../emulator';
import { startEmulator } from '../emulator';
import { API_KEY, node, PAI_APP_ID, PAI_TOKEN, paiWorkflow, singleNode } from './fixtures';
import type { WorkflowRunResult } from './harness';
import { runWorkflow } from './harness';

/** Every row has all four values: jest would pass a done callback in place of a missing one. */
type FaultCase = [name: string, fault: Omit<Fault, 'match'>, outcome: 'delivered' | 'refused', createdUnknown: boolean];

/** On a submission: a refused or unknown outcome is never resent; a throttled one always is. */
const SUBMIT_FAULTS: FaultCase[] = [
	['429 with Retry-After', { type: 'throttle', retryAfter: '1' }, 'delivered', false],
	['429 without Retry-After', { type: 'throttle', retryAfter: null }, 'delivered', false],
	['500 error answer', { type: 'status', status: 500 }, 'refused', false],
	['502 HTML gateway page', { type: 'html' }, 'refused', false],
	['reset before the service acted', { type: 'reset' }, 'refused', false],
	['reset after the service acted', { type: 'drop' }, 'refused', true],
	['answer slower than the Request Timeout', { type: 'slow', delayMs: 2500 }, 'refused', true],
	['200 that is not JSON', { type: 'malformed' }, 'refused', true],
	['200 without a task id', { type: 'empty' }, 'refused', false],
];

/** On a status check: always safe to repeat, so every one is ridden out. */
const CHECK_FAULTS: FaultCase[] = [
	['429 with Retry-After', { type: 'throttle', retryAfter: '1' }, 'delivered', false],
	['429 without Retry-After', { type: 'throttle', retryAfter: null }, 'delivered', false],
	['503 error answer', { type: 'status', status: 503 }, 'delivered', false],
	['502 HTML gateway page', { type: 'html' }, 'delivered', false],
	['reset', { type: 'reset' }, 'delivered', false],
	['answer slower than the Request Timeout', { type: 'slow', delayMs: 2500 }, 'delivered', false],
	['200 that is not JSON', { type: 'malformed' }, 'delivered', false],
	['200 without a status', { type: 'empty' }, 'delivered', false],
];

const ITEMS = ['https://m.test/one.mp4', 'https://m.test/two.mp4', 'https://m.test/three.mp4'].map((url) => ({ json: { url } }));
const fast = { pollIntervalSeconds: 0.1, requestTimeoutSeconds: 1 };

const FAMILIES = {
	'AI Search': {
		submitPath: '/image-analyze/',
		idField: 'taskId',
		workflow: (emulator: Emulator, extra: Partial<INode> = {}) =>
			singleNode(emulator.url, node('Node', 'alibabaImageContent', { serviceId: 'ops-image-analyze-ocr-001', inputType: 'url', url: '={{ $json.url }}', options: fast }, extra), ITEMS),
	},
	PAI: {
		submitPath: '/api/v1/videos',
		idField: 'jobId',
		workflow: (emulator: Emulator, extra: Partial<INode> = {}) =>
			paiWorkflow(emulator.url, node('Node', 'alibabaPaiVideoQuality', { operation: 'submitAndWait', mode: 'single', videoUrl: '={{ $json.url }}', model: '', options: fast }, extra), ITEMS),
	},
};

function created(emulator: Emulator, submitPath: string): RequestLogEntry[] {
	return emulator.log.filter((entry) => entry.kind === 'submit' && entry.path.includes(submitPath) && entry.taskId !== undefined);
}

/** Everything the user is shown about a run: output items, the error, the custom data. */
function shown(result: WorkflowRunResult): string {
	const metadata = (result.run.data.resultData as { metadata?: IDataObject }).metadata ?? {};
	return JSON.stringify([result.output('Node').map((item) => item.json), result.error?.message, result.error?.description, metadata]);
}

describe.each(Object.entries(FAMILIES))('%s under faults (default options)', (_family, family) => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: 150, paiJobLatencyMs: 150 });
	});
	afterEach(async () => {
		await emulator.close();
	});

	function judge(result: WorkflowRunResult, createdUnknown = false) {
		const tasks = created(emulator, family.submitPath);
		// No request body ever created two tasks.
		const perBody = new Map<string, number>();
		for (const task of tasks) perBody.set(task.bodyMd5, (perBody.get(task.bodyMd5) ?? 0) + 1);
		expect([...perBody.values()].every((count) => count === 1)).toBe(true);
		// Every task whose id reached the node is named somewhere the user sees.
		const text = shown(result);
		const known = tasks.filter((task) => task.status === 200 && task.fault !== 'malformed');
		for (const task of known) expect(text).toContain(String(task.taskId));
		if (createdUnknown) expect(result.error?.message).toMatch(/may or may not have (received it|been created)/);
		return tasks;
	}

	it.each(SUBMIT_FAULTS)('submission: %s', async (_name, fault, outcome, createdUnknown) => {
		emulator.addFault({ ...fault, match: { kind: 'submit' } } as Fault);
		const result = await runWorkflow(family.workflow(emulator));
		const tasks = judge(result, createdUnknown);
		if (outcome === 'delivered') {
			expect(result.status).toBe('success');
			expect(tasks).toHaveLength(3);
		} else {
			expect(result.status).toBe('error');
			expect(result.error?.message).not.toMatch(/retry the request immediately/i);
			expect(result.error?.description ?? '').toMatch(/not sent again|anyway|Check the service/i);
		}
	});

	/** The throttled submission and the resend of its body that the service accepted. */
	function throttledAndResent() {
		const submits = emulator.log.filter((entry) => entry.kind === 'submit');
		const throttled = submits.find((entry) => entry.status === 429)!;
		const resent = submits.find((entry) => entry.status === 200 && entry.bodyMd5 === throttled.bodyMd5)!;
		expect(throttled).toBeDefined();
		expect(resent).toBeDefined();
		return { throttled, resent };
	}

	it('submission: after a 429 with Retry-After: 1 the service hears nothing for exactly that second (virtual clock)', async () => {
		emulator.addFault({ type: 'throttle', retryAfter: '1', match: { kind: 'submit' } });
		const result = await runWorkflow(family.workflow(emulator));
		expect(result.status).toBe('success');
		const { throttled, resent } = throttledAndResent();
		// Every request of the service holds off for the hint: none starts inside the hinted second.
		const api = emulator.log.filter((entry) => entry.kind !== 'control');
		expect(api.filter((entry) => entry.time > throttled.time && entry.time < throttled.time + 1000)).toEqual([]);
		expect(api.some((entry) => entry.time === throttled.time + 1000)).toBe(true);
		expect(resent.time - throttled.time).toBeGreaterThanOrEqual(1000);
	});

	it('realTime: a 429 with Retry-After: 1 waits a real second before the resend', async () => {
		emulator.addFault({ type: 'throttle', retryAfter: '1', match: { kind: 'submit' } });
		const result = await runWorkflow(family.workflow(emulator));
		expect(result.status).toBe('success');
		const { throttled, resent } = throttledAndResent();
		// n8n's sleep on the wall clock: at least the hinted second went by.
		expect(resent.time - throttled.time).toBeGreaterThanOrEqual(1000);
	});

	it.each(CHECK_FAULTS)('status check: %s', async (_name, fault) => {
		emulator.addFault({ ...fault, match: { kind: 'poll' } } as Fault);
		const result = await runWorkflow(family.workflow(emulator));
		judge(result);
		expect(result.status).toBe('success');
		expect(result.output('Node').map((item) => item.json[family.idField])).toEqual(created(emulator, family.submitPath).map((task) => String(task.taskId)));
	});

	it('a deadline reached while failing status checks are retried outputs the pending task (On Timeout = Output)', async () => {
		emulator.addFault({ type: 'status', status: 503, match: { kind: 'poll' }, times: -1 });
		const workflow = family.workflow(emulator);
		const [ours] = workflow.nodes;
		ours.parameters = { ...ours.parameters, options: { ...fast, timeoutSeconds: 2, onTimeout: 'output' } };
		const result = await runWorkflow(workflow);
		expect(result.status).toBe('success');
		const out = result.output('Node').map((item) => item.json);
		expect(out).toHaveLength(3);
		expect(out.every((json) => json.timedOut === true)).toBe(true);
		expect(out.map((json) => json[family.idField])).toEqual(created(emulator, family.submitPath).map((task) => String(task.taskId)));
	});

	it('a run stopped mid-wait names every task it created in the custom data', async () => {
		await emulator.close();
		emulator = await startEmulator({ apiKeys: [API_KEY], paiApps: { [PAI_APP_ID]: PAI_TOKEN }, taskLatencyMs: 60_000, paiJobLatencyMs: 60_000 });
		const result = await runWorkflow({ ...family.workflow(emulator), cancelAfterMs: 1500 });
		expect(result.status).toBe('canceled');
		const tasks = created(emulator, family.submitPath);
		expect(tasks).toHaveLength(3);
		const metadata = (result.run.data.resultData as { metadata?: Record<string, string> }).metadata ?? {};
		expect(metadata.alibabaUndelivered).toMatch(/^3 \w+ this run created are not delivered because the run stopped: 0 with a result ready, 3 still running/);
		for (const task of tasks) expect(metadata.alibabaUndeliveredIds1).toContain(String(task.taskId));
	});

	it('a run that fails names the finished results it could not deliver', async () => {
		// Submissions go out before status checks, so all three tasks exist when the first check fails.
		emulator.addFault({ type: 'status', status: 400, match: { kind: 'poll' }, times: 1 });
		const result = await runWorkflow(family.workflow(emulator));
		expect(result.status).toBe('error');
		const tasks = created(emulator, family.submitPath);
		expect(tasks).toHaveLength(3);
		const failedCheck = emulator.log.find((entry) => entry.kind === 'poll' && entry.fault !== undefined);
		expect(failedCheck).toBeDefined();
		const others = tasks.filter((task) => !failedCheck!.path.includes(String(task.taskId)));
		expect(others).toHaveLength(2);
		for (const task of others) expect(result.error?.description).toContain(String(task.taskId));
		expect(shown(result)).toContain(String(tasks.find((task) => !others.includes(task))!.taskId));
	});

});
