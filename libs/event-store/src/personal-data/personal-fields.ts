/**
 * Personal data in events follows one convention: an object that carries a
 * `personId` holds that person's name, e-mail address and phone number in
 * these fields. They are what crypto-shredding encrypts and can erase.
 */
export const PERSONAL_FIELDS = ['name', 'email', 'phone'] as const;

export interface PersonalField {
  readonly personId: string;
  /** Path of the field from the event data's root, e.g. `respondent.email`. */
  readonly path: string;
  readonly holder: Record<string, unknown>;
  readonly field: (typeof PERSONAL_FIELDS)[number];
}

/** Every personal field in `data`, found by the convention above. */
export function personalFieldsOf(data: unknown, path = ''): PersonalField[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => personalFieldsOf(item, `${path}[${i}]`));
  if (!data || typeof data !== 'object') return [];
  const holder = data as Record<string, unknown>;
  const own =
    typeof holder.personId === 'string'
      ? PERSONAL_FIELDS.filter((field) => typeof holder[field] === 'string').map((field) => ({
          personId: holder.personId as string,
          path: `${path}${path ? '.' : ''}${field}`,
          holder,
          field,
        }))
      : [];
  const nested = Object.entries(holder).flatMap(([key, value]) =>
    value && typeof value === 'object' ? personalFieldsOf(value, `${path}${path ? '.' : ''}${key}`) : [],
  );
  return [...own, ...nested];
}
