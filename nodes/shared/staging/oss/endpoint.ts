import { OSS_MAX_KEY_BYTES } from './constants';

/** Where a bucket lives and how its URLs are formed. */
export interface OssBucketLocation {
	/**
	 * `oss-cn-hangzhou.aliyuncs.com` as the console shows it, with or without scheme (HTTPS when none),
	 * the region id alone (`oss-cn-hangzhou`), or a custom endpoint such as `http://127.0.0.1:9000`.
	 */
	endpoint: string;
	bucket: string;
	/**
	 * Bucket in the path (`<endpoint>/<bucket>/<key>`) instead of the host: for emulators and gateways
	 * that cannot route bucket subdomains. Alibaba Cloud itself wants virtual-hosted URLs (the default).
	 */
	pathStyle?: boolean;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Bucket names: 3-63 characters, lower-case letters, digits and hyphens, no hyphen at either end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function bucketNameProblem(bucket: string): string | undefined {
	return BUCKET_NAME.test(bucket) ? undefined : `"${bucket}" is not a valid OSS bucket name (3-63 lower-case letters, digits or hyphens)`;
}

export function objectKeyProblem(key: string): string | undefined {
	if (key === '') return 'The OSS object key is empty';
	if (Buffer.byteLength(key, 'utf8') > OSS_MAX_KEY_BYTES) return `The OSS object key is longer than ${OSS_MAX_KEY_BYTES} bytes`;
	if (key.startsWith('/') || key.startsWith('\\')) return 'An OSS object key cannot start with "/" or "\\"';
	return undefined;
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** `oss-cn-hangzhou.aliyuncs.com` -> `{ protocol: 'https:', host: 'oss-cn-hangzhou.aliyuncs.com' }` */
export function parseOssEndpoint(endpoint: string): { protocol: string; host: string } {
	let value = endpoint.trim().replace(/\/+$/, '');
	if (/^oss-[a-z0-9-]+$/i.test(value)) value = `${value}.aliyuncs.com`;
	const url = parseUrl(SCHEME.test(value) ? value : `https://${value}`);
	if (!url) throw new Error(`"${endpoint}" is not a valid OSS endpoint`);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`The OSS endpoint must use http or https, not ${url.protocol}`);
	if (url.pathname !== '/' || url.search || url.username) throw new Error(`The OSS endpoint "${endpoint}" must be a host, without path or query`);
	return { protocol: url.protocol, host: url.host };
}

/** The key as it appears in a URL path: each segment URL-encoded, the slashes kept. */
export function encodeObjectKey(key: string): string {
	return key.split('/').map(encodeURIComponent).join('/');
}

/** `https://<bucket>.<endpoint>/<key>`, or `<endpoint>/<bucket>/<key>` path-style, plus an encoded query. */
export function objectUrl(location: OssBucketLocation, key: string, query: Array<[string, string]> = []): string {
	const { protocol, host } = parseOssEndpoint(location.endpoint);
	const { bucket } = location;
	let base: string;
	if (location.pathStyle) base = `${protocol}//${host}/${bucket}/`;
	// A bucket domain pasted as the endpoint already names the bucket.
	else if (host.startsWith(`${bucket}.`)) base = `${protocol}//${host}/`;
	else base = `${protocol}//${bucket}.${host}/`;
	const search = query.map(([name, value]) => (value === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`));
	return base + encodeObjectKey(key) + (search.length ? `?${search.join('&')}` : '');
}

/** `oss://bucket/key`: how AI Search services take an object of the user's bucket. */
export function ossPath(bucket: string, key: string): string {
	return `oss://${bucket}/${key}`;
}

/** The bucket and key of an `oss://bucket/key` path; undefined for anything else. */
export function parseOssPath(path: string): { bucket: string; key: string } | undefined {
	const match = /^oss:\/\/([^/]+)\/(.+)$/.exec(path.trim());
	return match ? { bucket: match[1], key: match[2] } : undefined;
}

/**
 * The signing region an OSS endpoint names: `oss-cn-hangzhou.aliyuncs.com`, its `-internal` (or `-accelerate`) form, a
 * bucket domain (`bucket.oss-cn-hangzhou.aliyuncs.com`) or the dual-stack form
 * (`cn-hangzhou.oss.aliyuncs.com`) all give `cn-hangzhou`. Undefined for hosts that do not show one:
 * custom domains, gateways, emulators, and the global acceleration endpoints
 * (`oss-accelerate.aliyuncs.com`), which serve every region.
 */
export function regionOfEndpoint(endpoint: string): string | undefined {
	let host: string;
	try {
		host = parseOssEndpoint(endpoint).host.toLowerCase().replace(/:\d+$/, '');
	} catch {
		return undefined;
	}
	const labels = host.split('.');
	if (labels.length < 3 || labels.slice(-2).join('.') !== 'aliyuncs.com') return undefined;
	// The label before aliyuncs.com: `oss-<region>[-internal]`, or `oss` in the dual-stack form.
	const service = labels[labels.length - 3];
	if (service === 'oss') return labels.length >= 4 ? labels[labels.length - 4] : undefined;
	if (!service.startsWith('oss-')) return undefined;
	const region = service.slice('oss-'.length).replace(/-(internal|accelerate)$/, '');
	return region === '' || /^accelerate(-overseas)?$/.test(region) ? undefined : region;
}

/** `oss-cn-hangzhou` or ` cn-hangzhou ` -> `cn-hangzhou`: the region id as V4 signs it. */
export function normalizeRegion(region: string): string {
	return region.trim().toLowerCase().replace(/^oss-/, '');
}
