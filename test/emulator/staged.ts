/**
 * How the API emulators see files a node staged in the user's bucket: an `oss://bucket/key` path or a
 * pre-signed URL of the OSS endpoint is fetched from it (signature and expiry checked, bytes streamed
 * through an MD5), so results can reflect the bytes that were uploaded. Anything else (a public URL, a
 * bucket the OSS endpoint does not have) is not a staged file and keeps its usual treatment.
 */
import type { OssEmulator } from './oss/types';

export type StagedFetch = { ok: true; bytes: number; md5: string } | { ok: false; code: string; message: string };

/** undefined: not a staged file of this emulator's OSS endpoint. */
export type StagedResolver = (reference: string | undefined) => Promise<StagedFetch | undefined>;

export function stagedResolver(oss: () => OssEmulator | undefined): StagedResolver {
	return async (reference) => {
		const endpoint = oss();
		if (!endpoint || !reference) return undefined;
		const isPath = /^oss:\/\//i.test(reference);
		if (!isPath) {
			let host: string;
			try {
				host = new URL(reference).host;
			} catch {
				return undefined;
			}
			if (host !== new URL(endpoint.url).host) return undefined;
		}
		const digest = await endpoint.digest(reference);
		if (digest.ok) return { ok: true, bytes: digest.object.size, md5: digest.md5 };
		if (isPath && digest.code === 'NoSuchBucket') return undefined;
		return { ok: false, code: digest.code, message: digest.message };
	};
}

/** `staged 1048576 bytes, md5 …`: how results name a staged file, the same words as for inline content. */
export function describeStaged(file: { bytes: number; md5: string }): string {
	return `${file.bytes} bytes, md5 ${file.md5}`;
}
