import { useState } from 'react';
import { App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { receivableApi } from '../../api/workbench.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';

/** Undoing a settlement posts its reversal with a reason; the settlement itself is never edited. */
export function UndoSettlement(p: { settlementId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const undo = useMutation({
    mutationFn: (reason: string) => receivableApi.undoSettlement(p.settlementId, reason),
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
      <ReasonModal
        open={open}
        title={t('rcv.undoTitle')}
        okText={t('rcv.undo')}
        busy={undo.isPending}
        error={undo.error}
        onOk={(reason) => undo.mutate(reason)}
        onCancel={() => setOpen(false)}
      />
    </>
  );
}
