import { z } from 'zod';
import { ROLES } from '../auth/roles';

const optionalDate = z
  .union([z.literal(''), z.coerce.date({ message: 'must be a date, e.g. 2027-01-31' })])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const passwordSchema = z
  .string()
  .min(12, 'Password must be at least 12 characters (use a passphrase).')
  .max(200, 'Password must be at most 200 characters.');

const accessWindow = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, validFrom: optionalDate, validUntil: optionalDate })
    .superRefine((v, ctx) => {
      const value = v as { role?: string; validFrom: Date | null; validUntil: Date | null };
      if (value.role === 'auditor' && !value.validUntil) {
        ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'Auditors need an access end date (validUntil).' });
      }
      if (value.validFrom && value.validUntil && value.validUntil <= value.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'validUntil must be after validFrom.' });
      }
    });

export const createUserSchema = accessWindow({
  email: z.string().trim().toLowerCase().email('Enter a valid e-mail address.'),
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` }),
  password: passwordSchema.optional().or(z.literal('').transform(() => undefined)),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = accessWindow({
  id: z.string().min(1),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` }),
  disabled: z.coerce.boolean().default(false),
});

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid e-mail address.'),
  password: z.string().min(1, 'Enter your password.'),
  /** Authenticator code, for accounts with a second factor. */
  otp: z.string().trim().max(10).optional(),
});

/** First zod issue as "field: message", for forms and API answers. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
