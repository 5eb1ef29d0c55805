// Small guards between client input and the database.

// C0 controls except tab and newline, DEL, and C1 controls. PostgreSQL refuses NUL in text outright,
// so without this a pasted NUL would be a 500; the rest are never meaningful in a progress report.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Plain text as we store it: Windows and old-Mac line ends become \n, control characters go. */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '')
}

export const plainTextOrNull = (value: string | null | undefined) => (value == null ? null : plainText(value))
