// The history of a finding or a ticket: who did what when, with comments, and (for those allowed to
// comment) a comment form under it.
import { ActionForm, inputClass, type FormAction } from '@/components/findings/action-form';
import { minute } from '@/components/findings/badges';

export interface HistoryEntry {
  id: string;
  at: Date;
  actorName: string;
  /** What happened, in words. */
  text: string;
  comment: string | null;
}

export function HistoryPanel({
  headingId,
  entries,
  comment,
  testId,
}: {
  headingId: string;
  entries: HistoryEntry[];
  /** The comment form, when the viewer may comment. */
  comment: { action: FormAction; hidden: Record<string, string>; label: string } | null;
  testId?: string;
}) {
  return (
    <section aria-labelledby={headingId} className="rounded border border-slate-200 bg-white p-5">
      <h2 id={headingId} className="mb-3 font-medium">
        History
      </h2>
      <ol className="space-y-2 text-sm" data-testid={testId}>
        {entries.map((e) => (
          <li key={e.id} className="border-l-2 border-slate-300 pl-3">
            <span className="text-slate-600">{minute(e.at)}</span> · <span className="font-medium">{e.actorName}</span> · {e.text}
            {e.comment ? <p className="mt-1 whitespace-pre-wrap">{e.comment}</p> : null}
          </li>
        ))}
      </ol>
      {comment ? (
        <ActionForm action={comment.action} hidden={comment.hidden} submitLabel="Add comment" label={comment.label} className="mt-4">
          <label>
            <span className="font-medium">Comment</span>
            <textarea name="comment" rows={2} className={inputClass} />
          </label>
        </ActionForm>
      ) : null}
    </section>
  );
}
