// Every control with an evaluator, in catalog order. Catalog controls without one are listed by
// `pendingControlIds(platform)` (process records, keyspace audits without a data plane).

import { CATALOG } from './catalog';
import type { ControlDefinition } from './define-control';
import acl001 from './acl/red-acl-001';
import acl002 from './acl/red-acl-002';
import acl003 from './acl/red-acl-003';
import auth001 from './auth/red-auth-001';
import auth002 from './auth/red-auth-002';
import avl001 from './avl/red-avl-001';
import avl002 from './avl/red-avl-002';
import bak001 from './bak/red-bak-001';
import bak002 from './bak/red-bak-002';
import bak003 from './bak/red-bak-003';
import bak004 from './bak/red-bak-004';
import cfg001 from './cfg/red-cfg-001';
import cfg002 from './cfg/red-cfg-002';
import cfg003 from './cfg/red-cfg-003';
import cfg004 from './cfg/red-cfg-004';
import cfg005 from './cfg/red-cfg-005';
import cfg006 from './cfg/red-cfg-006';
import data001 from './data/red-data-001';
import data002 from './data/red-data-002';
import data003 from './data/red-data-003';
import data004 from './data/red-data-004';
import data005 from './data/red-data-005';
import data006 from './data/red-data-006';
import data007 from './data/red-data-007';
import enc001 from './enc/red-enc-001';
import enc002 from './enc/red-enc-002';
import inv001 from './inv/red-inv-001';
import inv002 from './inv/red-inv-002';
import log001 from './log/red-log-001';
import log002 from './log/red-log-002';
import log003 from './log/red-log-003';
import log004 from './log/red-log-004';
import log005 from './log/red-log-005';
import mon001 from './mon/red-mon-001';
import mon002 from './mon/red-mon-002';
import mon003 from './mon/red-mon-003';
import mon004 from './mon/red-mon-004';
import mon005 from './mon/red-mon-005';
import mon006 from './mon/red-mon-006';
import net001 from './net/red-net-001';
import net002 from './net/red-net-002';
import net003 from './net/red-net-003';
import net004 from './net/red-net-004';
import net005 from './net/red-net-005';
import net006 from './net/red-net-006';
import prc001 from './prc/red-prc-001';
import prc002 from './prc/red-prc-002';
import prc003 from './prc/red-prc-003';
import prc004 from './prc/red-prc-004';
import prc005 from './prc/red-prc-005';
import prc006 from './prc/red-prc-006';
import prc007 from './prc/red-prc-007';
import prc008 from './prc/red-prc-008';
import prc009 from './prc/red-prc-009';
import prc010 from './prc/red-prc-010';
import prc011 from './prc/red-prc-011';
import rot001 from './rot/red-rot-001';
import rot002 from './rot/red-rot-002';
import rot003 from './rot/red-rot-003';
import rot004 from './rot/red-rot-004';
import tls001 from './tls/red-tls-001';
import tls002 from './tls/red-tls-002';
import tls003 from './tls/red-tls-003';
import tls004 from './tls/red-tls-004';
import tls005 from './tls/red-tls-005';
import tls006 from './tls/red-tls-006';
import tls007 from './tls/red-tls-007';
import type { Platform } from './types';

const DEFINITIONS: ControlDefinition[] = [
  inv001, inv002,
  net001, net002, net003, net004, net005, net006,
  tls001, tls002, tls003, tls004, tls005, tls006, tls007,
  enc001, enc002,
  auth001, auth002,
  acl001, acl002, acl003,
  cfg001, cfg002, cfg003, cfg004, cfg005, cfg006,
  log001, log002, log003, log004, log005,
  mon001, mon002, mon003, mon004, mon005, mon006,
  avl001, avl002,
  bak001, bak002, bak003, bak004,
  data001, data002, data003, data004, data005, data006, data007,
  prc001, prc002, prc003, prc004, prc005, prc006, prc007, prc008, prc009, prc010, prc011,
  rot001, rot002, rot003, rot004,
];

const order = new Map(CATALOG.map((c, i) => [c.id, i]));

export const REGISTRY: readonly ControlDefinition[] = [...DEFINITIONS].sort((a, b) => order.get(a.id)! - order.get(b.id)!);

const byId = new Map(REGISTRY.map((d) => [d.id, d]));

export function controlDefinition(id: string): ControlDefinition | undefined {
  return byId.get(id);
}

/** Catalog controls covering `platform` that have no evaluator for it yet. */
export function pendingControlIds(platform: Platform): string[] {
  return CATALOG.filter((c) => c.platforms.includes(platform) && !byId.get(c.id)?.evaluatedPlatforms.includes(platform)).map((c) => c.id);
}
