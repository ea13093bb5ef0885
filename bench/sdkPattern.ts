/**
 * The SDK's documented pattern, outside n8n: one image at a time, submit, sleep 5 s, check the status,
 * sleep 5 s again while it is pending. A 429 is retried after the Retry-After it carries.
 */
import { IMAGE_SERVICE_PATH } from './workflows';

const SLEEP_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(url: string, apiKey: string, init: { method: string; body?: string }): Promise<Record<string, any>> {
	for (;;) {
		const response = await fetch(url, { ...init, headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' } });
		const body = (await response.json()) as Record<string, any>;
		if (response.status !== 429) {
			if (!response.ok) throw new Error(`service answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
			return body;
		}
		await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
	}
}

/** Runs the pattern over the given image URLs; resolves with how many succeeded and the time it took. */
export async function sequentialSdkPattern(serviceUrl: string, apiKey: string, imageUrls: string[]): Promise<{ succeeded: number; ms: number }> {
	const t0 = Date.now();
	let succeeded = 0;
	for (const url of imageUrls) {
		const submitted = await call(`${serviceUrl}${IMAGE_SERVICE_PATH}/async`, apiKey, { method: 'POST', body: JSON.stringify({ document: { url } }) });
		const taskId = submitted.result.task_id as string;
		for (;;) {
			await sleep(SLEEP_MS);
			const status = await call(`${serviceUrl}${IMAGE_SERVICE_PATH}/async/task-status?task_id=${encodeURIComponent(taskId)}`, apiKey, { method: 'GET' });
			if (status.result.status === 'SUCCESS') succeeded++;
			if (status.result.status !== 'PENDING') break;
		}
	}
	return { succeeded, ms: Date.now() - t0 };
}
