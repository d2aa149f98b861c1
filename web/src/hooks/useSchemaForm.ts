import { useForm, type GetInputPropsReturnType } from '@mantine/form';
import { useRef, useState, type FormEvent } from 'react';
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
 * the same schema the server checks with (web/src/api.ts `bodyCheckOf`), runs when an input loses the
 * focus and before sending, and its words appear under the field they are about. A refusal the server
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

  /**
   * Loads the route's check when an input first takes the focus, not when the form mounts: dialogs
   * are mounted closed on pages that only read, which must not download the validators. Until it is
   * loaded, the same check still runs in `api` before anything is sent.
   */
  const loadBodyCheck = () => {
    const { route } = latest.current;
    if (bodyChecks.current.has(route)) return;
    bodyChecks.current.set(route, 'loading');
    bodyCheckOf(route).then(
      (check) => bodyChecks.current.set(route, check),
      () => bodyChecks.current.delete(route),
    );
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
    enhanceGetInputProps: ({ inputProps }) => ({
      onFocus: () => {
        loadBodyCheck();
        inputProps.onFocus?.();
      },
    }),
  });

  /**
   * The form's onSubmit: checks everything, then runs `request` with the body. Nothing is sent while a
   * field is refused; the server's refusal is also said in `refusal`, as the server would have said it.
   */
  const submit =
    (request: (body: Body, values: Values) => Promise<void>) =>
    (event?: FormEvent): void => {
      event?.preventDefault();
      const values = form.getValues();
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

  return { form, submit, submitting, refusal, restart };
}

export type SchemaForm<Values extends Record<string, unknown>> = ReturnType<typeof useSchemaForm<Values, unknown>>['form'];

/** Input props by a path not known to the form's types (a part of a list): `participants.0.email`. */
export type InputProps = GetInputPropsReturnType;

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
