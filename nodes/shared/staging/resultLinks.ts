import type { IExecuteFunctions } from 'n8n-workflow';

import { redactOssSecrets } from './oss/client';
import { RESULT_LINK_SECONDS } from './constants';
import { stagerFor } from './stager';
import { packageClock } from '../core/time';

/** A file the node produced, in the user's bucket, for a reader that cannot take n8n binary data (an AI agent). */
export interface SharedResult {
	url: string;
	/** `oss://bucket/key` of the object. */
	ossPath: string;
	expiresAt: string;
}

/** A link to the file, or why there is none (in words a model can pass on). */
export type ResultLink = { shared: SharedResult } | { unavailable: string };

/** What an agent is told when there is no link: n8n drops binary data from tool answers. */
export const NO_LINK_NOTE =
	'n8n does not pass binary files to an AI agent. To get a link to the file, turn on "Stage Large Files in OSS" in the Alibaba Cloud Multimodal API credential';

/**
 * Uploads a result file to the OSS bucket of the credential's staging settings and returns a pre-signed
 * GET URL valid for RESULT_LINK_SECONDS. The node does not delete the object (the link must keep working
 * after the run); the bucket's lifecycle rule on the key prefix does. Without staging settings there is
 * no link, and the answer says how to get one. An upload failure is a link that is unavailable, not a failed item:
 * the paid result is still in the item.
 */
export async function shareResult(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: { bytes: Buffer; fileName: string; mimeType: string },
): Promise<ResultLink> {
	const stager = stagerFor(ctx);
	const read = await stager.read();
	if ('problem' in read) return { unavailable: `${NO_LINK_NOTE} (${read.problem}).` };
	const { settings } = read;
	const client = stager.client(settings);
	const key = stager.keyFor(settings, itemIndex, file.fileName);
	try {
		await client.upload(key, file.bytes, { size: file.bytes.length, contentType: file.mimeType, signal: ctx.getExecutionCancelSignal?.() });
	} catch (error) {
		const message = redactOssSecrets((error as Error).message ?? String(error), [settings.accessKeySecret]);
		ctx.logger.warn(`Alibaba Multimodal (${ctx.getNode().name}): could not upload a result to oss://${settings.bucket}/${key}: ${message}`);
		return { unavailable: `The upload of the file to the OSS bucket failed (${message}); the file is not available to the agent.` };
	}
	return {
		shared: {
			url: client.presignGet(key, RESULT_LINK_SECONDS),
			ossPath: client.ossPath(key),
			expiresAt: new Date(packageClock.now() + RESULT_LINK_SECONDS * 1000).toISOString(),
		},
	};
}
