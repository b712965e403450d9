// HITRUST CSF references (catalog §1.8) as data. HITRUST text is licensed: ids only.
//   † seed   = id as cited in 002 (ElastiCache HITRUST guide), per configuration step;
//   * public = reference not cited by 002 for this control, used because a public description
//              of a requirement under it was found (the requirement ids are kept).

export type HitrustProvenance = 'seed' | 'public';

export const PROVENANCE_MARK: Record<HitrustProvenance, string> = { seed: '†', public: '*' };

export interface HitrustRef {
  id: string;
  provenance: HitrustProvenance;
  /** Requirement ids under a `*` reference, with the catalog's short description. */
  requirements?: string;
  /** Catalog note on the citation (e.g. which 002 step). */
  note?: string;
}

/** Seed ids cited by 002 (catalog §1.8 table): step, and whether a public description was found. */
export const HITRUST_SEED_IDS: Readonly<Record<string, { step: string; publicDescription: string | null }>> = {
  '0706.10b1': { step: '2 Redis settings — vulnerability management', publicDescription: null },
  '1410.09e2': { step: '3 Multi-AZ — disaster recovery', publicDescription: null },
  '1601.12c1': { step: '3 — disaster recovery', publicDescription: 'recover and restore operations within required time frame' },
  '1618.09l1': { step: '3 and 5 — DR / back-ups', publicDescription: 'backups in a physically secure remote location' },
  '1620.09l1': { step: '3 and 5 — DR / back-ups', publicDescription: 'third-party backup SLA covers confidentiality, integrity, availability' },
  '0805.01m1': { step: '3 — network segregation', publicDescription: 'security gateways filter traffic between domains' },
  '0808.10b2': { step: '4 — encryption', publicDescription: null },
  '0903.10f1': { step: '4 — encryption', publicDescription: null },
  '1903.06d1': { step: '4 — encryption', publicDescription: null },
  '19141.06c1': { step: '4 — encryption', publicDescription: null },
  '1616.09l1': { step: '5 — back-ups', publicDescription: 'backups made, restore procedures tested regularly' },
  '1202.09aa1': { step: '6 — logging & monitoring', publicDescription: 'audit record for all activities on covered information' },
  '1203.09aa1': { step: '6 — logging & monitoring', publicDescription: 'audit record contents: user id, function, date/time' },
  '1204.09aa1': { step: '6 — logging & monitoring', publicDescription: 'privileged-user activity recorded with outcome' },
  '12100.09ab2': { step: '6 — logging & monitoring', publicDescription: 'monitoring for irregularities and anomalies' },
  '1270.09ad1': { step: '6 — logging & monitoring', publicDescription: 'administrator activity logged and reviewed' },
};

const seed = (...ids: string[]): HitrustRef[] => ids.map((id) => ({ id, provenance: 'seed' }));
const pub = (id: string, requirements: string): HitrustRef => ({ id, provenance: 'public', requirements });

const ENCRYPTION_STEP4 = seed('0808.10b2', '0903.10f1', '1903.06d1', '19141.06c1');
const AVAILABILITY = seed('1410.09e2', '1601.12c1', '1618.09l1', '1620.09l1');

/** Control id → HITRUST references, or the catalog's explicit "none found". */
export const HITRUST_MAPPING: Readonly<Record<string, readonly HitrustRef[] | 'none found'>> = {
  'RED-INV-001': [pub('07.a', '0701.07a1, 0703.07a2: inventory with classification')],
  'RED-INV-002': [pub('09.ab', '1213.09ab2: automated monitoring reviewed regularly')],
  'RED-NET-001': seed('0805.01m1'),
  'RED-NET-002': seed('0805.01m1'),
  'RED-NET-003': seed('0805.01m1'),
  'RED-NET-004': [...seed('0805.01m1'), pub('09.m', '0868.09m3: restrict inbound and outbound traffic')],
  'RED-NET-005': seed('0706.10b1'),
  'RED-NET-006': [...seed('0805.01m1'), pub('01.m', '0806.01m2: logically segmented network')],
  'RED-TLS-001': ENCRYPTION_STEP4.map((r) => ({ ...r, note: '002 step 4 cites the four together for encryption' })),
  'RED-TLS-002': seed('0808.10b2', '0903.10f1'),
  'RED-TLS-003': seed('0903.10f1'),
  'RED-TLS-004': seed('0903.10f1'),
  'RED-TLS-005': [pub('01.q', '11111.01q2: PKI-based authentication validates certificates')],
  'RED-TLS-006': seed('0903.10f1'),
  'RED-TLS-007': [...seed('0903.10f1'), pub('01.q', '11111.01q2')],
  'RED-ENC-001': seed('0808.10b2', '1903.06d1', '19141.06c1'),
  'RED-ENC-002': seed('1903.06d1'),
  'RED-AUTH-001': [pub('01.q', '11109.01q1: users uniquely identified and authenticated')],
  'RED-AUTH-002': [pub('01.q', '11109.01q1')],
  'RED-ACL-001': [pub('01.q', '1123.01q1: separate accounts for privileged functions'), pub('01.c', '1147.01c2')],
  'RED-ACL-002': [pub('01.c', '1145.01c2 role-based access; 1150.01c2 default deny')],
  'RED-ACL-003': [pub('01.c', '1148.01c2: access to privileged functions restricted')],
  'RED-CFG-001': seed('0706.10b1'),
  'RED-CFG-002': seed('0706.10b1'),
  'RED-CFG-003': seed('1616.09l1').map((r) => ({ ...r, note: 'step 5' })),
  'RED-CFG-004': seed('0706.10b1'),
  'RED-CFG-005': 'none found',
  'RED-CFG-006': [pub('01.l', '1194.01l2: unneeded services disabled')],
  'RED-LOG-001': seed('1202.09aa1', '1203.09aa1', '1204.09aa1', '1270.09ad1'),
  'RED-LOG-002': seed('1202.09aa1', '1204.09aa1', '1270.09ad1'),
  'RED-LOG-003': seed('1204.09aa1', '12100.09ab2'),
  'RED-LOG-004': [
    ...seed('1202.09aa1'),
    pub('09.aa', '1207.09aa2: 90 days retained, one year archived — same rule as 002, not cited there'),
  ],
  'RED-LOG-005': 'none found',
  'RED-MON-001': [...seed('12100.09ab2'), pub('09.ab', '1214.09ab2: unauthorized access attempts monitored')],
  'RED-MON-002': [...seed('12100.09ab2'), pub('09.ab', '1214.09ab2')],
  'RED-MON-003': seed('12100.09ab2'),
  'RED-MON-004': seed('12100.09ab2'),
  'RED-MON-005': seed('12100.09ab2'),
  'RED-MON-006': [...seed('12100.09ab2'), pub('09.ab', '1217.09ab3: alerts for suspicious activity')],
  'RED-AVL-001': AVAILABILITY,
  'RED-AVL-002': AVAILABILITY,
  'RED-BAK-001': seed('1616.09l1', '1618.09l1', '1620.09l1'),
  'RED-BAK-002': seed('1616.09l1'),
  'RED-BAK-003': [...seed('1616.09l1'), pub('09.l', '1617.09l1: defined backup level per system')],
  'RED-BAK-004': [...seed('1616.09l1'), pub('09.l', '1623.09l2: backups in encrypted format')],
  'RED-DATA-001': [pub('06.c', '19142.06c1: guidelines on retention and disposal of records')],
  'RED-DATA-002': [pub('06.c', '19142.06c1')],
  'RED-DATA-003': 'none found',
  'RED-DATA-004': 'none found',
  'RED-DATA-005': 'none found',
  'RED-DATA-006': 'none found',
  'RED-DATA-007': 'none found',
  'RED-PRC-001': seed('1616.09l1'),
  'RED-PRC-002': seed('1601.12c1'),
  'RED-PRC-003': [
    { id: '1620.09l1', provenance: 'seed', note: 'third-party backup service SLA, step 3/5; none cited in 002 step 1' },
    pub('09.n', '0837.09n2: agreements with external providers include security obligations'),
    pub('05.i', '1450.05i2: annual supply-chain review'),
  ],
  'RED-PRC-004': [pub('10.m', '0709.10m1: vulnerabilities corrected in a timely manner')],
  'RED-PRC-005': [pub('01.c', '1143.01c1: privileges formally authorized')],
  'RED-PRC-006': [
    ...seed('1270.09ad1'),
    pub('10.k', '0638.10k2: changes formally controlled; 0642.10k3: baseline configuration'),
  ],
  'RED-PRC-007': [pub('01.q', '1125.01q2: MFA'), pub('01.j', '1118.01j2: remote access encrypted and logged')],
  'RED-PRC-008': [pub('10.m', '0715.10m2: systems hardened'), pub('01.l', '1194.01l2')],
  'RED-PRC-009': 'none found',
  'RED-PRC-010': [
    ...seed('1618.09l1', '1620.09l1'),
    pub('09.l', '1619.09l1 backup inventory; 1623.09l2 encrypted backups'),
  ],
  'RED-PRC-011': [pub('10.m', '0716.10m3: annual security posture review')],
  'RED-ROT-001': 'none found',
  'RED-ROT-002': 'none found',
  'RED-ROT-003': [pub('09.y', '0948.09y2: certificate management by a trusted authority')],
  'RED-ROT-004': 'none found',
};

/** "0805.01m1†, 09.m*" — the catalog's notation. */
export function formatHitrust(refs: readonly HitrustRef[] | 'none found'): string {
  if (refs === 'none found') return 'none found';
  return refs.map((r) => `${r.id}${PROVENANCE_MARK[r.provenance]}`).join(', ');
}
