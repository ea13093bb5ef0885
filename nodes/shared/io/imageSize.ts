/** Width and height of a PNG or JPEG read from its header bytes; no image library needed. */
export interface ImageSize {
	width: number;
	height: number;
	format: 'png' | 'jpeg';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Buffer): ImageSize | undefined {
	// The IHDR chunk is always first: length (4) + "IHDR" (4), then width and height as big-endian uint32.
	if (bytes.length < 24 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), format: 'png' };
}

/** Start-of-frame markers carry the size; DHT (C4), JPG (C8) and DAC (CC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Buffer): ImageSize | undefined {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		// Fill bytes and markers without a length (TEM, RSTn, SOI).
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			offset += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / start of scan before any frame
		const length = bytes.readUInt16BE(offset + 2);
		if (isStartOfFrame(marker)) {
			if (offset + 9 > bytes.length) return undefined;
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7), format: 'jpeg' };
		}
		offset += 2 + length;
	}
	return undefined;
}

export function readImageSize(bytes: Buffer): ImageSize | undefined {
	if (bytes.length >= 8 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return pngSize(bytes);
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
	return undefined;
}
