import { useState } from 'react';
import { ApiError } from '../api';

/**
 * A form that sends one request: `run` marks it busy while the request runs and keeps what went
 * wrong, with the server's message per field (`fieldErrors`, by the path its problem names).
 */
export function useFormSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (request: () => Promise<void>): Promise<void> => {
    setSubmitting(true);
    setError(undefined);
    try {
      await request();
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };
  /** Forgets the last refusal: a form opened again starts clean. */
  const reset = () => setError(undefined);
  return { submitting, error, fieldErrors: error instanceof ApiError ? error.fieldErrors() : {}, run, reset };
}
