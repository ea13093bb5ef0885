import type { IDataObject } from 'n8n-workflow';

import type { ByteSource, OssClient } from './oss/client';
import { redactOssSecrets } from './oss/client';
import { OSS_PRESIGN_MAX_EXPIRES_SECONDS } from './oss/constants';
import { operationError, withContext } from '../core/errors';
import { PRESIGN_MARGIN_SECONDS, PRESIGN_MIN_SECONDS } from './constants';
import type { StagingSettings } from './settings';
import type { Stager } from './stager';

/** How a service takes a staged file: AI Search services read `oss://bucket/key`, URL-only services a pre-signed GET URL. */
export type StagedPass = 'ossPath' | 'url';

/** What the output's `source.staged` says: where the file went and what became of it; never a signature. */
export interface StagedInfo extends IDataObject {
	bucket: string;
	key: string;
	/** Set once the item's task has ended: deleted, or kept (and why). */
	deleted?: boolean;
	kept?: string;
}

/**
 * Whether a failed item's task may still read its staged file: a timeout (the task runs on), a cancel, a
 * submission of unknown outcome (the transport's message says the service "may or may not" have it).
 */
function taskMayStillRead(error: unknown): boolean {
	if (error instanceof Error && error.name === 'CancelledError') return true;
	const context = (error as { context?: IDataObject } | undefined)?.context ?? {};
	if (context.errorCode === 'Timeout' || context.deadlineReached === true) return true;
	const text = `${(error as Error | undefined)?.message ?? ''} ${(error as { description?: string } | undefined)?.description ?? ''}`;
	return /may or may not/.test(text);
}

/** How an item's work ended, as the staging sees it. */
export type WorkEnd = { kind: 'finished' } | { kind: 'pending'; timedOut: boolean } | { kind: 'failed'; error: unknown };

/**
 * The staged files of one item. Files are planned in phase one (key chosen, settings checked) and
 * uploaded in phase two; `settle` deletes them once nothing can read them any more.
 */
export class ItemStaging {
	private readonly files: Array<{ info: StagedInfo; client: OssClient; uploaded: boolean; handedOver: boolean }> = [];
	private urlLifetimeSeconds = PRESIGN_MIN_SECONDS;
	private secrets: string[] = [];

	constructor(
		private readonly stager: Stager,
		readonly itemIndex: number,
		private readonly keep: boolean,
	) {}

	/** The pre-signed URLs of this item must outlive a wait of `timeoutMs`. */
	coverWait(timeoutMs: number): void {
		const seconds = Math.ceil(timeoutMs / 1000) + PRESIGN_MARGIN_SECONDS;
		this.urlLifetimeSeconds = Math.min(Math.max(seconds, PRESIGN_MIN_SECONDS), OSS_PRESIGN_MAX_EXPIRES_SECONDS);
	}

	/**
	 * Phase one: checks the staging settings (an item error naming the fix when absent) and chooses the
	 * key. `why` says why the file cannot go inline. Returns the upload to run when the item's turn comes.
	 */
	async plan(file: { fileName?: string; why: string; pass: StagedPass }): Promise<{ info: StagedInfo; upload: (source: ByteSource | Buffer, options: { size?: number; contentType?: string; signal?: AbortSignal }) => Promise<string> }> {
		const settings = await this.stager.settingsFor(this.itemIndex, file.why);
		const client = this.stager.client(settings);
		this.secrets = [settings.accessKeySecret];
		const info: StagedInfo = { bucket: settings.bucket, key: this.stager.keyFor(settings, this.itemIndex, file.fileName) };
		const entry = { info, client, uploaded: false, handedOver: false };
		this.files.push(entry);
		const upload = async (source: ByteSource | Buffer, options: { size?: number; contentType?: string; signal?: AbortSignal }) => {
			try {
				const signal = options.signal ?? this.stager.ctx.getExecutionCancelSignal?.();
				await client.upload(info.key, source, { size: options.size, contentType: options.contentType, signal });
			} catch (error) {
				throw this.uploadError(error, settings);
			}
			entry.uploaded = true;
			const reference = file.pass === 'ossPath' ? client.ossPath(info.key) : client.presignGet(info.key, this.urlLifetimeSeconds);
			entry.handedOver = true;
			return reference;
		};
		return { info, upload };
	}

	/**
	 * Once the item's work has ended: deletes its staged files unless Keep Staged Files is on or the task
	 * may still read them (Submit Only, a timeout, a cancel, a submission of unknown outcome). A failed
	 * delete is logged and noted in the output, never the item's failure.
	 */
	async settle(end: WorkEnd): Promise<void> {
		if (end.kind === 'failed' && this.files.length > 0) this.scrub(end.error);
		for (const file of this.files) {
			if (!file.uploaded) continue;
			const reason = this.keepReason(end, file.handedOver);
			if (reason) {
				file.info.deleted = false;
				file.info.kept = reason;
				continue;
			}
			try {
				await file.client.deleteObject(file.info.key);
				file.info.deleted = true;
			} catch (error) {
				file.info.deleted = false;
				file.info.kept = 'the delete failed; the bucket lifecycle rule removes it';
				const node = this.stager.ctx.getNode().name;
				this.stager.ctx.logger.warn(`Alibaba Multimodal (${node}): could not delete staged file oss://${file.info.bucket}/${file.info.key}: ${(error as Error).message}`);
			}
		}
	}

	/** A service's error may quote the pre-signed URL it could not fetch: its signature leaves the error here. */
	private scrub(error: unknown): void {
		if (!error || typeof error !== 'object') return;
		const target = error as { message?: unknown; description?: unknown; context?: Record<string, unknown> };
		const clean = (value: unknown) => (typeof value === 'string' ? redactOssSecrets(value, this.secrets) : value);
		target.message = clean(target.message);
		if (target.description !== undefined) target.description = clean(target.description);
		for (const [key, value] of Object.entries(target.context ?? {})) target.context![key] = clean(value);
	}

	private keepReason(end: WorkEnd, handedOver: boolean): string | undefined {
		if (this.keep) return 'Keep Staged Files is on';
		if (end.kind === 'finished') return undefined;
		if (end.kind === 'pending') return end.timedOut ? 'the task was still running at the timeout and may still read it' : 'Submit Only: the task may still read it';
		return handedOver && taskMayStillRead(end.error) ? 'the task may still be running and read it' : undefined;
	}

	/**
	 * A staging failure: the item's error, redacted, saying nothing was sent to the service. OSS's error
	 * code, the HTTP status and OSS's request id (what Alibaba support asks for) go on the item as
	 * errorCode, httpCode and requestId, as for every other failed request.
	 */
	private uploadError(error: unknown, settings: StagingSettings) {
		if (error instanceof Error && error.name === 'CancelledError') return error;
		const secrets = [settings.accessKeySecret];
		const message = redactOssSecrets((error as Error | undefined)?.message ?? String(error), secrets);
		const oss = (error ?? {}) as { description?: string; code?: string; httpCode?: number; requestId?: string };
		const answered = oss.httpCode ? `OSS answered HTTP ${oss.httpCode}${oss.code ? ` ${oss.code}` : ''}${oss.requestId ? ` (request ID ${oss.requestId})` : ''}. ` : '';
		const failure = operationError(
			this.stager.ctx.getNode(),
			`Staging the file to OSS bucket "${settings.bucket}" failed: ${message}`,
			this.itemIndex,
			`Nothing was sent to the analysis service. ${answered}${oss.description ? `${oss.description}. ` : ''}Check the OSS staging settings of the credential.`,
		);
		withContext(failure, { errorCode: oss.code, httpCode: oss.httpCode, requestId: oss.requestId });
		const leftover = (error as { leftoverUpload?: { key: string; uploadId: string } } | undefined)?.leftoverUpload;
		if (leftover) failure.description += ` An unfinished multipart upload (${leftover.uploadId}) of ${leftover.key} could not be aborted; the lifecycle rule removes it.`;
		return failure;
	}
}
