import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { normalizeRegion, regionOfEndpoint } from './oss/endpoint';
import type { OssSigning } from './oss/signer';

/** The OSS staging part of the credential, checked. */
export interface StagingSettings {
	endpoint: string;
	bucket: string;
	/** Empty, or ends with "/". */
	prefix: string;
	accessKeyId: string;
	accessKeySecret: string;
	/** V4 with the bucket's region (from OSS Region or the endpoint), or V1 when OSS Signature Version says so. */
	signing: OssSigning;
}

type TextField = 'endpoint' | 'bucket' | 'accessKeyId' | 'accessKeySecret';

/** The credential fields, as the credential dialog names them (for messages). */
const FIELD_LABELS: Array<[TextField, string, string]> = [
	['endpoint', 'ossEndpoint', 'OSS Endpoint'],
	['bucket', 'ossBucket', 'OSS Bucket'],
	['accessKeyId', 'ossAccessKeyId', 'OSS AccessKey ID'],
	['accessKeySecret', 'ossAccessKeySecret', 'OSS AccessKey Secret'],
];

export type StagingSettingsRead = { settings: StagingSettings } | { problem: string };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Region ids as OSS lists them: lower-case words joined by hyphens (cn-hangzhou, ap-southeast-1, rg-china-mainland). */
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * How to sign: V1 only when the credential asks; V4 otherwise, with the region of OSS Region or, when
 * that is empty, the one the endpoint shows. Checked here so a missing or contradictory region fails in
 * phase one, before any upload.
 */
function signingOf(credentials: ICredentialDataDecryptedObject, endpoint: string): { signing: OssSigning } | { problem: string } {
	if (text(credentials.ossSignatureVersion).toLowerCase() === 'v1') return { signing: { version: 'v1' } };
	const given = normalizeRegion(text(credentials.ossRegion));
	const shown = regionOfEndpoint(endpoint);
	if (given !== '' && !REGION_ID.test(given)) {
		return { problem: `OSS Region "${text(credentials.ossRegion)}" is not a region id; write it as the OSS console lists it, for example cn-hangzhou` };
	}
	if (given !== '' && shown !== undefined && given !== shown) {
		return { problem: `OSS Region is "${given}" but OSS Endpoint "${endpoint}" is in "${shown}"; clear OSS Region or make the two agree` };
	}
	const region = given || shown;
	if (!region) {
		return {
			problem: `OSS Endpoint "${endpoint}" does not show the bucket's region, which V4 signatures need; fill OSS Region (for example cn-hangzhou)`,
		};
	}
	return { signing: { version: 'v4', region } };
}

/** The staging settings, or what is missing: the switch, or which of its fields. */
export function readStagingSettings(credentials: ICredentialDataDecryptedObject): StagingSettingsRead {
	if (credentials.ossStaging !== true) return { problem: '"Stage Large Files in OSS" is off in the Alibaba Cloud Multimodal API credential' };
	const values = Object.fromEntries(FIELD_LABELS.map(([field, name]) => [field, text(credentials[name])])) as Record<TextField, string>;
	const missing = FIELD_LABELS.filter(([field]) => values[field] === '').map(([, , label]) => label);
	if (missing.length > 0) return { problem: `The credential's OSS staging settings lack ${missing.join(', ')}` };
	const signing = signingOf(credentials, values.endpoint);
	if ('problem' in signing) return signing;
	const rawPrefix = text(credentials.ossKeyPrefix).replace(/^\/+/, '');
	const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
	return {
		settings: {
			endpoint: values.endpoint,
			bucket: values.bucket,
			prefix,
			accessKeyId: values.accessKeyId,
			accessKeySecret: values.accessKeySecret,
			signing: signing.signing,
		},
	};
}

/** What the user does to enable staging (the description of the missing-settings error). */
export const STAGING_FIX =
	'Open the Alibaba Cloud Multimodal API credential, turn on "Stage Large Files in OSS" and fill OSS Endpoint, OSS Bucket, OSS AccessKey ID and OSS AccessKey Secret (a RAM user allowed to put, get and delete objects below the key prefix), and OSS Region when the endpoint is a custom domain or gateway. Or pass the file by URL instead.';
