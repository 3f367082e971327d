import type { CalendarSpec } from '../../../engine/runtime.ts';

/**
 * Sample mainland-China calendar for 2025 and 2026 (State Council holiday notices): public holidays
 * and the make-up working days (调休) that fall on weekends. Sample data: check it against the
 * official notice before relying on it, and pass your own calendars in the evaluation context.
 */
export const cnCalendar2025to2026: CalendarSpec = Object.freeze({
  weekend: Object.freeze([0, 6]),
  holidays: Object.freeze([
    // 2025: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; National Day + Mid-Autumn
    '2025-01-01',
    '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
    '2025-04-04', '2025-04-05', '2025-04-06',
    '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
    '2025-05-31', '2025-06-01', '2025-06-02',
    '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    // 2026: New Year; Spring Festival; Qingming; Labour Day; Dragon Boat; Mid-Autumn; National Day
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ]),
  workdays: Object.freeze([
    '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
  ]),
});

/** Calendars shipped as samples, keyed by the names rules use. */
export const sampleCalendars: Readonly<Record<string, CalendarSpec>> = Object.freeze({ CN: cnCalendar2025to2026 });
