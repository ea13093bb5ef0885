import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../constants';
import type { ByteSource, OssClient } from '../oss/client';
import { createOssClient, redactOssSecrets } from '../oss/client';
import { parseOssEndpoint } from '../oss/endpoint';
import { OSS_PRESIGN_MAX_EXPIRES_SECONDS } from '../oss/constants';
import { operationError } from '../transport/errors';
import { PRESIGN_MARGIN_SECONDS, PRESIGN_MIN_SECONDS } from './constants';
import { n8nOssSend } from './send';
import { readStagingSettings, STAGING_FIX, type StagingSettings } from './settings';

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

/** An IP address or localhost cannot carry a bucket subdomain: such endpoints (emulators, gateways) are path-style. */
function isPathStyleHost(endpoint: string): boolean {
	const { host } = parseOssEndpoint(endpoint);
	const hostname = host.replace(/:\d+$/, '');
	return hostname === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

/** A file name safe in an object key: its last path segment, plain characters only. */
function keyFileName(fileName: string | undefined): string {
	const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
	const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(-100);
	return cleaned || 'file';
}

/**
 * The staging of one node run: the credential's OSS settings, read once, and the bucket client. Items
 * ask it for a staged file in phase one (so missing settings fail before anything is sent) and upload
 * when their turn comes.
 */
export class Stager {
	private settings?: Promise<ReturnType<typeof readStagingSettings>>;
	private bucket?: OssClient;

	constructor(readonly ctx: IExecuteFunctions) {}

	/** The settings, or an item error naming the credential fields and the fix (before anything is sent). */
	async settingsFor(itemIndex: number, why: string): Promise<StagingSettings> {
		this.settings ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then(readStagingSettings);
		const read = await this.settings;
		if ('problem' in read) throw operationError(this.ctx.getNode(), `${why}, so it must be staged through your OSS bucket; ${read.problem}`, itemIndex, STAGING_FIX);
		return read.settings;
	}

	client(settings: StagingSettings): OssClient {
		this.bucket ??= createOssClient({
			endpoint: settings.endpoint,
			bucket: settings.bucket,
			pathStyle: isPathStyleHost(settings.endpoint),
			credentials: { accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret },
			send: n8nOssSend(this.ctx),
		});
		return this.bucket;
	}

	/** A key no other item or run uses: prefix, execution, item, a random part, the file's name. */
	keyFor(settings: StagingSettings, itemIndex: number, fileName: string | undefined): string {
		const execution = String(this.ctx.getExecutionId?.() ?? 'manual').replace(/[^A-Za-z0-9_-]+/g, '_') || 'manual';
		return `${settings.prefix}${execution}/${itemIndex}-${randomBytes(6).toString('hex')}/${keyFileName(fileName)}`;
	}
}

const stagers = new WeakMap<IExecuteFunctions, Stager>();

/** One Stager per node run (per execute context), however many items ask. */
export function stagerFor(ctx: IExecuteFunctions): Stager {
	let stager = stagers.get(ctx);
	if (!stager) {
		stager = new Stager(ctx);
		stagers.set(ctx, stager);
	}
	return stager;
}

/** Whether a failed item's task may still read its staged file: a timeout, a cancel, a submission of unknown outcome. */
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

	/** A staging failure: the item's error, redacted, saying nothing was sent to the service. */
	private uploadError(error: unknown, settings: StagingSettings) {
		if (error instanceof Error && error.name === 'CancelledError') return error;
		const secrets = [settings.accessKeySecret];
		const message = redactOssSecrets((error as Error | undefined)?.message ?? String(error), secrets);
		const hint = (error as { description?: string } | undefined)?.description;
		const failure = operationError(
			this.stager.ctx.getNode(),
			`Staging the file to OSS bucket "${settings.bucket}" failed: ${message}`,
			this.itemIndex,
			`Nothing was sent to the analysis service. ${hint ? `${hint}. ` : ''}Check the OSS staging settings of the credential.`,
		);
		const leftover = (error as { leftoverUpload?: { key: string; uploadId: string } } | undefined)?.leftoverUpload;
		if (leftover) failure.description += ` An unfinished multipart upload (${leftover.uploadId}) of ${leftover.key} could not be aborted; the lifecycle rule removes it.`;
		return failure;
	}
}
