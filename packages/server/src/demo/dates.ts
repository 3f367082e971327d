/** A calendar date `days` after `date` (both YYYY-MM-DD, UTC): how the demo dates its books relative to today. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
