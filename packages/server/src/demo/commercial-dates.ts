import { addDays } from './dates.ts';

/**
 * The commercial dates a demo invoice billed on `day` keeps (the semiconductor case's T0 choices): ordered two
 * weeks before billing, shipped three days before, revenue recognised on acceptance the day before; an order
 * delivered before it was billed was estimated ten days before.
 */
export const commercialDates = (day: string, o: { estimated?: boolean } = {}) => ({
  objectType: 'receivable',
  custom: {
    orderDate: addDays(day, -14),
    shipmentDate: addDays(day, -3),
    revenueDate: addDays(day, -1),
    ...(o.estimated ? { estimateDate: addDays(day, -10) } : {}),
  },
});
