import { useState } from 'react';
import { App, Button, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { receivableApi } from '../../api/workbench.ts';
import { ErrorAlert } from '../../components/common.tsx';

/** Undoing a settlement posts its reversal with a reason; the settlement itself is never edited. */
export function UndoSettlement(p: { settlementId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const undo = useMutation({
    mutationFn: () => receivableApi.undoSettlement(p.settlementId, reason.trim()),
    onSuccess: () => {
      setOpen(false);
      void message.success(t('rcv.undone'));
      p.onDone();
    },
  });
  return (
    <>
      <Button size="small" type="link" danger onClick={() => setOpen(true)} data-testid={`undo-${p.settlementId}`}>
        {t('rcv.undo')}
      </Button>
      <Modal
        open={open}
        title={t('rcv.undoTitle')}
        okText={t('rcv.undo')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: undo.isPending }}
        onOk={() => undo.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea
          aria-label={t('match.reason')}
          placeholder={t('match.reason')}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <ErrorAlert error={undo.error} />
      </Modal>
    </>
  );
}
