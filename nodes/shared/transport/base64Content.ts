/** Bytes encoded per step: a multiple of 3 (no padding inside the text), small enough for V8's young generation. */
const CHUNK_BYTES = 48 * 1024;

/** Text JSON writes as it is, one byte per character. */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A file's content that a request body carries as a base64 JSON string, after an optional prefix (a data
 * URI's `data:audio/mp3;base64,`). It holds the file's bytes, or the base64 text a user passed, and is
 * encoded only when the body's bytes are written (jsonBytes): straight into the body's one buffer, a
 * chunk at a time, so no string of the whole encoded file (8 MB for a 6 MB upload) is ever made.
 * Anything else that serializes a body (JSON.stringify) gets the same text through toJSON.
 */
export class Base64Content {
	private constructor(
		private readonly bytes: Buffer | undefined,
		private readonly base64: string | undefined,
		readonly prefix: string,
	) {}

	/** The content of these bytes. */
	static ofBytes(bytes: Buffer): Base64Content {
		return new Base64Content(bytes, undefined, '');
	}

	/** The content of base64 text that is already bare and valid (no data: prefix, no whitespace). */
	static ofBase64(base64: string): Base64Content {
		if (!PLAIN_JSON_TEXT.test(base64)) throw new RangeError('base64 content must be bare base64 text');
		return new Base64Content(undefined, base64, '');
	}

	/** The same content written after `prefix` (plain ASCII with nothing JSON escapes, such as a data URI's head). */
	withPrefix(prefix: string): Base64Content {
		if (!PLAIN_JSON_TEXT.test(prefix)) throw new RangeError('the prefix of base64 content must be plain ASCII');
		return new Base64Content(this.bytes, this.base64, prefix);
	}

	/** Characters of the JSON string (prefix and base64), which are also its bytes: all plain ASCII. */
	get length(): number {
		const encoded = this.bytes ? Math.ceil(this.bytes.length / 3) * 4 : this.base64!.length;
		return this.prefix.length + encoded;
	}

	/** The file's first `count` bytes (or all of a shorter file): its type and image size are read from them. */
	head(count: number): Buffer {
		if (this.bytes) return this.bytes.subarray(0, count);
		return Buffer.from(this.base64!.slice(0, Math.ceil(count / 3) * 4), 'base64').subarray(0, count);
	}

	/** Writes the text (without quotes) into `target` at `offset`; returns the bytes written. */
	writeInto(target: Buffer, offset: number): number {
		let at = offset + target.write(this.prefix, offset, 'latin1');
		if (this.base64 !== undefined) return at + target.write(this.base64, at, 'latin1') - offset;
		const bytes = this.bytes!;
		for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
			at += target.write(bytes.toString('base64', start, Math.min(start + CHUNK_BYTES, bytes.length)), at, 'latin1');
		}
		return at - offset;
	}

	/** The whole text as one string: for serializers other than jsonBytes. */
	toJSON(): string {
		return this.prefix + (this.base64 ?? this.bytes!.toString('base64'));
	}
}
