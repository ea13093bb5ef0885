/** Local emulator of Alibaba Cloud AI Search Open Platform (multimodal services) for tests. */
export { startEmulator } from './server';
export type { ApiServiceType, Emulator, EmulatorOptions, Fault, FaultType, PaiServiceType, RequestKind, RequestLogEntry, ServiceType } from './types';
export { DEFAULT_API_KEY, DEFAULT_PAI_APPS, DEFAULT_PAI_QPS, DEFAULT_QPS } from './options';
export { BUILTIN_MODELS, PAI_API_PREFIX, PaiCode, PaiMessages } from './pai';
export { AI_SEARCH_PREFIX, ErrorCode, FAIL_ERROR, SERVICE_IDS } from './aiSearch';
export { PNG_SIGNATURE } from './png';
export { DEFAULT_OSS_ACCESS_KEY_ID, DEFAULT_OSS_ACCESS_KEY_SECRET, DEFAULT_OSS_BUCKET, DEFAULT_OSS_REGION, resolveOssReference, stagingCredentialFields, startOssEmulator } from './oss';
export type { OssAccessKey, OssEmulator, OssEmulatorOptions, OssLogEntry, OssObjectInfo, OssOperation, OssResolution } from './oss';
