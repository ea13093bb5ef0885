import { REQUEST_BODY_LIMIT_BYTES } from '../../nodes/shared/core/constants';
import { megabytes, sizeWithBytes } from '../../nodes/shared/core/units';
import { base64RequestBytes } from '../../nodes/shared/io/input';

describe('sizes as Alibaba writes them', () => {
	it('the inline request limit is the documented 8 MB in decimal bytes', () => {
		expect(REQUEST_BODY_LIMIT_BYTES).toBe(8_000_000);
	});

	it('a file of just under 6,000,000 bytes still fits the request once base64 encoded; 6,000,000 does not', () => {
		expect(base64RequestBytes(5_999_000)).toBeLessThanOrEqual(REQUEST_BODY_LIMIT_BYTES);
		expect(base64RequestBytes(6_000_000)).toBeGreaterThan(REQUEST_BODY_LIMIT_BYTES);
	});

	it('messages print MB as 1,000,000 bytes', () => {
		expect(megabytes(20_971_520)).toBe('21 MB');
		expect(megabytes(7 * 1024 * 1024)).toBe('7.3 MB');
		expect(megabytes(REQUEST_BODY_LIMIT_BYTES)).toBe('8 MB');
		expect(megabytes(8_001_024)).toBe('8 MB');
		expect(megabytes(8_060_000)).toBe('8.1 MB');
		expect(sizeWithBytes(8_001_024)).toBe('8 MB (8,001,024 bytes)');
	});
});
