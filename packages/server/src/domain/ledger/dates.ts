/** Today's business date in the tenant's time zone (a posting at 00:30 in Shanghai is dated there, not in UTC). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
