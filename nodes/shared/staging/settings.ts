import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The OSS staging part of the credential, checked. */
export interface StagingSettings {
	endpoint: string;
	bucket: string;
	/** Empty, or ends with "/". */
	prefix: string;
	accessKeyId: string;
	accessKeySecret: string;
}

/** The credential fields, as the credential dialog names them (for messages). */
const FIELD_LABELS: Array<[keyof StagingSettings, string, string]> = [
	['endpoint', 'ossEndpoint', 'OSS Endpoint'],
	['bucket', 'ossBucket', 'OSS Bucket'],
	['accessKeyId', 'ossAccessKeyId', 'OSS AccessKey ID'],
	['accessKeySecret', 'ossAccessKeySecret', 'OSS AccessKey Secret'],
];

export type StagingSettingsRead = { settings: StagingSettings } | { problem: string };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The staging settings, or what is missing: the switch, or which of its fields. */
export function readStagingSettings(credentials: ICredentialDataDecryptedObject): StagingSettingsRead {
	if (credentials.ossStaging !== true) return { problem: '"Stage Large Files in OSS" is off in the Alibaba Cloud Multimodal API credential' };
	const values = Object.fromEntries(FIELD_LABELS.map(([field, name]) => [field, text(credentials[name])])) as Record<string, string>;
	const missing = FIELD_LABELS.filter(([field]) => values[field] === '').map(([, , label]) => label);
	if (missing.length > 0) return { problem: `The credential's OSS staging settings lack ${missing.join(', ')}` };
	const rawPrefix = text(credentials.ossKeyPrefix).replace(/^\/+/, '');
	const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
	return { settings: { endpoint: values.endpoint, bucket: values.bucket, prefix, accessKeyId: values.accessKeyId, accessKeySecret: values.accessKeySecret } };
}

/** What the user does to enable staging (the description of the missing-settings error). */
export const STAGING_FIX =
	'Open the Alibaba Cloud Multimodal API credential, turn on "Stage Large Files in OSS" and fill OSS Endpoint, OSS Bucket, OSS AccessKey ID and OSS AccessKey Secret (a RAM user allowed to put, get and delete objects below the key prefix). Or pass the file by URL instead.';
