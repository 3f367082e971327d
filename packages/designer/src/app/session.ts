import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { auth } from '../api/endpoints.ts';
import { setCsrfToken } from '../api/client.ts';
import { isApiError } from '../api/problem.ts';
import type { Me } from '../api/types.ts';

/** Who is logged in (null when nobody): /auth/me, which also hands out the CSRF token for writes. */
export function useSession() {
  const q = useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const s = await auth.session();
        return s.authenticated ? s : null;
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  useEffect(() => setCsrfToken(q.data?.csrfToken), [q.data?.csrfToken]);
  const perms = useMemo(() => new Set(q.data?.permissions ?? []), [q.data]);
  return { me: q.data, loading: q.isLoading, error: q.error, perms, refetch: q.refetch };
}
