import { createHmac } from 'node:crypto';
import OSS from 'ali-oss';
import * as aliSign from 'ali-oss/lib/common/signUtils';
import { OSS_MAX_PARTS, OSS_MIN_PART_SIZE_BYTES, OSS_PART_SIZE_BYTES } from '../../nodes/shared/staging/oss/constants';
import { encodeObjectKey, objectKeyProblem, objectUrl, ossPath, parseOssEndpoint, parseOssPath, regionOfEndpoint } from '../../nodes/shared/staging/oss/endpoint';
import { ossAnswerError, parseOssError } from '../../nodes/shared/staging/oss/errors';
import { completeMultipartUploadXml } from '../../nodes/shared/staging/oss/multipart';
import { choosePartSize } from '../../nodes/shared/staging/oss/parts';
import { presignGetUrl } from '../../nodes/shared/staging/oss/presign';
import { redactOssSecrets } from '../../nodes/shared/staging/oss/redact';
import { canonicalizedResource, ossSignature, ossStringToSign, presignedQuery, signHeaders } from '../../nodes/shared/staging/oss/signing';
import { presignedQueryV4, signHeadersV4, v4CanonicalRequest, v4Signature, v4SigningKey, v4StringToSign, v4Timestamp } from '../../nodes/shared/staging/oss/signingV4';

// The example of the OSS documentation ("Include a V1 signature in the Authorization header").
const DOC_ID = '44CF9590006BF252F707';
const DOC_SECRET = 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV';

const hmacSha1 = (secret: string, text: string) => createHmac('sha1', secret).update(text, 'utf8').digest('base64');

describe('OSS V1 header signature', () => {
	it('reproduces the documented PUT example, header names in any case', () => {
		const headers = {
			'Content-Md5': 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
			'Content-Type': 'text/html',
			'X-OSS-Meta-Author': 'foo@bar.com',
			'X-OSS-Magic': 'abracadabra',
			Host: 'oss-example.oss-cn-hangzhou.aliyuncs.com',
		};
		const text = ossStringToSign({ verb: 'put', headers, date: 'Thu, 17 Nov 2005 18:49:58 GMT', resource: canonicalizedResource('oss-example', 'nelson') });
		expect(text).toBe(
			'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
		);
		expect(ossSignature(DOC_SECRET, text)).toBe('26NBxoKdsyly4EDv6inkoDft/yA=');
	});

	it('signs an STS UploadPart as the documented string-to-sign says (computed here independently)', () => {
		const now = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
		const date = 'Sat, 28 Nov 2026 12:00:00 GMT';
		const headers = signHeaders(
			{ accessKeyId: 'STS.id', accessKeySecret: 'sts-secret', securityToken: 'CAIS-token' },
			{
				method: 'PUT',
				bucket: 'my-bucket',
				key: 'dir/a b+c.bin',
				query: { uploadId: '0004B9895DBBB6EC98E', partNumber: '3', 'max-parts': '10' },
				headers: { 'Content-Type': 'application/octet-stream', 'Content-MD5': 'eB5eJF1ptWaXm4bijSPyxw==' },
			},
			now,
		);
		const expected =
			'PUT\neB5eJF1ptWaXm4bijSPyxw==\napplication/octet-stream\n' +
			`${date}\nx-oss-date:${date}\nx-oss-security-token:CAIS-token\n` +
			'/my-bucket/dir/a b+c.bin?partNumber=3&uploadId=0004B9895DBBB6EC98E';
		expect(headers['x-oss-date']).toBe(date);
		expect(headers['x-oss-security-token']).toBe('CAIS-token');
		expect(headers.Authorization).toBe(`OSS STS.id:${hmacSha1('sts-secret', expected)}`);
	});

	it('puts bare sub-resources without "=", sorted, and leaves other query parameters unsigned', () => {
		expect(canonicalizedResource('b', 'k', { uploads: '' })).toBe('/b/k?uploads');
		expect(canonicalizedResource('b', 'k', { uploadId: 'U', partNumber: '1', 'max-parts': '5', prefix: 'x' })).toBe('/b/k?partNumber=1&uploadId=U');
		expect(canonicalizedResource('b', '', {})).toBe('/b/');
	});

	describe('matches ali-oss signUtils for the requests the uploader sends', () => {
		const date = 'Sat, 28 Nov 2026 12:00:00 GMT';
		const now = new Date(date);
		const creds = { accessKeyId: 'LTAI-id', accessKeySecret: 'secret/with+chars=' };
		const cases: Array<{ name: string; method: string; key: string; query: Record<string, string>; subres: unknown; headers: Record<string, string> }> = [
			{ name: 'PutObject', method: 'PUT', key: '目录/文件 1.txt', query: {}, subres: undefined, headers: { 'Content-Type': 'text/plain', 'Content-MD5': 'XUFAKrxLKna5cZ2REBfFkg==' } },
			{ name: 'InitiateMultipartUpload', method: 'POST', key: 'video.mp4', query: { uploads: '' }, subres: 'uploads', headers: { 'Content-Type': 'video/mp4' } },
			{ name: 'UploadPart', method: 'PUT', key: 'video.mp4', query: { partNumber: '2', uploadId: 'ABC' }, subres: { partNumber: 2, uploadId: 'ABC' }, headers: { 'Content-Type': 'application/octet-stream', 'Content-MD5': 'abc==' } },
			{ name: 'CompleteMultipartUpload', method: 'POST', key: 'video.mp4', query: { uploadId: 'ABC' }, subres: { uploadId: 'ABC' }, headers: { 'Content-Type': 'application/xml', 'Content-MD5': 'x==' } },
			{ name: 'AbortMultipartUpload', method: 'DELETE', key: 'video.mp4', query: { uploadId: 'ABC' }, subres: { uploadId: 'ABC' }, headers: {} },
			{ name: 'DeleteObject', method: 'DELETE', key: 'a+b/c d.png', query: {}, subres: undefined, headers: {} },
		];
		it.each(cases)('$name', ({ method, key, query, subres, headers }) => {
			const ours = signHeaders(creds, { method, bucket: 'test-bucket', key, query, headers }, now);
			const theirsHeaders = { ...headers, 'x-oss-date': date };
			const theirs = aliSign.buildCanonicalString(method, `/test-bucket/${key}`, { headers: theirsHeaders, parameters: subres });
			expect(ours.Authorization).toBe(`OSS LTAI-id:${aliSign.computeSignature(creds.accessKeySecret, theirs)}`);
		});
	});
});

describe('OSS V1 pre-signed URLs', () => {
	afterEach(() => jest.restoreAllMocks());

	it('reproduces the documented URL example', () => {
		const query = presignedQuery({ accessKeyId: DOC_ID, accessKeySecret: DOC_SECRET }, { bucket: 'oss-example', key: 'oss-api.pdf' }, 1141889120);
		expect(query).toEqual([
			['OSSAccessKeyId', DOC_ID],
			['Expires', '1141889120'],
			['Signature', 'EwaNTn1erJGkimiJ9WmXgwnANLc='],
		]);
		const url = presignGetUrl(
			{ endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'oss-example', credentials: { accessKeyId: DOC_ID, accessKeySecret: DOC_SECRET }, signing: { version: 'v1' } },
			'oss-api.pdf',
			60,
			new Date(1141889060 * 1000),
		);
		expect(url).toBe(`https://oss-example.oss-cn-hangzhou.aliyuncs.com/oss-api.pdf?OSSAccessKeyId=${DOC_ID}&Expires=1141889120&Signature=EwaNTn1erJGkimiJ9WmXgwnANLc%3D`);
	});

	const nowMs = 1_795_900_000_000;
	const urlCases = [
		{ name: 'virtual-hosted', ours: { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' }, theirs: { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' } },
		{ name: 'path-style', ours: { endpoint: 'http://localhost:9000', pathStyle: true }, theirs: { endpoint: 'http://localhost:9000', sldEnable: true } },
	];
	const keys = ['plain.jpg', 'dir/a b+c (1).mp4', '视频/片段 #1.mp4'];
	describe.each(urlCases)('are the URL ali-oss signatureUrl() gives ($name)', ({ ours, theirs }) => {
		it.each(keys)('%s, with and without an STS token', (key) => {
			jest.spyOn(Date, 'now').mockReturnValue(nowMs);
			for (const stsToken of [undefined, 'CAIS+sts/token=']) {
				const credentials = { accessKeyId: 'LTAI-id', accessKeySecret: 'the-secret', securityToken: stsToken };
				const client = new OSS({ accessKeyId: 'LTAI-id', accessKeySecret: 'the-secret', stsToken, refreshSTSTokenInterval: 3_600_000, bucket: 'test-bucket', ...theirs });
				expect(presignGetUrl({ bucket: 'test-bucket', credentials, signing: { version: 'v1' }, ...ours }, key, 600, new Date(nowMs))).toBe(client.signatureUrl(key, { expires: 600 }));
			}
		});
	});

	it('lives between one second and seven days (V4\'s cap), whichever version signs', () => {
		const location = { endpoint: 'oss-cn-hangzhou', bucket: 'test-bucket', credentials: { accessKeyId: 'a', accessKeySecret: 'b' }, signing: { version: 'v4', region: 'cn-hangzhou' } } as const;
		expect(() => presignGetUrl(location, 'k', 0)).toThrow(/between 1 and 604800/);
		expect(() => presignGetUrl(location, 'k', 8 * 24 * 3600)).toThrow(/between 1 and 604800/);
		expect(() => presignGetUrl(location, '/k', 60)).toThrow(/cannot start with/);
	});
});

describe('OSS V4 signatures', () => {
	// Alibaba's worked example ("Include a V4 signature in the Authorization header", Signature calculation
	// example): a PutObject that signs two additional headers. The document masks the secret, so it
	// prints the signing key it derived; the canonical request, string to sign and signature follow from it.
	const docHeaders = {
		'Content-Disposition': 'attachment',
		'Content-Length': '3',
		'Content-MD5': 'ICy5YqxZB1uWSwcVLSNLcA==',
		'Content-Type': 'text/plain',
		'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
		'x-oss-date': '20250411T064124Z',
	};
	it('reproduces the documented example exactly: canonical request, string to sign, signature', () => {
		const canonical = v4CanonicalRequest({ method: 'PUT', bucket: 'examplebucket', key: 'exampleobject', headers: docHeaders, additionalHeaders: ['content-length', 'content-disposition'] });
		expect(canonical).toBe(
			'PUT\n/examplebucket/exampleobject\n\n' +
				'content-disposition:attachment\ncontent-length:3\ncontent-md5:ICy5YqxZB1uWSwcVLSNLcA==\ncontent-type:text/plain\n' +
				'x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20250411T064124Z\n\ncontent-disposition;content-length\nUNSIGNED-PAYLOAD',
		);
		const stringToSign = v4StringToSign('20250411T064124Z', 'cn-hangzhou', canonical);
		expect(stringToSign).toBe('OSS4-HMAC-SHA256\n20250411T064124Z\n20250411/cn-hangzhou/oss/aliyun_v4_request\nc46d96390bdbc2d739ac9363293ae9d710b14e48081fcb22cd8ad54b63136eca');
		const documentedKey = Buffer.from('3543b7686e65eda71e5e5ca19d548d78423c37e8ddba4dc9d83f90228b457c76', 'hex');
		expect(v4Signature(documentedKey, stringToSign)).toBe('053edbf550ebd239b32a9cdfd93b0b2b3f2d223083aa61f75e9ac16856d61f23');
	});

	it('derives the signing key as the documented chain of HMACs (checked against ali-oss)', () => {
		const stringToSign = v4StringToSign('20250411T064124Z', 'cn-hangzhou', 'x');
		expect(v4Signature(v4SigningKey('some/secret+', '20250411', 'cn-hangzhou'), stringToSign)).toBe(
			aliSign.getSignatureV4('some/secret+', '20250411', 'cn-hangzhou', stringToSign),
		);
		expect(v4Timestamp(new Date(Date.UTC(2025, 3, 11, 6, 41, 24, 789)))).toBe('20250411T064124Z');
	});

	const now = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
	const creds = { accessKeyId: 'LTAI-id', accessKeySecret: 'secret/with+chars=' };
	const cases: Array<{ name: string; method: string; key: string; query: Record<string, string>; headers: Record<string, string> }> = [
		{ name: 'PutObject', method: 'PUT', key: '目录/文件 1 (copy)!.txt', query: {}, headers: { 'Content-Type': 'text/plain', 'Content-MD5': 'XUFAKrxLKna5cZ2REBfFkg==' } },
		{ name: 'InitiateMultipartUpload', method: 'POST', key: 'video.mp4', query: { uploads: '' }, headers: { 'Content-Type': 'video/mp4' } },
		{ name: 'UploadPart', method: 'PUT', key: 'video.mp4', query: { partNumber: '2', uploadId: 'ABC+/=' }, headers: { 'Content-Type': 'application/octet-stream', 'Content-MD5': 'abc==' } },
		{ name: 'CompleteMultipartUpload', method: 'POST', key: 'video.mp4', query: { uploadId: 'ABC' }, headers: { 'Content-Type': 'application/xml', 'Content-MD5': 'x==' } },
		{ name: 'AbortMultipartUpload', method: 'DELETE', key: 'video.mp4', query: { uploadId: 'ABC' }, headers: {} },
		{ name: 'DeleteObject', method: 'DELETE', key: 'a+b/c d.png', query: {}, headers: {} },
	];
	describe.each(['cn-hangzhou', 'ap-southeast-1'])('header form equals ali-oss authorizationV4 (%s)', (region) => {
		it.each(cases)('$name, with and without an STS token', ({ method, key, query, headers }) => {
			for (const securityToken of [undefined, 'CAIS+sts/token=']) {
				const ours = signHeadersV4({ ...creds, securityToken }, { method, bucket: 'test-bucket', key, query, headers }, region, now);
				expect(ours['x-oss-date']).toBe('20261128T120000Z');
				expect(ours['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
				const sent = { ...headers, 'x-oss-date': ours['x-oss-date'], 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', ...(securityToken ? { 'x-oss-security-token': securityToken } : {}) };
				// ali-oss marks a bare sub-resource (uploads) with null, as its request builder does.
				const queries = Object.fromEntries(Object.entries(query).map(([name, value]) => [name, value === '' ? null : value]));
				const theirs = aliSign.authorizationV4(creds.accessKeyId, creds.accessKeySecret, region, method, { headers: sent, queries }, 'test-bucket', key);
				expect(ours.Authorization).toBe(theirs);
				expect(ours.Authorization).toMatch(new RegExp(`^OSS4-HMAC-SHA256 Credential=LTAI-id/20261128/${region}/oss/aliyun_v4_request,Signature=[0-9a-f]{64}$`));
			}
		});
	});

	describe('query form equals ali-oss signatureUrlV4', () => {
		beforeEach(() => jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }));
		afterEach(() => jest.useRealTimers());
		const keys = ['plain.jpg', 'dir/a b+c (1).mp4', '视频/片段 #1.mp4'];
		it.each(keys)('%s, path-style and virtual-hosted, with and without an STS token', async (key) => {
			for (const stsToken of [undefined, 'CAIS+sts/token=']) {
				const credentials = { ...creds, securityToken: stsToken };
				const signing = { version: 'v4', region: 'cn-hangzhou' } as const;
				for (const [ours, theirs] of [
					[{ endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' }, { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' }],
					[{ endpoint: 'http://localhost:9000', pathStyle: true }, { endpoint: 'http://localhost:9000', sldEnable: true }],
				] as const) {
					const client = new OSS({ ...creds, stsToken, refreshSTSTokenInterval: 3_600_000, bucket: 'test-bucket', region: 'oss-cn-hangzhou', authorizationV4: true, ...theirs });
					const expected = new URL(await client.signatureUrlV4('GET', 600, undefined, key));
					const actual = new URL(presignGetUrl({ bucket: 'test-bucket', credentials, signing, ...ours }, key, 600, now));
					expect(actual.origin + actual.pathname).toBe(expected.origin + expected.pathname);
					expect(Object.fromEntries(actual.searchParams)).toEqual(Object.fromEntries(expected.searchParams));
					expect(actual.searchParams.get('x-oss-signature')).toMatch(/^[0-9a-f]{64}$/);
				}
			}
		});
	});

	it('signs every query parameter in the URL form, the signature itself aside', () => {
		const query = presignedQueryV4(creds, { bucket: 'b-1', key: 'k' }, 'cn-beijing', now, 3600);
		expect(query.map(([name]) => name)).toEqual(['x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'x-oss-expires', 'x-oss-signature']);
		expect(Object.fromEntries(query)).toMatchObject({
			'x-oss-signature-version': 'OSS4-HMAC-SHA256',
			'x-oss-credential': 'LTAI-id/20261128/cn-beijing/oss/aliyun_v4_request',
			'x-oss-date': '20261128T120000Z',
			'x-oss-expires': '3600',
		});
	});
});

describe('OSS endpoints, keys and paths', () => {
	const key = 'in/a b.jpg';
	it.each([
		['oss-cn-hangzhou.aliyuncs.com', false, 'https://test-bucket.oss-cn-hangzhou.aliyuncs.com/in/a%20b.jpg'],
		['https://oss-cn-hangzhou.aliyuncs.com/', false, 'https://test-bucket.oss-cn-hangzhou.aliyuncs.com/in/a%20b.jpg'],
		['http://oss-cn-hangzhou-internal.aliyuncs.com', false, 'http://test-bucket.oss-cn-hangzhou-internal.aliyuncs.com/in/a%20b.jpg'],
		['oss-cn-shanghai', false, 'https://test-bucket.oss-cn-shanghai.aliyuncs.com/in/a%20b.jpg'],
		['https://test-bucket.oss-cn-hangzhou.aliyuncs.com', false, 'https://test-bucket.oss-cn-hangzhou.aliyuncs.com/in/a%20b.jpg'],
		['http://127.0.0.1:9000', true, 'http://127.0.0.1:9000/test-bucket/in/a%20b.jpg'],
	])('%s (path-style %s)', (endpoint, pathStyle, url) => {
		expect(objectUrl({ endpoint, bucket: 'test-bucket', pathStyle }, key)).toBe(url);
	});

	it.each([
		['oss-cn-hangzhou.aliyuncs.com', 'cn-hangzhou'],
		['https://oss-ap-southeast-1-internal.aliyuncs.com', 'ap-southeast-1'],
		['oss-cn-shanghai', 'cn-shanghai'],
		['https://my-oss-bucket.oss-eu-central-1.aliyuncs.com', 'eu-central-1'],
		['oss-rg-china-mainland.aliyuncs.com', 'rg-china-mainland'],
		['cn-hangzhou.oss.aliyuncs.com', 'cn-hangzhou'],
		['oss-bucket.cn-qingdao.oss.aliyuncs.com', 'cn-qingdao'],
		['oss-cn-hangzhou-accelerate.aliyuncs.com', 'cn-hangzhou'],
		['oss-accelerate.aliyuncs.com', undefined],
		['oss-accelerate-overseas.aliyuncs.com', undefined],
		['https://files.example.com', undefined],
		['http://127.0.0.1:9000', undefined],
		['oss-cn-hangzhou.aliyuncs.com.evil.example', undefined],
		['not a host', undefined],
	])('the endpoint %s signs for region %s', (endpoint, region) => {
		expect(regionOfEndpoint(endpoint)).toBe(region);
	});

	it('refuses endpoints that are not an http(s) host', () => {
		expect(() => parseOssEndpoint('ftp://oss-cn-hangzhou.aliyuncs.com')).toThrow(/http or https/);
		expect(() => parseOssEndpoint('https://oss-cn-hangzhou.aliyuncs.com/some/path')).toThrow(/without path/);
		expect(() => parseOssEndpoint('')).toThrow(/not a valid OSS endpoint/);
		expect(() => parseOssEndpoint('oss cn hangzhou')).toThrow(/not a valid OSS endpoint/);
	});

	it('encodes each key segment and keeps the slashes', () => {
		expect(encodeObjectKey('a b/c+d/é?.txt')).toBe('a%20b/c%2Bd/%C3%A9%3F.txt');
		expect(objectUrl({ endpoint: 'oss-cn-hangzhou', bucket: 'b-1' }, 'k', [['uploads', ''], ['x', 'a&b']])).toBe('https://b-1.oss-cn-hangzhou.aliyuncs.com/k?uploads&x=a%26b');
	});

	it('checks keys as OSS does', () => {
		expect(objectKeyProblem('ok/key.bin')).toBeUndefined();
		expect(objectKeyProblem('')).toMatch(/empty/);
		expect(objectKeyProblem('\\x')).toMatch(/cannot start/);
		expect(objectKeyProblem('é'.repeat(600))).toMatch(/1023 bytes/);
	});

	it('writes and reads oss:// paths', () => {
		expect(ossPath('test-bucket', 'n8n/a b.mp4')).toBe('oss://test-bucket/n8n/a b.mp4');
		expect(parseOssPath('oss://test-bucket/n8n/a b.mp4')).toEqual({ bucket: 'test-bucket', key: 'n8n/a b.mp4' });
		expect(parseOssPath('https://test-bucket.oss-cn-hangzhou.aliyuncs.com/x')).toBeUndefined();
		expect(parseOssPath('oss://bucket-only')).toBeUndefined();
	});
});

describe('OSS answers', () => {
	const signatureError =
		'<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  <Message>The request signature we calculated does not match &amp; so on.</Message>\n' +
		'  <RequestId>5C3D9175B6FC201293AD****</RequestId>\n  <HostId>test-bucket.oss-cn-hangzhou.aliyuncs.com</HostId>\n' +
		'  <SignatureProvided>Zm9vYmFyYmF6cXV4</SignatureProvided>\n  <StringToSign>PUT\n\n\nx-oss-security-token:CAIS-secret-token\n/test-bucket/k</StringToSign>\n</Error>';

	it('reads Code, Message and RequestId without an XML library', () => {
		expect(parseOssError(signatureError)).toEqual({
			code: 'SignatureDoesNotMatch',
			message: 'The request signature we calculated does not match & so on.',
			requestId: '5C3D9175B6FC201293AD****',
		});
		expect(parseOssError('<html>bad gateway</html>')).toBeUndefined();
		expect(parseOssError('<Error><Code/><Message>m</Message></Error>')).toEqual({ code: '', message: 'm', requestId: undefined });
	});

	it('turns an answer into a legible error with a hint and no secret', () => {
		const error = ossAnswerError('PutObject', { statusCode: 403, body: signatureError }, ['CAIS-secret-token']);
		expect(error.message).toBe('OSS PutObject failed: The request signature we calculated does not match & so on.');
		expect(error).toMatchObject({ httpCode: 403, code: 'SignatureDoesNotMatch', requestId: '5C3D9175B6FC201293AD****' });
		expect(error.description).toMatch(/AccessKey secret/);
		const plain = ossAnswerError('DeleteObject', { statusCode: 502, body: 'Bad Gateway', requestIdHeader: 'RID' }, []);
		expect(plain).toMatchObject({ message: 'OSS DeleteObject failed: HTTP 502', httpCode: 502, code: undefined, requestId: 'RID' });
	});

	it('redacts secrets, tokens, Authorization values and pre-signed signatures', () => {
		const text = [
			'Authorization: OSS LTAI-id:26NBxoKdsyly4EDv6inkoDft/yA=',
			'GET https://b.oss-cn-hangzhou.aliyuncs.com/k?OSSAccessKeyId=LTAI-id&Expires=1&Signature=EwaN%2Bn1%3D&security-token=CAIS%2Bx',
			'x-oss-security-token: CAIS+raw',
			'Authorization: OSS4-HMAC-SHA256 Credential=LTAI-id/20261128/cn-hangzhou/oss/aliyun_v4_request,Signature=053edbf550ebd239b32a9cdfd93b0b2b3f2d223083aa61f75e9ac16856d61f23',
			'GET https://b.oss-cn-hangzhou.aliyuncs.com/k?x-oss-credential=LTAI-id%2F20261128&x-oss-signature=4b663e424d2db9967401ff6ce1c86f8c83cabd77d9908475239d9110642c63fa',
			'secret is my-secret/value and encoded my-secret%2Fvalue',
			signatureError,
		].join('\n');
		const out = redactOssSecrets(text, ['my-secret/value']);
		for (const leaked of ['26NBxoKd', 'EwaN', 'CAIS%2Bx', 'CAIS+raw', 'my-secret', 'Zm9vYmFy', 'CAIS-secret-token', '053edbf5', '4b663e42']) expect(out).not.toContain(leaked);
		expect(out).toContain('Credential=LTAI-id/20261128/cn-hangzhou/oss/aliyun_v4_request,Signature=***');
		expect(out).toContain('OSS LTAI-id:***');
		expect(out).toContain('OSSAccessKeyId=LTAI-id&Expires=1&Signature=***&security-token=***');
		expect(out).toContain('<SignatureProvided>***</SignatureProvided>');
		expect(out).toContain('<Code>SignatureDoesNotMatch</Code>');
	});

	it('escapes ETags in the CompleteMultipartUpload body and sorts the parts', () => {
		expect(completeMultipartUploadXml([{ partNumber: 2, etag: '"B"' }, { partNumber: 1, etag: '"A"' }])).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag></Part><Part><PartNumber>2</PartNumber><ETag>&quot;B&quot;</ETag></Part></CompleteMultipartUpload>',
		);
	});
});

describe('part size', () => {
	it('defaults to 8 MiB, stays within OSS bounds, and grows for files that would need more than 10 000 parts', () => {
		expect(choosePartSize()).toBe(OSS_PART_SIZE_BYTES);
		expect(choosePartSize(1)).toBe(OSS_MIN_PART_SIZE_BYTES);
		const size = 200 * 1024 ** 3;
		const grown = choosePartSize(undefined, size);
		expect(Math.ceil(size / grown)).toBeLessThanOrEqual(OSS_MAX_PARTS);
		expect(grown % (1024 * 1024)).toBe(0);
	});
});
