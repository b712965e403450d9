// HIPAA Security Rule references (45 CFR Part 164) the catalog maps controls to, as data.
// The 164.312 paragraphs are the technical safeguards (catalog §2 "HIPAA 164.312" column); the
// 164.308 / 164.310 / 164.314 / 164.316 references are the ones the catalog entries add.

export interface HipaaParagraph {
  ref: string;
  title: string;
  /** Implementation specification: required (R), addressable (A), or a standard. */
  kind: 'standard' | 'required' | 'addressable';
}

export const HIPAA_PARAGRAPHS: readonly HipaaParagraph[] = [
  // 164.312 Technical safeguards
  { ref: '164.312(a)(1)', title: 'Access control', kind: 'standard' },
  { ref: '164.312(a)(2)(i)', title: 'Unique user identification', kind: 'required' },
  { ref: '164.312(a)(2)(ii)', title: 'Emergency access procedure', kind: 'required' },
  { ref: '164.312(a)(2)(iii)', title: 'Automatic logoff', kind: 'addressable' },
  { ref: '164.312(a)(2)(iv)', title: 'Encryption and decryption', kind: 'addressable' },
  { ref: '164.312(b)', title: 'Audit controls', kind: 'standard' },
  { ref: '164.312(c)(1)', title: 'Integrity', kind: 'standard' },
  { ref: '164.312(c)(2)', title: 'Mechanism to authenticate electronic protected health information', kind: 'addressable' },
  { ref: '164.312(d)', title: 'Person or entity authentication', kind: 'standard' },
  { ref: '164.312(e)(1)', title: 'Transmission security', kind: 'standard' },
  { ref: '164.312(e)(2)(i)', title: 'Integrity controls', kind: 'addressable' },
  { ref: '164.312(e)(2)(ii)', title: 'Encryption', kind: 'addressable' },
  // 164.308 Administrative safeguards
  { ref: '164.308(a)(1)(ii)(A)', title: 'Risk analysis', kind: 'required' },
  { ref: '164.308(a)(1)(ii)(B)', title: 'Risk management', kind: 'required' },
  { ref: '164.308(a)(1)(ii)(D)', title: 'Information system activity review', kind: 'required' },
  { ref: '164.308(a)(4)(ii)(B)', title: 'Access authorization', kind: 'addressable' },
  { ref: '164.308(a)(4)(ii)(C)', title: 'Access establishment and modification', kind: 'addressable' },
  { ref: '164.308(a)(5)', title: 'Security awareness and training', kind: 'standard' },
  { ref: '164.308(a)(5)(ii)(C)', title: 'Log-in monitoring', kind: 'addressable' },
  { ref: '164.308(a)(5)(ii)(D)', title: 'Password management', kind: 'addressable' },
  { ref: '164.308(a)(6)', title: 'Security incident procedures', kind: 'standard' },
  { ref: '164.308(a)(6)(ii)', title: 'Response and reporting', kind: 'required' },
  { ref: '164.308(a)(7)(i)', title: 'Contingency plan', kind: 'standard' },
  { ref: '164.308(a)(7)(ii)(A)', title: 'Data backup plan', kind: 'required' },
  { ref: '164.308(a)(7)(ii)(B)', title: 'Disaster recovery plan', kind: 'required' },
  { ref: '164.308(a)(7)(ii)(C)', title: 'Emergency mode operation plan', kind: 'required' },
  { ref: '164.308(a)(7)(ii)(D)', title: 'Testing and revision procedures', kind: 'addressable' },
  { ref: '164.308(a)(7)(ii)(E)', title: 'Applications and data criticality analysis', kind: 'addressable' },
  { ref: '164.308(a)(8)', title: 'Evaluation', kind: 'standard' },
  { ref: '164.308(b)(1)', title: 'Business associate contracts and other arrangements', kind: 'standard' },
  // 164.310 Physical safeguards
  { ref: '164.310(d)(2)(iv)', title: 'Data backup and storage', kind: 'addressable' },
  // 164.314 Organizational requirements
  { ref: '164.314(a)', title: 'Business associate contracts or other arrangements', kind: 'standard' },
  // 164.316 Policies and procedures and documentation requirements
  { ref: '164.316(b)', title: 'Documentation', kind: 'standard' },
];

/**
 * Control id → HIPAA references: the catalog §2 164.312 paragraphs first, then the references
 * the control's entry adds (164.308 …). Every control has at least one.
 */
export const HIPAA_MAPPING: Readonly<Record<string, readonly string[]>> = {
  'RED-INV-001': ['164.308(a)(1)(ii)(A)'],
  'RED-INV-002': ['164.312(b)', '164.308(a)(8)'],
  'RED-NET-001': ['164.312(a)(1)', '164.312(e)(1)'],
  'RED-NET-002': ['164.312(a)(1)', '164.312(e)(1)'],
  'RED-NET-003': ['164.312(a)(1)'],
  'RED-NET-004': ['164.312(e)(1)'],
  'RED-NET-005': ['164.312(a)(1)'],
  'RED-NET-006': ['164.312(a)(1)', '164.312(d)'],
  'RED-TLS-001': ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  'RED-TLS-002': ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  'RED-TLS-003': ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  'RED-TLS-004': ['164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  'RED-TLS-005': ['164.312(d)', '164.312(e)(1)'],
  'RED-TLS-006': ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  'RED-TLS-007': ['164.312(d)', '164.312(e)(2)(i)'],
  'RED-ENC-001': ['164.312(a)(2)(iv)'],
  'RED-ENC-002': ['164.312(a)(2)(iv)'],
  'RED-AUTH-001': ['164.312(a)(1)', '164.312(d)'],
  'RED-AUTH-002': ['164.312(a)(1)', '164.312(a)(2)(i)', '164.312(d)'],
  'RED-ACL-001': ['164.312(a)(2)(i)', '164.312(d)'],
  'RED-ACL-002': ['164.312(a)(1)'],
  'RED-ACL-003': ['164.312(a)(1)', '164.312(c)(1)'],
  'RED-CFG-001': ['164.308(a)(1)(ii)(B)'],
  'RED-CFG-002': ['164.308(a)(1)(ii)(B)'],
  'RED-CFG-003': ['164.308(a)(7)(ii)(A)'],
  'RED-CFG-004': ['164.308(a)(1)(ii)(B)'],
  'RED-CFG-005': ['164.312(a)(2)(iii)'],
  'RED-CFG-006': ['164.312(a)(1)', '164.312(c)(1)'],
  'RED-LOG-001': ['164.312(b)'],
  'RED-LOG-002': ['164.312(b)'],
  'RED-LOG-003': ['164.312(b)', '164.308(a)(5)(ii)(C)'],
  'RED-LOG-004': ['164.312(b)'],
  'RED-LOG-005': ['164.312(b)'],
  'RED-MON-001': ['164.312(b)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)'],
  'RED-MON-002': ['164.312(a)(1)', '164.312(b)'],
  'RED-MON-003': ['164.312(b)', '164.312(c)(1)'],
  'RED-MON-004': ['164.312(b)', '164.308(a)(6)(ii)'],
  'RED-MON-005': ['164.312(c)(1)', '164.308(a)(7)(i)'],
  'RED-MON-006': ['164.312(b)', '164.308(a)(6)(ii)'],
  'RED-AVL-001': ['164.312(a)(2)(ii)', '164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'],
  'RED-AVL-002': ['164.312(a)(2)(ii)', '164.308(a)(7)(ii)(B)'],
  // 164.312(a)(2)(ii) "as mapped by Steampipe" (catalog entry).
  'RED-BAK-001': ['164.312(a)(2)(ii)', '164.308(a)(7)(ii)(A)'],
  'RED-BAK-002': ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'],
  'RED-BAK-003': ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'],
  'RED-BAK-004': ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  'RED-DATA-001': ['164.312(a)(1)', '164.312(c)(1)'],
  'RED-DATA-002': ['164.312(a)(1)'],
  'RED-DATA-003': ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(c)(1)'],
  'RED-DATA-004': ['164.312(a)(1)', '164.312(a)(2)(iv)'],
  'RED-DATA-005': ['164.312(a)(2)(iv)'],
  'RED-DATA-006': ['164.312(a)(1)'],
  'RED-DATA-007': ['164.312(b)', '164.312(c)(1)'],
  'RED-PRC-001': ['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(A)'],
  'RED-PRC-002': ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(E)'],
  'RED-PRC-003': ['164.308(b)(1)', '164.314(a)'],
  'RED-PRC-004': ['164.308(a)(1)(ii)(B)'],
  'RED-PRC-005': ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  'RED-PRC-006': ['164.312(b)', '164.312(c)(1)', '164.308(a)(1)(ii)(D)'],
  'RED-PRC-007': ['164.312(a)(1)', '164.312(d)', '164.308(a)(4)(ii)(B)'],
  'RED-PRC-008': ['164.312(a)(2)(iv)', '164.312(c)(1)'],
  'RED-PRC-009': ['164.312(a)(2)(iv)', '164.312(d)', '164.308(a)(5)(ii)(D)'],
  'RED-PRC-010': ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  'RED-PRC-011': ['164.308(a)(1)(ii)(A)', '164.308(a)(5)', '164.308(a)(6)', '164.308(a)(8)', '164.316(b)'],
  'RED-ROT-001': ['164.312(d)', '164.308(a)(5)(ii)(D)'],
  'RED-ROT-002': ['164.312(d)', '164.308(a)(5)(ii)(D)'],
  'RED-ROT-003': ['164.312(d)', '164.312(e)(1)'],
  'RED-ROT-004': ['164.312(a)(2)(iv)'],
};

const paragraphByRef = new Map(HIPAA_PARAGRAPHS.map((p) => [p.ref, p]));

export function hipaaParagraph(ref: string): HipaaParagraph | undefined {
  return paragraphByRef.get(ref);
}

/** True for the technical-safeguard paragraphs (catalog §2 column). */
export function isTechnicalSafeguard(ref: string): boolean {
  return ref.startsWith('164.312');
}
