// AWS Query protocol plumbing shared by the emulated ElastiCache, EC2 and STS: form-encoded POST
// bodies, the caller's access key and region from the SigV4 Authorization header, and error XML.

import { randomUUID } from 'node:crypto';
import { escapeXml } from './xml';

export interface QueryRequest {
  action: string;
  version: string;
  params: URLSearchParams;
  accessKeyId: string | null;
  region: string | null;
  /** Service named in the signature's credential scope (elasticache, ec2, sts). */
  signedService: string | null;
}

export function parseQueryRequest(body: string, authorization: string | undefined): QueryRequest {
  const params = new URLSearchParams(body);
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return {
    action: params.get('Action') ?? '',
    version: params.get('Version') ?? '',
    params,
    accessKeyId: scope?.[1] ?? null,
    region: scope?.[2] ?? null,
    signedService: scope?.[3] ?? null,
  };
}

/** `Prefix.1`, `Prefix.2`, … (AWS Query list members). */
export function listParam(params: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let index = 1; params.has(`${prefix}.${index}`); index += 1) values.push(params.get(`${prefix}.${index}`) ?? '');
  return values;
}

/** EC2 `Filter.N.Name` / `Filter.N.Value.M`. */
export function ec2Filters(params: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let index = 1; params.has(`Filter.${index}.Name`); index += 1) {
    filters.set(params.get(`Filter.${index}.Name`) ?? '', listParam(params, `Filter.${index}.Value`));
  }
  return filters;
}

export interface WireResponse {
  status: number;
  body: string;
  contentType: string;
}

export function queryError(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): WireResponse {
  return {
    status,
    contentType: 'text/xml',
    body:
      `<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/"><Error><Type>${type}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

export function ec2Error(status: number, code: string, message: string): WireResponse {
  return {
    status,
    contentType: 'text/xml',
    body:
      `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`,
  };
}

export function queryResult(action: string, namespace: string, resultXml: string): WireResponse {
  return {
    status: 200,
    contentType: 'text/xml',
    body:
      `<${action}Response xmlns="${namespace}"><${action}Result>${resultXml}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** Marker/NextToken pagination over a list: the marker is the next index. */
export function page<T>(items: T[], marker: string | null, size: number): { items: T[]; next: string | null } {
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    next: end < items.length ? Buffer.from(String(end)).toString('base64url') : null,
  };
}
