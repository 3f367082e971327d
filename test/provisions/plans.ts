/** By days past the invoice date: the first year 5 %, the second 50 %, older 100 %. */
export const byAge = {
  t0: 'documentDate',
  stages: [
    {
      id: 'age',
      type: 'aging-matrix',
      buckets: [
        { id: 'y1', to: 365, rate: '0.05' },
        { id: 'y2', from: 366, to: 730, rate: '0.5' },
        { id: 'older', from: 731, rate: '1' },
      ],
    },
  ],
};
