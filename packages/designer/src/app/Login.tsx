import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auth } from '../api/endpoints.ts';
import { setCsrfToken } from '../api/client.ts';
import { isApiError } from '../api/problem.ts';
import { setLang, type Lang } from '../i18n/index.ts';

export function Login() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { email: string; password: string; tenant?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await auth.login(v.email, v.password, v.tenant || undefined);
      setCsrfToken(r.csrfToken);
      await qc.invalidateQueries();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <Card style={{ width: 380 }}>
        <Segmented
          aria-label={t('nav.language')}
          value={i18n.language}
          onChange={(v) => setLang(v as Lang)}
          options={[
            { label: 'English', value: 'en' },
            { label: '中文', value: 'zh' },
          ]}
          style={{ float: 'right' }}
        />
        <Typography.Title level={3}>{t('login.title')}</Typography.Title>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
        <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="tenant" label={t('login.tenant')}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('login.demo')}
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
