// The 67 catalog controls (catalog §2), in catalog order, as data. Ids are stable: never renumber.

import type { ControlDomain, ControlMeta, ControlSection, Platform } from '../types';
import { ACL_CONTROLS } from './acl';
import { AUTH_CONTROLS } from './auth';
import { AVL_CONTROLS } from './avl';
import { BAK_CONTROLS } from './bak';
import { CFG_CONTROLS } from './cfg';
import { DATA_CONTROLS } from './data';
import { ENC_CONTROLS } from './enc';
import type { CatalogEntry } from './entry';
import { INV_CONTROLS } from './inv';
import { LOG_CONTROLS } from './log';
import { MON_CONTROLS } from './mon';
import { NET_CONTROLS } from './net';
import { PRC_CONTROLS } from './prc';
import { ROT_CONTROLS } from './rot';
import { TLS_CONTROLS } from './tls';

const ENTRIES: CatalogEntry[] = [
  ...INV_CONTROLS,
  ...NET_CONTROLS,
  ...TLS_CONTROLS,
  ...ENC_CONTROLS,
  ...AUTH_CONTROLS,
  ...ACL_CONTROLS,
  ...CFG_CONTROLS,
  ...LOG_CONTROLS,
  ...MON_CONTROLS,
  ...AVL_CONTROLS,
  ...BAK_CONTROLS,
  ...DATA_CONTROLS,
  ...PRC_CONTROLS,
  ...ROT_CONTROLS,
];

function sectionOf(domain: ControlDomain): ControlSection {
  if (domain === 'PRC' || domain === 'ROT') return 'process';
  if (domain === 'DATA') return 'keyspace';
  return 'technical';
}

export const CATALOG: readonly ControlMeta[] = ENTRIES.map((entry) => {
  const domain = entry.id.split('-')[1] as ControlDomain;
  return { ...entry, domain, section: sectionOf(domain) };
});

export const CONTROL_IDS: readonly string[] = CATALOG.map((c) => c.id);

const byId = new Map(CATALOG.map((c) => [c.id, c]));

export function controlMeta(id: string): ControlMeta {
  const meta = byId.get(id);
  if (!meta) throw new Error(`Unknown control id "${id}"`);
  return meta;
}

export function isControlId(id: string): boolean {
  return byId.has(id);
}

/** The remediation shown for a platform: the platform's own line, else the general one. */
export function remediationFor(meta: ControlMeta, platform: Platform): string | undefined {
  return meta.fix[platform] ?? meta.fix.all;
}
