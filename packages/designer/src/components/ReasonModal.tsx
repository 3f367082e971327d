import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './common.tsx';

/** Asks for the reason a refusing or undoing action records; OK stays disabled until one is typed. */
export function ReasonModal(p: {
  open: boolean;
  title: string;
  okText: string;
  busy: boolean;
  error?: unknown;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={p.open}
      title={p.title}
      okText={p.okText}
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: p.busy }}
      onOk={() => p.onOk(reason.trim())}
      onCancel={p.onCancel}
    >
      <Input.TextArea
        aria-label={t('match.reason')}
        placeholder={t('match.reason')}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorAlert error={p.error} />
    </Modal>
  );
}
