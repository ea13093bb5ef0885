import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEBHOOK_WORKFLOW_FILE = join(__dirname, '..', 'workflows', 'webhook-extract.json');
export const WEBHOOK_WORKFLOW_ID = JSON.parse(readFileSync(WEBHOOK_WORKFLOW_FILE, 'utf8')).id as string;

/** Calls the extraction webhook; retries while n8n is still registering it (404 for a moment after start). */
export async function callExtractWebhook(baseUrl: string, imageUrl: string, timeoutMs = 120_000): Promise<Record<string, any>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/alibaba-extract?url=${encodeURIComponent(imageUrl)}`);
		const text = await response.text();
		if (response.ok) return JSON.parse(text);
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered ${response.status}: ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
