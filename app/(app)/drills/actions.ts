'use server';

import { revalidatePath } from 'next/cache';
import type { ActionFormState } from '@/components/ui/use-kept-form';
import { AuthorizationError, requireAction, type AppUser } from '@/lib/auth/guard';
import { saveDrillSchedule } from '@/lib/drills/drill-schedule';
import { recordManualDrill } from '@/lib/drills/record-manual-drill';
import { reviewRunbook } from '@/lib/drills/review-runbook';
import { runAutomatedDrill } from '@/lib/drills/run-automated-drill';
import { textFields, uploadedFile } from '@/lib/records/form-data';

type Outcome = { ok: true; message: string } | { ok: false; error: string };

// `authorize` is a requireAction() call with a literal permission (checked by tests/unit).
async function guarded(authorize: () => Promise<AppUser>, run: (actor: AppUser) => Promise<Outcome>): Promise<ActionFormState> {
  try {
    const outcome = await run(await authorize());
    if (!outcome.ok) return { ok: false, error: outcome.error };
    revalidatePath('/drills');
    return { ok: true, message: outcome.message };
  } catch (err) {
    if (err instanceof AuthorizationError) return { ok: false, error: err.message };
    throw err;
  }
}

export async function saveDrillScheduleAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(
    () => requireAction('drills:run', 'drill-schedule.save'),
    async (actor) => {
      const saved = await saveDrillSchedule(actor, textFields(form));
      return saved.ok ? { ok: true, message: 'Drill schedule saved.' } : saved;
    },
  );
}

export async function runDrillAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(
    () => requireAction('drills:run', 'drill.run'),
    async (actor) => {
      const outcome = await runAutomatedDrill(actor, String(form.get('instanceId') ?? ''));
      if (!outcome.ok) return outcome;
      return { ok: true, message: outcome.result === 'pass' ? 'Drill passed: the backup restored with the expected keys.' : `Drill failed: ${outcome.reasons.join('; ')}` };
    },
  );
}

export async function recordDrillAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(
    () => requireAction('drills:run', 'drill.record'),
    async (actor) => {
      const outcome = await recordManualDrill(actor, textFields(form), await uploadedFile(form));
      if (!outcome.ok) return outcome;
      return { ok: true, message: outcome.result === 'pass' ? 'Drill recorded (passed).' : `Drill recorded (failed: ${outcome.reasons.join('; ')}).` };
    },
  );
}

export async function reviewRunbookAction(_prev: ActionFormState, form: FormData): Promise<ActionFormState> {
  return guarded(
    () => requireAction('drills:run', 'drill.runbook-reviewed'),
    async (actor) => {
      const outcome = await reviewRunbook(actor, textFields(form));
      return outcome.ok ? { ok: true, message: 'Runbook review recorded.' } : outcome;
    },
  );
}
