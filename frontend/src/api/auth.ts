// The dashboard's session: POST /api/auth/login {username, password} sets an http-only cookie (which the live
// stream's EventSource sends too), GET /api/auth/me says who it belongs to, POST /api/auth/logout ends it.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, pollEvery, type Ok } from './client';

export type Me = Ok<'/api/auth/me'>;
export type Permission = Me['permissions'][number];

export const ME_KEY = 'me';

/** Who is signed in; null when nobody is (401). Other failures (the API is down) are errors, retried. */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: [ME_KEY],
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await apiGet('/api/auth/me', {}, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    // Another component asking while the API is down must not start it over (as pending, the sign-in gate
    // would unmount the page, and with it that component); the interval asks again.
    retryOnMount: false,
    refetchInterval: pollEvery(false),
  });

export const useMe = () => useQuery(meQueryOptions());

/** Whether the signed-in user may do `permission` (false while unknown). */
export function useCan(permission: Permission): boolean {
  return useMe().data?.permissions.includes(permission) ?? false;
}

export interface Credentials {
  username: string;
  password: string;
}

/** Who is signed in now; nothing asked as someone else stays. */
function signedInAs(queryClient: QueryClient, me: Me | null) {
  queryClient.setQueryData(meQueryOptions().queryKey, me);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY });
}

/** Signing in: everything asked before (as nobody) is dropped, and the user is known at once. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => apiPost('/api/auth/login', {}, credentials),
    onSuccess: (me) => signedInAs(queryClient, me),
  });
}

/** Signing out: nothing of the session stays in the page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/api/auth/logout', {}, undefined),
    onSuccess: () => signedInAs(queryClient, null),
  });
}
