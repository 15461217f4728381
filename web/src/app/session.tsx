import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiCall, onUnauthorized, type ApiData } from '../api/client.ts';
import { queryClient } from '../api/query.ts';

/** The signed-in user as the server describes it (`GET /api/auth/me`). */
export type Me = ApiData<'get', '/api/auth/me'>;
export type UserKind = Me['kind'];

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  /** True when the last session ended because the server answered 401, not because the user signed out. */
  expired: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [expired, setExpired] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const current = await apiCall('get', '/api/auth/me');
      setMe(current);
      setStatus('authenticated');
    } catch {
      // 401 means "not signed in"; any other failure leaves the visitor anonymous too, because protected pages
      // cannot work without the server, and the login page then reports the real error when they try.
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    onUnauthorized(() => {
      // Cached answers belong to the user who asked; the next one to sign in must not see them.
      queryClient.clear();
      setMe(null);
      setStatus('anonymous');
      setExpired(true);
    });
    return () => onUnauthorized(undefined);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const signedIn = await apiCall('post', '/api/auth/login', { body: { username, password } });
    queryClient.clear();
    setMe(signedIn);
    setStatus('authenticated');
    setExpired(false);
    return signedIn;
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiCall('post', '/api/auth/logout');
    } finally {
      queryClient.clear();
      setMe(null);
      setStatus('anonymous');
      setExpired(false);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({ status, me, expired, login, logout, refresh }),
    [status, me, expired, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For pages behind `RequireAuth`: the signed-in user, never null there. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe outside an authenticated route');
  return me;
}
