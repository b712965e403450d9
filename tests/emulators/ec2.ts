// Emulated EC2 Query API 2016-11-15 (the four read calls the scanner makes). EC2 writes lower-case
// element names, <item> list members, no <…Result> wrapper, and its own error document.

import { randomUUID } from 'node:crypto';
import { ec2Error, ec2Filters, listParam, page, type WireResponse } from './aws-wire';
import type { AwsRegionData } from './world';
import { toXml } from './xml';

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const item = () => 'item';

function response(action: string, listElement: string, items: unknown[], next: string | null): WireResponse {
  return {
    status: 200,
    contentType: 'text/xml',
    body:
      `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="${NAMESPACE}"><requestId>${randomUUID()}</requestId>` +
      `${toXml(listElement, items, item)}${next ? `<nextToken>${next}</nextToken>` : ''}</${action}Response>`,
  };
}

function pagedResponse<T>(action: string, params: URLSearchParams, listElement: string, items: T[], max: number): WireResponse {
  const requested = params.get('MaxResults');
  const size = requested === null ? items.length || 1 : Number(requested);
  if (requested !== null && (!Number.isInteger(size) || size < 5 || size > max)) {
    return ec2Error(400, 'InvalidParameterValue', `MaxResults must be between 5 and ${max}`);
  }
  const slice = page(items, params.get('NextToken'), size);
  return response(action, listElement, slice.items, slice.next);
}

/** Ids asked for by `Prefix.N` (missing ones are an error, as in EC2) or by a filter (never an error). */
function selectByIds<T>(
  items: T[],
  idOf: (item: T) => string,
  direct: string[],
  filtered: string[] | undefined,
  notFoundCode: string,
): T[] | WireResponse {
  if (direct.length > 0) {
    const missing = direct.filter((id) => !items.some((candidate) => idOf(candidate) === id));
    if (missing.length > 0) return ec2Error(400, notFoundCode, `The ID '${missing[0]}' does not exist`);
    return items.filter((candidate) => direct.includes(idOf(candidate)));
  }
  return filtered ? items.filter((candidate) => filtered.includes(idOf(candidate))) : items;
}

export function handleEc2(action: string, params: URLSearchParams, data: AwsRegionData, enabledRegions: string[]): WireResponse {
  const filters = ec2Filters(params);
  switch (action) {
    case 'DescribeRegions':
      return response(
        action,
        'regionInfo',
        enabledRegions.map((regionName) => ({
          regionName,
          regionEndpoint: `ec2.${regionName}.amazonaws.com`,
          optInStatus: 'opt-in-not-required',
        })),
        null,
      );
    case 'DescribeSecurityGroups': {
      const selected = selectByIds(data.securityGroups, (sg) => sg.groupId, listParam(params, 'GroupId'), filters.get('group-id'), 'InvalidGroup.NotFound');
      return Array.isArray(selected) ? pagedResponse(action, params, 'securityGroupInfo', selected, 1000) : selected;
    }
    case 'DescribeSubnets': {
      const selected = selectByIds(data.subnets, (subnet) => subnet.subnetId, listParam(params, 'SubnetId'), filters.get('subnet-id'), 'InvalidSubnetID.NotFound');
      return Array.isArray(selected) ? pagedResponse(action, params, 'subnetSet', selected, 1000) : selected;
    }
    case 'DescribeRouteTables': {
      const vpcs = filters.get('vpc-id');
      const tables = vpcs ? data.routeTables.filter((table) => vpcs.includes(table.vpcId)) : data.routeTables;
      return pagedResponse(action, params, 'routeTableSet', tables, 100);
    }
    default:
      return ec2Error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }
}
