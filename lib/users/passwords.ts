import bcrypt from 'bcryptjs';

const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so timing does not reveal which accounts exist.
export const DUMMY_HASH = '$2b$12$wKEpA2/e2vlNN2Ox9bcxge8Wrvz4JPJtu3.z.fWxyZCCB/OoiUxY.';
