/** Local emulator of Alibaba Cloud AI Search Open Platform (multimodal services) for tests. */
export { startEmulator } from './server';
export type { Emulator, EmulatorOptions, Fault, FaultType, RequestKind, RequestLogEntry, ServiceType } from './types';
export { DEFAULT_API_KEY, DEFAULT_QPS } from './options';
export { AI_SEARCH_PREFIX, ErrorCode, FAIL_ERROR, SERVICE_IDS } from './aiSearch';
export { PNG_SIGNATURE } from './png';
