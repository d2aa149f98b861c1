import { useForm, type GetInputPropsReturnType, type UseFormReturnType } from '@mantine/form';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, bodyCheckOf, type ApiRoute, type BodyCheck } from '../api';

/** Errors by the form's own paths, as @mantine/form keeps them: `participants.0.email`. */
export type FormErrors = Record<string, string>;

export interface SchemaFormOptions<Values, Body> {
  /** The route the form sends to: its body is checked with the server's own schema. */
  route: ApiRoute;
  initialValues: Values;
  /** The request body the values make (names trimmed, options left out when unset). */
  toBody: (values: Values) => Body;
  /**
   * The form path that shows a body path's error (`participants[0].phone` → `participants.0.options.phone`),
   * for values kept in another shape than the body. By default the same path, written as the form writes it.
   */
  fieldOf?: (bodyPath: string) => string;
  /** Rules the server cannot check, by form path: a password typed twice must match. */
  check?: (values: Values) => FormErrors;
}

/**
 * A form on @mantine/form checked with the server's rules: the route's schema validator, generated from
 * the same schema the server checks with (web/src/api.ts `bodyCheckOf`), runs when a changed input loses
 * the focus and before sending, and its words appear under the field they are about. A refusal the server
 * still sends is shown the same way, under its fields and in `refusal` for the form's alert.
 */
export function useSchemaForm<Values extends Record<string, unknown>, Body>(options: SchemaFormOptions<Values, Body>) {
  // Read when validating: the form's rules close over the options of the latest render, not the first.
  const latest = useRef(options);
  latest.current = options;
  /** The loaded checks, by route: a form may send to more than one (a participant added, or changed). */
  const bodyChecks = useRef(new Map<ApiRoute, BodyCheck | 'loading'>());
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();

  /** Fields checked while their route's check was still loading: checked again once it is there. */
  const checkedEarly = useRef(new Set<string>());
  const formRef = useRef<UseFormReturnType<Values> | undefined>(undefined);

  /**
   * Loads the route's check when an input first takes the focus or a field is first checked, not when
   * the form mounts: dialogs are mounted closed on pages that only read, which must not download the
   * validators. Until it is loaded, the same check still runs in `api` before anything is sent.
   */
  const loadBodyCheck = () => {
    const { route } = latest.current;
    if (bodyChecks.current.has(route)) return;
    bodyChecks.current.set(route, 'loading');
    bodyCheckOf(route).then(
      (check) => {
        bodyChecks.current.set(route, check);
        for (const path of checkedEarly.current) formRef.current?.validateField(path);
        checkedEarly.current.clear();
      },
      () => bodyChecks.current.delete(route),
    );
  };

  /** Before a field is checked: without its route's check yet, that is loaded and the field checked again then. */
  const beforeCheck = (path: string) => {
    if (typeof bodyChecks.current.get(latest.current.route) === 'function') return;
    checkedEarly.current.add(path);
    loadBodyCheck();
  };

  /** What is wrong with these values: the server's check (once loaded) and the form's own rules, by field. */
  const findErrors = (values: Values): { refused: ApiError | undefined; errors: FormErrors } => {
    const check = bodyChecks.current.get(latest.current.route);
    const refused = typeof check === 'function' ? check(latest.current.toBody(values)) : undefined;
    const errors = { ...(refused ? errorsByField(refused, latest.current.fieldOf) : {}), ...latest.current.check?.(values) };
    return { refused, errors };
  };

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validateInputOnBlur: true,
    validate: (values) => findErrors(values).errors,
    enhanceGetInputProps: ({ inputProps, field }) => {
      // Taken now: what is returned is assigned onto `inputProps`, so reading them later would call themselves.
      const { onFocus: markTouched, onBlur: checkField } = inputProps;
      return {
        onFocus: () => {
          loadBodyCheck();
          markTouched?.();
        },
        onBlur: () => {
          // A field left as it opened (focused on its own as a dialog opens, or passed through) is not
          // scolded for it: sending checks it.
          if (!formRef.current?.isDirty(String(field))) return;
          afterRelease(() => {
            beforeCheck(String(field));
            checkField?.();
          });
        },
      };
    },
  });
  formRef.current = form;
  /** A field checked by the form's own code (a file chosen, say), as an input's is when it loses the focus. */
  const validateField: typeof form.validateField = (path) => {
    beforeCheck(String(path));
    return form.validateField(path);
  };

  /**
   * The form's onSubmit: checks everything, then runs `request` with the body. Nothing is sent while a
   * field is refused; the server's refusal is also said in `refusal`, as the server would have said it.
   * A change whose body is empty (`{}`: nothing differs) calls `unchanged` instead when it is given,
   * without a request: the server takes no empty change, and there is nothing to save.
   */
  const submit =
    (request: (body: Body, values: Values) => Promise<void>, unchanged?: () => void) =>
    (event?: FormEvent): void => {
      event?.preventDefault();
      const values = form.getValues();
      if (unchanged && isEmptyChange(latest.current.toBody(values))) {
        unchanged();
        return;
      }
      const { refused, errors } = findErrors(values);
      setRefusal(refused);
      form.setErrors(errors);
      if (Object.keys(errors).length > 0) return;
      setSubmitting(true);
      request(latest.current.toBody(values), values)
        .catch((caught: unknown) => {
          setRefusal(caught);
          if (caught instanceof ApiError) form.setErrors(errorsByField(caught, latest.current.fieldOf));
        })
        .finally(() => setSubmitting(false));
    };

  /** Starts again from `values` (a dialog opened again): nothing typed, refused or touched is kept. */
  const restart = (values: Values) => {
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
    form.resetTouched();
    setRefusal(undefined);
  };

  return { form: { ...form, validateField }, submit, submitting, refusal, restart };
}

/** Whether a mouse button or a finger is down on the page (see `afterRelease`). */
let pressing = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pressing = true), { capture: true });
  for (const type of ['pointerup', 'pointercancel']) window.addEventListener(type, () => (pressing = false), { capture: true });
}

/**
 * Runs `check` now, or once the pointer is released when a press took the focus away: an input loses
 * the focus at the press, and an error appearing under it then moves the page, so the release would
 * land beside what was pressed and the click be lost (a radio, a button below the field).
 */
function afterRelease(check: () => void): void {
  if (!pressing) {
    check();
    return;
  }
  const released = new AbortController();
  const release = () => {
    released.abort();
    // After the click the release makes, which is dispatched in the same task.
    setTimeout(check);
  };
  for (const type of ['pointerup', 'pointercancel']) window.addEventListener(type, release, { capture: true, signal: released.signal });
}

/** Input props by a path not known to the form's types (a part of a list): `participants.0.email`. */
export type InputProps = GetInputPropsReturnType;

/**
 * What a part of a form (a participant's inputs, held at `participants.0` in one form and at the root
 * of another) needs of the form: paths are strings, since the part does not know the whole form's type.
 */
export interface FormPart {
  errors: Record<string, ReactNode>;
  getInputProps: (path: string, options?: { type?: 'input' | 'checkbox' }) => InputProps;
  setFieldValue: (path: string, value: unknown) => void;
  insertListItem: (path: string, item: unknown) => void;
  removeListItem: (path: string, index: number) => void;
}

/** `name` under `base`, as @mantine/form writes paths: `participants.0` + `email`; the root ('') + `email`. */
export function pathIn(base: string, name: string | number): string {
  return base ? `${base}.${name}` : String(name);
}

function isEmptyChange(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length === 0;
}

/**
 * A refusal's field errors under the form's paths: the first message per field, starting with a
 * capital (the server's are fragments, "must not be empty").
 */
export function errorsByField(refusal: ApiError, fieldOf: (bodyPath: string) => string = formPathOf): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(refusal.fieldErrors())) errors[fieldOf(path)] ??= message;
  return errors;
}

/** A body path as @mantine/form writes it: `participants[0].fields[1].page` → `participants.0.fields.1.page`. */
export function formPathOf(bodyPath: string): string {
  return bodyPath.replace(/\[(\d+)\]/g, '.$1');
}
