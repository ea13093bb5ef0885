/**
 * Which bucket and key a request means. A host that is an IP address or `localhost` is the emulator
 * itself: path-style, `/<bucket>/<key>` (what our client's `pathStyle` and ali-oss's `sldEnable` send).
 * Any other host is virtual-hosted, `<bucket>.<endpoint>` with the key as the path: what ali-oss sends
 * to an IP endpoint (Host: bucket.oss-cn-hangzhou.aliyuncs.com) and what a real OSS URL looks like.
 */
import { isIP } from 'node:net';

export interface Address {
	bucket: string;
	/** Decoded key; '' for the bucket itself. */
	key: string;
}

export function hostnameOf(host: string): string {
	if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
	return host.replace(/:\d+$/, '');
}

export function isEmulatorHost(host: string): boolean {
	const name = hostnameOf(host).toLowerCase();
	return name === 'localhost' || isIP(name) !== 0;
}

/** undefined when the path cannot be decoded or names no bucket. */
export function addressOf(host: string, pathname: string): Address | undefined {
	let path: string;
	try {
		path = decodeURIComponent(pathname.replace(/^\//, ''));
	} catch {
		return undefined;
	}
	if (isEmulatorHost(host)) {
		const slash = path.indexOf('/');
		const bucket = slash < 0 ? path : path.slice(0, slash);
		return bucket ? { bucket, key: slash < 0 ? '' : path.slice(slash + 1) } : undefined;
	}
	const bucket = hostnameOf(host).split('.')[0];
	return bucket ? { bucket, key: path } : undefined;
}
