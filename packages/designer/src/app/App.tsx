import { useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { router } from './router.tsx';
import { Login } from './Login.tsx';
import { useSession } from './session.ts';
import { subscribeUnauthenticated } from '../api/client.ts';
import { ErrorAlert } from '../components/common.tsx';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Gate() {
  const { me, loading, error } = useSession();
  const qc = useQueryClient();
  useEffect(() => subscribeUnauthenticated(() => qc.setQueryData(['me'], null)), [qc]);
  if (loading) return <Spin fullscreen />;
  if (error) return <ErrorAlert error={error} />;
  if (!me) return <Login />;
  return <RouterProvider router={router} />;
}

/** Providers: antd in the UI language (dayjs too), TanStack Query, the router behind the login gate. */
export function App() {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh';
  useEffect(() => void dayjs.locale(zh ? 'zh-cn' : 'en'), [zh]);
  const theme = useMemo(() => ({ token: { colorPrimary: '#1f6feb', borderRadius: 6 } }), []);
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <Gate />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
