import type { ErrorDetail } from '../../shared/errors.js';
import type { PageContext } from '../page-context.js';

/** Field errors by path, from an AppError's details. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrors(details: readonly ErrorDetail[] | undefined): FieldErrors {
  const out: Record<string, string> = {};
  for (const d of details ?? []) {
    const key = d.path.split('.')[0] ?? '';
    out[key] ??= d.message;
  }
  return out;
}

/** The hidden CSRF field every signed-in form carries. */
export function Csrf({ ctx }: { ctx: PageContext }): JSX.Element {
  return ctx.csrf ? <input type="hidden" name="_csrf" value={ctx.csrf} /> : '';
}

export interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly type?: 'text' | 'email' | 'password' | 'url' | 'datetime-local';
  readonly errors: FieldErrors;
  readonly hint?: string;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly maxlength?: number;
  readonly multiline?: number;
}

/** A labelled input with its hint and its error, announced to screen readers. */
export function Field(p: FieldProps): JSX.Element {
  const id = `f-${p.name}`;
  const error = p.errors[p.name];
  const describedBy =
    [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p id={`${id}-hint`} class="hint" safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      {p.multiline ? (
        <textarea
          id={id}
          name={p.name}
          rows={String(p.multiline)}
          required={p.required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
          safe
        >
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value}
          required={p.required}
          autocomplete={p.autocomplete}
          maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
      {error ? (
        <p id={`${id}-error`} class="error" role="alert" safe>
          {error}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export function FormErrorSummary({ message }: { message?: string }): JSX.Element {
  return message ? (
    <p class="form-error" role="alert" safe>
      {message}
    </p>
  ) : (
    ''
  );
}
