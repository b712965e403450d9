// Emulated STS Query API 2011-06-15: GetCallerIdentity and AssumeRole (ExternalId checked; the
// session's new access key maps to the role's account and expires after `sessionTtlSeconds`).

import { randomBytes } from 'node:crypto';
import { queryError, queryResult, type WireResponse } from './aws-wire';
import type { AwsWorld } from './world';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface SessionKey {
  account: string;
  roleArn: string;
  expiresAt: number;
}

export function handleSts(
  action: string,
  params: URLSearchParams,
  callerAccount: string,
  world: AwsWorld,
  sessions: Map<string, SessionKey>,
): WireResponse {
  switch (action) {
    case 'GetCallerIdentity':
      return queryResult(
        action,
        NAMESPACE,
        `<Arn>arn:aws:iam::${callerAccount}:user/scanner</Arn><UserId>AIDAEMULATED</UserId><Account>${callerAccount}</Account>`,
      );
    case 'AssumeRole': {
      const roleArn = params.get('RoleArn') ?? '';
      const role = world.roles[roleArn];
      const notAuthorized = `User: arn:aws:iam::${callerAccount}:user/scanner is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
      if (!role) return queryError(403, 'AccessDenied', notAuthorized);
      if (role.externalId !== undefined && params.get('ExternalId') !== role.externalId) return queryError(403, 'AccessDenied', notAuthorized);
      const account = roleArn.split(':')[4];
      const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
      const expiresAt = Date.now() + (world.sessionTtlSeconds ?? 3600) * 1000;
      sessions.set(accessKeyId, { account, roleArn, expiresAt });
      const session = params.get('RoleSessionName') ?? 'session';
      return queryResult(
        action,
        NAMESPACE,
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${randomBytes(20).toString('base64')}</SecretAccessKey>` +
          `<SessionToken>${randomBytes(32).toString('base64')}</SessionToken><Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>AROAEMULATED:${session}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${roleArn.split('/').pop()}/${session}</Arn></AssumedRoleUser>`,
      );
    }
    default:
      return queryError(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }
}
