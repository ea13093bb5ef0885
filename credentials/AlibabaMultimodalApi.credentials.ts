import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { applyCredential } from '../nodes/shared/transport/authorize';

const showForAiSearch = { show: { authType: ['aiSearch'] } };
const showForPai = { show: { authType: ['pai'] } };
const showForStaging = { show: { ossStaging: [true] } };

/**
 * OSS staging: where the nodes put binary files a service cannot take inline (too large, or the service
 * has no upload field). Part of this credential, for both service families, so a workflow keeps one
 * credential per account; the fields stay hidden until the switch is on.
 */
const OSS_STAGING_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Stage Large Files in OSS',
		name: 'ossStaging',
		type: 'boolean',
		default: false,
		description:
			'Whether nodes may upload binary files to your OSS bucket when the service cannot take them inline (files over about 6 MB, or services without an upload field); staged files are deleted when their task ends',
	},
	{
		displayName: 'OSS Endpoint',
		name: 'ossEndpoint',
		type: 'string',
		default: '',
		placeholder: 'oss-cn-shanghai.aliyuncs.com',
		description: "The bucket's region endpoint, as the OSS console shows it; use the region of the AI Search or PAI service",
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS Region',
		name: 'ossRegion',
		type: 'string',
		default: '',
		placeholder: 'cn-shanghai',
		description:
			"The bucket's region ID, which V4 signatures include. Leave empty when the endpoint shows it (oss-cn-shanghai.aliyuncs.com); fill it for a custom domain or gateway.",
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS Signature Version',
		name: 'ossSignatureVersion',
		type: 'options',
		options: [
			{ name: 'V4 (OSS4-HMAC-SHA256)', value: 'v4', description: 'Required by buckets and accounts created since 2025' },
			{ name: 'V1 (Old Buckets Only)', value: 'v1', description: 'For a bucket or gateway that still accepts V1 signatures and not V4' },
		],
		default: 'v4',
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS Bucket',
		name: 'ossBucket',
		type: 'string',
		default: '',
		placeholder: 'my-n8n-staging',
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS Key Prefix',
		name: 'ossKeyPrefix',
		type: 'string',
		default: 'n8n-staging/',
		description: 'Staged files are stored below this prefix; point a lifecycle rule at it so forgotten files expire',
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS AccessKey ID',
		name: 'ossAccessKeyId',
		type: 'string',
		default: '',
		description: 'AccessKey of a RAM user allowed oss:PutObject, oss:GetObject, oss:DeleteObject and the multipart upload actions on the prefix',
		displayOptions: showForStaging,
	},
	{
		displayName: 'OSS AccessKey Secret',
		name: 'ossAccessKeySecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: showForStaging,
	},
];

/**
 * The service's base URL, computed once from what users paste (n8n's idiom: a hidden property whose default is
 * an expression over `$self`, resolved by n8n whenever the credential is read, so a credential saved before this
 * property existed gets it too). The credential test and the nodes' transport both use it. AI Search consoles
 * show a bare host (HTTPS is used, as in the SDK); PAI hosts come with their scheme, plain http when missing,
 * and an optional gateway path prefix that is part of the URL only (the signature covers /api/v1/... alone).
 */
const BASE_URL =
	'={{ (() => { const pai = $self.authType === "pai"; ' +
	'const raw = String($self.endpoint || "").trim().replace(/\\/+$/, ""); ' +
	'const base = /^[a-z][a-z0-9+.-]*:\\/\\//i.test(raw) ? raw : (pai ? "http://" : "https://") + raw; ' +
	'const prefix = pai ? String($self.pathPrefix || "").trim().replace(/^\\/+|\\/+$/g, "") : ""; ' +
	'return prefix ? base + "/" + prefix : base; })() }}';

const TEST_URL =
	'={{ $credentials.authType === "pai" ? "/api/v1/async_jobs/0" : ' +
	'"/v3/openapi/workspaces/" + encodeURIComponent(String($credentials.workspace || "default").trim() || "default") + ' +
	'"/image-analyze/ops-image-analyze-ocr-001/async/task-status?task_id=n8n-credential-check" }}';

export class AlibabaMultimodalApi implements ICredentialType {
	name = 'alibabaMultimodalApi';

	displayName = 'Alibaba Cloud Multimodal API';

	icon: Icon = { light: 'file:alibabaMultimodal.svg', dark: 'file:alibabaMultimodal.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-alibaba-multimodal/n8n-nodes-alibaba-multimodal/blob/main/README.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Family',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'AI Search Open Platform (API Key)',
					value: 'aiSearch',
					description: 'Image content extraction, object detection, transcription and video services',
				},
				{
					name: 'PAI Multimedia Analysis (AppID + Token)',
					value: 'pai',
					description: 'Image quality, face analysis, tagging, editing and video classification',
				},
			],
			default: 'aiSearch',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'xxxx.platform-cn-shanghai.opensearch.aliyuncs.com',
			description:
				'The host shown on the API Keys page of the AI Search console, with or without a scheme (HTTPS is used when none is given)',
			displayOptions: showForAiSearch,
		},
		{
			displayName: 'Workspace',
			name: 'workspace',
			type: 'string',
			default: 'default',
			description: 'Name of the AI Search workspace the services belong to',
			displayOptions: showForAiSearch,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'OS-…',
			displayOptions: showForAiSearch,
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://ai-service.xxxx.cn-hangzhou.alicontainer.com',
			description: 'The service host of your PAI multimedia-analysis app, including http:// or https://',
			displayOptions: showForPai,
		},
		{
			displayName: 'AppID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: showForPai,
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Used only as the key that signs each request; it is never sent',
			displayOptions: showForPai,
		},
		{
			displayName: 'Path Prefix',
			name: 'pathPrefix',
			type: 'string',
			default: '',
			placeholder: '/gateway',
			description:
				'Optional path in front of /api/v1 when the service sits behind a gateway; it is not part of the signature',
			displayOptions: showForPai,
		},
		...OSS_STAGING_PROPERTIES,
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: BASE_URL,
		},
	];

	/** A function rather than a header template: PAI signs the exact body bytes (see applyCredential). */
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> =>
		applyCredential(credentials, requestOptions);

	/**
	 * AI Search has no free "who am I" call: asking for an unknown task answers 404 TaskNotExist with a valid
	 * key and 401/403 with a bad one. PAI answers 401 "sign error" or 404 "not found appid" when the AppID or
	 * token is wrong. Status errors are read as bodies so these cases get their own messages; an unreachable
	 * host still fails with its network error.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl }}',
			url: TEST_URL,
			method: '={{ $credentials.authType === "pai" ? "POST" : "GET" }}' as IHttpRequestOptions['method'],
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
			json: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'http_code', value: 401, message: 'The API key was rejected (HTTP 401). Copy it again from the AI Search console.' } },
			{ type: 'responseSuccessBody', properties: { key: 'http_code', value: 403, message: 'The API key is not allowed to use this workspace (HTTP 403).' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 'InvalidApiKey', message: 'The API key was rejected. Copy it again from the AI Search console.' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 'ServiceIdNotExist', message: 'The endpoint answered, but not as an AI Search workspace: check the endpoint and workspace name.' } },
			{ type: 'responseSuccessBody', properties: { key: 'message', value: 'sign error', message: 'The PAI token was rejected (signature mismatch). Check the token and the path prefix.' } },
			{ type: 'responseSuccessBody', properties: { key: 'message', value: 'not found appid', message: 'The PAI AppID was not found on this endpoint.' } },
		],
	};
}
