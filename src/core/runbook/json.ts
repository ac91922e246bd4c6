import { z } from 'zod';

/** Any JSON value: step inputs and outputs, journal payloads. */
export type Json = z.infer<typeof jsonSchema>;

/** Validates a JSON value (finite numbers, plain objects, arrays, strings, booleans, null). */
export const jsonSchema = z.json();
