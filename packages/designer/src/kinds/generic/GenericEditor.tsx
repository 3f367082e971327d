import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KindEditorProps } from '../contract.ts';
import { ThreePanes } from '../../components/ThreePanes.tsx';
import { JsonPane } from '../../definitions/JsonPane.tsx';
import { ProblemList } from '../../components/common.tsx';

export default function GenericEditor(p: KindEditorProps) {
  const { t } = useTranslation();
  return (
    <ThreePanes
      id="generic"
      left={<Alert type="info" showIcon title={t('defs.genericHint')} />}
      center={<JsonPane {...p} schema={p.kind.metaSchema} />}
      right={
        p.errors.length ? <ProblemList errors={p.errors} /> : <Alert type="success" title={t('defs.noProblems')} />
      }
    />
  );
}
