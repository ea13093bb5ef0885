import { randomBytes } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../core/constants';
import type { OssClient } from './oss/client';
import { createOssClient } from './oss/client';
import { parseOssEndpoint } from './oss/endpoint';
import { operationError } from '../core/errors';
import { n8nOssSend } from './send';
import { readStagingSettings, STAGING_FIX, type StagingSettings, type StagingSettingsRead } from './settings';

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
	private settings?: Promise<StagingSettingsRead>;
	private bucket?: OssClient;

	constructor(readonly ctx: IExecuteFunctions) {}

	/** The settings, or what is missing (read once per node run). */
	async read(): Promise<StagingSettingsRead> {
		this.settings ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then(readStagingSettings);
		return await this.settings;
	}

	/** The settings, or an item error naming the credential fields and the fix (before anything is sent). */
	async settingsFor(itemIndex: number, why: string): Promise<StagingSettings> {
		const read = await this.read();
		if ('problem' in read) throw operationError(this.ctx.getNode(), `${why}, so it must be staged through your OSS bucket; ${read.problem}`, itemIndex, STAGING_FIX);
		return read.settings;
	}

	client(settings: StagingSettings): OssClient {
		this.bucket ??= createOssClient({
			endpoint: settings.endpoint,
			bucket: settings.bucket,
			pathStyle: isPathStyleHost(settings.endpoint),
			credentials: { accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret },
			signing: settings.signing,
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
