import { useQuery } from '@tanstack/react-query';
import { records } from '../../api/endpoints.ts';

/** A customer's code and name, looked up once per id and cached for the session. */
export function CustomerName(p: { id: string | null }) {
  const q = useQuery({
    queryKey: ['customer', p.id],
    queryFn: () => records.customer(p.id!),
    enabled: p.id !== null,
    staleTime: Infinity,
  });
  if (!p.id) return <>—</>;
  return <>{q.data ? `${q.data.code} ${q.data.name}` : p.id.slice(0, 8)}</>;
}
