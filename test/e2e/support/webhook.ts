import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const workflowFile = (name: string) => join(__dirname, '..', 'workflows', name);
const idOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')).id as string;

export const WEBHOOK_WORKFLOW_FILE = workflowFile('webhook-extract.json');
export const WEBHOOK_WORKFLOW_ID = idOf(WEBHOOK_WORKFLOW_FILE);

/** The same extraction with default options and `workersSharingQuota: 2`, at its own path. */
export const SHARED_QUOTA_WORKFLOW_FILE = workflowFile('webhook-extract-shared-quota.json');
export const SHARED_QUOTA_WORKFLOW_ID = idOf(SHARED_QUOTA_WORKFLOW_FILE);
export const SHARED_QUOTA_PATH = 'alibaba-extract-shared';

/** Calls an extraction webhook; retries while n8n is still registering it (404 for a moment after start). */
export async function callExtractWebhook(baseUrl: string, imageUrl: string, timeoutMs = 120_000, path = 'alibaba-extract'): Promise<Record<string, any>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/${path}?url=${encodeURIComponent(imageUrl)}`);
		const text = await response.text();
		if (response.ok) return JSON.parse(text);
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered ${response.status}: ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
